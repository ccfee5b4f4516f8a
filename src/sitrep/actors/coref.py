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
from .facts import DocFacts
from .kb import KnowledgeBase
from .titles import norm_title, title_words

_MAX_SENTENCES_BACK = 2


def _keys(name: str) -> set[str]:
    parts = name.replace("-", " ").split()
    if len(parts) < 2:
        return set()
    keys = {parts[-1].casefold(), " ".join(parts[1:]).casefold()}
    return {k for k in keys if len(k) > 2}


def add_coref(doc: Doc, cands: list[Cand], kb: KnowledgeBase, day: date | None, facts: DocFacts | None = None) -> list[Cand]:
    """``facts``: the Doc's shared facts (``sitrep.actors.facts``), made here when not given."""
    facts = facts or DocFacts(doc, None)
    taken = [False] * len(doc)
    for c in cands:
        taken[c.start : c.end] = [True] * (c.end - c.start)
    _rename_partial_names(cands)
    found: list[Cand] = []
    found += _surnames(facts, cands, taken)
    found += _anaphors(facts, cands, taken, kb, day)
    found += _bare_titles(facts, cands, taken)
    found += _pronouns(facts, cands + found, taken)
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


def _surnames(facts: DocFacts, cands: list[Cand], taken: list[bool]) -> list[Cand]:
    people: dict[str, list[Cand]] = {}
    for c in cands:
        if c.kind in ("person", "new_person"):
            for k in _keys(c.name):
                people.setdefault(k, [])
                if all((o.kind, o.ident, o.name) != (c.kind, c.ident, c.name) for o in people[k]):
                    people[k].append(c)
    if not people:
        return []
    honor = title_words().honorifics
    words, lower = facts.words, facts.lower
    # The key of a span from token i starts with the token's first word: where no name's first word
    # starts so, no span from i can be a name.
    starts = {w[:j] for k in people for w in k.split()[:1] for j in range(1, len(w) + 1)}
    out = []
    i = 0
    while i < len(words):
        if taken[i] or not words[i][:1].isupper() or words[i].replace("-", " ").split()[0].casefold() not in starts:
            i += 1
            continue
        for n in (3, 2, 1):
            if i + n > len(words) or any(taken[i : i + n]):
                continue
            text = facts.span_text(i, i + n)
            key = text.replace("-", " ").replace(" ’s", "").replace(" 's", "")
            refs = [c for c in people.get(" ".join(key.split()).casefold(), []) if c.start < i]
            if len({(c.kind, c.ident, c.name) for c in refs}) == 1:
                start = i - 1 if i > 0 and lower[i - 1].rstrip(".") in honor and not taken[i - 1] else i
                out.append(_copy(refs[-1], start, i + n, text))
                _mark(taken, start, i + n)
                i += n
                break
        else:
            i += 1
    return out


def _anaphors(facts: DocFacts, cands: list[Cand], taken: list[bool], kb: KnowledgeBase, day: date | None) -> list[Cand]:
    if not any((o.kind == "org" and o.ident) or (o.kind in ("agent", "person") and o.code) for o in cands):
        return []  # no organisation in play: no anaphor can refer to one
    out = []
    for start, end, text, root, _rest in facts.chunks:
        if any(taken[start:end]):
            continue
        orgs = kb.orgs_by_anaphor(text, day) or kb.orgs_by_anaphor(f"the {root}", day)
        if not orgs:
            continue
        codes = {kb.organisations[o.ident].code for o in cands if o.kind == "org" and o.ident and o.start < start}
        # An organisation is in play when named, or when an agent or office holder of it is ("Nato's chief").
        codes |= {o.code for o in cands if o.kind in ("agent", "person") and o.code and o.start < start}
        named = [o for o in orgs if o.code in codes]
        if len({o.code for o in named}) == 1:
            org = named[0]
            out.append(Cand(start, end, "org", org.id, org.name, how="coref"))
            _mark(taken, start, end)
    return out


def _bare_titles(facts: DocFacts, cands: list[Cand], taken: list[bool]) -> list[Cand]:
    if not any(c.kind in ("person", "new_person") and c.title for c in cands):
        return []  # no titled person to refer back to
    out = []
    lower = facts.lower
    for start, end, text, _root, rest in facts.chunks:
        if any(taken[start:end]) or lower[start] not in ("the",) or end - start > 4:
            continue
        want = norm_title(rest)
        prior = [c for c in cands if c.kind in ("person", "new_person") and c.title and c.start < start
                 and norm_title(c.title).endswith(want)]
        if want and len({(c.ident, c.name) for c in prior}) == 1:
            out.append(_copy(prior[-1], start, end, text))
            _mark(taken, start, end)
    return out


def _pronouns(facts: DocFacts, cands: list[Cand], taken: list[bool]) -> list[Cand]:
    persons = sorted((c for c in cands if c.kind in ("person", "new_person")), key=lambda c: c.start)
    if not persons:
        return []
    sent_of, lower, dep = facts.sent_of, facts.lower, facts.dep
    out = []
    for i, word in enumerate(lower):
        if word not in ("he", "she") or dep[i] not in ("nsubj", "nsubjpass") or taken[i]:
            continue
        here = sent_of[i]
        before = [c for c in persons if c.start < i and here - sent_of[c.start] <= _MAX_SENTENCES_BACK]
        if not before:
            continue
        subjects = [c for c in before if dep[c.end - 1] in ("nsubj", "nsubjpass")]
        ref = (subjects or before)[-1]
        out.append(_copy(ref, i, i + 1, facts.words[i]))
        _mark(taken, i, i + 1)
    return out
