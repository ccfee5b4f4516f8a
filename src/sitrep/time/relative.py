"""Relative phrases counted in units from the anchor: "last week", "earlier this month",
"next year", "three days ago", "over the past two weeks" (see ``expressions`` for the rules).

A week is Monday to Sunday; a phrase covering several days is reported at month precision (the
month holding most of them), with ``earliest``/``latest`` keeping the exact span.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sitrep.time.lexicon import count_value
from sitrep.time.models import TimeExpression, add_months, fmt, month_end
from sitrep.time.scan import Found

_COARSER = {"day": "month", "month": "year", "year": "year"}
_FINENESS = {"day": 0, "month": 1, "year": 2}


def make(found: Found, value, precision, kind, span, future) -> TimeExpression:
    """The TimeExpression for ``found``; ``span`` is (earliest, latest) or None."""
    earliest, latest = span if span else (None, None)
    return TimeExpression(
        found.text, found.start, found.end, value, precision, kind, earliest, latest, future
    )


def rel_unit(found: Found, anchor: date, aprec: str) -> TimeExpression | None:
    m = found.match
    mod, unit = " ".join(m.group("mod").lower().split()), m.group("u").lower()
    kind = "since" if mod == "since last" else "relative"
    back = mod in ("last", "late last", "earlier last", "the previous", "since last")
    ahead = mod in ("next", "the following", "the coming") or (mod == "later this" and unit != "year")
    trailing = mod in ("the past", "past", "over the", "this past")
    if unit == "year":
        year = anchor.year - back + ahead
        if trailing:
            span = (anchor - timedelta(days=365), anchor)
            return make(found, None, None, "duration", span, False)
        first = date(year, 1, 1)
        return make(found, fmt(first, "year"), "year", kind, (first, date(year, 12, 31)), ahead)
    if unit == "month":
        if trailing:
            return make(found, None, None, "duration", (anchor - timedelta(days=30), anchor), False)
        if aprec == "year":
            return make(found, fmt(anchor, "year"), "year", kind, None, ahead)
        first = add_months(anchor, -1 if back else 1 if ahead else 0)
        return make(found, fmt(first, "month"), "month", kind, (first, month_end(first)), ahead)
    monday = anchor - timedelta(days=anchor.weekday())
    if unit == "weekend":
        saturday = monday + timedelta(days=5)
        if saturday > anchor and not ahead and mod != "this":
            saturday -= timedelta(days=7)
        elif ahead and saturday <= anchor:
            saturday += timedelta(days=7)
        span = (saturday, saturday + timedelta(days=1))
        ahead = ahead or saturday > anchor
    elif back:
        span = (monday - timedelta(days=7), monday - timedelta(days=1))
    elif ahead:
        span = (
            (anchor, monday + timedelta(days=6))
            if mod == "later this"
            else (monday + timedelta(days=7), monday + timedelta(days=13))
        )
    elif trailing:
        return make(found, None, None, "duration", (anchor - timedelta(days=7), anchor), False)
    else:
        span = (monday, anchor)
    if aprec != "day":
        return make(found, fmt(anchor, aprec), aprec, kind, None, ahead)
    value, precision = _covering(span)
    return make(found, value, precision, kind, span, ahead)


def _covering(span: tuple[date, date]) -> tuple[str, str]:
    """A week as a value: the day if one day, else the month holding most of its days."""
    first, last = span
    if first == last:
        return fmt(first, "day"), "day"
    months = Counter((first + timedelta(days=i)).strftime("%Y-%m") for i in range((last - first).days + 1))
    best = max(months.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return best, "month"


def ago(found: Found, anchor: date, aprec: str) -> TimeExpression | None:
    m = found.match
    if found.text.lower().endswith("earlier"):
        # "three days earlier" counts from a point in the story, not from the article's date.
        return make(found, None, None, "relative", None, False)
    n, vague = count_value(m.group("n"))
    unit = m.group("u").lower().rstrip("s")
    if unit in ("year", "decade"):
        year = anchor.year - n * (10 if unit == "decade" else 1)
        first = date(year, 1, 1)
        return make(found, fmt(first, "year"), "year", "relative", (first, date(year, 12, 31)), False)
    if unit == "month":
        first = add_months(anchor, -n)
        precision = "year" if vague or aprec == "year" else "month"
        return make(found, fmt(first, precision), precision, "relative", (first, month_end(first)), False)
    day = anchor - timedelta(days=n * (7 if unit == "week" else 1))
    precision = "day" if unit == "day" or n == 1 else "month"
    precision = _COARSER[precision] if vague else precision
    if _FINENESS[precision] < _FINENESS[aprec]:
        precision = aprec
    return make(found, fmt(day, precision), precision, "relative", (day, day), False)


def duration(found: Found, anchor: date | None, aprec: str) -> TimeExpression:
    m = found.match
    direction = (m.group("span") or "").lower()
    if anchor is None or direction not in ("past", "last", "previous"):
        return make(found, None, None, "duration", None, direction in ("next", "coming"))
    n, _vague = count_value(m.group("n"))
    unit = m.group("u").lower().rstrip("s")
    days = n * {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}[unit]
    return make(found, None, None, "duration", (anchor - timedelta(days=days), anchor), False)
