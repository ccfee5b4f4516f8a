"""Step 3 of the cascade: intersect the content clues and pick the most likely date.

Solving: each clue is a date range with a weight (``clues``). The day that satisfies the
heaviest set of clues is found by trying every range end (a handful per article); the clues that
day violates are dropped and noted ("ignored, conflicts"), the others are intersected. So a wrong
clue -- a mis-resolved office holder, a year misread -- is outvoted by the agreeing rest. A
repeated event (Trump taking office in 2017 and 2025) is one clue with alternatives: it counts
if any occurrence fits, and the earliest that fits is used (as a lower bound, the weakest claim).
``today`` is not a clue but a hard cap.

Estimating, inside the final range [earliest, latest]: news names the latest developments it
knows of, so an article is likelier soon after the most recent datable clue it holds than years
later (a much later text would tend to mention something later too). The prior is a density
decaying from ``earliest`` (time constant ``DECAY_DAYS``), cut at ``latest`` (a content bound or
``today``); when an event sets ``earliest``, half the mass (``NEWS_SHARE``) sits right at it, for
news about an event bunches up in the days after it. The estimate is the year with the most
prior mass -- for a short range, the year holding most of it; for a long or open one, the year
of the lower bound unless that bound falls late in its year and is not an event -- at month
precision when the range fits in one month, never at day precision (clues meeting on one day
are tenures touching, not evidence of the day).
Confidence is the chosen year's share of the mass times 0.8, for the clues can be wrong. With
only an upper bound the estimate is that bound's year, confidence 0.1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sitrep.time.clues import Constraint, event_constraints, relative_year_constraints, year_constraints
from sitrep.time.lexicon import split_sentences
from sitrep.time.models import TenureWindow, fmt
from sitrep.time.tenures import window_constraints

CLUE_RELIABILITY = 0.8
UPPER_ONLY_CONFIDENCE = 0.1
# How fast the chance of an article fades after the latest datable thing it mentions.
# 1.5 years: tuned on tests/gold/dates_dev.jsonl and the five seed reports (docs/time.md).
DECAY_DAYS = 548
# Share of the articles naming an event that are written in the days right after it (a spike at
# the lower bound when an event, not a tenure or an organisation's founding, sets it). A guess
# checked on the dev gold and seeds: 0.5 keeps "the Derna flood" in 2023 and "the 2015 talks'
# HNC" (an organisation) spread over the range.
NEWS_SHARE = 0.5


@dataclass(frozen=True)
class Inference:
    """The solved range, the estimate and the evidence behind them."""

    earliest: date | None
    latest: date | None
    content_latest: date | None
    value: str | None
    precision: str | None
    point: date | None
    confidence: float
    evidence: tuple[str, ...]


def infer(
    text: str, windows: tuple[TenureWindow, ...] | list[TenureWindow] = (), today: date | None = None
) -> Inference:
    """Date ``text`` from its content (and the tenure windows of the people it names)."""
    constraints = window_constraints(windows, text)
    constraints += year_constraints(text, today)
    constraints += event_constraints(text)
    constraints += relative_year_constraints(text, split_sentences(text))
    if today is not None:
        constraints.append(Constraint(None, today, 1.0, f"not after today ({today})", content=False))
    return solve(constraints)


def solve(constraints: list[Constraint]) -> Inference:
    """The date range most of the (weighted) clues agree on, and an estimate inside it."""
    content = [c for c in constraints if c.content]
    hard_latest = _min_all(c.latest for c in constraints if not c.content)
    if not content:
        return Inference(None, hard_latest, None, None, None, None, 0.0, ())
    point = _best_point(content, hard_latest)
    earliest: date | None = None
    latest = hard_latest
    content_latest: date | None = None
    kept: list[tuple[Constraint, date | None, date | None]] = []
    notes = []
    for c in sorted(content, key=lambda c: -c.weight):
        option = next((o for o in _options(c) if _contains(o, point)), None)
        if option is None:
            notes.append(f"ignored, conflicts: {c.evidence}")
            continue
        lo, hi = option
        earliest, latest = _max(earliest, lo), _min(latest, hi)
        content_latest = _min(content_latest, hi)
        kept.append((c, lo, hi))
    news = any(c.news and lo == earliest for c, lo, _ in kept)
    value, precision, estimate, confidence, why = _estimate(earliest, latest, content_latest, news)
    binding = [
        c.evidence
        for c, lo, hi in kept
        if (lo is not None and lo == earliest) or (hi is not None and hi == content_latest)
    ]
    evidence = tuple(dict.fromkeys(binding)) + tuple(notes) + (why,)
    return Inference(earliest, latest, content_latest, value, precision, estimate, confidence, evidence)


def _best_point(constraints: list[Constraint], cap: date | None) -> date:
    """A day satisfying the heaviest set of constraints (then the most of them, then the earliest).

    The weight of agreeing clues adds up, so one mis-resolved office holder is outvoted by the
    rest instead of dragging the range to its tenure.
    """
    candidates = {_FLOOR}
    for c in constraints:
        for lo, hi in _options(c):
            candidates.update(d for d in (lo, hi) if d is not None)
    if cap is not None:
        candidates = {d for d in candidates if d <= cap} | {cap}

    def score(day: date) -> tuple[float, int, date]:
        held = [c for c in constraints if any(_contains(o, day) for o in _options(c))]
        return round(sum(c.weight for c in held), 6), len(held), -day.toordinal()

    return max(candidates, key=score)


_FLOOR = date(1900, 1, 1)  # stands for "no lower bound" among the candidate days


def _options(c: Constraint) -> tuple[tuple[date | None, date | None], ...]:
    return c.alternatives or ((c.earliest, c.latest),)


def _contains(option: tuple[date | None, date | None], day: date) -> bool:
    lo, hi = option
    return (lo is None or lo <= day) and (hi is None or day <= hi)


def _min_all(days) -> date | None:
    result = None
    for d in days:
        result = _min(result, d)
    return result


def _estimate(earliest: date | None, latest: date | None, content_latest: date | None, news: bool = False):
    if earliest is None:
        if content_latest is None:
            return None, None, None, 0.0, "no usable clue"
        return (
            str(content_latest.year),
            "year",
            content_latest,
            UPPER_ONLY_CONFIDENCE,
            (f"estimate: {content_latest.year}; only an upper bound ({content_latest})"),
        )
    hi = latest
    # Never a single day: clues meeting on one day are tenure ends touching, not evidence of it.
    if hi is not None and (earliest.year, earliest.month) == (hi.year, hi.month):
        return (
            fmt(earliest, "month"),
            "month",
            earliest,
            CLUE_RELIABILITY,
            (f"estimate: {fmt(earliest, 'month')} (range {earliest}..{hi} within one month)"),
        )
    last_year = hi.year if hi is not None else earliest.year + 30
    masses = {
        y: (1 - NEWS_SHARE * news) * _mass(earliest, hi, y) for y in range(earliest.year, last_year + 1)
    }
    masses[earliest.year] += NEWS_SHARE * news
    year = max(masses, key=lambda y: (masses[y], -y))
    confidence = round(CLUE_RELIABILITY * masses[year] / sum(masses.values()), 2)
    point = max(earliest, date(year, 1, 1))
    bound = f"{earliest}..{hi}" if hi is not None else f"from {earliest}"
    return str(year), "year", point, confidence, f"estimate: {year}, the likeliest year of {bound}"


def _mass(earliest: date, latest: date | None, year: int) -> float:
    """Prior mass of ``year``: a density decaying from the lower bound, cut at the upper one."""
    lo = max(earliest, date(year, 1, 1))
    hi = date(year, 12, 31) if latest is None else min(latest, date(year, 12, 31))
    if hi < lo:
        return 0.0
    a, b = (lo - earliest).days, (hi - earliest).days + 1
    return math.exp(-a / DECAY_DAYS) - math.exp(-b / DECAY_DAYS)


def _max(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)
