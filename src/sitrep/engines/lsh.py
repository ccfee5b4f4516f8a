"""The engine's deduplication state in little memory: an id set and a near-duplicate index.

Both grow with the store -- every new article is compared with every stored one -- so both are
kept to a few dozen bytes an article (docs/benchmarks.md, "Memory"):

* :class:`IdSet` holds sitrep's article ids (16 hex digits of a content hash) as 64-bit integers
  in a sorted array, with the latest additions in a small Python set until they are merged in;
  any other id stays a string.
* :class:`SignatureIndex` decides as :class:`sitrep.clean.dedupe.NearDuplicateIndex` does --
  the same LSH bands, Jaccard estimate, threshold and tie-break (highest similarity, then the
  earliest indexed) -- but keeps per article only its id and, per band, a 64-bit hash of the
  band and its row, in sorted arrays (again with the latest rows in a dict until merged). The
  signatures themselves (512 bytes) are kept only until :meth:`SignatureIndex.release`: given a
  ``fetch`` function, the index reads a released signature back (from the store) in the rare
  case a later article shares a band with it. A hash collision between bands can only add a
  candidate, which the Jaccard check then judges on the full signature.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from datasketch import MinHashLSH

from ..clean.dedupe import NUM_PERM, THRESHOLD

log = logging.getLogger(__name__)

Fetch = Callable[[list[str]], dict[str, Any]]  # article ids -> their stored signatures
_HEX = re.compile(r"[0-9a-f]{16}")


def _as_int(article_id: str) -> int | None:
    """The id as a 64-bit integer when it round-trips exactly (sitrep's content ids do)."""
    return int(article_id, 16) if _HEX.fullmatch(article_id) else None


class _Merged:
    """Sorted uint64 keys with an int64 value each, plus recent pairs in a dict until merged.

    A merge happens when the recent part reaches an eighth of the merged part (and at least
    ``batch``), so merging costs O(log n) sorts per key over a run."""

    def __init__(self, batch: int = 4096) -> None:
        self.keys = np.empty(0, dtype=np.uint64)
        self.values = np.empty(0, dtype=np.int64)
        self.recent: dict[int, list[int]] = {}
        self.n_recent = 0
        self.batch = batch

    def __len__(self) -> int:
        return len(self.keys) + self.n_recent

    def add(self, key: int, value: int) -> None:
        self.recent.setdefault(key, []).append(value)
        self.n_recent += 1
        if self.n_recent >= max(self.batch, len(self.keys) // 8):
            self.merge()

    def merge(self) -> None:
        if not self.recent:
            return
        keys = np.fromiter((k for k, vs in self.recent.items() for _ in vs), dtype=np.uint64, count=self.n_recent)
        values = np.fromiter((v for vs in self.recent.values() for v in vs), dtype=np.int64, count=self.n_recent)
        keys, values = np.concatenate([self.keys, keys]), np.concatenate([self.values, values])
        order = np.argsort(keys, kind="stable")
        self.keys, self.values = keys[order], values[order]
        self.recent, self.n_recent = {}, 0

    def get(self, key: int) -> list[int]:
        found = list(self.recent.get(key, ()))
        i = int(np.searchsorted(self.keys, np.uint64(key)))
        while i < len(self.keys) and int(self.keys[i]) == key:
            found.append(int(self.values[i]))
            i += 1
        return found

    def nbytes(self) -> int:
        return self.keys.nbytes + self.values.nbytes + 120 * self.n_recent


class IdSet:
    """A set of article ids: ``in``, ``add``, ``update``, ``intersection``."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._ints = _Merged(batch=65536)
        self._strs: set[str] = set()
        self.update(ids)

    def __len__(self) -> int:
        return len(self._ints) + len(self._strs)

    def __contains__(self, article_id: str) -> bool:
        value = _as_int(article_id)
        return article_id in self._strs if value is None else bool(self._ints.get(value))

    def add(self, article_id: str) -> None:
        if article_id in self:
            return
        value = _as_int(article_id)
        if value is None:
            self._strs.add(article_id)
        else:
            self._ints.add(value, 0)

    def update(self, ids: Iterable[str]) -> None:
        for article_id in ids:
            self.add(article_id)

    def intersection(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if i in self}

    def nbytes(self) -> int:
        return self._ints.nbytes() + 100 * len(self._strs)


class SignatureIndex:
    """``add(article_id, signature)``, ``find(signature) -> (article_id, similarity) | None``,
    ``release(article_ids)`` (the signatures may go: ``fetch`` reads them back)."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM, fetch: Fetch | None = None) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.fetch = fetch
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)  # the same bands as NearDuplicateIndex
        self._ranges = list(lsh.hashranges)
        self._bands = [_Merged() for _ in self._ranges]
        self._ids = np.zeros(1024, dtype=np.uint64)  # row -> id as an integer
        self._odd: dict[int, str] = {}  # row -> an id that is not 16 hex digits
        self._n = 0
        self._known = IdSet()
        self._sigs: dict[int, np.ndarray] = {}  # row -> signature, until released

    def __len__(self) -> int:
        return self._n

    def _keys(self, sig: np.ndarray) -> list[int]:
        data = sig.tobytes()
        return [hash(data[start * 4 : end * 4]) & 0xFFFF_FFFF_FFFF_FFFF for start, end in self._ranges]

    def _signature(self, signature: Iterable[int]) -> np.ndarray:
        sig = np.asarray(signature if isinstance(signature, np.ndarray) else list(signature), dtype=np.uint32)
        if sig.shape != (self.num_perm,):
            raise ValueError(f"a signature has {self.num_perm} values, not {sig.size}")
        return sig

    def _id(self, row: int) -> str:
        return self._odd[row] if row in self._odd else f"{int(self._ids[row]):016x}"

    def add(self, article_id: str, signature: Iterable[int], *, keep: bool = True) -> None:
        """Index an article; ``keep=False`` (with ``fetch``) leaves its signature out of memory."""
        if article_id in self._known:
            return
        sig = self._signature(signature)
        row = self._n
        if row == len(self._ids):
            self._ids = np.concatenate([self._ids, np.zeros_like(self._ids)])
        value = _as_int(article_id)
        if value is None:
            self._odd[row] = article_id
        else:
            self._ids[row] = value
        self._n += 1
        self._known.add(article_id)
        if keep or self.fetch is None:
            self._sigs[row] = sig.copy() if isinstance(signature, np.ndarray) else sig
        for band, key in zip(self._bands, self._keys(sig)):
            band.add(key, row)

    def add_many(self, article_ids: Sequence[str], signatures: Any) -> None:
        """Add stored articles (rows of a matrix, or arrays), in order: with ``fetch``, their
        signatures are not kept."""
        for article_id, sig in zip(article_ids, signatures):
            self.add(article_id, sig, keep=False)

    def release(self, article_ids: Iterable[str]) -> None:
        """Drop these articles' signatures from memory (with ``fetch`` only: it reads them back)."""
        if self.fetch is None:
            return
        wanted = set(article_ids)
        for row in [r for r in self._sigs if self._id(r) in wanted]:
            del self._sigs[row]

    def find(self, signature: Iterable[int]) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold (earliest on ties)."""
        sig = self._signature(signature)
        rows: set[int] = set()
        for band, key in zip(self._bands, self._keys(sig)):
            rows.update(band.get(key))
        if not rows:
            return None
        missing = [r for r in rows if r not in self._sigs]
        fetched = self.fetch([self._id(r) for r in missing]) if missing and self.fetch else {}
        best: tuple[float, int] | None = None
        for row in rows:
            other = self._sigs.get(row)
            if other is None:
                other = fetched.get(self._id(row))
                if other is None:  # released, yet not in the store: a store changed under the run
                    log.warning("the signature of article %s is gone from the store", self._id(row))
                    continue
                other = np.asarray(other, dtype=np.uint32)
            sim = float(np.count_nonzero(other == sig)) / float(self.num_perm)
            if sim < self.threshold:
                continue
            cand = (-sim, row)
            if best is None or cand < best:
                best = cand
        return (self._id(best[1]), -best[0]) if best else None

    def nbytes(self) -> int:
        """About the memory the index holds."""
        return (self._ids.nbytes + sum(b.nbytes() for b in self._bands) + self._known.nbytes()
                + 620 * len(self._sigs) + 100 * len(self._odd))
