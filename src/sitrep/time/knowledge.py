"""The datable events file (``data/datable_events.yaml``): load, check, and find mentions.

The file is read once, on first use, from the installed package (bundled data, not user
input); a malformed entry raises ``ValueError`` naming the entry, so a bad edit fails the tests
rather than silently dating nothing. The schema is documented at the top of the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from sitrep.buildcache import load_yaml
from sitrep.time import anchors as anchors_mod
from sitrep.time.lexicon import split_sentences
from sitrep.time.models import parse_value

KINDS = {"event": 0.75, "entity": 0.6, "period": 0.6}


@dataclass(frozen=True)
class Datable:
    """One entry: when it happened (several dates for a repeated event) and how it is written."""

    id: str
    label: str
    kind: str
    dates: tuple[date, ...]
    end: date | None
    weight: float
    any_of: tuple[re.Pattern[str], ...]
    all_of: tuple[tuple[re.Pattern[str], ...], ...]
    source: str


@dataclass(frozen=True)
class Mention:
    """Where an entry is mentioned: the match and the sentence holding it."""

    item: Datable
    start: int
    end: int
    sentence: tuple[int, int]


@lru_cache(maxsize=1)
def load() -> tuple[Datable, ...]:
    """Every entry of the bundled file, checked and compiled."""
    text = resources.files("sitrep.time").joinpath("data/datable_events.yaml").read_text("utf-8")
    return parse(load_yaml("datable_events", text))


def parse(blocks: Any) -> tuple[Datable, ...]:
    """Check and compile the loaded YAML (separate from ``load`` so tests can feed bad data)."""
    if not isinstance(blocks, list):
        raise ValueError("datable events: the file must be a list of blocks")
    items, seen = [], set()
    for block in blocks:
        if not isinstance(block, dict) or not block.get("source") or not isinstance(block.get("items"), list):
            raise ValueError(f"datable events: block {block!r:.60} needs 'source' and 'items'")
        for raw in block["items"]:
            item = _item(raw, str(block["source"]))
            if item.id in seen:
                raise ValueError(f"datable events: duplicate id '{item.id}'")
            seen.add(item.id)
            items.append(item)
    return tuple(items)


def _item(raw: Any, source: str) -> Datable:
    ident = raw.get("id") if isinstance(raw, dict) else None
    if not ident or not raw.get("label") or not raw.get("patterns"):
        raise ValueError(f"datable events: entry {raw!r:.60} needs id, label and patterns")
    kind = raw.get("kind", "event")
    if kind not in KINDS:
        raise ValueError(f"datable events: '{ident}': kind must be one of {sorted(KINDS)}")
    dates_raw = raw.get("date")
    dates = tuple(sorted(_day(d, ident) for d in (dates_raw if isinstance(dates_raw, list) else [dates_raw])))
    end = _day(raw["end"], ident) if raw.get("end") is not None else None
    if kind == "period" and (end is None or end < dates[0]):
        raise ValueError(f"datable events: '{ident}': a period needs an end after its date")
    flags = 0 if raw.get("case") == "sensitive" else re.IGNORECASE
    any_of, all_of = [], []
    for pattern in raw["patterns"]:
        try:
            if isinstance(pattern, dict) and isinstance(pattern.get("all"), list):
                all_of.append(tuple(re.compile(p, flags) for p in pattern["all"]))
            elif isinstance(pattern, str):
                any_of.append(re.compile(pattern, flags))
            else:
                raise ValueError("a pattern is a regex or {all: [regex, ...]}")
        except re.error as exc:
            raise ValueError(f"datable events: '{ident}': bad pattern {pattern!r}: {exc}") from exc
    weight = float(raw.get("weight", KINDS[kind]))
    return Datable(ident, str(raw["label"]), kind, dates, end, weight, tuple(any_of), tuple(all_of), source)


def _day(value: Any, ident: str) -> date:
    if isinstance(value, date):
        return value
    parsed = parse_value(str(value)) if value is not None else None
    if parsed is None:
        raise ValueError(f"datable events: '{ident}': unreadable date {value!r}")
    return parsed[0]


def find_mentions(text: str, items: tuple[Datable, ...] | None = None) -> list[Mention]:
    """Every entry mentioned in ``text``, at most once per sentence."""
    items = load() if items is None else items
    entries, finder = _prefilter(items)
    present = finder.present(text)
    sentences: list[tuple[int, int]] | None = None  # split on the first entry that may match
    starts: list[int] = []
    out: list[Mention] = []
    for item, tests in entries:
        if tests and not _may_match(tests, present):
            continue  # some literal word each pattern needs is missing: none of them can match
        if sentences is None:
            sentences = split_sentences(text)
            starts = [s for s, _ in sentences]
        seen: set[tuple[int, int]] = set()
        for pattern in item.any_of:
            for m in pattern.finditer(text):
                sentence = sentences[max(0, bisect_right(starts, m.start()) - 1)]
                if sentence not in seen:
                    seen.add(sentence)
                    out.append(Mention(item, m.start(), m.end(), sentence))
        for group in item.all_of:
            if not all(p.search(text) for p in group[1:]):
                continue  # cheap whole-text rejection before the per-sentence check
            for m in group[0].finditer(text):
                sentence = sentences[max(0, bisect_right(starts, m.start()) - 1)]
                piece = text[sentence[0] : sentence[1]]
                if sentence not in seen and all(p.search(piece) for p in group[1:]):
                    seen.add(sentence)
                    out.append(Mention(item, m.start(), m.end(), sentence))
    out.sort(key=lambda mention: mention.start)
    return out


_Tests = tuple[tuple[anchors_mod.Clause, ...], ...]  # per pattern or group: clauses that must all hold
_Prefilter = tuple[list[tuple[Datable, _Tests]], anchors_mod.Finder]
_filters: dict[int, tuple[tuple[Datable, ...], _Prefilter]] = {}


def _may_match(tests: _Tests, present: set[tuple[str, bool]]) -> bool:
    """Whether some pattern (or group) of an entry may match: each of its clauses holds."""
    return any(all(not c.isdisjoint(present) for c in clauses) for clauses in tests)


def _prefilter(items: tuple[Datable, ...]) -> _Prefilter:
    """Each entry with the anchor clauses of each of its patterns and groups (``anchors``), or
    with () when some pattern has none (that entry is always run); and all their strings."""
    cached = _filters.get(id(items))
    if cached is not None and cached[0] is items:
        return cached[1]
    entries: list[tuple[Datable, _Tests]] = []
    for item in items:
        tests = [_pattern_anchors(p) for p in item.any_of]
        for group in item.all_of:  # every pattern of a group must match: all their clauses hold
            tests.append(anchors_mod.best([c for p in group for c in _pattern_anchors(p)]))
        entries.append((item, () if not tests or not all(tests) else tuple(tests)))
    finder = anchors_mod.Finder(frozenset(key for _, tests in entries for clauses in tests for c in clauses for key in c))
    if len(_filters) > 8:
        _filters.clear()
    _filters[id(items)] = (items, (entries, finder))
    return entries, finder


@lru_cache(maxsize=4096)
def _pattern_anchors(pattern: re.Pattern[str]) -> tuple[anchors_mod.Clause, ...]:
    return anchors_mod.anchors(pattern)
