"""Sentences from the type/mode templates: every PLOVER type and mode has one, and the grammar holds."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from sitrep.report.phrases import name, phrases, sentence, support, where


def ontology() -> dict:
    return yaml.safe_load(resources.files("sitrep.events").joinpath("data").joinpath("plover.yaml").read_text("utf-8"))


def test_every_type_and_mode_has_a_template_pair() -> None:
    types = phrases()["types"]
    for t, spec in ontology()["types"].items():
        assert t in types, t
        for mode in ["_", *spec["modes"]]:
            pair = types[t].get(mode)
            assert pair and len(pair) == 2, (t, mode)
            with_target, alone = pair
            assert with_target.startswith("{s} ") and "{t}" in with_target, (t, mode)
            assert alone.startswith("{s} ") and "{t}" not in alone, (t, mode)
            for template in pair:  # exactly one verb, written past|base
                assert sum("|" in w for w in template.split()) == 1, template


def cluster(**kw: object) -> dict:
    base = {"type": "ASSAULT", "mode": None, "modality": "asserted", "source_name": "Russia", "source_actor_id": "r",
            "target_name": "Khalifa Haftar", "target_actor_id": "h", "place": None, "articles": 1, "outlets": 1}
    return {**base, **kw}


KINDS = {"r": "state", "h": "person", "u": "state", "un": "international organisation", "eg": "government body"}


@pytest.mark.parametrize("modality, expected", [
    ("asserted", "Russia attacked Khalifa Haftar"),
    ("historical", "Russia attacked Khalifa Haftar"),
    ("negated", "Russia did not attack Khalifa Haftar"),
    ("hypothetical", "Russia might attack Khalifa Haftar"),
    ("future", "Russia was expected to attack Khalifa Haftar"),
])
def test_modality_bends_the_verb(modality: str, expected: str) -> None:
    assert sentence(cluster(modality=modality), KINDS) == expected


def test_modes_places_and_missing_parties() -> None:
    c = cluster(type="MOBILIZE", mode="weapons", target_name="Libya", target_actor_id="l",
                place={"name": "Tobruk", "precision": "city"})
    assert sentence(c, {**KINDS, "l": "state"}) == "Russia moved weapons towards Libya in Tobruk"
    c = cluster(type="ASSAULT", mode="aerial", source_name="United States", source_actor_id="u", target_name=None,
                target_actor_id=None, place={"name": "al-Watiya air base", "precision": "facility"})
    assert sentence(c, KINDS) == "The United States carried out air strikes at the al-Watiya air base"
    c = cluster(source_name=None, source_actor_id=None, place={"name": "central Mediterranean", "precision": "region"})
    assert sentence(c, KINDS) == "Unidentified actors attacked Khalifa Haftar in the central Mediterranean"
    # A place the sentence already names is not repeated.
    assert sentence(cluster(place={"name": "Russia", "precision": "country"}), KINDS) == "Russia attacked Khalifa Haftar"


@pytest.mark.parametrize("text, kind, said", [
    ("United States", "state", "the United States"),
    ("Egypt", "state", "Egypt"),
    ("United Nations", "international organisation", "the United Nations"),
    ("NATO", "international organisation", "NATO"),
    ("Khalifa Haftar", "person", "Khalifa Haftar"),
    ("Egypt (government)", "government body", "the government of Egypt"),
    ("EU (government)", "government body", "the government of the EU"),
    ("Libya (civilians)", "other", "civilians in Libya"),
    ("Élysée (French presidency)", "government body", "the French presidency"),
    ("Libya Dawn", "armed non-state group", "Libya Dawn"),
    ("Wagner Group", "armed non-state group", "the Wagner Group"),
])
def test_names_take_the_right_article(text: str, kind: str, said: str) -> None:
    assert name(text, kind) == said


def test_support_counts_have_their_grammar() -> None:
    assert support({"articles": 1, "outlets": 1}) == "1 report, 1 outlet"
    assert support({"articles": 3, "outlets": 2}) == "3 reports, 2 outlets"
    assert support({"articles": 2, "outlets": 0}) == "2 reports, outlet unknown"


def test_where_prepositions() -> None:
    assert where("Tripoli", "city") == "in Tripoli"
    assert where("Mediterranean", "region") == "in the Mediterranean"
    assert where("White House", "facility") == "at the White House"
