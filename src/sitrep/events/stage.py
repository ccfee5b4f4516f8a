"""The ``events`` stage: PLOVER events for each article, one record per event per article.

Within an article, the same event restated (same type, source, target and modality) is one
record; the first statement is its quote, the others are counted in ``mentions``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from datetime import date

from ..models import Analysis, Mention
from ..pipeline import stage
from ..time import PublicationDate, article_anchor, event_date
from ..time.models import parse_value
from .extract import Candidate, extract
from .lexicon import cameo_root, intensity, lexicon

# Confidence parts, tuned by hand on tests/gold/events_dev.jsonl and the PLOVER dev records; a
# direct syntactic link says more than a fallback.
_SOURCE_CONF = {"subject": 0.35, "agent": 0.35, "poss": 0.3, "modifier": 0.25, "prep": 0.3, "governor": 0.25,
                "object": 0.25, "clause": 0.2, "speaker": 0.15, "context": 0.1}
_TARGET_CONF = {"object": 0.3, "prep": 0.25, "clause": 0.2}


@lru_cache(maxsize=1)
def _contexts() -> list[tuple[str, tuple[str, ...]]]:
    data = yaml.safe_load(resources.files(__package__).joinpath("data/contexts.yaml").read_text("utf-8"))
    return [(name, tuple(words)) for name, words in data["contexts"].items()]


def contexts_of(sentence: str) -> list[str]:
    low = " " + " ".join(sentence.casefold().replace("-", " - ").split()) + " "
    out = []
    for name, words in _contexts():
        if any(f" {w}" in low for w in words):
            out.append(name)
    return out


def confidence(c: Candidate) -> float:
    score = 0.3 + _SOURCE_CONF.get(c.source_how or "", 0.1) + _TARGET_CONF.get(c.target_how or "", 0.0)
    if c.cue.specificity:
        score += 0.05
    return round(min(score, 0.99), 2)


def _actor(m: Mention | None, side: str) -> dict[str, Any]:
    if m is None:
        return {f"{side}_actor_id": None, f"{side}_name": None, f"{side}_code": None, f"{side}_sector": None}
    a = m.actor
    return {f"{side}_actor_id": a.actor_id, f"{side}_name": a.name, f"{side}_code": a.code, f"{side}_sector": a.sector}


# An event dated more than this before its article is history, not news (the article's own
# framing: "the overthrow of Gaddafi six years ago").
HISTORICAL_DAYS = 365


def _date(c: Candidate, anchor: tuple[date, str] | None) -> tuple[str | None, str | None]:
    if anchor is None:
        return None, None
    return event_date(c.sentence.text, anchor[0], anchor[1])


def _historical(value: str | None, precision: str | None, anchor: tuple[date, str] | None) -> bool:
    if anchor is None or value is None or precision in (None, "article"):
        return False
    parsed = parse_value(value)
    return parsed is not None and (anchor[0] - parsed[1]).days > HISTORICAL_DAYS


def event_rows(cands: list[Candidate], article_id: str, doc_name: str, anchor: tuple[date, str] | None) -> list[dict[str, Any]]:
    rows: dict[tuple, dict[str, Any]] = {}
    for c in cands:
        sid = c.source.actor.actor_id if c.source else None
        tid = c.target.actor.actor_id if c.target else None
        when, precision = _date(c, anchor)
        modality = "historical" if c.modality == "asserted" and _historical(when, precision, anchor) else c.modality
        key = (c.type, sid, tid, modality, when)
        if key in rows:
            rows[key]["mentions"] += 1
            continue
        sent = c.sentence
        digest = hashlib.sha256(f"{article_id}|{c.type}|{sid}|{tid}|{modality}|{sent.start_char}".encode()).hexdigest()[:16]
        rows[key] = {
            "event_id": digest, "cluster_id": None, "article_id": article_id, "doc": doc_name,
            "type": c.type, "mode": c.mode, "context": contexts_of(sent.text), "modality": modality,
            **_actor(c.source, "source"), **_actor(c.target, "target"),
            "date": when, "date_precision": precision,
            "location_name": None, "location_country": None, "geonames_id": None, "lat": None, "lon": None,
            "location_precision": None,
            "quote": sent.text.strip(), "start": sent.start_char, "end": sent.end_char,
            "cue": c.token.text, "cue_start": c.token.idx, "confidence": confidence(c),
            "intensity": intensity(c.type, c.mode), "cameo": cameo_root(c.type, c.mode), "mentions": 1,
        }
    return list(rows.values())


@stage("events", requires=("doc", "mentions"), provides=("events",))
def events_stage(batch: list[Analysis]) -> list[Analysis]:
    lex = lexicon()
    out = []
    for a in batch:
        cands = extract(a.work["doc"], a.work.get("mentions", []), lex)
        anchor = article_anchor(PublicationDate(value=a.article.published)) if a.article.published else None
        rows = event_rows(cands, a.article.article_id, a.article.source.doc, anchor)
        out.append(dataclasses.replace(a, events=tuple(rows), work={**a.work, "candidates": cands}))
    return out
