"""Resolve the temporal expressions of a sentence against the article's date (the anchor).

News convention, which dateparser does not follow in every setting (with a Sunday base it reads
"Sunday" as a week earlier, and "in March" takes the base's day of month): a bare weekday is the
most recent such day on or before the anchor, so "on Wednesday" in a Wednesday report is the
anchor itself; "last Friday" is the most recent Friday strictly before it; a weekday, a month or
a day of a month after a future cue ("will", "is due", "ahead of") is the next one instead.
Relative phrases are resolved here; only full calendar dates go to dateparser (cached).

An anchor known only to the month or year cannot place a weekday: the expression then takes the
anchor's own precision, never a finer one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from sitrep.time.lexicon import MON, month_number, parse_full_date, weekday_number
from sitrep.time.models import PublicationDate, TimeExpression, fmt, month_end, parse_value
from sitrep.time.relative import ago, duration, make, rel_unit
from sitrep.time.scan import Found, scan

_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|would|is to|are to|to be held|due|scheduled|expected|plans?|planned|set to"
    r"|slated|ahead of|upcoming|forthcoming|aims? to|intends? to|going to)\b[^.;!?]{0,50}$",
    re.I,
)
_MONTH_NAME = re.compile(MON)
_LEADING_PREPOSITION = re.compile(r"^(?i:on|since)\s+")
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|stated|reported|added|confirmed|claimed|warned|declared)"
    r"(?:\s+(?:in a statement|late|early|in a speech|reporters))?\s*$",
    re.I,
)


def resolve_expression(
    sentence: str, anchor: date | None, anchor_precision: str = "day"
) -> list[TimeExpression]:
    """Every temporal expression of ``sentence``, placed on the calendar against ``anchor``.

    Without an anchor only absolute expressions get a value.
    """
    out = []
    for found in scan(sentence):
        resolved = _resolve(found, sentence, anchor, anchor_precision)
        if resolved is not None:
            out.append(resolved)
    return out


def event_date(
    clause_text: str, anchor: date | None, anchor_precision: str = "day", *, fallback: bool = True
) -> tuple[str | None, str | None]:
    """(value, precision) of the event a clause reports.

    The first dated expression wins, but a date attached to a reporting verb ("said on Tuesday")
    gives way to another one in the clause: it dates the statement, not the event. Without one the
    event takes the article's date with precision ``article`` (or (None, None) if ``fallback``
    is False or there is no anchor).
    """
    return _event_date(clause_text, anchor, anchor_precision, fallback)


@lru_cache(maxsize=8192)  # pure; every event of a sentence asks for the sentence's date
def _event_date(clause_text: str, anchor: date | None, anchor_precision: str, fallback: bool) -> tuple[str | None, str | None]:
    dated = [e for e in resolve_expression(clause_text, anchor, anchor_precision) if _dates_event(e)]
    if len(dated) > 1:
        unreported = [e for e in dated if not _REPORTING.search(clause_text[max(0, e.start - 40) : e.start])]
        dated = unreported or dated
    if dated:
        return dated[0].value, dated[0].precision
    if fallback and anchor is not None:
        return fmt(anchor, anchor_precision), "article"
    return None, None


def article_anchor(published: PublicationDate) -> tuple[date, str] | None:
    """The anchor (first day of the published value, precision) for an article, or None."""
    if published.value is None:
        return None
    parsed = parse_value(published.value)
    return (parsed[0], parsed[2]) if parsed else None


def _dates_event(expr: TimeExpression) -> bool:
    return expr.value is not None and expr.kind in ("absolute", "relative")


def _resolve(found: Found, text: str, anchor: date | None, aprec: str) -> TimeExpression | None:
    m, form = found.match, found.form
    future = bool(_FUTURE_CUE.search(text[max(0, found.start - 80) : found.start]))
    kind = "since" if found.since else "relative"
    span: tuple[date, date] | None = None
    precision = "day"
    if form in ("full", "month_year", "year"):
        kind = "since" if found.since else "absolute"
        span, precision = _absolute(found)
    elif form == "duration":
        return duration(found, anchor, aprec)
    elif anchor is None:
        return make(found, None, None, kind, None, False)
    elif form == "day_month":
        span, precision = _day_month(m, anchor, aprec, future)
        kind = "since" if found.since else "absolute"
    elif form == "month":
        mod = m.group("pre").strip().lower()
        if aprec == "year" and mod not in ("last", "next"):
            # An article known only to its year: "in February" is that year's February, not the one before.
            first = date(anchor.year, month_number(m.group("m")), 1)
            span, precision = (first, month_end(first)), "month"
        else:
            span, precision = _month_alone(month_number(m.group("m")), anchor, mod, future or mod == "next")
        future = future or mod == "next"
    elif form == "weekday":
        mod = (m.group("mod") or "").lower()
        future = future or mod in ("next", "coming")
        span, precision = _weekday(weekday_number(m.group("wd")), anchor, mod, future)
    elif form == "deictic":
        word = m.group("word").lower()
        day = anchor - timedelta(days=1 if word in ("yesterday", "last night") else 0)
        span, precision = (day, day), "day"
    elif form == "rel_unit":
        return rel_unit(found, anchor, aprec)
    elif form == "ago":
        return ago(found, anchor, aprec)
    if span is None:
        return None
    return _finish(found, span, precision, kind, anchor, aprec, future)


def _finish(found, span, precision, kind, anchor, aprec, future) -> TimeExpression:
    """A weekday or "yesterday" against an anchor coarser than a day takes the anchor's period."""
    if anchor is not None and found.form in ("weekday", "deictic") and aprec != "day":
        first, last, _ = parse_value(fmt(anchor, aprec))  # type: ignore[misc]
        span, precision = (first, last), aprec
    value = fmt(span[0], precision)
    is_future = future or (anchor is not None and span[0] > anchor and aprec == "day")
    return make(found, value, precision, kind, span, is_future)


