"""The report window: dates as days, the previous period, and errors that name the parameter."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.query.report import ReportError, Scope, parse_day


@pytest.mark.parametrize("text, end, day", [
    ("2024", False, date(2024, 1, 1)), ("2024", True, date(2024, 12, 31)),
    ("2024-02", True, date(2024, 2, 29)), ("2023-02", True, date(2023, 2, 28)),
    ("2024-02-10", True, date(2024, 2, 10)), (None, True, None),
])
def test_parse_day(text: str | None, end: bool, day: date | None) -> None:
    assert parse_day(text, end) == day


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "24", "2024/01/01", "yesterday"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(ReportError) as e:
        parse_day(text, end=False)
    assert e.value.param == "since"


@pytest.mark.parametrize("since, until, prev_since, prev_until", [
    (date(2024, 1, 1), date(2024, 12, 31), date(2023, 1, 1), date(2023, 12, 31)),  # whole years
    (date(2019, 1, 1), date(2024, 12, 31), date(2013, 1, 1), date(2018, 12, 31)),
    (date(2024, 3, 1), date(2024, 4, 30), date(2024, 1, 1), date(2024, 2, 29)),  # whole months
    (date(2024, 3, 10), date(2024, 3, 19), date(2024, 2, 29), date(2024, 3, 9)),  # days
])
def test_previous_period_has_the_same_length_and_ends_the_day_before(since: date, until: date, prev_since: date,
                                                                      prev_until: date) -> None:
    p = Scope(since, until).previous()
    assert (p.since, p.until) == (prev_since, prev_until)
