"""Which entity an ambiguous knowledge-base name means in an article: by the article's date
(organisations that existed, people in office, else the latest former holder), by kind (a state
before its capital), or -- for people none of whom can be told apart -- only whom they acted for.
"""

from __future__ import annotations

from datetime import date

from .gazetteer import Entry
from .kb import KnowledgeBase, date_bounds


def choose(entries: frozenset[Entry], kb: KnowledgeBase, day: date | None) -> Entry | None:
    """One entry for an ambiguous name: orgs that existed on the day, people in office then."""
    if len(entries) == 1:
        return next(iter(entries))
    pool = list(entries)
    if day is not None:
        alive = [e for e in pool if e.kind != "org" or kb.organisations[e.ident].active_on(day)]
        held = [e for e in alive if e.kind != "person" or any(r.held_on(day) for r in kb.people[e.ident].roles)]
        if not held and alive and all(e.kind == "person" for e in alive):
            held = latest_former(alive, kb, day)  # "Assad" in 2025 is the one who ruled last
        pool = held or alive
    kinds = {e.kind for e in pool}
    if len(pool) > 1 and kinds <= {"state", "capital", "seat"} and "state" in kinds:
        pool = [e for e in pool if e.kind == "state"]
    if len(pool) > 1 and kinds - {"seat"}:
        pool = [e for e in pool if e.kind != "seat"]  # a name that is also a capital: the other reading
    return pool[0] if len(pool) == 1 else None


def latest_former(people: list[Entry], kb: KnowledgeBase, day: date) -> list[Entry]:
    """Of several people none of whom held office on ``day``, the one whose last office before it
    ended latest (people are named after they leave office by the name of their time)."""
    def last_end(e: Entry) -> date | None:
        ends = [date_bounds(r.end)[1] for r in kb.people[e.ident].roles if r.end and date_bounds(r.start)[0] <= day]
        ends = [d for d in ends if d <= day]
        return max(ends) if ends else None
    dated = [(last_end(e), e) for e in people]
    dated = [(d, e) for d, e in dated if d is not None]
    if not dated:
        return []
    best = max(d for d, _ in dated)
    return [e for d, e in dated if d == best]


def shared_principal(entries: frozenset[Entry], kb: KnowledgeBase) -> str | None:
    """The one state or organisation every person a name may mean acted for ("Bush": USA)."""
    if not entries or any(e.kind != "person" for e in entries):
        return None
    codes = {kb.offices[r.office].org for e in entries for r in kb.people[e.ident].roles}
    return next(iter(codes)) if len(codes) == 1 else None
