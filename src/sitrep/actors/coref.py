"""Later references to actors already named in the article.

1. Surnames and partial names of people named earlier ("Mr Stoltenberg", "Kerry", "de Mistura").
2. Anaphors of organisations named earlier ("the alliance" after NATO; "the bloc" after the EU).
3. A bare title of a person named earlier with that role ("the secretary-general").
4. "he"/"she" as the subject of a clause: the nearest person named before, within two sentences,
   preferring one that was itself a subject.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from .extract import Cand
from .kb import KnowledgeBase
from .titles import norm_title, title_words

_MAX_SENTENCES_BACK = 2


def _keys(name: str) -> set[str]:
    parts = name.replace("-", " ").split()
    if len(parts) < 2:
        return set()
    keys = {parts[-1].casefold(), " ".join(parts[1:]).casefold()}
    return {k for k in keys if len(k) > 2}


def add_coref(doc: Doc, cands: list[Cand], kb: KnowledgeBase, day: date | None) -> list[Cand]:
    taken = [False] * len(doc)
    for c in cands:
        taken[c.start : c.end] = [True] * (c.end - c.start)
    _rename_partial_names(cands)
    found: list[Cand] = []
    found += _surnames(doc, cands, taken)
    found += _anaphors(doc, cands, taken, kb, day)
    found += _bare_titles(doc, cands, taken)
    found += _pronouns(doc, cands + found, taken)
    return sorted(cands + found, key=lambda c: c.start)


def _rename_partial_names(cands: list[Cand]) -> None:
    """A name the NER found that is the surname of a person named before ("Kerry", "Major")."""
    for i, c in enumerate(cands):
        if c.kind != "new_person" or len(c.name.split()) > 2:
            continue
        key = " ".join(c.name.replace("-", " ").split()).casefold()
        refs = {(o.kind, o.ident, o.name): o for o in cands[:i] if o.kind in ("person", "new_person") and key in _keys(o.name)}
        if len(refs) == 1:
            ref = next(iter(refs.values()))
            cands[i] = _copy(ref, c.start, c.end, c.name)


def _copy(c: Cand, start: int, end: int, text: str) -> Cand:
    return Cand(start, end, c.kind, c.ident, c.name, how="coref", sector=c.sector, code=c.code,
                title=c.title, office=c.office, historical=c.historical)


def _mark(taken: list[bool], start: int, end: int) -> None:
    taken[start:end] = [True] * (end - start)


def _surnames(doc: Doc, cands: list[Cand], taken: list[bool]) -> list[Cand]:
    people: dict[str, list[Cand]] = {}
    for c in cands:
        if c.kind in ("person", "new_person"):
            for k in _keys(c.name):
                people.setdefault(k, [])
                if all((o.kind, o.ident, o.name) != (c.kind, c.ident, c.name) for o in people[k]):
                    people[k].append(c)
    honor = title_words().honorifics
    out = []
    i = 0
    while i < len(doc):
        if taken[i] or not doc[i].text[:1].isupper():
            i += 1
            continue
        for n in (3, 2, 1):
            span = doc[i : i + n]
            if len(span) < n or any(taken[span.start : span.end]):
                continue
            key = span.text.replace("-", " ").replace(" ’s", "").replace(" 's", "")
            refs = [c for c in people.get(" ".join(key.split()).casefold(), []) if c.start < i]
            if len({(c.kind, c.ident, c.name) for c in refs}) == 1:
                start = i - 1 if i > 0 and doc[i - 1].lower_.rstrip(".") in honor and not taken[i - 1] else i
                out.append(_copy(refs[-1], start, i + n, span.text))
                _mark(taken, start, i + n)
                i += n
                break
        else:
            i += 1
    return out


def _anaphors(doc: Doc, cands: list[Cand], taken: list[bool], kb: KnowledgeBase, day: date | None) -> list[Cand]:
    out = []
    for chunk in doc.noun_chunks:
        if any(taken[chunk.start : chunk.end]):
            continue
        orgs = kb.orgs_by_anaphor(chunk.text, day) or kb.orgs_by_anaphor(f"the {chunk.root.text}", day)
        if not orgs:
            continue
        codes = {kb.organisations[o.ident].code for o in cands if o.kind == "org" and o.ident and o.start < chunk.start}
        # An organisation is in play when named, or when an agent or office holder of it is ("Nato's chief").
        codes |= {o.code for o in cands if o.kind in ("agent", "person") and o.code and o.start < chunk.start}
        named = [o for o in orgs if o.code in codes]
        if len({o.code for o in named}) == 1:
            org = named[0]
            out.append(Cand(chunk.start, chunk.end, "org", org.id, org.name, how="coref"))
            _mark(taken, chunk.start, chunk.end)
    return out


def _bare_titles(doc: Doc, cands: list[Cand], taken: list[bool]) -> list[Cand]:
    out = []
    for chunk in doc.noun_chunks:
        if any(taken[chunk.start : chunk.end]) or chunk[0].lower_ not in ("the",) or len(chunk) > 4:
            continue
        want = norm_title(doc[chunk.start + 1 : chunk.end].text)
        prior = [c for c in cands if c.kind in ("person", "new_person") and c.title and c.start < chunk.start
                 and norm_title(c.title).endswith(want)]
        if want and len({(c.ident, c.name) for c in prior}) == 1:
            out.append(_copy(prior[-1], chunk.start, chunk.end, chunk.text))
            _mark(taken, chunk.start, chunk.end)
    return out


def _pronouns(doc: Doc, cands: list[Cand], taken: list[bool]) -> list[Cand]:
    sent_of = {}
    for n, sent in enumerate(doc.sents):
        for t in sent:
            sent_of[t.i] = n
    persons = sorted((c for c in cands if c.kind in ("person", "new_person")), key=lambda c: c.start)
    out = []
    for tok in doc:
        if tok.lower_ not in ("he", "she") or tok.dep_ not in ("nsubj", "nsubjpass") or taken[tok.i]:
            continue
        here = sent_of[tok.i]
        before = [c for c in persons if c.start < tok.i and here - sent_of[c.start] <= _MAX_SENTENCES_BACK]
        if not before:
            continue
        subjects = [c for c in before if doc[c.end - 1].dep_ in ("nsubj", "nsubjpass")]
        ref = (subjects or before)[-1]
        out.append(_copy(ref, tok.i, tok.i + 1, tok.text))
        _mark(taken, tok.i, tok.i + 1)
    return out
