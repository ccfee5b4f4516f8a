"""The ``events`` stage: PLOVER events for each article, one record per event per article.

Within an article, the same event restated (same type, source, target and modality) is one
record; the first statement is its quote, the others are counted in ``mentions``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from ..actors.facts import DocFacts
from ..actors.kb import load_kb
from ..actors.resolve import agent_ref
from ..buildcache import load_yaml
from ..geo import countries_in_text, dateline_span, find_toponyms, locate
from ..models import Analysis, Mention
from ..pipeline import stage
from ..time import PublicationDate, article_anchor, event_date
from ..time.models import parse_value
from .extract import Candidate, extract
from .lexicon import cameo_root, intensity, lexicon

# Confidence parts, tuned by hand on tests/gold/events_dev.jsonl and the PLOVER dev records; a
# direct syntactic link says more than a fallback.
_SOURCE_CONF = {"subject": 0.35, "agent": 0.35, "poss": 0.3, "modifier": 0.25, "prep": 0.3, "governor": 0.25,
                "object": 0.25, "clause": 0.2, "speaker": 0.15, "context": 0.1, "located": 0.0}
_TARGET_CONF = {"object": 0.3, "prep": 0.25, "clause": 0.2, "joint": 0.25, "located": 0.0}


@lru_cache(maxsize=1)
def _contexts() -> list[tuple[str, tuple[str, ...]]]:
    data = load_yaml("contexts", resources.files(__package__).joinpath("data/contexts.yaml").read_text("utf-8"))
    return [(name, tuple(words)) for name, words in data["contexts"].items()]


def contexts_of(sentence: str) -> list[str]:
    return list(_contexts_in(sentence))


@lru_cache(maxsize=4096)  # pure; the events of one sentence ask for the same
def _contexts_in(sentence: str) -> tuple[str, ...]:
    low = " " + " ".join(sentence.casefold().replace("-", " - ").split()) + " "
    return tuple(name for name, pattern in _context_patterns() if pattern is not None and pattern.search(low))


@lru_cache(maxsize=1)
def _context_patterns() -> list[tuple[str, re.Pattern[str] | None]]:
    """Per context, one regex for "a word of it starts after a space" (None: no words)."""
    return [(name, re.compile(" (?:" + "|".join(re.escape(w) for w in words) + ")") if words else None)
            for name, words in _contexts()]


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


def _date(sentence: str, anchor: tuple[date, str] | None) -> tuple[str | None, str | None]:
    if anchor is None:
        return None, None
    return event_date(sentence, anchor[0], anchor[1])


def _historical(value: str | None, precision: str | None, anchor: tuple[date, str] | None) -> bool:
    if anchor is None or value is None or precision in (None, "article"):
        return False
    parsed = parse_value(value)
    return parsed is not None and (anchor[0] - parsed[1]).days > HISTORICAL_DAYS


MOVEMENT_TYPES = {"MOBILIZE", "RETREAT", "AID"}


class Places:
    """Event locations for one article (``sitrep.geo``): the clause's place, else the
    sentence's, else the dateline's, else none."""

    def __init__(self, doc: Any, facts: DocFacts | None = None) -> None:
        """``facts``: the Doc's shared facts (``sitrep.actors.facts``), made here when not given."""
        facts = facts or DocFacts(doc, None)
        self.text = facts.text
        self.ents = [(self.text[e.start_char : e.end_char], e.start_char, e.end_char, e.label_) for e in facts.ents]
        head = dateline_span(self.text)
        self.dateline = find_toponyms(self.text, *head, entities=self.ents) if head else []
        self.countries = countries_in_text(self.text)
        self._sentences: dict[int, list[Any]] = {}
        self._located: dict[tuple[int, int, int, bool], Any] = {}  # the same clause asked again
        self._spans: dict[Any, Any] = {}  # each toponym's place and role (``locate``'s cache)

    @staticmethod
    def empty() -> dict[str, Any]:
        return dict.fromkeys(("location_name", "location_country", "geonames_id", "lat", "lon", "location_precision"))

    def country_of(self, c: Candidate) -> str | None:
        """The country where the event happened, from a place the text puts it at -- not from a
        modifier ("US personnel"), which says whose, not where."""
        where = self._where(c)
        # "abducted from a site in northern Mali": an origin is where the act happened, unless the
        # act is a movement (then it is where the mover came from).
        if where is None or where.role == "modifier" or (where.role == "origin" and c.type in MOVEMENT_TYPES):
            return None
        # A country named in passing ("used by US personnel") is no place; a city is, and so is a
        # country the text puts the event in ("in Serbia").
        return where.place.country if where.role in ("at", "origin") or where.place.precision != "country" else None

    def of(self, c: Candidate) -> dict[str, Any]:
        where = self._where(c)
        if where is None:
            return self.empty()
        p = where.place
        return {"location_name": p.name, "location_country": p.country, "geonames_id": p.geonames_id,
                "lat": p.lat, "lon": p.lon, "location_precision": p.precision}

    def _where(self, c: Candidate) -> Any:
        sent = c.sentence
        if sent.start not in self._sentences:
            self._sentences[sent.start] = find_toponyms(self.text, sent.start_char, sent.end_char, entities=self.ents)
        head = c.token if c.token.pos_ == "VERB" else c.token.head
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        key = (sent.start, lo, hi, c.type in MOVEMENT_TYPES)
        if key not in self._located:
            clause = [t for t in self._sentences[sent.start] if t[1] >= lo and t[2] <= hi]
            self._located[key] = locate(clause, text=self.text, sentence=self._sentences[sent.start], dateline=self.dateline,
                                        context_countries=self.countries, movement=key[3], cache=self._spans)
        return self._located[key]


