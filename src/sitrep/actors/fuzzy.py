"""Spelling variants of KB people's names ("Khalifa Hifter" for Khalifa Haftar)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .kb import KnowledgeBase

# Transliterations of one name ("Fayez Serraj" / "Fayez al-Sarraj", "Moammar Qaddafi"): the same
# person when the names agree this closely once articles and diacritics are dropped. 90 keeps
# "Ali Zeidan" apart from "Ali Zidan"-like different people in tests/gold/actors_dev.jsonl.
FUZZY_MIN = 90


def _fold(name: str) -> str:
    import unicodedata

    t = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = [w for w in t.replace("-", " ").split() if w not in ("al", "el", "ad", "as", "ash", "ben", "bin")]
    return " ".join(words)


@lru_cache(maxsize=1)
def _people_index(kb_id: int) -> tuple[list[str], list[str]]:
    from .kb import load_kb

    kb = load_kb()
    names, ids = [], []
    for p in kb.people.values():
        for n in (p.name, *p.aliases):
            if len(n.split()) >= 2:
                names.append(_fold(n))
                ids.append(p.id)
    return names, ids


def fuzzy_person(kb: KnowledgeBase, name: str) -> Any:
    """The KB person a spelling variant of a full name stands for, or None (the index is the
    shipped KB's, whatever ``kb``; a hit is looked up in ``kb``)."""
    if len(name.split()) < 2:
        return None
    found = _closest(name)
    return None if found is None else kb.people[found]


@lru_cache(maxsize=16384)
def _closest(name: str) -> str | None:
    """The id of the person in the shipped KB's index whose name is closest to ``name``."""
    from rapidfuzz import fuzz, process

    names, ids = _people_index(0)
    hit = process.extractOne(_fold(name), names, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
    return None if hit is None else ids[hit[2]]
