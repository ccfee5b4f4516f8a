"""Words and regex pieces shared by the time modules, and the one place dateparser is called.

Month and weekday names are matched case-sensitively with a capital initial: lower-case "may",
"march" and "sun" are ordinary words in news copy.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from functools import lru_cache

import dateparser

from sitrep import caching

log = logging.getLogger(__name__)

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
# Vague counts are read as 3 and the result loses one step of precision.
VAGUE_WORDS = ("a few", "few", "several", "some")
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}  # fmt: skip

MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
WDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?"
WDAY_FULL = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
COUNT = (
    r"(?:\d{1,3}|a few|few|several|some|an?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
    r"|thirty|forty|fifty)"
)
ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + ")"

# After a number, a noun that makes it a count rather than a year ("2015 migrants", "2016-strong").
COUNTED_NOUN = re.compile(
    r"\s*(?:[-–]\s*)?(?i:people|persons|fighters|troops|soldiers|migrants|refugees|km|kilomet|miles"
    r"|metres|meters|barrels|tonnes|tons|dollars|euros|civilians|men\b|women|children|members|deaths"
    r"|dead\b|cases|votes|seats|vehicles|rockets|missiles|bpd|homes|families|detainees|units|strong)"
)

# A full calendar date: "3 March 2016", "Thursday, March 3, 2016", "2016-03-03", "03/03/2016".
FULL_DATE = (
    rf"(?:(?:{WDAY_FULL},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MON},?\s+{YEAR}\b"
    rf"|(?:{WDAY_FULL},?\s+)?{MON}\s+{DAY},?\s+{YEAR}\b"
    rf"|\b{YEAR}-[01]\d-[0-3]\d\b"
    rf"|\b[0-3]?\d[/.][01]?\d[/.]{YEAR}\b)"
)
FULL_DATE_RE = re.compile(FULL_DATE)

# A sentence or clause ends here; cheap and good enough for locating co-occurrences.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")


def month_number(name: str) -> int:
    return MONTHS[name[:3].lower()]


def weekday_number(name: str) -> int:
    return WEEKDAYS[name[:3].lower()]


def count_value(word: str) -> tuple[int, bool]:
    """A count word or number as (value, vague)."""
    low = word.lower()
    if low.isdigit():
        return int(low), False
    if low in VAGUE_WORDS:
        return 3, True
    return NUMBER_WORDS[low], False


def ordinal_value(word: str) -> int:
    low = word.lower()
    if low[:1].isdigit():
        return int(re.match(r"\d+", low).group())  # type: ignore[union-attr]
    return ORDINAL_WORDS[low]


_DATEPARSER_SETTINGS = {
    # Day before month for numeric dates: the outlets we read write 12/05/2016 for 12 May.
    "DATE_ORDER": "DMY",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@lru_cache(maxsize=8192)
def parse_full_date(span: str) -> date | None:
    """A full calendar date written in ``span`` (already found by a regex), via dateparser.

    Cached: a full date does not depend on any anchor, and the same spans repeat across a corpus.
    """
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", span).replace("the ", "").replace(" of ", " ")
    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError):  # dateparser raises on impossible dates like 31 June
        parsed = None
    if parsed is None:
        log.debug("dateparser could not read %r", span)
        return None
    return parsed.date()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``."""
    return list(_sentences(text))


@lru_cache(maxsize=caching.ARTICLE_TEXTS)  # dating one article splits its text three times or more
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)
