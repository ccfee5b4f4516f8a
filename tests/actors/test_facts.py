"""Shared per-Doc facts: the same noun chunks as spaCy, the same mentions with and without them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.actors.facts import DocFacts, noun_chunks
from sitrep.actors.gazetteer import gazetteer_for
from sitrep.actors.stage import mentions_of
from sitrep.nlp import load

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "txt"


@pytest.fixture(scope="module")
def docs() -> list:
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts.append("Jens Stoltenberg, Nato's secretary-general, spoke. Mr Stoltenberg said the alliance and "
                 "its allies were ready; he met the secretary-general of the bloc and EU leaders.")
    return list(load().pipe(texts))


def test_noun_chunks_are_spacys(docs: list) -> None:
    for doc in docs:
        assert noun_chunks(doc) == [(c.start, c.end, c.root.i) for c in doc.noun_chunks]
        assert DocFacts(doc, None).chunks == [(c.start, c.end, c.text, c.root.text, doc[c.start + 1 : c.end].text)
                                              for c in doc.noun_chunks]


def test_sentence_numbers_are_spacys(docs: list) -> None:
    for doc in docs:
        facts = DocFacts(doc, None)
        assert facts.sent_of == [next(n for n, s in enumerate(doc.sents) if s.start <= t.i < s.end) for t in doc]
        assert all(facts.span_text(s.start, s.end) == s.text for s in doc.sents)


def test_mentions_are_the_same_with_shared_facts_at_two_dates(docs: list) -> None:
    gaz = gazetteer_for(load())
    for doc in docs:
        facts = DocFacts(doc, gaz)
        for day in (date(2012, 9, 12), None, date(2020, 1, 10)):
            assert mentions_of(doc, gaz, day, facts) == mentions_of(doc, gaz, day)
