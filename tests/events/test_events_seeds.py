"""The events a careful coder lists for the five seed reports, at the level of states and
organisations, come out -- and what the reports say did not happen is not asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.engines.local import analyse
from sitrep.ingest import read_path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def events(seeds_dir: Path) -> dict[str, list[dict]]:
    docs = [r for f in sorted(seeds_dir.glob("*.txt")) for r in read_path(f)]
    return {a.article.source.doc[:3]: list(a.events) for a in analyse(docs)}


@pytest.mark.parametrize("seed, etype, source, target", [
    ("000", "THREATEN", "USA", "NATO"),   # Mattis's veiled threat
    ("000", "REQUEST", "LBY", "NATO"),    # the request received from the Libyan government
    ("000", "ASSAULT", "USA", "ISIS"),    # US airstrikes on Isis
    ("001", "REJECT", "GCDI", None),      # the coalition ruled out intervention
    ("002", "REQUEST", "USA", "NATO"),    # Trump's demand
    ("002", "CONSULT", "USA", "NATO"),    # the Trump-Stoltenberg phone call
    ("003", "MOBILIZE", "RUS", "LBY"),    # assets moved to Libya
    ("003", "ACCUSE", "ITA", "RUS"),      # Italy's concern at Russia's moves
    ("004", "ASSAULT", "ISIS", "EGY"),    # the beheading of 21 Egyptian Copts
    ("004", "REQUEST", "ITA", "LBY"),     # Italy's call for action on Libya
])
def test_seed_events_are_found_and_asserted(events: dict, seed: str, etype: str, source: str, target: str | None) -> None:
    found = [e for e in events[seed] if e["type"] == etype and e["source_code"] == source
             and (target is None or e["target_code"] == target) and e["modality"] == "asserted"]
    assert found, [(e["type"], e["source_code"], e["target_code"], e["modality"]) for e in events[seed]]


def test_compound_callers_each_get_a_request(events: dict) -> None:
    callers = {e["source_code"] for e in events["004"] if e["type"] == "REQUEST" and e["target_code"] == "LBY"}
    assert {"ITA", "USA", "FRA", "DEU", "ESP", "GBR"} <= callers


@pytest.mark.parametrize("seed, etype, source", [
    ("001", "ASSAULT", "GCDI"),   # intervention ruled out
    ("002", "MOBILIZE", "NATO"),  # Nato is unlikely to deploy extra combat troops
])
def test_what_did_not_happen_is_not_asserted(events: dict, seed: str, etype: str, source: str) -> None:
    assert not [e for e in events[seed] if e["type"] == etype and e["source_code"] == source and e["modality"] == "asserted"]


def test_the_overthrow_of_gaddafi_is_history(events: dict) -> None:
    old = [e for e in events["000"] if e["type"] == "ASSAULT" and e["source_code"] == "NATO"]
    assert old and all(e["modality"] == "historical" and e["date"] == "2011" for e in old)


def test_events_carry_evidence_offsets_and_codes(events: dict, seeds_dir: Path) -> None:
    for seed, rows in events.items():
        for e in rows:
            assert e["quote"] and e["start"] < e["end"]
            assert e["cameo"] and -10 <= e["intensity"] <= 10 and 0 < e["confidence"] <= 1


def test_a_weekday_in_a_dated_report_and_a_small_place() -> None:
    """Published Sunday 8 May 2016: 'on Thursday' is 5 May; Abu Grein is west of Sirte."""
    from sitrep.models import RawDocument, Source

    doc = RawDocument(Source("t", "t", "txt"), "Islamic State fighters attacked a checkpoint of a Misrata brigade "
                      "at Abu Grein on Thursday, a military spokesman said.", title="Attack near Sirte", published="2016-05-08")
    [a] = analyse([doc])
    [e] = [e for e in a.events if e["type"] == "ASSAULT"]
    assert (e["source_code"], e["date"], e["date_precision"], e["modality"]) == ("ISIS", "2016-05-05", "day", "asserted")
    assert e["location_name"] == "Abu Grein" and abs(e["lat"] - 31.4) < 0.2 and abs(e["lon"] - 15.2) < 0.2
