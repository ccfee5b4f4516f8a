"""The engines' shared flow: batches in, clean -> dedupe -> analyse -> commit, in input order.

:func:`pipeline` keeps a bounded number of batches in flight on an executor (this process,
worker processes or a Dask cluster) and does the order-dependent steps itself, one batch at a
time and in input order: replaying the cleaned batch into the run report, deduplicating it,
and committing it. An executor only ever sees pure tasks (``sitrep.engines.work``), so the
result does not depend on how many workers there were or which one ran what.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..ingest import read_path
from ..models import Analysis, Article, RunReport
from ..pipeline import Config
from . import work
from .interrupt import deferred
from .lsh import IdSet, SignatureIndex

log = logging.getLogger(__name__)

Batch = tuple[list[work.Item], int]  # (items, bytes of the files this batch completes)


class Executor(Protocol):
    workers: int
    window: int  # batches kept in flight

    def submit(self, task: str, payload: Any) -> int: ...
    def collect(self, timeout: float) -> dict[int, Any]: ...
    def terminate(self) -> None: ...


class IdSource(Protocol):
    """What deduplication needs from a store: known ids, and signatures in ingestion order."""

    def existing_ids(self, ids: Sequence[str]) -> set[str]: ...
    def signatures(self) -> Any: ...


def size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def batches(files: Sequence[Path], config: Config, report: RunReport) -> Iterator[Batch]:
    """Inputs in batches of ``batch_size`` documents, lazily: whole-file formats as absolute
    paths (a worker reads them), record files (JSON, JSONL, feeds) read here, record by record."""
    items: list[work.Item] = []
    nbytes = 0
    for path in files:
        report.files += 1
        if path.suffix.lower() in work.WHOLE_FILE_SUFFIXES:
            items.append(path if path.is_absolute() else Path.cwd() / path)
        else:
            for item in read_path(path, max_bytes=config.max_bytes):
                items.append(item)
                if len(items) >= config.batch_size:
                    yield items, nbytes
                    items, nbytes = [], 0
        nbytes += size(path)
        if len(items) >= config.batch_size:
            yield items, nbytes
            items, nbytes = [], 0
    if items or nbytes:
        yield items, nbytes


# Store.signatures(), as Arrow batches: 128 uint32 a row, without a Python int for each.
_SIGNATURES = "SELECT article_id, signature FROM articles WHERE signature IS NOT NULL ORDER BY ingested_at, article_id"


def signature_batches(store: IdSource, size: int = 10_000) -> Iterator[tuple[list[str], Any]]:
    """The store's (ids, signature matrix) in ingestion order, a chunk at a time."""
    reader = store.signature_reader(size) if hasattr(store, "signature_reader") else (
        store.con.execute(_SIGNATURES).fetch_record_batch(size) if hasattr(store, "con") else None)
    if reader is None:  # any other IdSource: its rows
        rows = iter(store.signatures())
        while chunk := list(islice(rows, size)):
            yield [r[0] for r in chunk], [np.asarray(r[1], dtype=np.uint32) for r in chunk]
        return
    while True:
        with deferred():  # only the store reads hold a signal back
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                return
        ids, lists = batch.column(0).to_pylist(), batch.column(1)
        lengths = set(lists.value_lengths().to_pylist())
        if len(lengths) == 1:
            values = lists.flatten().to_numpy(zero_copy_only=False).astype(np.uint32, copy=False)
            yield ids, values.reshape(len(ids), -1)
        elif ids:  # signatures of several lengths: row by row
            yield ids, [np.asarray(v, dtype=np.uint32) for v in lists.to_pylist()]


