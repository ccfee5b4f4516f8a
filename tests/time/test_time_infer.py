"""Dating from content (sitrep.time.clues, tenures, infer): general rules, not sentences."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.time import TenureWindow
from sitrep.time.clues import Constraint, year_constraints
from sitrep.time.infer import infer, solve

TODAY = date(2026, 11, 24)


def W(label: str, start: str, end: str | None, current: bool = True) -> TenureWindow:
    return TenureWindow(label, date.fromisoformat(start), date.fromisoformat(end) if end else None, current)


KERRY = W("John Kerry as USA.foreign_minister", "2013-02-01", "2017-01-20")
GENTILONI = W("Paolo Gentiloni as ITA.foreign_minister", "2014-10-31", "2016-12-12")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # "N years ago" next to a datable event counts calendar years from it.
        ("It is six years since NATO's intervention in Libya.", "2017"),
        ("The overthrow of Muammar Gaddafi five years ago left a vacuum.", "2016"),
        ("A decade after NATO's intervention in Libya, the country is divided.", "2021"),
        ("Crowds marked the tenth anniversary of the February 17 revolution.", "2021"),
        ("Survivors of last year's Derna flood are still waiting.", "2024"),
        ("Two years after Haftar launched his offensive on Tripoli, mines remain.", "2021"),
        # A year and "N years ago" in one sentence, without an event.
        ("In 2011, five years ago, the rebels took Tripoli.", "2016"),
        # A datable event alone bounds below; with nothing above, its year is the estimate.
        ("The Derna flood destroyed a quarter of the city.", "2023"),
        ("Since the fall of Bashar al-Assad, Moscow looks to Libya.", "2024"),
        # An organisation's founding is not news: the range spreads after it.
        ("The High Negotiations Committee walked out of the talks.", "2016"),
        ("The COVID-19 pandemic hit Libya's hospitals.", "2020"),
        # Membership counts hold only for a period.
        ("The 29-member alliance met in Brussels.", "2018"),
    ],
)
def test_year_from_content(text: str, year: str) -> None:
    got = infer(text, today=TODAY)
    assert got.value is not None and got.value[:4] == year, got.evidence


def test_a_weekday_next_to_an_event_puts_the_article_days_after_it() -> None:
    got = infer("The Berlin conference on Libya opened on Sunday with eleven countries.", today=TODAY)
    assert (got.earliest, got.value, got.precision) == (date(2020, 1, 19), "2020-01", "month")
    assert got.latest is not None and (got.latest - got.earliest).days <= 10


def test_an_event_ahead_bounds_above() -> None:
    got = infer(
        "Diplomats prepared for the Berlin conference on Libya, which is scheduled for later this month.",
        today=TODAY,
    )
    assert got.latest == date(2020, 1, 19) and got.earliest is None
    ahead = infer("Ministers met ahead of the Palermo conference on Libya.", today=TODAY)
    assert ahead.latest == date(2018, 11, 12)


def test_weekdays_alone_never_give_a_year() -> None:
    assert infer("Talks were held in Rome on Tuesday and resumed on Friday.", today=TODAY).value is None


def test_the_first_since_trump_took_office_uses_the_occurrence_that_fits() -> None:
    text = "It was the first summit since Donald Trump got to the White House."
    mattis = W("James Mattis as USA.defence_minister", "2017-01-20", "2019-01-01")
    assert infer(text, [mattis], TODAY).earliest == date(2017, 1, 20)
    later = W("Marco Rubio as USA.foreign_minister", "2025-01-21", None)
    assert infer(text, [later], TODAY).earliest == date(2025, 1, 21)


@pytest.mark.parametrize(
    ("text", "past", "ahead"),
    [
        ("Since 2014 the country has had two governments.", 2014, None),
        ("The 2011 uprising and the 2014 split shaped it.", 2014, None),
        ("Elections planned for 2025 were postponed; the split of 2014 remains.", 2014, 2025),
        ("UN resolution 2259 endorsed the deal.", None, None),
        ("Some 2015 migrants and 2016 fighters were counted.", None, None),
        ("The budget of $2016 million was approved.", None, None),
    ],
)
def test_years_in_the_text(text: str, past: int | None, ahead: int | None) -> None:
    constraints = year_constraints(text, TODAY)
    lower = [c.earliest.year for c in constraints if c.earliest]
    upper = [c.latest.year for c in constraints if c.latest]
    assert lower == ([past] if past else [])
    assert upper == ([ahead] if ahead else [])


def test_a_year_after_today_is_ahead() -> None:
    constraints = year_constraints("The 2030 vision was presented.", date(2020, 1, 1))
    assert [(c.earliest, c.latest) for c in constraints] == [(None, date(2030, 12, 31))]


def test_current_office_holders_bound_both_sides() -> None:
    got = infer("Ministers met in Rome.", [KERRY, GENTILONI], TODAY)
    assert (got.earliest, got.content_latest) == (date(2014, 10, 31), date(2016, 12, 12))
    assert got.precision == "year"


def test_a_named_former_holder_only_bounds_below_and_weakly() -> None:
    former = W("John Kerry as USA.foreign_minister", "2013-02-01", "2017-01-20", current=False)
    got = infer("Ministers met in Rome.", [former], TODAY)
    assert got.earliest == date(2013, 2, 1) and got.content_latest is None


def test_one_wrong_window_is_outvoted_by_agreeing_clues() -> None:
    wrong = W("Dmitry Medvedev as RUS.head_of_state", "2008-05-07", "2012-05-07")
    agreeing = [
        W("Giuseppe Conte as ITA.head_of_government", "2018-06-01", "2021-02-13"),
        W("Jean-Yves Le Drian as FRA.foreign_minister", "2017-05-17", "2022-05-20"),
        W("Fayez al-Sarraj as LBY-GNA.head_of_government", "2015-12-17", "2021-03-15"),
    ]
    got = infer("Leaders met in Palermo.", [wrong, *agreeing], TODAY)
    assert got.earliest == date(2018, 6, 1)
    assert any(e.startswith("ignored, conflicts: Dmitry Medvedev") for e in got.evidence)


def test_the_same_office_twice_is_one_clue_with_alternatives() -> None:
    terms = [
        W("Donald Trump as USA.head_of_state", "2017-01-20", "2021-01-20"),
        W("Donald Trump as USA.head_of_state", "2025-01-20", None),
    ]
    got = infer("The Derna flood was discussed.", terms, TODAY)  # 2023: between the terms
    assert got.value == "2025"
    assert infer("The liberation of Mosul was celebrated.", terms, TODAY).value == "2017"


def test_a_recent_appointment_puts_the_article_soon_after_the_tenure_began() -> None:
    salame = W("Ghassan Salamé as UN.envoy_libya", "2017-07-01", "2020-03-02")
    text = "Ghassan Salamé, appointed UN envoy for Libya last month, attended the talks."
    got = infer(text, [salame], TODAY)
    assert (got.earliest, got.value) == (date(2017, 7, 1), "2017")
    assert got.latest is not None and got.latest <= date(2017, 9, 1)
    last_year = infer("Salamé, appointed envoy last year, said the vote was near.", [salame], TODAY)
    assert last_year.value == "2018"
    other = infer("Ghassan Salamé met the new prime minister on Tuesday.", [salame], TODAY)
    assert other.content_latest == date(2020, 3, 2)  # "new" is someone else's office


@pytest.mark.parametrize(
    ("lo", "hi", "year"),
    [
        ("2015-12-10", "2016-12-12", "2016"),  # short range: the year holding most of it
        ("2017-01-20", "2021-01-20", "2017"),  # long range: near the lower bound
        ("2016-12-20", "2018-06-01", "2017"),  # a lower bound late in its year moves on
    ],
)
def test_estimate_inside_a_range(lo: str, hi: str, year: str) -> None:
    got = solve([Constraint(date.fromisoformat(lo), date.fromisoformat(hi), 0.9, "range")])
    assert got.value == year and got.precision == "year"
    assert 0 < got.confidence <= 0.8


def test_confidence_falls_as_the_range_widens() -> None:
    narrow = solve([Constraint(date(2016, 1, 1), date(2016, 6, 30), 0.9, "narrow")])
    wide = solve([Constraint(date(2012, 1, 1), date(2020, 6, 30), 0.9, "wide")])
    assert narrow.confidence > wide.confidence
