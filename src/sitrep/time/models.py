"""The records of the time stage: inputs from the actors stage, outputs for the store.

All frozen: the time stage computes, it never edits what it was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TenureWindow:
    """A person named in the article and the office the knowledge base says they held.

    Computed by the actors stage. ``current`` is True when the article presents the person as
    holding the office now ("US Secretary of State John Kerry"): the article then lies inside
    ``[start, end]``. A non-current mention only says the office had been taken.
    """

    label: str
    start: date
    end: date | None
    current: bool


@dataclass(frozen=True)
class PublicationDate:
    """When an article was published, how precisely, and how we know.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` matching ``precision``; ``earliest`` and
    ``latest`` bound the published range (None = unbounded on that side); ``method`` is
    ``metadata``, ``text`` or ``inferred``; ``evidence`` has one short line per clue used.
    """

    value: str | None = None
    precision: str | None = None
    earliest: date | None = None
    latest: date | None = None
    method: str | None = None
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression found in a sentence, resolved against an anchor date.

    ``start``/``end`` are character offsets into the string given to the resolver. ``kind`` is
    ``absolute`` ("3 March 2016"), ``relative`` ("on Tuesday", "last month"), ``duration``
    ("for six years": no date of its own) or ``since`` ("since 2014": the start of a state).
    ``value``/``precision`` are None when the expression cannot be placed (a duration, or a
    relative phrase without an anchor). ``earliest``/``latest`` bound what the phrase covers
    ("last week" is seven days); ``future`` marks an expression pointing after the anchor.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str | None
    kind: str
    earliest: date | None = None
    latest: date | None = None
    future: bool = False


def fmt(day: date, precision: str) -> str:
    """``day`` written at ``precision``: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def parse_value(value: str) -> tuple[date, date, str] | None:
    """A ``YYYY[-MM[-DD]]`` string as (first day, last day, precision), or None if malformed."""
    parts = value.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3 and len(parts[0]) == 4:
            day = date(*numbers)
            return day, day, "day"
        if len(numbers) == 2 and len(parts[0]) == 4:
            first = date(numbers[0], numbers[1], 1)
            return first, month_end(first), "month"
        if len(numbers) == 1 and len(parts[0]) == 4:
            return date(numbers[0], 1, 1), date(numbers[0], 12, 31), "year"
    except ValueError:
        return None
    return None


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before, if negative) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
