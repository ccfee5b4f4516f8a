"""Tenure windows (from the actors stage) as constraints on when an article was written.

A person presented as holding an office puts the article inside the tenure; a person merely
named puts it after their first office began. A person's appointment told as recent ("Ghassan
Salamé, appointed UN envoy last month") puts the article shortly after the tenure began.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

from sitrep import caching
from sitrep.time.clues import W_RECENT_EVENT, YEAR_PHRASE, Constraint, recency
from sitrep.time.lexicon import split_sentences
from sitrep.time.models import TenureWindow

# Reliability, on the scale of sitrep.time.clues; tuned on tests/gold/dates_dev.jsonl and the seeds.
W_CURRENT_OFFICE = 0.9
W_NAMED_OFFICE = 0.3

_TOOK_OFFICE = re.compile(
    r"\b(?:appointed|named|nominated|sworn in|took office|took over|took up|elected|confirmed|installed"
    r"|newly[- ]appointed|newly[- ]elected)\b",
    re.I,
)


def window_constraints(windows: Sequence[TenureWindow], text: str = "") -> list[Constraint]:
    """Constraints from the tenure windows of the people an article names.

    Windows with the same label (the same person in the same office twice, as Trump) are one
    clue with alternatives. A person's non-current windows (label "<person> as <office>") are
    ignored when another window presents them in office, and otherwise only their earliest start
    is used: naming someone proves only that their first office began.
    """
    current: dict[str, list[TenureWindow]] = {}
    named: dict[str, TenureWindow] = {}
    for w in windows:
        if w.current:
            current.setdefault(w.label, []).append(w)
        else:
            person = _person(w.label)
            if person not in named or w.start < named[person].start:
                named[person] = w
    in_office = {_person(label) for label in current}
    out = []
    for label, group in current.items():
        spans = tuple(sorted((w.start, w.end) for w in group))
        shown = ", ".join(f"{a}..{b or 'now'}" for a, b in spans)
        alternatives = spans if len(spans) > 1 else ()
        out.append(
            Constraint(
                spans[0][0],
                spans[0][1],
                W_CURRENT_OFFICE,
                f"{label} in office ({shown})",
                alternatives=alternatives,
            )
        )
        if len(spans) == 1 and text:
            out.extend(_recent_appointment(label, spans[0][0], text))
    for person, w in named.items():
        if person not in in_office:
            out.append(Constraint(w.start, None, W_NAMED_OFFICE, f"{w.label} named (took office {w.start})"))
    return out


def _person(label: str) -> str:
    return label.split(" as ")[0].strip()


def _recent_appointment(label: str, start, text: str) -> list[Constraint]:
    person = _person(label)
    surname = person.split()[-1] if person.split() else person
    names = [re.escape(person)] + ([re.escape(surname)] if len(surname) >= 4 else [])
    pattern = re.compile(r"\b(?:" + "|".join(names) + r")\b")
    for sentence, took in _appointments(text):
        m = pattern.search(sentence)
        # The appointment must be told of this person: name and verb close together.
        if not m or abs(took.start() - m.start()) > 60:
            continue
        recent = recency(sentence, took.start())
        if recent is None:
            continue
        phrase, days = recent
        evidence = f"{person} took office recently (“{took.group(0)} … {phrase}”, {start})"
        if days == YEAR_PHRASE:  # "appointed last year": calendar-year arithmetic
            year = start.year + 1 if phrase.lower().startswith("last") else start.year
            return [Constraint(date(year, 1, 1), date(year, 12, 31), W_RECENT_EVENT, evidence)]
        return [Constraint(start, start + timedelta(days=days), W_RECENT_EVENT, evidence)]
    return []


@lru_cache(maxsize=caching.ARTICLE_TEXTS)  # the same for every person an article names
def _appointments(text: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """The sentences of ``text`` that tell of a taking of office, each with its first such verb."""
    out = []
    for lo, hi in split_sentences(text):
        sentence = text[lo:hi]
        took = _TOOK_OFFICE.search(sentence)
        if took:
            out.append((sentence, took))
    return tuple(out)
