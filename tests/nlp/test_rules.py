"""The cached attribute rules give every token what the model's own attribute_ruler gives."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from sitrep.nlp import load, model_name
from sitrep.nlp.rules import CachedAttributeRuler, _cacheable

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"

pytestmark = pytest.mark.slow

# The ruler's exceptions: contractions, multi-token rules, dependency-conditioned pronouns,
# possessives, spaces; and ordinary news copy.
TRICKY = [
    "I ain't gonna say it; they didn't and we won't, y'all.\n\nHe's gotta go  now, can't he?",
    "Its forces and hers: the ministry's envoy said his country's troops wouldn't leave.",
    "  Tripoli\n\n\nThe 'whatever' -- said he -- was theirs, not ours; 'tis so, innit?",
    "Haftar's LNA shelled Misrata on Monday, the UN said. Russia denied it had sent Wagner fighters.",
]


def _texts(seeds: list[str]) -> list[str]:
    corpus = [p.read_text("utf-8") for p in sorted(EXAMPLES.rglob("*.txt"))]
    return TRICKY + corpus + seeds


def _attrs(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in doc]


def test_cached_rules_match_the_stock_ruler(shared_dir):
    seeds = [p.read_text("utf-8") for p in sorted((shared_dir / "seeds").iterdir()) if p.is_file()]
    ours = load()
    assert "sitrep_attribute_rules" in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    stock = importlib.import_module(model_name()).load(exclude=["senter"])
    stock.add_pipe("sitrep_paragraphs", before="parser")
    texts = _texts(seeds)
    compared = 0
    for a, b in zip(ours.pipe(texts), stock.pipe(texts)):
        assert _attrs(a) == _attrs(b)
        compared += len(a)
    assert compared > 5000


def test_which_patterns_are_cached():
    assert _cacheable([{"TAG": "PRP", "LOWER": "his"}])
    assert _cacheable([{"DEP": {"NOT_IN": ["nsubj"]}, "TAG": {"IN": ["PRP", "PRP$"]}}])
    assert not _cacheable([{"LOWER": "gon"}, {"LOWER": "na"}])  # two tokens
    assert not _cacheable([{"LOWER": {"REGEX": "^n't$"}}])
    assert not _cacheable([{"LOWER": "a", "OP": "?"}])
    assert not _cacheable([{"_": {"flag": True}}])


def test_rules_answer_from_the_cache_and_the_matcher():
    ruler = CachedAttributeRuler(load(stock=True).get_pipe("attribute_ruler"))
    assert ruler._simple and len(ruler._matcher) > 0  # both kinds in the stock model
    nlp = load()
    nlp("They ain't gonna stop.")
    rules = nlp.get_pipe("sitrep_attribute_rules")
    assert rules._cache  # filled as tokens come
    doc = nlp("They ain't gonna stop.")
    assert [t.lemma_ for t in doc][:5] == ["they", "be", "not", "go", "to"]
