"""The pipeline's ``attribute_ruler`` with its one-token rules answered from a cache.

spaCy's attribute ruler (tag -> POS and morphology, a few lemma and POS exceptions) runs its
Matcher over every token with every pattern: about 180 patterns in ``en_core_web_sm``. Answering
them from a cache made bare ``nlp.pipe`` 1% faster on 945 benchmark texts and 9% on 9,542
(docs/benchmarks.md; the machine is noisy). Almost all of them
look at one token and compare its attributes with fixed values, so which of them match a token
depends only on a few attribute values, and the answer for those values can be kept:

* a one-token pattern whose tests are all equality, ``IN`` or ``NOT_IN`` on a plain token
  attribute (``_ONE_TOKEN``) is answered from a dict keyed by the token's values of the
  attributes such patterns test (read with ``Doc.to_array``) -- each value that no pattern
  names replaced by one stand-in, so the keys stay few (a tag, a handful of words, a label);
* every other pattern (several tokens, ``REGEX``, operators) stays with a spaCy Matcher of its own.

The matches are then sorted and applied by the original ruler's ``set_annotations``, exactly as
its own ``__call__`` does, so the attributes are the same (``tests/nlp/test_rules.py`` compares
every token's tag, POS, morphology and lemma with the stock pipeline's).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    IS_ALPHA,
    IS_DIGIT,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    IS_UPPER,
    LIKE_NUM,
    LOWER,
    NORM,
    ORTH,
    POS,
    TAG,
)
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

NAME = "sitrep_attribute_rules"

# Token attributes a one-token rule may test and be answered from the cache, with how a
# pattern's value is written in ``Doc.to_array``'s terms: a string's hash, a part-of-speech id
# or a flag's 0/1.
_ONE_TOKEN: dict[str, tuple[int, str]] = {
    "ORTH": (ORTH, "hash"), "TEXT": (ORTH, "hash"), "LOWER": (LOWER, "hash"), "NORM": (NORM, "hash"),
    "TAG": (TAG, "hash"), "DEP": (DEP, "hash"), "ENT_TYPE": (ENT_TYPE, "hash"), "POS": (POS, "pos"),
    "IS_SPACE": (IS_SPACE, "flag"), "IS_PUNCT": (IS_PUNCT, "flag"), "IS_DIGIT": (IS_DIGIT, "flag"),
    "IS_ALPHA": (IS_ALPHA, "flag"), "IS_TITLE": (IS_TITLE, "flag"), "IS_UPPER": (IS_UPPER, "flag"),
    "IS_LOWER": (IS_LOWER, "flag"), "LIKE_NUM": (LIKE_NUM, "flag"),
}
_SETS = ("IN", "NOT_IN")
_OTHER = np.uint64(2**64 - 1)  # stands for every value no rule names


def _cacheable(pattern: list[dict[str, Any]]) -> bool:
    if len(pattern) != 1:
        return False
    for attr, test in pattern[0].items():
        if attr not in _ONE_TOKEN:
            return False
        if isinstance(test, dict):
            if not test or any(op not in _SETS for op in test):
                return False
        elif not isinstance(test, (str, bool, int)):
            return False
    return True


def _holds(test: Any, value: int) -> bool:
    if isinstance(test, dict):
        return all((value in items) == (op == "IN") for op, items in test.items())
    return value == test


class CachedAttributeRuler:
    """Answers for ``ruler`` (a spaCy AttributeRuler already loaded with its patterns)."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        vocab = ruler.vocab

        def encode(attr: str, value: Any) -> int:
            kind = _ONE_TOKEN[attr][1]
            if kind == "flag":
                return int(bool(value))
            return POS_IDS[value] if kind == "pos" else vocab.strings.add(value)

        # (attr id, {attribute: encoded test}) for the one-token rules, in attr id order
        self._simple: list[tuple[int, dict[str, Any]]] = []
        self._matcher = Matcher(vocab)
        self._match_ids: list[int] = []
        for attr_id, entry in enumerate(ruler.patterns):
            key = str(attr_id)
            self._match_ids.append(vocab.strings.add(key))
            rest = []
            for pattern in entry["patterns"]:
                if not _cacheable(pattern):
                    rest.append(pattern)
                    continue
                self._simple.append((attr_id, {
                    a: ({op: frozenset(encode(a, v) for v in items) for op, items in t.items()} if isinstance(t, dict)
                        else encode(a, t)) for a, t in pattern[0].items()}))
            if rest:
                self._matcher.add(key, rest)
        named: dict[str, set[int]] = {}
        for _, test in self._simple:
            for attr, t in test.items():
                values = named.setdefault(attr, set())
                for items in (t.values() if isinstance(t, dict) else [[t]]):
                    values.update(items)
        self._attrs = sorted(named)
        self._array_attrs = [_ONE_TOKEN[a][0] for a in self._attrs]
        self._named = [np.array(sorted(named[a]), dtype=np.uint64) for a in self._attrs]
        self._cache: dict[tuple[int, ...], tuple[int, ...]] = {}

    def _rules_for(self, key: tuple[int, ...]) -> tuple[int, ...]:
        values = dict(zip(self._attrs, key))
        found: list[int] = []
        for attr_id, test in self._simple:
            if all(_holds(t, values[a]) for a, t in test.items()) and (not found or found[-1] != attr_id):
                found.append(attr_id)
        return tuple(found)

    def _keys(self, doc: Doc) -> tuple[list[tuple[int, ...]], list[int]]:
        """The distinct cache keys of the doc's tokens, and each token's key number."""
        values = doc.to_array(self._array_attrs).reshape(len(doc), len(self._array_attrs))
        for col, named in enumerate(self._named):
            values[~np.isin(values[:, col], named), col] = _OTHER
        keys, inverse = np.unique(values, axis=0, return_inverse=True)
        return [tuple(k) for k in keys.tolist()], inverse.reshape(-1).tolist()

    def __call__(self, doc: Doc) -> Doc:
        matches = []
        if len(doc) and self._attrs:
            cache, ids = self._cache, self._match_ids
            keys, of_token = self._keys(doc)
            rules = []
            for key in keys:
                found = cache.get(key)
                if found is None:
                    found = cache[key] = self._rules_for(key)
                rules.append(found)
            for i, k in enumerate(of_token):
                matches += [(r, ids[r], i, i + 1) for r in rules[k]]
        if len(self._matcher):
            strings = doc.vocab.strings
            matches += [(int(strings[m]), m, s, e) for m, s, e in self._matcher(doc, allow_missing=True, as_spans=False)]
        matches.sort()
        self.ruler.set_annotations(doc, matches)
        return doc


@Language.factory(NAME)
def make_cached_rules(nlp: Language, name: str) -> CachedAttributeRuler:
    return CachedAttributeRuler(nlp.get_pipe("attribute_ruler"))


def install(nlp: Language) -> None:
    """Put the cached rules in the place of the pipeline's ``attribute_ruler`` (if it has one)."""
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
