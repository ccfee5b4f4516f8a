"""Whom a person or a people acts for, when the text says it with the state's name around them.

Two patterns of wire copy that the earlier steps leave half-read:

* **"Title Name of State"** -- "King Hassan of Morocco", "President Hosni Mubarak of Egypt",
  "Foreign Minister Amr Moussa of Egypt": the state after "of" is the person's principal. The
  person's mention grows over "of State", which is then no separate actor mention.
* **"Adjective Demonym"** -- "Bosnian Serbs", "Iraqi Kurds", "Kosovo Albanians": a people named
  by the state it lives in and the nation it belongs to. Event data code such groups by the state
  of residence (CAMEO's and ICEWS's convention: Bosnian Serbs are BIH), so the pair becomes one
  mention of the residents, coded to the first state, with the civilian sector unless a sector
  noun follows ("Bosnian Serb forces" is already an agent of the earlier step).
"""

from __future__ import annotations

from spacy.tokens import Doc

from .extract import Cand
from .kb import KnowledgeBase


def _is_state(c: Cand) -> bool:
    return c.kind == "state" and bool(c.ident)


def apply_residence(doc: Doc, cands: list[Cand], kb: KnowledgeBase) -> None:
    """Rewrite ``cands`` in place (sorted by start) for the two patterns above."""
    by_start = {c.start: c for c in cands}
    drop: set[int] = set()
    for c in cands:
        if id(c) in drop:
            continue
        if c.kind in ("person", "new_person") and c.title and not c.code:
            # "King Hassan" + "of" + "Morocco"
            if c.end + 1 < len(doc) and doc[c.end].lower_ == "of":
                nxt = by_start.get(c.end + 1)
                if nxt is not None and _is_state(nxt):
                    c.code, c.end = nxt.ident, nxt.end
                    drop.add(id(nxt))
            continue
        if _is_state(c) and doc[c.end - 1].pos_ == "ADJ" or (_is_state(c) and doc[c.end - 1].dep_ in ("amod", "compound")):
            nxt = by_start.get(c.end)
            if nxt is None or not _is_state(nxt) or nxt.ident == c.ident:
                continue
            last = doc[nxt.end - 1]
            if last.tag_ not in ("NNPS", "NNS") and last.lower_ != last.lemma_.lower() + "s":
                continue  # "Bosnian Serb" alone is an adjective of what follows, handled as an agent
            c.end, c.kind, c.sector, c.code, c.how = nxt.end, "agent", "CVL", c.ident, "agent"
            c.name = doc[c.start : nxt.end].text
            drop.add(id(nxt))
    if drop:
        cands[:] = [c for c in cands if id(c) not in drop]
