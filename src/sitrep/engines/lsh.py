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
    """Sorted uint64 keys with an int64 value each, plus recent pairs until merged.

    Single additions wait in a dict, bulk ones (seeding from a store) as arrays; they are merged
    into the sorted arrays when they reach an eighth of them (and at least ``batch``), so merging
    costs O(log n) sorts over a run and what waits stays small."""

    def __init__(self, batch: int = 4096) -> None:
        self.keys = np.empty(0, dtype=np.uint64)
        self.values = np.empty(0, dtype=np.int64)
        self.recent: dict[int, int | list[int]] = {}
        self.pending: list[tuple[np.ndarray, np.ndarray]] = []
        self.n_recent = 0
        self.batch = batch

    def __len__(self) -> int:
        return len(self.keys) + self.n_recent

    def _maybe_merge(self) -> None:
        if self.n_recent >= max(self.batch, len(self.keys) // 8):
            self.merge()

    def add(self, key: int, value: int) -> None:
        found = self.recent.get(key)
        if found is None:
            self.recent[key] = value
        elif isinstance(found, list):
            found.append(value)
        else:
            self.recent[key] = [found, value]
        self.n_recent += 1
        self._maybe_merge()

    def extend(self, keys: np.ndarray, values: np.ndarray) -> None:
        self.pending.append((keys.astype(np.uint64, copy=False), values.astype(np.int64, copy=False)))
        self.n_recent += len(keys)
        self._maybe_merge()

    def merge(self) -> None:
        if not self.n_recent:
            return
        single_keys: list[int] = []
        single_values: list[int] = []
        for k, v in self.recent.items():
            for x in (v if isinstance(v, list) else (v,)):
                single_keys.append(k)
                single_values.append(x)
        keys = [self.keys, np.array(single_keys, dtype=np.uint64)]
        values = [self.values, np.array(single_values, dtype=np.int64)]
        for k_arr, v_arr in self.pending:
            keys.append(k_arr)
            values.append(v_arr)
        all_keys, all_values = np.concatenate(keys), np.concatenate(values)
        order = np.argsort(all_keys, kind="stable")
        self.keys, self.values = all_keys[order], all_values[order]
        self.recent, self.pending, self.n_recent = {}, [], 0

    def get(self, key: int) -> list[int]:
        if self.pending:
            self.merge()
        found = self.recent.get(key)
        out = [] if found is None else list(found) if isinstance(found, list) else [found]
        i = int(np.searchsorted(self.keys, np.uint64(key)))
        while i < len(self.keys) and int(self.keys[i]) == key:
            out.append(int(self.values[i]))
            i += 1
        return out

    def nbytes(self) -> int:
        return self.keys.nbytes + self.values.nbytes + 100 * len(self.recent) + sum(16 * len(k) for k, _ in self.pending)


class IdSet:
    """A set of article ids: ``in``, ``add``, ``update``, ``intersection``."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._ints = _Merged()
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
        """Add ids; a large number at once goes in as one array."""
        ids = list(ids)
        if len(ids) < 256:
            for article_id in ids:
                self.add(article_id)
            return
        values = [_as_int(i) for i in ids]
        self._strs.update(i for i, v in zip(ids, values) if v is None)
        new = np.unique(np.array([v for v in values if v is not None], dtype=np.uint64))
        if len(self._ints):
            self._ints.merge()
            at = np.searchsorted(self._ints.keys, new).clip(max(len(self._ints.keys) - 1, 0))
            new = new[self._ints.keys[at] != new] if len(self._ints.keys) else new
        self._ints.extend(new, np.zeros(len(new), dtype=np.int64))

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
        # A band's key: its values times fixed odd 64-bit multipliers, summed modulo 2**64.
        self._mults = np.random.default_rng(20261206).integers(1, 2**63, size=num_perm, dtype=np.uint64) * 2 + 1
        self._bands = [_Merged() for _ in self._ranges]
        self._ids = np.zeros(1024, dtype=np.uint64)  # row -> id as an integer
        self._odd: dict[int, str] = {}  # row -> an id that is not 16 hex digits
        self._n = 0
        self._known = IdSet()
        self._sigs: dict[int, np.ndarray] = {}  # row -> signature, until released

    def __len__(self) -> int:
        return self._n

    def _keys(self, sigs: np.ndarray) -> np.ndarray:
        """Band keys of signature rows: (rows, bands) uint64."""
        weighted = sigs.astype(np.uint64) * self._mults
        return np.stack([weighted[:, a:b].sum(axis=1, dtype=np.uint64) for a, b in self._ranges], axis=1)

    def _signature(self, signature: Iterable[int]) -> np.ndarray:
        sig = np.asarray(signature if isinstance(signature, np.ndarray) else list(signature), dtype=np.uint32)
        if sig.shape != (self.num_perm,):
            raise ValueError(f"a signature has {self.num_perm} values, not {sig.size}")
        return sig

    def _id(self, row: int) -> str:
        return self._odd[row] if row in self._odd else f"{int(self._ids[row]):016x}"

    def _rows_for(self, ids: Sequence[str]) -> range:
        """Rows for new ids, in order (their integer forms written, odd ones noted)."""
        first = self._n
        need = first + len(ids)
        if need > len(self._ids):
            grown = np.zeros(max(need, 2 * len(self._ids)), dtype=np.uint64)
            grown[:first] = self._ids[:first]
            self._ids = grown
        for row, article_id in enumerate(ids, first):
            value = _as_int(article_id)
            if value is None:
                self._odd[row] = article_id
            else:
                self._ids[row] = value
        self._n = need
        self._known.update(ids)
        return range(first, need)

    def add(self, article_id: str, signature: Iterable[int], *, keep: bool = True) -> None:
        """Index an article; ``keep=False`` (with ``fetch``) leaves its signature out of memory."""
        if article_id in self._known:
            return
        sig = self._signature(signature)
        [row] = self._rows_for([article_id])
        if keep or self.fetch is None:
            self._sigs[row] = sig.copy() if isinstance(signature, np.ndarray) else sig
        for band, key in zip(self._bands, self._keys(sig[None, :])[0].tolist()):
            band.add(key, row)

    def add_many(self, article_ids: Sequence[str], signatures: Any) -> None:
        """Add stored articles (rows of a matrix, or arrays), in order: with ``fetch``, their
        signatures are not kept."""
        ids, sigs = list(article_ids), signatures
        fresh = len(set(ids)) == len(ids) and not (len(self._known) and any(i in self._known for i in ids))
        if not (isinstance(sigs, np.ndarray) and sigs.ndim == 2 and fresh):  # one by one
            for article_id, sig in zip(ids, sigs):
                self.add(article_id, sig, keep=False)
            return
        if not ids:
            return
        if sigs.shape[1] != self.num_perm:
            raise ValueError(f"a signature has {self.num_perm} values, not {sigs.shape[1]}")
        rows = self._rows_for(ids)
        if self.fetch is None:
            self._sigs.update(zip(rows, np.array(sigs, dtype=np.uint32)))
        keys = self._keys(sigs)
        row_array = np.arange(rows.start, rows.stop, dtype=np.int64)
        for b, band in enumerate(self._bands):
            band.extend(keys[:, b], row_array)

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
        for band, key in zip(self._bands, self._keys(sig[None, :])[0].tolist()):
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