def event_rows(cands: list[Candidate], article_id: str, doc_name: str, anchor: tuple[date, str] | None,
               places: Places | None = None) -> list[dict[str, Any]]:
    rows: dict[tuple, dict[str, Any]] = {}
    for c in cands:
        if c.source is None and (c.source_how or "").startswith("located:"):
            placed = _placed_source(c, places)
            if placed is None:
                continue
            c = placed
        elif c.source is not None and places is not None and _ethnic(c.source, c.token.doc):
            c = _resident(c, places)
        if c.target is None and (c.target_how or "").startswith("located:"):
            c = _placed_target(c, places)
        sid = c.source.actor.actor_id if c.source else None
        tid = c.target.actor.actor_id if c.target else None
        sent = c.sentence
        text = places.text[sent.start_char : sent.end_char] if places is not None else sent.text
        when, precision = _date(text, anchor)
        modality = "historical" if c.modality == "asserted" and _historical(when, precision, anchor) else c.modality
        key = (c.type, sid, tid, modality, when)
        if key in rows:
            rows[key]["mentions"] += 1
            continue
        digest = hashlib.sha256(f"{article_id}|{c.type}|{sid}|{tid}|{modality}|{sent.start_char}".encode()).hexdigest()[:16]
        rows[key] = {
            "event_id": digest, "cluster_id": None, "article_id": article_id, "doc": doc_name,
            "type": c.type, "mode": c.mode, "context": contexts_of(text), "modality": modality,
            **_actor(c.source, "source"), **_actor(c.target, "target"),
            "date": when, "date_precision": precision,
            **(places.of(c) if places else Places.empty()),
            "quote": text.strip(), "start": sent.start_char, "end": sent.end_char,
            "cue": c.token.text, "cue_start": c.token.idx, "confidence": confidence(c),
            "intensity": intensity(c.type, c.mode), "cameo": cameo_root(c.type, c.mode), "mentions": 1,
        }
    return _subsume(list(rows.values()))


def _placed_source(c: Candidate, places: Places | None) -> Candidate | None:
    """A crowd's or an unidentified attacker's event with its country (``events.unattributed``)."""
    country = places.country_of(c) if places else None
    if country is None and c.type == "PROTEST" and c.target is not None and c.target.actor.code in load_kb().states:
        country = c.target.actor.code  # protesters against a government, nowhere else placed: its people
    if country is None:
        # "... to demand the resignation of Algerian President X", "Gunmen killed nine villagers ...,
        # Nigerian police said": the one country the sentence names, if it is not the victims'
        named = [n for n in countries_in_text(c.sentence.text) if c.target is None or n != c.target.actor.code]
        country = named[0] if len(named) == 1 else None
    if country is None:
        return None
    sector = (c.source_how or "").partition(":")[2] or "UNK"
    tok = c.token
    actor = agent_ref(load_kb(), country, sector)
    m = Mention(tok.idx, tok.idx + len(tok.text), tok.text, actor, "located", c.sentence.start, tok.i, tok.i + 1)
    return dataclasses.replace(c, source=m, source_how="located")


def _placed_target(c: Candidate, places: Places | None) -> Candidate:
    """Victims described by the text ("dozens of civilians", "the outskirts of Tripoli") are coded by
    the state where they were hit; with no such place the event keeps no target."""
    country = places.country_of(c) if places else None
    if country is None or country not in load_kb().states:
        return dataclasses.replace(c, target_how=None)
    sector = (c.target_how or "").partition(":")[2] or None
    tok = c.token
    actor = agent_ref(load_kb(), country, sector)
    m = Mention(tok.idx, tok.idx + len(tok.text), tok.text, actor, "located", c.sentence.start, tok.i, tok.i + 1)
    return dataclasses.replace(c, target=m, target_how="located")


def _ethnic(m: Mention, doc: Any) -> bool:
    """ "ethnic Albanians", "ethnic Albanian guerrillas": a people, not the state of that name."""
    return any(t.lower_ == "ethnic" for t in doc[max(0, m.token_start - 1) : m.token_end])


def _resident(c: Candidate, places: Places) -> Candidate:
    """An ethnic group is coded by the state it lives and acts in (CAMEO's and ICEWS's convention:
    ethnic Albanians in Macedonia are MKD), when the text places the act in another state."""
    country = places.country_of(c)
    src = c.source
    if country is None or src is None or country == src.actor.code or country not in load_kb().states:
        return c
    actor = agent_ref(load_kb(), country, src.actor.sector if src.actor.sector not in (None, "GOV") else "CVL")
    return dataclasses.replace(c, source=dataclasses.replace(src, actor=actor, how="located"))


def _subsume(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An event without a target is the same event as one with a target, from the same sentence and
    source, of the same type ("attacked a checkpoint ..., killing four soldiers")."""
    with_target = {(r["type"], r["source_actor_id"], r["modality"], r["start"]) for r in rows if r["target_actor_id"]}
    return [r for r in rows if r["target_actor_id"] or (r["type"], r["source_actor_id"], r["modality"], r["start"]) not in with_target]


@stage("events", requires=("doc", "mentions"), provides=("events",))
def events_stage(batch: list[Analysis]) -> list[Analysis]:
    lex = lexicon()
    out = []
    for a in batch:
        doc = a.work["doc"]
        facts = a.work.get("facts") or DocFacts(doc, None)
        cands = extract(doc, list(a.work.get("mentions", [])) + list(a.work.get("places", [])), lex, facts)
        anchor = article_anchor(PublicationDate(value=a.article.published)) if a.article.published else None
        rows = event_rows(cands, a.article.article_id, a.article.source.doc, anchor, Places(doc, facts))
        out.append(dataclasses.replace(a, events=tuple(rows), work={**a.work, "candidates": cands}))
    return out
