"""Line breaks end sentences: the offset-based component against the token-by-token rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.nlp import load, paragraph_boundaries

pytestmark = pytest.mark.slow


def _reference(doc) -> list[int]:
    """Each token after one whose trailing whitespace, or whose own space text, holds a line break."""
    return [t.i + 1 for t in doc[:-1]
            if "\n" in t.text_with_ws[len(t.text):] or (t.is_space and "\n" in t.text)]


PIECES = st.sampled_from(["Libya", "said", ".", ",", " ", "  ", "\n", "\n\n", " \n ", "\t\n", "Tripoli's", "U.N.", "-"])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_sentence_starts_follow_line_breaks(pieces):
    nlp = load()
    doc = nlp.make_doc(" ".join(pieces) if len(pieces) % 2 else "".join(pieces))
    want = set(_reference(doc))
    doc = paragraph_boundaries(doc)
    assert {t.i for t in doc if t.is_sent_start and t.i > 0} == want


def test_a_headline_is_its_own_sentence():
    doc = load()("Talks resume in Geneva\nThe UN envoy met both delegations on Monday.")
    assert next(s.text.strip() for s in doc.sents) == "Talks resume in Geneva"
