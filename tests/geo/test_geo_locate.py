"""Picking an event's place from the toponyms of its clause, sentence and dateline."""

from __future__ import annotations

import pytest

from sitrep.geo import Span, distance_km, locate, role_of

ACCEPTANCE = "Islamic State fighters attacked a checkpoint of a Misrata brigade at Abu Grein on Thursday"


def spans(text: str, *names: str, label: str = "GPE") -> list[Span]:
    out = []
    for name in names:
        start = text.index(name)
        out.append((name, start, start + len(name), label))
    return out


def test_acceptance_example_is_placed_at_abu_grein() -> None:
    # The small spaCy model labels both names ORG; sitrep.geo.find_toponyms recovers them.
    found = locate(spans(ACCEPTANCE, "Misrata", "Abu Grein", label="ORG"), text=ACCEPTANCE)
    assert found is not None
    p = found.place
    assert (p.name, p.country) == ("Abu Grein", "LBY")
    assert distance_km(p.lat, p.lon, 31.4, 15.2) < 25
    assert (found.role, found.level) == ("at", "clause")


@pytest.mark.parametrize(
    ("text", "names", "movement", "place"),
    [
        ("Russia moved fighters from Syria to Libya.", ("Russia", "Syria", "Libya"), True, "Libya"),
        ("Forces from Misrata shelled positions in Sirte.", ("Misrata", "Sirte"), False, "Sirte"),
        ("Fighters attacked Sirte in Libya.", ("Sirte", "Libya"), False, "Sirte"),  # a city over its country
        ("Turkish drones struck al-Watiya air base in western Libya.", ("al-Watiya air base", "Libya"), False,
         "al-Watiya air base"),
        ("The Tripoli government condemned the strike in Zawiya.", ("Tripoli", "Zawiya"), False, "Zawiya"),
        ("Fighting continued in eastern Libya.", ("Libya",), False, "Cyrenaica"),
        ("Clashes erupted in Tripoli in northern Lebanon.", ("Tripoli", "Lebanon"), False, "Tripoli"),
    ],
)
def test_choice_within_a_clause(text: str, names: tuple[str, ...], movement: bool, place: str) -> None:
    found = locate(spans(text, *names), text=text, movement=movement)
    assert found is not None and found.place.name == place


def test_lebanese_tripoli_by_hint() -> None:
    text = "Clashes erupted in Tripoli in northern Lebanon."
    found = locate(spans(text, "Tripoli", "Lebanon"), text=text)
    assert found is not None and found.place.country == "LBN"


def test_falls_back_to_sentence_then_dateline() -> None:
    text = "BENGHAZI, Libya - In Derna, residents said the militia withdrew."
    dateline = spans(text, "BENGHAZI", "Libya")
    assert locate([], text=text, sentence=spans(text, "Derna"), dateline=dateline).place.name == "Derna"  # type: ignore[union-attr]
    found = locate([], text=text, sentence=[], dateline=dateline)
    assert found is not None and (found.place.name, found.level) == ("Benghazi", "dateline")


def test_unresolvable_toponyms_give_none() -> None:
    text = "Haftar met Sarraj."
    assert locate(spans(text, "Haftar", "Sarraj"), text=text) is None
    assert locate([]) is None


def test_without_text_every_toponym_is_a_mention() -> None:
    found = locate([("Misrata", 0, 7, "GPE"), ("Libya", 20, 25, "GPE")])
    assert found is not None and (found.place.name, found.role) == ("Misrata", "mention")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("They fought in Sirte.", "Sirte", "at"),
        ("They fought near the city of Sirte.", "Sirte", "at"),
        ("Planes flew to Benghazi.", "Benghazi", "destination"),
        ("Planes flew from Hmeimim.", "Hmeimim", "origin"),
        ("They fired from positions in Tarhuna.", "Tarhuna", "origin"),
        ("A Misrata brigade advanced.", "Misrata", "modifier"),
        ("Benghazi-based forces advanced.", "Benghazi", "modifier"),
        ("Jets flew via Crete.", "Crete", "mention"),
        ("Libya's oil output fell.", "Libya", "mention"),
    ],
)
def test_roles(text: str, name: str, role: str) -> None:
    start = text.index(name)
    assert role_of(text, start, start + len(name)) == role
