"""Normalise the publication date a file declares in its metadata.

Deliberately strict (no dateparser): metadata dates are machine-written, and a loose parser
would turn a stray string into a confident but wrong date. What cannot be read is kept raw.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from typing import Any

_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_ISO_DATE_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?=$|[T ])")
_ISO_TIME = re.compile(r"[T ]\d{2}:\d{2}")
# "5 March 2024", "March 5, 2024", "Mar 5 2024": common in hand-written headers.
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MIN_YEAR = 1000


def normalize_published(value: Any) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` for a readable date, else None.

    A datetime keeps the calendar date it was written with (no conversion to UTC): the
    outlet's local date is the one readers saw.
    """
    if isinstance(value, dt.datetime):
        return _fmt(value.date())
    if isinstance(value, dt.date):
        return _fmt(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if _MIN_YEAR <= value <= 9999 else None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > 100:
        return None
    for parse in (_parse_iso, _parse_partial, _parse_rfc822, _parse_words):
        result = parse(text)
        if result is not None:
            return result
    return None


def published_fields(value: Any) -> tuple[str | None, dict[str, Any]]:
    """The normalised date plus the meta entry that keeps an unreadable raw value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, {}
    published = normalize_published(value)
    if published is None:
        return None, {"published_raw": value if isinstance(value, str) else str(value)}
    return published, {}


def _fmt(date: dt.date) -> str | None:
    return date.isoformat() if date.year >= _MIN_YEAR else None


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return _fmt(dt.date(year, month, day))
    except ValueError:
        return None


def _parse_iso(text: str) -> str | None:
    match = _ISO_DATE_PREFIX.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    # The date part is what we keep; the time only has to look like one, since feeds write
    # offsets in many ways fromisoformat rejects ("10:00:00 +0100").
    if rest and not _ISO_TIME.match(rest):
        return None
    return _date(*(int(g) for g in match.groups()))


def _parse_partial(text: str) -> str | None:
    if _YEAR.fullmatch(text):
        return text if int(text) >= _MIN_YEAR else None
    match = _YEAR_MONTH.fullmatch(text)
    if match and 1 <= int(match[2]) <= 12 and int(match[1]) >= _MIN_YEAR:
        return f"{match[1]}-{int(match[2]):02d}"
    return None


def _parse_rfc822(text: str) -> str | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _fmt(parsed.date()) if parsed is not None else None


def _parse_words(text: str) -> str | None:
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match:
        day, month, year = match[1], match[2], match[3]
    else:
        match = _MONTH_DAY_YEAR.fullmatch(text)
        if match is None:
            return None
        month, day, year = match[1], match[2], match[3]
    number = _MONTHS.get(month.lower())
    return _date(int(year), number, int(day)) if number else None