class Deduper:
    """Decides for each article whether it is new, an exact or a near duplicate (in input order).

    With ``preload`` every stored article id is read once, here, and the ids this run commits
    are added as it goes: deduplicating a batch then needs no store read, so the engine opens
    the store only to commit (it must be the store's only writer, which ``Store(shared=True)``
    ensures). The near-duplicate index keeps the signatures of this run's uncommitted articles
    only; a stored one is read back from the store (``signatures_of``) when a new article
    shares an LSH band with it."""

    def __init__(self, store: IdSource, threshold: float, *, preload: bool = False) -> None:
        self.store = store
        fetch = self._fetch if hasattr(store, "signatures_of") else None
        self.index = SignatureIndex(threshold=threshold, fetch=fetch)
        self.uncommitted: set[str] = set()  # new in this run, maybe not in the store yet
        self.stored: IdSet | None = None  # with preload: every id in the store
        for ids, signatures in signature_batches(store):
            self.index.add_many(ids, signatures)
        if preload:
            self.stored = IdSet()
            with deferred():
                reader = store.con.execute("SELECT article_id FROM articles").fetch_record_batch(100_000)  # type: ignore[attr-defined]
                for chunk in reader:
                    self.stored.update(chunk.column(0).to_pylist())

    def _fetch(self, ids: list[str]) -> dict[str, Any]:
        hold = getattr(self.store, "hold", None)
        with hold(deferred) if hold else deferred():
            return self.store.signatures_of(ids)  # type: ignore[attr-defined]

    def __call__(self, batch: list[tuple[Article, tuple[int, ...]]]) -> list[Analysis]:
        ids = [a.article_id for a, _ in batch]
        if self.stored is not None:
            stored = self.stored.intersection(ids)
        else:
            with deferred():
                stored = self.store.existing_ids(ids)
        out: list[Analysis] = []
        for art, signature in batch:
            if art.article_id in stored or art.article_id in self.uncommitted:
                out.append(Analysis(art, duplicate_of=art.article_id))
                continue
            near = self.index.find(signature)
            if near:
                out.append(Analysis(art, duplicate_of=near[0], similarity=round(near[1], 4)))
                continue
            self.index.add(art.article_id, signature)
            self.uncommitted.add(art.article_id)
            out.append(Analysis(art, signature=signature))
        return out

    def committed(self, batch: Sequence[Analysis]) -> None:
        new = {a.article.article_id for a in batch if a.duplicate_of is None}
        self.uncommitted.difference_update(new)
        self.index.release(new)  # in the store now
        if self.stored is not None:
            self.stored.update(new)


def replay(outcomes: list[work.Outcome], report: RunReport) -> list[tuple[Article, tuple[int, ...]]]:
    """Apply a cleaned batch's outcomes to the report, in order; returns its articles."""
    articles = []
    for outcome in outcomes:
        kind = outcome[0]
        if kind == "skipped":
            log.info("skipped %s: %s", outcome[1].label, outcome[1].reason)
            report.skipped.append(outcome[1])
        elif kind == "document":
            report.documents += 1
            report.repaired.extend(outcome[1])
        else:
            articles.append(work.article_of(outcome))
    return articles


@dataclass
class _Slot:
    """One batch on its way: cleaning (ticket), deduplicated, analysing (ticket), committed."""

    clean: int
    nbytes: int
    analyses: list[Analysis] | None = None
    analyse: int | None = None


# (deduplicated batch) -> (task, payload) for the executor, or None when there is nothing to do
Dispatch = Callable[[list[Analysis]], "tuple[str, Any] | None"]
# (deduplicated batch, the task's result or None, bytes) -> None: the commit, in input order
Commit = Callable[[list[Analysis], Any, int], None]


def pipeline(executor: Executor, inputs: Iterator[Batch], dedupe: Deduper, report: RunReport,
             dispatch: Dispatch, commit: Commit, window: int | None = None) -> None:
    """Run every batch through clean -> dedupe -> dispatch -> commit, keeping up to ``window``
    batches (default: the executor's; ``2N + 1`` for N workers, 1 in-process) in flight.
    Dedupe and commit go in input order."""
    window = window or executor.window
    pending: deque[_Slot] = deque()
    results: dict[int, Any] = {}
    exhausted = False
    progressed = True
    while True:
        while not exhausted and len(pending) < window:
            batch = next(inputs, None)
            if batch is None:
                exhausted = True
                break
            pending.append(_Slot(executor.submit("clean", batch[0]), batch[1]))
        if not pending:
            return
        results.update(executor.collect(0.0 if progressed else 0.25))
        progressed = False
        for slot in pending:
            if slot.analyses is not None:
                continue
            if slot.clean not in results:
                break
            slot.analyses = dedupe(replay(results.pop(slot.clean), report))
            job = dispatch(slot.analyses)
            slot.analyse = executor.submit(*job) if job else None
            progressed = True
        while pending and pending[0].analyses is not None and (pending[0].analyse is None or pending[0].analyse in results):
            slot = pending.popleft()
            result = results.pop(slot.analyse) if slot.analyse is not None else None
            commit(slot.analyses or [], result, slot.nbytes)
            dedupe.committed(slot.analyses or [])
            progressed = True
