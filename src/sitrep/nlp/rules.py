"""The pipeline's ``attribute_ruler`` with its one-token rules answered from a cache.

spaCy's attribute ruler (tag -> POS and morphology, a few lemma and POS exceptions) runs its
Matcher over every token with every pattern: about 180 patterns in ``en_core_web_sm``, 10% of
the whole parse here (4.4 ms of ~45 ms an article, 300 benchmark articles). Almost all of them
look at one token and compare its attributes with fixed values, so which of them match a token
depends only on a few attribute values, and the answer for those values can be kept:

* a one-token pattern whose tests are all equality, ``IN`` or ``NOT_IN`` on a plain token
  attribute (``_ONE_TOKEN``) is answered from a dict keyed by the token's values of the
  attributes such patterns test -- each value replaced by ``None`` when no pattern names it, so
  the keys stay few (a tag, a handful of words, a dependency label);
* every other pattern (several tokens, ``REGEX``, operators) stays with a spaCy Matcher of its own.

The matches are then sorted and applied by the original ruler's ``set_annotations``, exactly as
its own ``__call__`` does, so the attributes are the same (``tests/nlp/test_rules.py`` compares
every token's tag, POS, morphology and lemma with the stock pipeline's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

NAME = "sitrep_attribute_rules"

# Token attributes a one-token rule may test and be answered from the cache.
_ONE_TOKEN: dict[str, Callable[[Token], Any]] = {
    "ORTH": lambda t: t.orth_, "TEXT": lambda t: t.orth_, "LOWER": lambda t: t.lower_,
    "NORM": lambda t: t.norm_, "TAG": lambda t: t.tag_, "POS": lambda t: t.pos_, "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_, "IS_SPACE": lambda t: t.is_space, "IS_PUNCT": lambda t: t.is_punct,
    "IS_DIGIT": lambda t: t.is_digit, "IS_ALPHA": lambda t: t.is_alpha, "IS_TITLE": lambda t: t.is_title,
    "IS_UPPER": lambda t: t.is_upper, "IS_LOWER": lambda t: t.is_lower, "LIKE_NUM": lambda t: t.like_num,
}
_SETS = ("IN", "NOT_IN")


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


def _holds(test: Any, value: Any) -> bool:
    if isinstance(test, dict):
        return all((value in items) == (op == "IN") for op, items in test.items())
    return value == test


class CachedAttributeRuler:
    """Answers for ``ruler`` (a spaCy AttributeRuler already loaded with its patterns)."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        vocab = ruler.vocab
        self._simple: list[tuple[int, dict[str, Any]]] = []  # (attr id, one-token test), in attr id order
        self._matcher = Matcher(vocab)
        self._match_ids: list[int] = []
        for attr_id, entry in enumerate(ruler.patterns):
            key = str(attr_id)
            self._match_ids.append(vocab.strings.add(key))
            rest = []
            for pattern in entry["patterns"]:
                if _cacheable(pattern):
                    self._simple.append((attr_id, pattern[0]))
                else:
                    rest.append(pattern)
            if rest:
                self._matcher.add(key, rest)
        named: dict[str, set[Any]] = {}
        for _, test in self._simple:
            for attr, value in test.items():
                values = named.setdefault(attr, set())
                for v in (value.values() if isinstance(value, dict) else [[value]]):
                    values.update(v)
        self._attrs = sorted(named)
        self._getters = [_ONE_TOKEN[a] for a in self._attrs]
        self._named = [frozenset(named[a]) for a in self._attrs]
        self._cache: dict[tuple[Any, ...], tuple[int, ...]] = {}

    def _rules_for(self, key: tuple[Any, ...]) -> tuple[int, ...]:
        values = dict(zip(self._attrs, key))
        found = []
        for attr_id, test in self._simple:
            if all(_holds(t, values[a]) for a, t in test.items()):
                if not found or found[-1] != attr_id:
                    found.append(attr_id)
        return tuple(found)

    def __call__(self, doc: Doc) -> Doc:
        cache, getters, named, ids = self._cache, self._getters, self._named, self._match_ids
        matches = []
        for token in doc:
            key = tuple(v if v in n else None for v, n in zip((g(token) for g in getters), named))
            rules = cache.get(key)
            if rules is None:
                rules = cache[key] = self._rules_for(key)
            i = token.i
            matches += [(r, ids[r], i, i + 1) for r in rules]
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
