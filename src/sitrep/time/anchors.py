"""Literal anchors of regular expressions: a cheap test that a pattern cannot match a text.

:func:`anchors` reads a compiled pattern's syntax tree and returns clauses of literal strings:
every match of the pattern contains at least one string of each clause ("Gaddafi" or
"Qaddafi" ...; and "ouster" or "overthrow" ...). A text that misses every string of some clause
cannot match the pattern, so :func:`sitrep.time.knowledge.find_mentions` runs only the patterns
whose clauses all hold -- the same mentions, found without scanning each text with every
datable event's regexes. No clause means no test: the pattern is always run.

Case: a string of a case-insensitive part of a pattern is ASCII and lowercased, and is looked
up in :func:`folded` text, which maps every character that ``re.IGNORECASE`` equates with an
ASCII letter to that letter (the four non-ASCII ones: "İ", "ı", "ſ" and the Kelvin sign)
before lowercasing; so a case-insensitive match always leaves its strings in the folded text.
A string of a case-sensitive part is looked up in the text as it is.
"""

from __future__ import annotations

import re
from itertools import product
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

Clause = frozenset[tuple[str, bool]]  # (string, look it up in folded text)

MAX_CLAUSES = 3
MIN_SCORE = 4  # weaker strings ("ion", "5") occur in nearly any text
# Non-ASCII characters that re.IGNORECASE matches with an ASCII letter (checked over all of
# Unicode in tests/time/test_anchors.py).
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def folded(text: str) -> str:
    """``text`` as case-insensitive strings are looked up in (see the module docstring)."""
    return text.lower() if text.isascii() else text.translate(_TO_ASCII).lower()


class Finder:
    """Which of a set of anchor strings occur in a text, in one pass per case: a regex
    alternation of the strings (as a trie, so the engine follows one path per position) finds
    the longest string starting at each position; the strings that are prefixes of it start
    there too."""

    def __init__(self, strings: frozenset[tuple[str, bool]]) -> None:
        self.parts = []
        for icase in (True, False):
            words = sorted({s for s, i in strings if i is icase})
            if words:
                closure = {w: frozenset((t, icase) for t in words if w.startswith(t)) for w in words}
                self.parts.append((icase, re.compile(_trie(words)), closure))

    def present(self, text: str) -> set[tuple[str, bool]]:
        """The strings that occur in ``text`` (the case-insensitive ones in folded text); a
        clause holds when it shares a string with this set."""
        out: set[tuple[str, bool]] = set()
        for icase, regex, closure in self.parts:
            hay = folded(text) if icase else text
            m = regex.search(hay)
            while m is not None:
                out |= closure[m.group()]
                m = regex.search(hay, m.start() + 1)
        return out


def _trie(words: list[str]) -> str:
    """One regex matching exactly ``words``, longest first, factored by common prefixes."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node(root)


def _node(node: dict) -> str:
    alts = [re.escape(ch) + _node(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:  # a word ends here: try the longer ones first
        return ("(?:" + body + ")?") if len(alts) == 1 else body + "?"
    return body


def anchors(pattern: re.Pattern[str]) -> tuple[Clause, ...]:
    """Up to ``MAX_CLAUSES`` clauses every match of ``pattern`` satisfies, the most selective
    first; () when none can be read (``\\w+``)."""
    tree = P.parse(pattern.pattern, pattern.flags)
    return best(_sequence(list(tree), bool(tree.state.flags & re.IGNORECASE)))


def best(clauses: list[Clause], n: int = MAX_CLAUSES) -> tuple[Clause, ...]:
    """The ``n`` most selective distinct clauses, most selective first; a clause with a string
    as short as "ion" holds in nearly any text and is left out."""
    useful = {c for c in clauses if score(c) >= MIN_SCORE}
    return tuple(sorted(useful, key=lambda c: (-score(c), sorted(c)))[:n])


def score(clause: Clause) -> int:
    """How rarely a clause is likely to hold: its weakest string's length, with numbers ("28")
    and case-sensitive acronyms ("HTS") counting extra."""
    return min(_score(s, icase) for s, icase in clause)


def _score(s: str, icase: bool) -> int:
    digits = sum(ch.isdigit() for ch in s)
    capitals = 0 if icase else sum(ch.isupper() for ch in s)
    return len(s.strip()) + 4 * (digits >= 2) + 2 * (capitals >= 2)


def _sequence(items: list, icase: bool) -> list[Clause]:
    """Clauses every match of this sequence satisfies, all of them at once."""
    clauses: list[Clause] = []
    run: list[str] = []

    def flush() -> None:
        literal = "".join(run)
        run.clear()
        if literal.strip() and (not icase or literal.isascii()):
            clauses.append(frozenset([(literal.lower() if icase else literal, icase)]))

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue  # takes no characters: the literals on both sides stay adjacent
        flush()
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            inner = icase
            if add_flags & re.IGNORECASE:
                inner = True
            if del_flags & re.IGNORECASE:
                inner = False
            clauses += _sequence(list(sub), inner)
        elif op is C.ATOMIC_GROUP:
            clauses += _sequence(list(av), icase)
        elif op in _REPEATS and av[0] >= 1:
            clauses += _sequence(list(av[2]), icase)
        elif op is C.BRANCH:
            # Each alternative satisfies its own clauses, so a union of one clause of each holds
            # for the branch: every such union of their best two, when there are few of them.
            width = 2 if len(av[1]) <= 4 else 1
            alternatives = [best(_sequence(list(b), icase), width) for b in av[1]]
            if alternatives and all(alternatives):
                clauses += [frozenset().union(*pick) for pick in product(*alternatives)]
    flush()
    return clauses
