"""The ``actors`` stage: mentions, resolved actors and text-learned roles for each article."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date
from typing import Any

from spacy.tokens import Doc

from ..models import ActorRef, Analysis, Article, Mention
from ..time import TenureWindow, date_article
from ..nlp import load
from ..pipeline import stage
from .coref import add_coref
from .extract import Cand, candidates
from .facts import DocFacts
from .gazetteer import Gazetteer, gazetteer_for
from .kb import KnowledgeBase, date_bounds
from .extract import sector_nouns
from .titles import is_title_word, title_sector
from .resolve import agent_ref, org_ref, person_ref, state_ref, unknown_org_ref, unknown_person_ref


def article_day(published: str | None, earliest: str | None = None, latest: str | None = None) -> date | None:
    """The day to resolve roles at: the date itself, or the middle of its range/precision."""
    if not published and not (earliest and latest):
        return None
    lo = date_bounds(earliest or published)[0]
    hi = date_bounds(latest or published)[1]
    return date.fromordinal((lo.toordinal() + hi.toordinal()) // 2)


def ref_of(c: Cand, kb: KnowledgeBase, day: date | None) -> tuple[ActorRef, str | None, bool]:
    if c.kind == "state":
        return state_ref(kb, c.ident), None, False  # type: ignore[arg-type]
    if c.kind == "org":
        return org_ref(kb, c.ident), None, False  # type: ignore[arg-type]
    if c.kind == "person":
        ref, role, hist = person_ref(kb, c.ident, day, office=c.office, text_code=c.code, text_title=c.title)  # type: ignore[arg-type]
        return ref, role or c.title, hist or c.historical
    if c.kind == "agent":
        return agent_ref(kb, c.code, c.sector), c.title, False  # type: ignore[arg-type]
    if c.kind == "new_org":
        return unknown_org_ref(c.name, c.code), None, False
    return unknown_person_ref(c.name, c.code, c.sector if c.code or c.title else None), c.title, c.historical


def context_principal(cands: list[Cand]) -> str | None:
    """The state an article is mostly about: the principal we give an actor the text leaves without one
    ("President Yoweri Museveni" in a report about Uganda). None when no state clearly dominates."""
    # People the text ties to a state ("King Hassan of Morocco") count for that state too.
    counts = Counter(c.ident if c.kind == "state" else c.code for c in cands
                     if (c.kind in ("state", "agent") and (c.ident or c.code)) or (c.kind in ("person", "new_person") and c.code))
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    # One mention is no "mostly about": "President X imposed sanctions on the faction that controls
    # Afghanistan" says nothing of X's country.
    return top if n > rest[0][1] else None


# Roles that act for a state; an analyst or a reporter named in an article about Libya is not Libyan.
_FILL_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "REB"}


def _fillable(c: Cand) -> bool:
    if c.kind == "new_person":
        return c.title is not None and title_sector(c.title) in _FILL_SECTORS
    if c.kind == "new_org":
        return unknown_org_ref(c.name, None).kind in ("government body", "military", "police", "party", "other")
    return False


def mentions_of(doc: Doc, gaz: Gazetteer, day: date | None, facts: DocFacts | None = None) -> list[Mention]:
    """The actor mentions of a parsed article as of ``day``. ``facts``: what does not depend on
    the day (``sitrep.actors.facts``), shared between calls for the same Doc."""
    facts = facts or DocFacts(doc, gaz)
    cands = add_coref(doc, candidates(doc, gaz, day, facts), gaz.kb, day, facts)
    sent_no = facts.sent_starts
    fallback = context_principal(cands)
    out = []
    for c in cands:
        if c.code is None and fallback and _fillable(c):
            c.code = fallback
        ref, role, historical = ref_of(c, gaz.kb, day)
        if 0 <= c.start < c.end <= len(doc):
            start_char, end_char = facts.offsets(c.start, c.end)
            text, sentence = facts.text[start_char:end_char], facts.sent_of[c.start]
        else:
            span = doc[c.start : c.end]
            start_char, end_char, text = span.start_char, span.end_char, span.text
            sentence = facts.sent_of[c.start] if 0 <= c.start < len(doc) else sent_no.get(span.sent.start, 0)
        out.append(Mention(start_char, end_char, text, ref, c.how, sentence, c.start, c.end, role, historical, c.office))
    return out


# Prepositions after which a state is where something happens, not who acts ("talks in Libya",
# "flew to Britain"); the events stage still sees these mentions, as places that can be targets.
_PLACE_PREPS = {"in", "at", "across", "throughout", "inside", "near", "around", "within", "off", "outside",
                "to", "into", "from", "towards", "toward", "via", "through"}


def split_places(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(actor mentions, place mentions): a state named only as a place, or as an adjective of a
    thing rather than of people ("the Libyan coast", "Libyan oil"), is not an actor mention."""
    nouns = sector_nouns()
    actors, places = [], []
    for m in mentions:
        if m.actor.kind != "state" or m.how not in ("kb",):
            actors.append(m)
            continue
        last = doc[m.token_end - 1]
        located = last.dep_ == "pobj" and last.head.lower_ in _PLACE_PREPS
        attribute = last.dep_ == "amod" and last.head.pos_ == "NOUN" and last.head.lemma_.lower() not in nouns \
            and not is_title_word(last.head.lemma_)
        (places if located or attribute else actors).append(m)
    return actors, places


