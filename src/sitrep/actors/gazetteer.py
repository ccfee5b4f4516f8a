"""Knowledge-base names as spaCy phrase patterns: one pass over a Doc finds every KB actor name.

All-caps names ("US", "IS", "NATO") match only as written; other names match in any case, but
the first word must be capitalised in the text ("Turkey" the state, not "turkey" the bird).
When names overlap, the longest wins ("Libyan National Army" over "Libyan").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .kb import KnowledgeBase, load_kb


@dataclass(frozen=True)
class Entry:
    kind: str  # state | capital | seat | org | person
    ident: str  # iso3, organisation id or person id
    name: str  # the canonical name


def _variants(name: str) -> set[str]:
    name = " ".join(name.split())
    out = {name, name.replace("’", "'"), name.replace("'", "’")}
    if "-" in name:
        out |= {v.replace("-", " ") for v in list(out)}
    return {v for v in out if v}


def _all_caps(name: str) -> bool:
    return any(c.isalpha() for c in name) and not any(c.islower() for c in name)


class Gazetteer:
    """Phrase matchers over the KB's names, built once per (KB, vocab)."""

    def __init__(self, kb: KnowledgeBase, nlp: Any, plan: Plan | None = None) -> None:
        """``plan``: what :func:`make_plan` gives for this KB and pipeline (made here when not given)."""
        self.kb = kb
        entries, exact, folded = plan if plan is not None else make_plan(kb, nlp)
        # Frozen once here rather than for every match of a name in every article.
        self.entries = {key: frozenset(found) for key, found in entries.items()}
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for matcher, table in ((self.exact, exact), (self.folded, folded)):
            for key, tokenised in table.items():
                matcher.add(key, [Doc(nlp.vocab, words=words, spaces=spaces) for words, spaces in tokenised])
        self.strings = nlp.vocab.strings

    def matches(self, doc: Doc, words: list[str] | None = None) -> list[tuple[int, int, frozenset[Entry]]]:
        """Longest non-overlapping KB name matches: (token start, token end, entries). ``words``:
        the text of each token of ``doc``, when the caller has them."""
        found = []
        for match_id, start, end in self.exact(doc):
            found.append((start, end, self.strings[match_id]))
        for match_id, start, end in self.folded(doc):
            # A capital somewhere ("anti-IS coalition") marks a name; all-lowercase is a word ("turkey").
            texts = words[start:end] if words is not None else [t.text for t in doc[start:end]]
            if any(w[:1].isupper() or not w[:1].isalpha() for w in texts):
                found.append((start, end, self.strings[match_id]))
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken = [False] * len(doc)
        out = []
        for start, end, key in found:
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            out.append((start, end, self.entries[key]))
        return sorted(out)


# name key -> entries; and per matcher (exact, folded), name key -> its variants, tokenised.
Plan = tuple[dict[str, set[Entry]], dict[str, list[tuple[list[str], list[bool]]]], dict[str, list[tuple[list[str], list[bool]]]]]


def make_plan(kb: KnowledgeBase, nlp: Any) -> Plan:
    """Every KB name and its variants, keyed as the matchers match them, tokenised by ``nlp``."""
    entries: dict[str, set[Entry]] = {}
    names: list[tuple[str, Entry]] = []
    for s in kb.states.values():
        names += [(n, Entry("state", s.iso3, s.name)) for n in s.names]
        if s.capital:
            # A capital that news rarely uses for its government still is one as a clause subject
            # ("Beirut rejected the appeal"); the extractor checks the syntax for "seat" entries.
            kind = "capital" if s.capital_metonym else "seat"
            names.append((s.capital, Entry(kind, s.iso3, s.name)))
    for o in kb.organisations.values():
        names += [(n, Entry("org", o.id, o.name)) for n in (o.name, *o.aliases)]
    for p in kb.people.values():
        names += [(n, Entry("person", p.id, p.name)) for n in (p.name, *p.aliases)]
    exact: dict[str, list[tuple[list[str], list[bool]]]] = {}
    folded: dict[str, list[tuple[list[str], list[bool]]]] = {}
    for name, entry in names:
        for variant in _variants(name):
            key = variant if _all_caps(variant) else variant.casefold()
            table = exact if _all_caps(variant) else folded
            if key not in entries:
                entries[key] = set()
                doc = nlp.make_doc(variant)
                table.setdefault(key, []).append(([t.text for t in doc], [bool(t.whitespace_) for t in doc]))
            entries[key].add(entry)
    return entries, exact, folded


@lru_cache(maxsize=2)
def gazetteer_for(nlp: Any) -> Gazetteer:
    """The shipped KB's gazetteer for ``nlp``; its plan comes from the start-up cache
    (``sitrep.buildcache``) when the KB's files, this code and the pipeline are unchanged."""
    from ..buildcache import cached, fingerprint
    from .kb import DATA_DIR

    kb = load_kb()
    here = Path(__file__)
    meta = getattr(nlp, "meta", {}) or {}
    key = fingerprint(files=[DATA_DIR, here, here.with_name("kb.py")], packages=["spacy", f"{meta.get('lang', '')}_{meta.get('name', '')}"],
                      extra=[str(meta.get("name")), str(meta.get("version")), str(meta.get("spacy_version"))])
    return Gazetteer(kb, nlp, cached("actors-gazetteer", key, lambda: make_plan(kb, nlp), tuple))
