"""On the five seed reports, every named person comes out with the right principal, and no junk."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.engines.local import analyse
from sitrep.ingest import read_path

pytestmark = pytest.mark.slow

PEOPLE = {
    "Donald Trump": "USA", "Vladimir Putin": "RUS", "Jim Mattis": "USA", "Michael Flynn": "USA",
    "Jens Stoltenberg": "NATO", "Fayez al-Sarraj": "LBY", "Khalifa Haftar": "LBY", "John Kerry": "USA",
    "Roberta Pinotti": "ITA", "Paolo Gentiloni": "ITA", "Guido Crosetto": "ITA", "Laurent Fabius": "FRA",
    "Staffan de Mistura": "UN", "Bashar al-Jaafari": "SYR",
}
JUNK = {"Connecting", "Log", "Logo", "Google+", "Change", "Leave", "Reply", "Twitter", "Facebook", "Up"}


@pytest.fixture(scope="module")
def mentions(seeds_dir: Path) -> list:
    docs = [r for f in sorted(seeds_dir.glob("*.txt")) for r in read_path(f)]
    return [m for a in analyse(docs) for m in a.work["mentions"]]


@pytest.mark.parametrize("name, code", sorted(PEOPLE.items()))
def test_named_people_have_their_principal(mentions: list, name: str, code: str) -> None:
    codes = {m.actor.code for m in mentions if m.actor.name == name}
    assert codes == {code}, (name, codes)


def test_no_junk_actor(mentions: list) -> None:
    names = {m.actor.name for m in mentions}
    assert not names & JUNK
    assert not any(any("\u0400" <= ch <= "\u04ff" for ch in n) for n in names)  # no Cyrillic entities