def tenure_windows(mentions: list[Mention], kb: KnowledgeBase) -> list[TenureWindow]:
    """What the people an article names say about its date: the office a title gives them holds
    the article inside its tenure ("US Secretary of State John Kerry"); a bare name only says
    their offices had begun."""
    out: dict[tuple[str, str, bool], TenureWindow] = {}
    for m in mentions:
        person = kb.people.get(m.actor.actor_id)
        if person is None or m.how == "coref":
            continue
        for r in person.roles:
            current = m.office == r.office and not m.historical
            if m.office and not current:
                continue
            start, end = date_bounds(r.start)[0], date_bounds(r.end)[1] if r.end else None
            key = (person.id, r.office, current)
            out.setdefault(key, TenureWindow(f"{person.name} as {r.office}", start, end, current))
    return list(out.values())


def date_if_unknown(article: Article, mentions: list[Mention], kb: KnowledgeBase) -> Article:
    """The article's publication date when no metadata gave one (``sitrep.time``)."""
    if article.published_method == "metadata":
        return article
    pub = date_article(article.text, metadata=None, windows=tenure_windows(mentions, kb))
    if pub.value is None:
        return article
    return dataclasses.replace(
        article, published=pub.value, published_method=pub.method, published_confidence=round(pub.confidence, 3),
        published_earliest=pub.earliest.isoformat() if pub.earliest else None,
        published_latest=pub.latest.isoformat() if pub.latest else None)


def actor_rows(mentions: list[Mention], kb: KnowledgeBase) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        a = m.actor
        if a.actor_id in rows:
            continue
        roles, aliases = [], []
        person = kb.people.get(a.actor_id)
        if person:
            aliases = list(person.aliases)
            roles = [{"role": kb.offices[r.office].titles[0] if kb.offices[r.office].titles else r.office,
                      "office": r.office, "org_code": kb.offices[r.office].org, "start": r.start, "end": r.end,
                      "source": "kb", "evidence": None} for r in person.roles]
        elif a.actor_id in kb.organisations:
            aliases = list(kb.organisations[a.actor_id].aliases)
        rows[a.actor_id] = {"actor_id": a.actor_id, "name": a.name, "kind": a.kind, "code": a.code,
                            "sector": a.sector, "aliases": aliases, "roles": json.dumps(roles, default=str)}
    return list(rows.values())


def role_rows(mentions: list[Mention], text: str, article_id: str, day: date | None) -> list[dict[str, Any]]:
    """Roles the text itself states (titles, appositions), with the sentence as evidence."""
    out = {}
    for m in mentions:
        if m.actor.kind != "person" or not m.role or m.how not in ("kb", "ner") or m.historical:
            continue
        key = (m.actor.actor_id, m.role)
        if key not in out:
            lo = text.rfind("\n", 0, m.start) + 1
            hi = text.find("\n", m.end)
            out[key] = {"actor_id": m.actor.actor_id, "role": m.role, "org_code": m.actor.code,
                        "start": day.isoformat() if day else None, "end": None, "source": "text",
                        "evidence": text[lo : hi if hi >= 0 else len(text)][:500], "article_id": article_id}
    return list(out.values())


def mention_rows(mentions: list[Mention], article_id: str) -> list[dict[str, Any]]:
    return [{"article_id": article_id, "actor_id": m.actor.actor_id, "start": m.start, "end": m.end,
             "text": m.text, "code": m.actor.code, "role": m.role, "how": m.how, "sector": m.actor.sector,
             "historical": m.historical, "sentence": m.sentence} for m in mentions]


@stage("actors", requires=("doc",), provides=("mentions", "actors"))
def actors_stage(batch: list[Analysis]) -> list[Analysis]:
    gaz = gazetteer_for(load())
    out = []
    for a in batch:
        art = a.article
        doc = a.work["doc"]
        day = article_day(art.published)
        facts = DocFacts(doc, gaz)
        mentions = mentions_of(doc, gaz, day, facts)
        dated = date_if_unknown(art, mentions, gaz.kb)
        if dated is not art:
            art = dated
            day = article_day(art.published, art.published_earliest, art.published_latest)
            mentions = mentions_of(doc, gaz, day, facts)  # roles and principals as of the inferred date
        mentions, places = split_places(doc, mentions)
        out.append(dataclasses.replace(
            a, article=art,
            actors=tuple(actor_rows(mentions, gaz.kb)),
            mentions=tuple(mention_rows(mentions, art.article_id)),
            roles=tuple(role_rows(mentions, art.text, art.article_id, day)),
            work={**a.work, "mentions": mentions, "places": places, "day": day, "facts": facts},
        ))
    return out
