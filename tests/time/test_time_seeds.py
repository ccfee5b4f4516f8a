"""The acceptance bar: the five undated seed reports get the right year from content alone.

The tenure windows stand in for the actors stage (people the texts present as office holders,
dates from src/sitrep/actors/data/people.yaml). "brief" is the minimal set the product brief
names; "wider" adds the other office holders the texts name, as the actors stage would.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.time import TenureWindow, date_article

TODAY = date(2026, 11, 24)


def W(label: str, start: str, end: str | None, current: bool = True) -> TenureWindow:
    return TenureWindow(label, date.fromisoformat(start), date.fromisoformat(end) if end else None, current)


KERRY = W("John Kerry as USA.foreign_minister", "2013-02-01", "2017-01-20")
GENTILONI = W("Paolo Gentiloni as ITA.foreign_minister", "2014-10-31", "2016-12-12")
STOLTENBERG = W("Jens Stoltenberg as NATO.secretary_general", "2014-10-01", "2024-10-01")
TRUMP_1 = W("Donald Trump as USA.head_of_state", "2017-01-20", "2021-01-20")
TRUMP_2 = W("Donald Trump as USA.head_of_state", "2025-01-20", None)
SARRAJ = W("Fayez al-Sarraj as LBY-GNA.head_of_government", "2015-12-17", "2021-03-15")
HAFTAR = W("Khalifa Haftar as LBY-LNA.military_commander", "2014-05-16", None)

SEEDS = {
    "000_ecee9c74c1570eda.txt": (
        2017,
        [W("James Mattis as USA.defence_minister", "2017-01-20", "2019-01-01")],
        [
            W("James Mattis as USA.defence_minister", "2017-01-20", "2019-01-01"),
            STOLTENBERG,
            TRUMP_1,
            TRUMP_2,
            SARRAJ,
            W("Michael Flynn as USA.national_security_advisor", "2017-01-20", "2017-02-13", current=False),
            W("Vladimir Putin as RUS.head_of_state", "2012-05-07", None),
        ],
    ),
    "001_5494746a07eb13ec.txt": (
        2016,
        [KERRY, GENTILONI],
        [
            KERRY,
            GENTILONI,
            W("Roberta Pinotti as ITA.defence_minister", "2014-02-22", "2018-06-01"),
            W("Laurent Fabius as FRA.foreign_minister", "2012-05-16", "2016-02-11"),
            W("Staffan de Mistura as UN.envoy_syria", "2014-07-10", "2018-12-31"),
        ],
    ),
    "002_d10c9876fc244274.txt": (2020, [STOLTENBERG, TRUMP_1], [STOLTENBERG, TRUMP_1, TRUMP_2]),
    "003_131200fdd3cc008a.txt": (
        2024,
        [W("Guido Crosetto as ITA.defence_minister", "2022-10-22", None)],
        [W("Guido Crosetto as ITA.defence_minister", "2022-10-22", None), HAFTAR],
    ),
    "004_11cd5565bb2873e4.txt": (
        2015,
        [KERRY, GENTILONI],
        [
            KERRY,
            GENTILONI,
            W("Muammar Gaddafi as LBY.head_of_state", "1969-09-01", "2011-10-20", current=False),
        ],
    ),
}


@pytest.mark.seeds
@pytest.mark.parametrize("which", ["brief", "wider", "none"])
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_year(seeds_dir: Path, name: str, which: str) -> None:
    year, brief, wider = SEEDS[name]
    windows = {"brief": brief, "wider": wider, "none": []}[which]
    got = date_article((seeds_dir / name).read_text("utf-8"), windows=windows, today=TODAY)
    assert got.method == "inferred"
    assert got.value is not None and got.value[:4] == str(year), got.evidence
    assert got.earliest is not None and got.earliest.year <= year
    assert got.evidence and 0 < got.confidence <= 0.8