def _absolute(found: Found) -> tuple[tuple[date, date] | None, str]:
    m = found.match
    if found.form == "full":
        day = parse_full_date(_LEADING_PREPOSITION.sub("", m.group(0)))
        return ((day, day) if day else None), "day"
    year = int(m.group("y"))
    if found.form == "year":
        return (date(year, 1, 1), date(year, 12, 31)), "year"
    month_name = _MONTH_NAME.search(m.group(0))
    first = date(year, month_number(month_name.group(0)), 1)  # type: ignore[union-attr]
    return (first, month_end(first)), "month"


def _day_month(m: re.Match[str], anchor: date, aprec: str, future: bool):
    day_s, month_s = (m.group("d1"), m.group("m1")) if m.group("d1") else (m.group("d2"), m.group("m2"))
    day_n, month_n = int(re.match(r"\d+", day_s).group()), month_number(month_s)  # type: ignore[union-attr]
    weekday = weekday_number(m.group("wd")) if m.group("wd") else None
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month_n, day_n))
        except ValueError:
            continue
    if not candidates:
        return None, "day"
    if aprec == "year":
        pick = [c for c in candidates if c.year == anchor.year] or candidates
        return (pick[0], pick[0]), "day"
    if aprec == "month":
        limit = month_end(anchor)
        past = [c for c in candidates if c <= limit]
        pick = (
            past[-1] if past and not future else next((c for c in candidates if c >= anchor), candidates[-1])
        )
        return (pick, pick), "day"
    if weekday is not None:
        # "Thursday, March 3": the weekday names the year when the anchor leaves a choice.
        matching = [c for c in candidates if c.weekday() == weekday]
        if len(matching) == 1:
            return (matching[0], matching[0]), "day"
    if future:
        pick = next((c for c in candidates if c >= anchor), candidates[-1])
    else:
        past = [c for c in candidates if c <= anchor]
        pick = past[-1] if past else candidates[0]
    return (pick, pick), "day"


def _month_alone(month_n: int, anchor: date, mod: str, future: bool):
    if future:
        year = (
            anchor.year
            if month_n > anchor.month or (month_n == anchor.month and mod != "next")
            else anchor.year + 1
        )
    elif mod == "last":
        year = anchor.year if month_n < anchor.month else anchor.year - 1
    else:
        year = anchor.year if month_n <= anchor.month else anchor.year - 1
    first = date(year, month_n, 1)
    return (first, month_end(first)), "month"


def _weekday(target: int, anchor: date, mod: str, future: bool):
    back = (anchor.weekday() - target) % 7
    if future:
        ahead = (target - anchor.weekday()) % 7
        if mod in ("next",) and ahead == 0:
            ahead = 7
        day = anchor + timedelta(days=ahead)
    else:
        if mod in ("last", "this past") and back == 0:
            back = 7
        day = anchor - timedelta(days=back)
    return (day, day), "day"
