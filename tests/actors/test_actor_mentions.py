"""Actor mentions in context: principals at the article's date, titles, coreference, no junk."""

from __future__ import annotations

import pytest

from sitrep.actors.extract import fuzzy_person
from sitrep.actors.kb import load_kb
from sitrep.engines.local import analyse
from sitrep.models import RawDocument, Source

pytestmark = pytest.mark.slow


def mentions(text: str, published: str) -> list[tuple[str, str, str | None]]:
    doc = RawDocument(Source("t", "t", "txt"), text, title="Test report", published=published)
    [a] = analyse([doc])
    return [(m.text, m.actor.name, m.actor.code) for m in a.work["mentions"]]


@pytest.mark.parametrize("text, published, expected", [
    ("The US president met Italy's defence minister in Rome on Monday.", "2015-06-01",
     [("Barack Obama", "USA"), ("Roberta Pinotti", "ITA")]),
    ("The US president met Italy's defence minister in Rome on Monday.", "2024-06-01",
     [("Joe Biden", "USA"), ("Guido Crosetto", "ITA")]),
    ("Jens Stoltenberg, Nato's secretary-general, spoke to reporters. Mr Stoltenberg said the alliance was ready.",
     "2017-02-16", [("Jens Stoltenberg", "NATO")]),
    ("Fayez Serraj and Moammar Qaddafi were named in the report.", "2017-02-16",
     [("Fayez al-Sarraj", "LBY"), ("Muammar Gaddafi", "LBY")]),
])
def test_people_resolve_to_holders_and_principals(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    got = {(name, code) for _, name, code in mentions(text, published)}
    assert set(expected) <= got


def test_an_unknown_person_gets_the_principal_their_title_gives() -> None:
    got = mentions("Claudia Major, a defence analyst at the German Institute for International and Security Affairs, "
                   "said she expected Nato to come up with a diplomatic formula.", "2020-01-10")
    assert ("Claudia Major", "Claudia Major", "DEU") in got


@pytest.mark.parametrize("text", [
    "Fighting spread from Misrata towards Sirte and Tartus on Sunday, residents said.",
    "Celebratory gunfire was heard across Misrata and Sabha late on Sunday, residents said.",
])
def test_places_and_interface_words_are_not_actors(text: str) -> None:
    names = {name for _, name, _ in mentions(text, "2019-04-08")}
    assert not names & {"Misrata", "Sirte", "Tartus", "Sabha", "Celebratory"}


def test_fuzzy_matching_is_strict() -> None:
    kb = load_kb()
    assert fuzzy_person(kb, "Khalifa Hifter").name == "Khalifa Haftar"
    assert fuzzy_person(kb, "Claudia Major") is None
    assert fuzzy_person(kb, "Haftar") is None  # one word is never enough
