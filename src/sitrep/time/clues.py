"""Content clues to when an article was written, each turned into a date-range constraint.

Two sources here (tenure windows are in ``tenures``):

* years written in the text: a year mentioned as past ("in 2014", "since 2014", "the 2011
  uprising") puts the article in or after that year; a year after a future cue ("elections
  planned for 2025") puts it in or before that year; counts and resolution numbers are skipped;
* datable events and entities (``knowledge``), read together with a relative phrase in the same
  sentence: "the overthrow of Gaddafi six years ago" fixes the year, "last year's Derna flood"
  too, "on Sunday, IS released a video ... 21 Copts" puts the article days after the event,
  "ahead of the Berlin conference" before it; alone, a mention puts the article after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.time.knowledge import Mention, find_mentions
from sitrep.time.lexicon import COUNT, COUNTED_NOUN, ORDINAL, count_value, month_number, ordinal_value
from sitrep.time.scan import scan

# Reliability of each kind of clue: conflicts are settled in favour of the higher weight.
# Tuned by hand on tests/gold/dates_dev.jsonl and the five seed reports (docs/time.md).
W_YEAR_ARITHMETIC = 0.7
W_RECENT_EVENT = 0.55
W_PAST_YEAR = 0.55
W_FUTURE_YEAR = 0.35
W_FUTURE_EVENT = 0.45
DAY_WITHOUT_YEAR_DAYS = 120
MONTH_WITHOUT_YEAR_DAYS = 365
YEAR_PHRASE = -1  # marks "last year" / "this year": year arithmetic, not a span of days


@dataclass(frozen=True)
class Constraint:
    """The article lies in [earliest, latest] (None = open), or in one of ``alternatives``.

    ``news`` marks a lower bound set by an event the article may be reporting: news about an
    event bunches up right after it, which the estimate takes into account (``infer``).
    """

    earliest: date | None
    latest: date | None
    weight: float
    evidence: str
    content: bool = True
    alternatives: tuple[tuple[date | None, date | None], ...] = ()
    news: bool = False


_YEAR_TOKEN = re.compile(r"(?<![\w$€£#/.,:])(?P<y>19[5-9]\d|20[0-4]\d)(?![\w%]|[.,:]\d)")
_NOT_A_YEAR = re.compile(
    r"(?:\b(?i:resolution|res\.|no\.|number|nos?|route|flight|page|article|law|decree|code|copyright"
    r"|item|room|unit|serial|model)|[©$€£])\s*$"
)
_FUTURE_YEAR_CUE = re.compile(
    r"(?i:\b(?:will|shall|plan(?:s|ned)?|scheduled|due|expected|set for|slated|target(?:ed|s)?|by|until"
    r"|till|ahead of|upcoming|forthcoming|next|aims?|aiming|vision|before the end of|deadline|postponed to"
    r"|delayed to|pushed back to))\b[^.;!?]{0,40}$"
)
_FUTURE_EVENT_CUE = re.compile(
    r"(?i:\b(?:ahead of|upcoming|forthcoming|planned|scheduled|preparations? for|run-up to|next week[’']s"
    r"|next month[’']s|due to be held)\b)[^.;!?]{0,40}$"
)
_FUTURE_AFTER_CUE = re.compile(
    r"[^.;!?]{0,30}?\b(?:planned|scheduled|set|due|expected|slated)\s+(?:for|to|on|in|next)\b", re.I
)
_COUNT_REL = re.compile(
    rf"(?i:\b(?P<n>{COUNT})\s+(?P<u>days?|weeks?|months?|years?|decades?)\s+(?P<rel>ago|since|on from|on|after|later)\b"
    rf"|\b(?P<ord>{ORDINAL})\s+anniversary\b)"
)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_RECENT_FORMS = {"weekday", "deictic"}


def year_constraints(text: str, today: date | None) -> list[Constraint]:
    """The latest year the text writes as past and the earliest it writes as ahead."""
    past: dict[int, str] = {}
    future: dict[int, str] = {}
    for m in _YEAR_TOKEN.finditer(text):
        year = int(m.group("y"))
        before = text[max(0, m.start() - 60) : m.start()]
        if _NOT_A_YEAR.search(before) or COUNTED_NOUN.match(text, m.end()):
            continue
        quote = text[max(0, m.start() - 25) : m.end() + 15].replace("\n", " ").strip()
        if (today is not None and year > today.year) or _FUTURE_YEAR_CUE.search(before):
            future.setdefault(year, quote)
        else:
            past.setdefault(year, quote)
    # One clue per sense: the latest past year implies the earlier ones, and counting each would
    # let a text full of history outvote a current office holder.
    out = []
    if past:
        y = max(past)
        out.append(Constraint(date(y, 1, 1), None, W_PAST_YEAR, f"mentions {y} as past: “…{past[y]}…”"))
    ahead = [y for y in future if y not in past]
    if ahead:
        y = min(ahead)
        out.append(
            Constraint(None, date(y, 12, 31), W_FUTURE_YEAR, f"mentions {y} as ahead: “…{future[y]}…”")
        )
    return out


def event_constraints(text: str) -> list[Constraint]:
    """Constraints from datable events and entities, read with the relative phrases near them."""
    out = []
    for mention in find_mentions(text):
        sentence = text[mention.sentence[0] : mention.sentence[1]]
        out.append(_mention_constraint(mention, sentence, text))
    return out


def relative_year_constraints(text: str, sentences: list[tuple[int, int]]) -> list[Constraint]:
    """ "in 2011, six years ago": a year and a count of years in one sentence, without an event."""
    out = []
    if "ago" not in text.lower():
        return out  # the clue needs "N years ago": most texts say no such thing
    for start, end in sentences:
        piece = text[start:end]
        if "ago" not in piece.lower():
            continue
        rel = _COUNT_REL.search(piece)
        years = {int(m.group("y")) for m in _YEAR_TOKEN.finditer(piece)}
        if (
            rel
            and rel.group("rel") == "ago"
            and rel.group("u").lower().startswith("year")
            and len(years) == 1
        ):
            year = years.pop() + count_value(rel.group("n"))[0]
            out.append(
                _year_is(
                    year, W_YEAR_ARITHMETIC, f"“{rel.group(0)}” after a year in the same sentence → {year}"
                )
            )
    return out


def _mention_constraint(mention: Mention, sentence: str, text: str) -> Constraint:
    item = mention.item
    first, label = item.dates[0], item.label
    alternatives = tuple((d, None) for d in item.dates) if len(item.dates) > 1 else ()
    if item.kind == "period":
        return Constraint(first, item.end, item.weight, f"describes {label}")
    if item.kind == "entity":
        return Constraint(
            first, None, item.weight, f"names {label} (from {first})", alternatives=alternatives
        )
    offset = mention.start - mention.sentence[0]
    before = text[max(mention.sentence[0], mention.start - 60) : mention.start]
    rel = _COUNT_REL.search(sentence)
    counted, settled = _counted(rel, first, label) if rel else (None, False)
    if counted is not None and settled:
        return counted
    if _FUTURE_EVENT_CUE.search(before) or _FUTURE_AFTER_CUE.match(text, mention.end):
        return Constraint(None, first, W_FUTURE_EVENT, f"{label} still ahead (on {first})", alternatives=())
    recent = recency(sentence, offset, first)
    if recent is not None:
        phrase, days = recent
        if days == YEAR_PHRASE:
            year = first.year + 1 if phrase.lower().startswith("last") else first.year
            return _year_is(year, W_YEAR_ARITHMETIC, f"{label} ({first.year}), “{phrase}” → {year}")
        lo = counted.earliest if counted is not None and counted.earliest else first
        return Constraint(lo, first + timedelta(days=days), W_RECENT_EVENT, f"{label} ({first}) “{phrase}”")
    return counted or Constraint(
        first, None, item.weight, f"refers to {label} ({first})", alternatives=alternatives, news=True
    )


def _counted(rel: re.Match[str], first: date, label: str) -> tuple[Constraint, bool]:
    """ "six years ago", "a week after", "the tenth anniversary" counted from an event's date, and
    whether that settles the clue (a short "N days after" may still be narrowed by "on Sunday").

    Years count in calendar years, as reporters do ("six years ago" in 2017 for 2011). "after"
    and "later" may narrate a past step rather than the present, so they only bound below.
    """
    quote = f"{label} ({first}), “{rel.group(0)}”"
    if rel.group("ord"):
        return _year_is(first.year + ordinal_value(rel.group("ord")), W_YEAR_ARITHMETIC, quote), True
    n = count_value(rel.group("n"))[0]
    unit = rel.group("u").lower().rstrip("s")
    narrated = rel.group("rel").lower() in ("after", "later")
    if unit in ("year", "decade"):
        year = first.year + n * (10 if unit == "decade" else 1)
        if narrated:
            return Constraint(date(year, 1, 1), None, W_YEAR_ARITHMETIC, f"{quote} → {year} or later"), True
        return _year_is(year, W_YEAR_ARITHMETIC, f"{quote} → {year}"), True
    lo = first + timedelta(days=n * _UNIT_DAYS[unit])
    if narrated:
        return Constraint(lo, None, W_RECENT_EVENT, f"{quote} → {lo} or later", news=True), False
    slack = _UNIT_DAYS[unit]
    window = Constraint(
        lo - timedelta(days=slack // 2),
        lo + timedelta(days=slack + 1),
        W_RECENT_EVENT,
        f"{quote} → about {lo}",
    )
    return window, True


def recency(sentence: str, offset: int, first: date | None = None) -> tuple[str, int] | None:
    """A phrase placing the event at ``offset`` shortly before the article, and how many days
    after the event it allows.

    Weekdays and "yesterday": ten days; "last week": sixteen; "last month": two months; the
    event's own day or month written without a year ("the fighting began on 13 July", "signed in
    December"): four months or a year, for a reporter drops the year only for recent dates.
    Only within 90 characters of the mention, and never in a sentence that writes a year.
    """
    if _YEAR_TOKEN.search(sentence):
        return None  # an explicit year dates the event itself; the phrase may date something else
    options = []
    for found in scan(sentence):
        if abs(found.start - offset) <= 90:
            days = _recency_days(found, first)
            if days is not None:
                options.append((found.text, days))
    # A year phrase ("last year's") settles the year outright; otherwise the narrowest wins.
    year_phrases = [o for o in options if o[1] == YEAR_PHRASE]
    return year_phrases[0] if year_phrases else min(options, key=lambda o: o[1], default=None)


def _recency_days(found, first: date | None) -> int | None:
    if first is not None and found.form == "day_month" and _same_day_of_year(found, first):
        return DAY_WITHOUT_YEAR_DAYS
    if first is not None and found.form == "month" and month_number(found.match.group("m")) == first.month:
        return MONTH_WITHOUT_YEAR_DAYS
    if found.form in _RECENT_FORMS and not found.text.lower().startswith(("next", "coming")):
        return 10
    if found.form == "rel_unit":
        mod, unit = found.match.group("mod").lower(), found.match.group("u").lower()
        if mod.startswith(("next", "the coming", "the following", "later")):
            return None
        if unit in ("week", "weekend"):
            return 16
        if unit == "month":
            return 62
        if unit == "year" and mod in ("last", "this", "earlier this", "early this", "late last"):
            return YEAR_PHRASE
    return None


def _same_day_of_year(found, first: date) -> bool:
    m = found.match
    day_s, month_s = (m.group("d1"), m.group("m1")) if m.group("d1") else (m.group("d2"), m.group("m2"))
    try:
        written = date(first.year, month_number(month_s), int(re.match(r"\d+", day_s).group()))  # type: ignore[union-attr]
    except ValueError:
        return False
    return abs((written - first).days) <= 2


def _year_is(year: int, weight: float, evidence: str) -> Constraint:
    return Constraint(date(year, 1, 1), date(year, 12, 31), weight, evidence)
