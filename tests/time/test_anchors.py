"""Literal anchors: the prefilter of find_mentions never drops a mention a full scan finds."""

from __future__ import annotations

import json
import re
import string
from bisect import bisect_right
from pathlib import Path

import pytest

from sitrep.time.anchors import Finder, anchors, folded
from sitrep.time.knowledge import find_mentions, load
from sitrep.time.lexicon import split_sentences

GOLD = Path(__file__).resolve().parents[1] / "gold"


def _texts() -> list[str]:
    out = []
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                out += [v for v in json.loads(line).values() if isinstance(v, str) and len(v) > 20]
    return out


def _scan(text: str) -> list[tuple[str, int, int, tuple[int, int]]]:
    """find_mentions without the prefilter: every pattern of every entry over the text."""
    sentences = split_sentences(text)
    starts = [s for s, _ in sentences]
    out = []
    for item in load():
        seen: set[tuple[int, int]] = set()
        for pattern in item.any_of:
            for m in pattern.finditer(text):
                sentence = sentences[max(0, bisect_right(starts, m.start()) - 1)]
                if sentence not in seen:
                    seen.add(sentence)
                    out.append((item.id, m.start(), m.end(), sentence))
        for group in item.all_of:
            if not all(p.search(text) for p in group[1:]):
                continue
            for m in group[0].finditer(text):
                sentence = sentences[max(0, bisect_right(starts, m.start()) - 1)]
                if sentence not in seen and all(p.search(text[sentence[0] : sentence[1]]) for p in group[1:]):
                    seen.add(sentence)
                    out.append((item.id, m.start(), m.end(), sentence))
    return sorted(out, key=lambda t: t[1])


def test_the_fold_table_covers_every_character_ignorecase_equates_with_an_ascii_letter() -> None:
    every = "".join(chr(i) for i in range(0x80, 0x110000) if not 0xD800 <= i < 0xE000)
    for letter in string.ascii_lowercase:
        for m in re.finditer(letter, every, re.IGNORECASE):
            assert folded(m.group()) == letter, hex(ord(m.group()))


@pytest.mark.parametrize("pattern, text", [
    (r"\b(?:fall|ouster) of (?:\w+ ){0,3}Morsi\b", "the OUSTER of President Mohamed MORSI"),
    (r"\bResolution 1973\b", "resolution 1973"),
    (r"\b(?-i:HTS)\b", "HTS fighters"),
    (r"\bGNU\b.{0,80}\b(?:Liby|Tripoli)", "the GNU in Libya"),
    (r"(?i:gaddafi)'s fall", "GADDAFI's fall"),
    (r"Gaddafi", "QADDAFİ and GADDAFİ"),
    (r"\bstorm (?:Daniel)+", "the ſtorm Daniel"),
])
def test_a_match_leaves_every_clause_holding(pattern: str, text: str) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    assert compiled.search(text)
    clauses = anchors(compiled)
    present = Finder(frozenset(k for c in clauses for k in c)).present(text)
    assert all(not c.isdisjoint(present) for c in clauses)


def test_clauses_are_read_from_the_syntax() -> None:
    assert anchors(re.compile(r"\w+\s\d+")) == ()
    assert anchors(re.compile(r"(?:abc)?defg")) == (frozenset({("defg", False)}),)
    assert frozenset({("qaddafi", True), ("gaddafi", True)}) in anchors(re.compile("(?:Gaddafi|Qaddafi) forces", re.IGNORECASE))
    assert (frozenset({("HTS", False)}),) == anchors(re.compile(r"\b(?-i:HTS)\b", re.IGNORECASE))


def test_the_finder_sees_overlapping_and_nested_strings() -> None:
    finder = Finder(frozenset({("libya", True), ("liby", True), ("ya 20", True), ("NATO", False)}))
    assert finder.present("In LIBYA 2011, Nato") == {("libya", True), ("liby", True), ("ya 20", True)}


def test_find_mentions_equals_a_full_scan() -> None:
    texts = _texts() + ["LİBYA after the fall of QADDAFİ", "the Islamic State (ISIS) and HTS", "", "5+5 talks"]
    assert len(texts) > 50
    for text in texts:
        assert [(m.item.id, m.start, m.end, m.sentence) for m in find_mentions(text)] == _scan(text), text[:80]
