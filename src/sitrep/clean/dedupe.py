"""Near-duplicate detection: MinHash over word 3-shingles, LSH for candidates.

Two clean texts are near-duplicates when the Jaccard similarity of their word 3-shingle sets
is at least ``THRESHOLD`` (estimated from ``NUM_PERM`` MinHash permutations; standard error
about 0.027 at J = 0.9). Exact duplicates never get here: they share an article id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from .normalize import fingerprint

NUM_PERM = 128
THRESHOLD = 0.9
SHINGLE = 3
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(fingerprint(text))
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


class NearDuplicateIndex:
    """An in-memory LSH index of article signatures, seeded from the store at start."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._order: dict[str, int] = {}
        # Only the hash values are kept (512 bytes an article): the index grows with the store.
        self._sigs: dict[str, np.ndarray] = {}
        self._perm = MinHash(num_perm=num_perm, scheme=_SCHEME).permutations

    def __len__(self) -> int:
        return len(self._sigs)

    def signature(self, text: str) -> tuple[int, ...]:
        m = MinHash(num_perm=self.num_perm, permutations=self._perm, scheme=_SCHEME)
        m.update_batch(list(shingles(text)))
        return tuple(int(v) for v in m.hashvalues)

    def _minhash(self, signature: Iterable[int]) -> MinHash:
        values = np.asarray(list(signature), dtype=np.uint32)
        # The shared permutations: without them each MinHash draws its own (1.6 ms and 2 KB each).
        return MinHash(hashvalues=values, permutations=self._perm, scheme=_SCHEME)

    def add(self, article_id: str, signature: Iterable[int]) -> None:
        if article_id in self._sigs:
            return
        m = self._minhash(signature)
        self._sigs[article_id] = m.hashvalues
        self._order[article_id] = len(self._order)
        self._lsh.insert(article_id, m)

    def find(self, signature: Iterable[int]) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold (earliest on ties)."""
        m = self._minhash(signature)
        best: tuple[float, int, str] | None = None
        for key in self._lsh.query(m):
            sim = float(np.count_nonzero(m.hashvalues == self._sigs[key])) / float(self.num_perm)  # MinHash.jaccard
            if sim < self.threshold:
                continue
            cand = (-sim, self._order[key], key)
            if best is None or cand < best:
                best = cand
        return (best[2], -best[0]) if best else None
