"""What the actors stage reads from one parsed article more than once, computed once per Doc.

An article without a metadata date goes through ``mentions_of`` twice (once to date it from
the people it names, once to resolve roles at that date), and the coreference steps walk the
same noun chunks and tokens. None of what is kept here depends on the date: the knowledge-base
name matches, the noun chunks, token attributes, sentence numbers, and what each NER entity
would give (``extract.ner_candidates``), all in the form the steps use them. The events stage
reads the same object (the actors stage leaves it in the batch's working state) for the text,
the sentences and the token attributes it scans every sentence for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, ORTH, POS
from spacy.lang.en.syntax_iterators import noun_chunks as english_noun_chunks
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span

_NP_DEPS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


class DocFacts:
    """Date-free facts of one parsed article; every field is computed on first use."""

    def __init__(self, doc: Doc, gaz: Any) -> None:
        self.doc, self.gaz = doc, gaz
        self._strip: dict[tuple[int, int], Span] = {}
        self._junk: dict[tuple[int, int], bool] = {}

    @cached_property
    def matches(self) -> list[tuple[int, int, frozenset[Any]]]:
        """The gazetteer's knowledge-base name matches (``Gazetteer.matches``)."""
        return self.gaz.matches(self.doc, self.words)

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        return tuple(self.doc.ents)

    @cached_property
    def org_ents(self) -> list[Span]:
        return [e for e in self.ents if e.label_ == "ORG"]

    @cached_property
    def text(self) -> str:
        return self.doc.text

    # Token attributes as lists, read from the parse's arrays: a Token object per word and
    # attribute costs more than the lookups the steps then make.
    @cached_property
    def words(self) -> list[str]:
        return self._strings(ORTH)

    @cached_property
    def lower(self) -> list[str]:
        return self._strings(LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        """Lowercased lemmas, as the events lexicon looks them up."""
        return [w.lower() for w in self._strings(LEMMA)]

    @cached_property
    def pos(self) -> list[str]:
        return self._strings(POS)

    @cached_property
    def dep(self) -> list[str]:
        return self._strings(DEP)

    @cached_property
    def idx(self) -> list[int]:
        return self.doc.to_array(IDX).tolist()

    def _strings(self, attr: int) -> list[str]:
        strings = self.doc.vocab.strings
        return [strings[h] for h in self.doc.to_array(attr).tolist()]

    @cached_property
    def sents(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def sent_of(self) -> list[int]:
        """The number of each token's sentence (``doc.sents`` order)."""
        out = [0] * len(self.doc)
        for n, sent in enumerate(self.sents):
            out[sent.start : sent.end] = [n] * (sent.end - sent.start)
        return out

    @cached_property
    def sent_starts(self) -> dict[int, int]:
        """First token of each sentence -> its number."""
        return {sent.start: n for n, sent in enumerate(self.sents)}

    @cached_property
    def chunks(self) -> list[tuple[int, int, str, str, str]]:
        """Noun chunks as (start, end, text, root text, text after the first word)."""
        out = []
        for start, end, root in noun_chunks(self.doc):
            out.append((start, end, self.span_text(start, end), self.words[root], self.span_text(start + 1, end)))
        return out

    def offsets(self, start: int, end: int) -> tuple[int, int]:
        """``(span.start_char, span.end_char)`` of ``doc[start:end]`` (a non-empty span) without
        making the Span."""
        return self.idx[start], self.idx[end - 1] + len(self.words[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without making the Span."""
        if end <= start:
            return ""
        lo, hi = self.offsets(start, end)
        return self.text[lo:hi]

    def strip(self, span: Span, strip: Callable[[Span], Span]) -> Span:
        """``strip(span)``, once per span."""
        key = (span.start, span.end)
        if key not in self._strip:
            self._strip[key] = strip(span)
        return self._strip[key]

    def junk(self, span: Span, junk: Callable[[Span], bool]) -> bool:
        """``junk(span)``, once per span."""
        key = (span.start, span.end)
        if key not in self._junk:
            self._junk[key] = junk(span)
        return self._junk[key]

    def once(self, name: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per Doc under ``name``."""
        cache = self.__dict__.setdefault("_once", {})
        if name not in cache:
            cache[name] = compute()
        return cache[name]


def noun_chunks(doc: Doc) -> list[tuple[int, int, int]]:
    """``doc.noun_chunks`` as (start, end, root token), without a Token or Span per word: the
    English iterator of spaCy (``spacy.lang.en.syntax_iterators``) over the arrays of the parse,
    and ``Span.root`` where the chunk's root is plain; any other iterator runs as it is."""
    if doc.noun_chunks_iterator is not english_noun_chunks or doc.user_span_hooks or not doc.has_annotation("DEP"):
        return [(c.start, c.end, c.root.i) for c in doc.noun_chunks]
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in _NP_DEPS}
    conj = strings.add("conj")
    arr = doc.to_array([POS, DEP, HEAD])
    pos, dep, head = arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].view(np.int64).tolist()
    out = []
    prev_end = -1
    for i, p in enumerate(pos):
        if p not in (NOUN, PROPN, PRON):
            continue
        left = doc[i].left_edge.i
        if left <= prev_end:  # no nested chunks
            continue
        h = i
        if dep[i] == conj:  # coordinated to an NP: an NP
            h = i + head[i]
            while dep[h] == conj and h + head[h] < h:
                h += head[h]
        if dep[h] in np_deps:
            prev_end = i
            out.append((left, i + 1, _root(doc, left, i + 1, head)))
    return out


def _root(doc: Doc, start: int, end: int, head: list[int]) -> int:
    """``doc[start:end].root.i``: the sentence root if inside, else the one token whose head is
    outside; Span.root decides when several are."""
    for i in range(start, end):
        if head[i] == 0:
            return i
    outside = [i for i in range(start, end) if not start <= i + head[i] < end]
    return outside[0] if len(outside) == 1 else doc[start:end].root.i
