"""Find temporal expressions in a string, without resolving them (see ``expressions``).

One cheap pre-check regex rejects the sentences that cannot hold an expression (most event
sentences hold none or one), then a handful of precompiled patterns are tried and overlapping
matches are settled longest-first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.time.lexicon import COUNT, COUNTED_NOUN, DAY, FULL_DATE, MON, WDAY_FULL, YEAR

_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_PRE = r"(?i:in|on|since|during|until|till|by|from|through|throughout|before|after|around|of)"
_EDGE = r"(?i:early|late|mid|mid-|the end of|the beginning of|the start of|the middle of)"

_PRECHECK = re.compile(
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day\b|days\b|\b(?:19|20)\d\d\b"
    r"|(?i:yesterday|today|tonight|morning|evening|night|week|month|year|ago|decade)"
)

_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("full", re.compile(rf"(?:(?i:on|since)\s+)?{FULL_DATE}")),
    ("month_year", re.compile(rf"(?:{_PRE}\s+)?(?:{_EDGE}\s*)?{MON},?\s+(?:of\s+)?(?P<y>{YEAR})\b")),
    (
        "day_month",
        re.compile(
            rf"(?:(?i:on|since|by|until)\s+)?(?:(?P<wd>{WDAY_FULL}),?\s+)?"
            rf"(?:(?:the\s+)?(?<![\d,.])(?P<d1>{DAY})(?:\s+of)?\s+(?P<m1>{MON})|(?P<m2>{MON})\s+(?P<d2>{DAY})\b)"
            rf"(?![,.]?\s*(?:19|20)\d\d)(?![,.]?\d)(?!\s+(?i:revolution|uprising|revolt|movement|coalition|brigade))"
        ),
    ),
    (
        "month",
        re.compile(rf"(?P<pre>(?:{_PRE}|(?i:last|this|next))\s+)(?:{_EDGE}\s*)?(?P<m>{_MON_FULL})(?!\s*\d)"),
    ),
    (
        "year",
        re.compile(
            rf"(?:(?P<pre>{_PRE}|{_EDGE})\s+(?:(?i:the\s+)?(?i:early|late|end of|summer of|spring of|autumn of"
            rf"|fall of|winter of)\s+)?|\b(?P<the>(?i:the))\s+(?=(?:19|20)\d\d\s+[a-z]))"
            rf"(?P<y>{YEAR})\b(?![,.]\d|%)"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"(?:\b(?P<mod>(?i:late on|early on|late|early|on|last|this past|this|next|coming|since"
            rf"|by|until|overnight|from))\s+)?\b(?P<wd>{WDAY_FULL})(?P<poss>['’]s)?"
            rf"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?i:(?P<word>yesterday|today|tonight|last night|earlier today|later today"
            r"|this morning|this afternoon|this evening|overnight))\b(?P<poss>['’]s)?"
        ),
    ),
    (
        "rel_unit",
        re.compile(
            r"\b(?i:(?P<mod>since last|last|this|next|earlier this|later this|early this|late last"
            r"|earlier last|this past|over the|the previous|the following|the coming|the past|past|previous)"
            r"\s+(?P<u>week|weekend|month|year))\b(?P<poss>['’]s)?"
        ),
    ),
    (
        "ago",
        re.compile(
            rf"\b(?i:(?P<n>{COUNT})\s+(?P<u>days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier))\b"
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?i:(?:for|over|during|within|in)\s+(?:the\s+)?(?P<span>past|last|previous|next|coming)?\s*"
            rf"(?P<n>{COUNT})\s+(?P<u>days?|weeks?|months?|years?|decades?))\b(?!\s+(?:ago|earlier))"
        ),
    ),
)
_SINCE_BEFORE = re.compile(r"(?i:\bsince\s+)$")


@dataclass(frozen=True)
class Found:
    """An unresolved expression: its form, span, match and whether it follows "since"."""

    form: str
    start: int
    end: int
    match: re.Match[str]
    since: bool

    @property
    def text(self) -> str:
        return self.match.group(0)


def scan(text: str) -> list[Found]:
    """The temporal expressions of ``text``, left to right, without overlaps."""
    if not _PRECHECK.search(text):
        return []
    candidates: dict[tuple[int, int, str], tuple[int, int, int, str, re.Match[str]]] = {}
    lower = text.lower()
    anchors = {name: [(a.start(), a.end()) for a in rx.finditer(text)] for name, rx in _ANCHOR_RES.items()}
    for rank, (form, pattern) in enumerate(_FORMS):
        for m in _matches(form, pattern, text, lower, anchors):
            if m.end() > m.start() and _plausible(form, m):
                candidates[(m.start(), m.end(), form)] = (m.start(), -(m.end() - m.start()), rank, form, m)
    ordered = sorted(candidates.values(), key=lambda c: c[:3])
    found: list[Found] = []
    last_end = -1
    for start, _neg, _rank, form, m in ordered:
        if start < last_end:
            continue
        text_before = text[max(0, start - 8) : start]
        since = m.group(0).lower().startswith("since") or bool(_SINCE_BEFORE.search(text_before))
        found.append(Found(form, start, m.end(), m, since))
        last_end = m.end()
    return found


# Patterns with an optional prefix are slow to try at every position, so the month, year and
# weekday forms only run in a small window around a token they cannot match without.
_ANCHOR_RES = {
    "month": re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"),
    "digits": re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    "year": re.compile(r"\b(?:19|20)\d\d\b"),
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"),
}
_ANCHORED = {
    "full": ("month", "digits"),
    "month_year": ("month",),
    "day_month": ("month",),
    "month": ("month",),
    "year": ("year",),
    "weekday": ("weekday",),
}
_WINDOW_BEFORE, _WINDOW_AFTER = 40, 25
_WORDS = {
    "deictic": ("yesterday", "today", "tonight", "night", "morning", "afternoon", "evening", "overnight"),
    "rel_unit": ("week", "month", "year"),
    "ago": ("ago", "earlier"),
    "duration": ("day", "week", "month", "year", "decade"),
}


def _matches(form: str, pattern: re.Pattern[str], text: str, lower: str, anchors) -> list[re.Match[str]]:
    if form not in _ANCHORED:
        return list(pattern.finditer(text)) if any(w in lower for w in _WORDS[form]) else []
    out = []
    for name in _ANCHORED[form]:
        for a_start, a_end in anchors[name]:
            lo, hi = max(0, a_start - _WINDOW_BEFORE), min(len(text), a_end + _WINDOW_AFTER)
            out.extend(m for m in pattern.finditer(text, lo, hi) if m.start() <= a_start and m.end() >= a_end)
    return out


def _plausible(form: str, m: re.Match[str]) -> bool:
    """Reject year matches that are counts ("in 2015 people fled" is a number, not a year)."""
    return form != "year" or not COUNTED_NOUN.match(m.string, m.end())
