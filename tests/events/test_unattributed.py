"""Crowds and unidentified attackers: coded to the country where they acted, or not at all."""

from __future__ import annotations

import pytest

from sitrep.engines.local import analyse
from sitrep.models import RawDocument, Source


def _events(text: str) -> list[dict]:
    doc = RawDocument(Source("t", "t", "txt"), text, title="Test")
    (a,) = analyse([doc])
    return list(a.events)


@pytest.mark.parametrize(("text", "etype", "code", "sector"), [
    ("A roadside bomb near the town of Tikrit killed four police officers on Tuesday.", "ASSAULT", "IRQ", "UAF"),
    ("Two aid workers were shot dead in Kandahar on Friday, provincial officials said.", "ASSAULT", "AFG", "UAF"),
    ("Thousands of students in Dhaka demonstrated against the new election law.", "PROTEST", "BGD", "CVL"),
    ("Hundreds of workers throughout Nigeria went on strike over fuel prices.", "PROTEST", "NGA", "CVL"),
])
def test_described_actor_gets_the_country_of_the_place(text: str, etype: str, code: str, sector: str) -> None:
    found = [e for e in _events(text) if e["type"] == etype]
    assert found, _events(text)
    assert (found[0]["source_code"], found[0]["source_sector"]) == (code, sector)
    if sector == "UAF":
        assert found[0]["confidence"] <= 0.6  # an attacker known only by the place is less certain


@pytest.mark.parametrize("text", [
    # The attack is attributed in the sentence before: the deaths are its toll, not a second attack.
    "Islamic State fighters stormed the village of Sultan on Monday. Six villagers were killed.",
    # A definite attack is one the text has attributed elsewhere.
    "The raids hit weapons depots near Derna, the ministry said.",
    # A noun alone is no report of harm.
    "Nothing could excuse such an attack in Benghazi, she said.",
    # No place: nothing to code the actor by.
    "Three people were killed on Sunday, the police said.",
])
def test_no_unidentified_actor_without_a_fresh_placed_report(text: str) -> None:
    assert not [e for e in _events(text) if e["source_sector"] == "UAF"], _events(text)


def test_crowd_placed_by_its_own_phrase_is_people_not_government() -> None:
    events = _events("Tens of thousands of students throughout Kenya staged demonstrations on Saturday.")
    protests = [e for e in events if e["type"] == "PROTEST"]
    assert protests and protests[0]["source_code"] == "KEN" and protests[0]["source_sector"] == "CVL"
    assert not [e for e in events if e["type"] == "ACCUSE"]  # a crowd's protest is no diplomatic protest


def test_an_ethnic_group_is_coded_by_the_state_it_acts_in() -> None:
    events = _events("About 200 ethnic Hungarians demonstrated in Bratislava on Sunday against the new language law.")
    protests = [e for e in events if e["type"] == "PROTEST"]
    assert protests and protests[0]["source_code"] == "SVK", events


def test_a_people_named_by_its_state_keeps_it_without_the_word_ethnic() -> None:
    events = _events("Hungarian protesters demonstrated in Bratislava on Sunday.")
    protests = [e for e in events if e["type"] == "PROTEST"]
    assert protests and protests[0]["source_code"] == "HUN", events
