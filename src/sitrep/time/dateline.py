"""Step 2 of the cascade: a publication date written at the top of the text.

Recognised, in order of trust:

1. a labelled date near the top: "Published: 12 May 2016", "Posted on 3 March 2020" (an
   "Updated ..." label is used only when nothing else is found: it postdates publication);
2. an agency dateline opening a line: "TRIPOLI, March 3 (Reuters) -",
   "BENGHAZI, Libya, 12 May 2016 —", "March 3 (Reuters) -";
3. a line that starts with a full date: "Tuesday 4 April 2019 | ...", or is one.

A dateline without a year ("March 3") is returned as month and day; the caller takes the year
from the content (step 3). A weekday written with the date must agree with it, or the date is
trusted less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.time.lexicon import DAY, FULL_DATE, MON, WDAY, month_number, parse_full_date, weekday_number

TOP_CHARS = 1500  # a publication line sits above the story: a date further down is the story's
MIN_YEAR = 1990

_DATE = rf"(?:(?P<wd>{WDAY}),?\s+)?(?:(?P<full>{FULL_DATE})|(?P<md>{MON}\s+{DAY}|{DAY}\s+{MON}))"
_AGENCY = r"\((?:[A-Z][\w.&' -]{1,30})\)"
_DASH = r"[-—–:|]"
_LABELLED = re.compile(
    rf"(?P<label>(?i:first published|published|posted|publication date|date|dated|last updated|updated))"
    rf"(?:\s+(?i:on|at))?\s*[:\-–]?\s*(?:(?P<wd>{WDAY}),?\s+)?(?P<full>{FULL_DATE})"
)
_AGENCY_LINE = re.compile(
    rf"^[ \t]*(?:[A-Z][A-Za-z’'.\-]*(?:[ \t]+[A-Za-z’'.\-]+){{0,3}},[ \t]*(?:[A-Z][A-Za-z’'.\- ]{{1,30}},[ \t]*){{0,2}})?"
    rf"{_DATE}[ \t]*(?P<agency>{_AGENCY})?[ \t]*{_DASH}",
    re.M,
)
_DATE_LINE = re.compile(
    rf"^[ \t]*(?:(?P<wd>{WDAY}),?\s+)?(?P<full>{FULL_DATE})[ \t]*(?:[|•·—–-]|\d{{1,2}}[:.]\d\d|$)", re.M
)


@dataclass(frozen=True)
class DatelineHit:
    """A date found at the top: a full ``day``, or ``month``/``dom`` when the year is missing."""

    day: date | None
    month: int | None
    dom: int | None
    weekday: int | None
    how: str
    text: str
    weekday_ok: bool | None = None


def find_dateline(text: str, today: date | None = None) -> DatelineHit | None:
    """The publication date written at the top of ``text``, if any."""
    top = text[:TOP_CHARS]
    updated = None
    for m in _LABELLED.finditer(top):
        hit = _full_hit(m, f"labelled “{m.group('label')}”", today)
        if hit is None:
            continue
        if "updated" in m.group("label").lower():
            updated = updated or hit
        else:
            return hit
    for m in _AGENCY_LINE.finditer(top):
        if m.group("full"):
            hit = _full_hit(m, "dateline", today)
        else:
            hit = _month_day_hit(m)
        if hit is not None:
            return hit
    for m in _DATE_LINE.finditer(top):
        hit = _full_hit(m, "date line", today)
        if hit is not None:
            return hit
    return updated


def year_for(hit: DatelineHit, earliest: date | None, latest: date | None) -> date | None:
    """The date of a yearless dateline: its first occurrence inside the inferred range.

    The first, because the inferred date is likeliest just after the range's lower bound
    (``sitrep.time.infer``). A weekday written with it must agree.
    """
    if hit.month is None or hit.dom is None or earliest is None:
        return None
    hi = latest or date(earliest.year + 30, 12, 31)
    for year in range(earliest.year, hi.year + 1):
        try:
            day = date(year, hit.month, hit.dom)
        except ValueError:
            continue
        if earliest <= day <= hi and (hit.weekday is None or day.weekday() == hit.weekday):
            return day
    return None


def _full_hit(m: re.Match[str], how: str, today: date | None) -> DatelineHit | None:
    day = parse_full_date(m.group("full"))
    if day is None or day.year < MIN_YEAR or (today is not None and day > today + timedelta(days=1)):
        return None
    weekday = weekday_number(m.group("wd")) if m.group("wd") else None
    embedded = re.match(r"\s*([A-Z][a-z]+day)\b", m.group("full"))
    if weekday is None and embedded:
        weekday = weekday_number(embedded.group(1))
    ok = None if weekday is None else day.weekday() == weekday
    return DatelineHit(day, None, None, weekday, how, m.group(0).strip(), ok)


def _month_day_hit(m: re.Match[str]) -> DatelineHit | None:
    md = m.group("md")
    month_name = re.search(r"[A-Z][a-z]+", md)
    number = re.search(r"\d+", md)
    if month_name is None or number is None:
        return None
    month, dom = month_number(month_name.group(0)), int(number.group(0))
    try:
        date(2000, month, dom)  # a leap year: 29 February is a valid dateline
    except ValueError:
        return None
    weekday = weekday_number(m.group("wd")) if m.group("wd") else None
    return DatelineHit(None, month, dom, weekday, "dateline without year", m.group(0).strip())
