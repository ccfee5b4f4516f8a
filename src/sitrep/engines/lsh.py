"""A compact near-duplicate index for the engine: the decisions of
:class:`sitrep.clean.dedupe.NearDuplicateIndex` in about a third of its memory.

The index holds one MinHash signature per stored article, so it is the one structure of a run
that grows with the store. ``NearDuplicateIndex`` keeps a numpy array per article and
datasketch's LSH tables (a ``bytes`` key and a ``set`` per band and article): about 3 KB an
article, 6 KB of resident memory after seeding from a store. This index keeps

* the signatures as rows of one growing ``uint32`` matrix (512 bytes an article),
* per LSH band, a dict from the band's 64-bit hash to the row (or rows) with that band,
* the ids, and an id -> row map,

about 1.1 KB an article. Bands, the Jaccard estimate, the threshold and the tie-break (highest
similarity, then the earliest indexed) are NearDuplicateIndex's, so the decisions are the same.
A band is keyed by a 64-bit hash of its values rather than the values themselves: a hash
collision can only add a candidate, which the Jaccard check then judges on the full signature.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from datasketch import MinHashLSH

from ..clean.dedupe import NUM_PERM, THRESHOLD


class SignatureIndex:
    """``add(article_id, signature)`` and ``find(signature) -> (article_id, similarity) | None``."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)  # the same bands as NearDuplicateIndex
        self._ranges = list(lsh.hashranges)
        self._bands: list[dict[int, int | list[int]]] = [{} for _ in self._ranges]
        self._sigs = np.zeros((1024, num_perm), dtype=np.uint32)
        self._ids: list[str] = []
        self._rows: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def _keys(self, sig: np.ndarray) -> Iterator[int]:
        data = sig.tobytes()
        for start, end in self._ranges:
            yield hash(data[start * 4 : end * 4])

    def add(self, article_id: str, signature: Iterable[int]) -> None:
        if article_id in self._rows:
            return
        sig = np.asarray(signature if isinstance(signature, np.ndarray) else list(signature), dtype=np.uint32)
        if sig.shape != (self.num_perm,):
            raise ValueError(f"a signature has {self.num_perm} values, not {sig.size}")
        row = len(self._ids)
        if row == len(self._sigs):
            self._sigs = np.concatenate([self._sigs, np.zeros_like(self._sigs)])
        self._sigs[row] = sig
        self._ids.append(article_id)
        self._rows[article_id] = row
        for band, key in zip(self._bands, self._keys(sig)):
            found = band.get(key)
            if found is None:
                band[key] = row
            elif isinstance(found, list):
                found.append(row)
            else:
                band[key] = [found, row]

    def add_many(self, article_ids: list[str], signatures: Any) -> None:
        """Add signatures (rows of a matrix, or arrays), in order (seeding from a store)."""
        for article_id, sig in zip(article_ids, signatures):
            self.add(article_id, sig)

    def find(self, signature: Iterable[int]) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold (earliest on ties)."""
        sig = np.asarray(list(signature), dtype=np.uint32)
        rows: set[int] = set()
        for band, key in zip(self._bands, self._keys(sig)):
            found = band.get(key)
            if found is None:
                continue
            if isinstance(found, list):
                rows.update(found)
            else:
                rows.add(found)
        best: tuple[float, int] | None = None
        for row in rows:
            sim = float(np.count_nonzero(self._sigs[row] == sig)) / float(self.num_perm)
            if sim < self.threshold:
                continue
            cand = (-sim, row)
            if best is None or cand < best:
                best = cand
        return (self._ids[best[1]], -best[0]) if best else None
