"""The local engine: read -> clean -> dedupe -> analysis stages -> store, on this machine.

Data flow for ``run(paths, db)`` (numbered as in docs/architecture.md):

1. ``discover`` lists the input files in a fixed order (the order decides which of two
   duplicates is the primary, so a resumed run decides as an uninterrupted one would).
2. The engine groups the inputs into batches of ``batch_size`` documents, streaming: files of
   whole-file formats go as paths, record files (JSON, JSONL, feeds) are read record by record.
3. A worker reads and cleans a batch (``sitrep.engines.work.clean_batch``) and computes the
   MinHash signatures.
4. The engine -- the one writer -- deduplicates each batch in input order: exact duplicates by
   article id (stored, or earlier in this run), near duplicates by MinHash LSH.
5. A worker runs the analysis stages over the batch's new articles.
6. The engine commits batches in input order, one transaction each; the report is updated.
   The store file is open only for each commit (and for the reads at the start and the
   clustering at the end), so ``sitrep serve`` keeps answering during a run
   (:mod:`sitrep.store.access`, docs/reliability.md).

N worker processes (:mod:`sitrep.engines.executors`) analyse while the engine dedupes and
commits (:mod:`sitrep.engines.flow`); at most ``2N + 1`` batches are in flight, so memory does
not grow with the corpus. When the machine has a core beside the N workers, the engine reads
and cleans too (``cleans_here``: with one worker on two cores the parse then never waits for
the cleaning or the store); otherwise the workers clean. One worker on one core, or an input
of one batch, runs every step in this process, one batch at a time. Batches are the same
whatever N, and dedupe and commits go in input order, so the store is the same whatever N.

What grows with the corpus (docs/benchmarks.md): the list of input paths, the near-duplicate
index (one signature per stored article) and the report's list of skipped inputs.
"""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..clean import clean
from ..errors import Skip
from ..ingest import discover
from ..models import Analysis, RawDocument, RunReport
from ..pipeline import Config, StageSpec, apply, build
from ..store import Store
from ..store.cluster import assign_clusters
from . import flow
from .executors import Inline, Processes, default_workers
from .interrupt import deferred

log = logging.getLogger(__name__)

Progress = Callable[[RunReport, int, int], None]  # (report, bytes done, bytes total)

# A guess of the bytes per document, so that a handful of articles does not start processes.
_BYTES_PER_DOC = 3000


def plan_batches(n_files: int, total_bytes: int, batch_size: int) -> int:
    """About how many batches an input makes."""
    return math.ceil(max(n_files, total_bytes // _BYTES_PER_DOC) / batch_size)


def plan_workers(requested: int | None, n_files: int, total_bytes: int, batch_size: int) -> int:
    """Worker processes for a run: as requested (default: the cores), never more than batches."""
    wanted = requested or default_workers()
    return max(1, min(wanted, plan_batches(n_files, total_bytes, batch_size)))


def cleans_here(workers: int, batches: int) -> bool:
    """Whether this process reads and cleans while worker processes analyse: when a core is
    left beside the workers and there is more than one batch to overlap. Otherwise the workers
    clean too, and one worker with one core (or one batch) runs everything in this process."""
    return batches > 1 and workers < default_workers()


def run(paths: Sequence[str | Path], db: str | Path, config: Config | None = None,
        progress: Progress | None = None) -> RunReport:
    """Run the pipeline over ``paths`` into the store at ``db``; returns the run report.

    ``config.workers`` processes clean and analyse (default: one per core; 1 runs everything
    in this process; a small input uses fewer). Raises ``KeyboardInterrupt`` through after
    recording the run as interrupted: everything committed so far stays, and the same command
    again completes the work. With workers, call it under ``if __name__ == "__main__":``.
    """
    config = config or Config()
    specs = build(config.stage_names())  # a bad stage list fails before anything is read
    files = list(discover(paths))
    total = sum(flow.size(p) for p in files)
    workers = plan_workers(config.workers, len(files), total, config.batch_size)
    here = cleans_here(workers, plan_batches(len(files), total, config.batch_size))
    report = RunReport()
    started = time.monotonic()
    run_id = uuid.uuid4().hex[:12]
    executor: Any = None
    try:
        # Worker processes load their models while this process opens the store.
        executor = Processes(config, workers, frozenset({"clean"}) if here else frozenset()) if workers > 1 or here else None
        # The store opens the file only inside store.hold(): `sitrep serve` reads between batches.
        with Store(db, shared=True) as store:
            status = "failed"
            done = [0]
            try:
                # A stop that lands during start_run is raised as the hold ends: inside this try,
                # so the run is still recorded as interrupted.
                with store.hold(deferred):
                    store.start_run(run_id, [str(p) for p in paths])
                with store.hold():  # reads only: the stored ids and signatures, once
                    dedupe = store.roomy(lambda: flow.Deduper(store, config.dedupe_threshold, preload=True))
                executor = executor or Inline(config)
                writer = _Writer(store, specs, run_id, report, done, total, progress)
                flow.pipeline(executor, flow.batches(files, config, report), dedupe, report,
                              _dispatch, writer)
                with store.hold(deferred):
                    clustering = time.perf_counter()
                    clusters = store.roomy(assign_clusters, store)
                    report.add_stage("event clusters", clusters, time.perf_counter() - clustering)
                status = "completed"
            except KeyboardInterrupt:
                status = "interrupted"
                raise
            finally:
                if executor is not None:
                    executor.terminate()  # a stop does not wait for workers
                report.seconds = time.monotonic() - started
                with store.hold(lambda: deferred(reraise=False)):
                    store.finish_run(run_id, report, status)
                log.info("run %s %s (%d worker(s)): %s", run_id, status, workers, report.as_dict())
                if progress and status == "completed":
                    progress(report, done[0], total)
    finally:
        if executor is not None:
            executor.terminate()
    return report


def _dispatch(batch: list[Analysis]) -> tuple[str, Any] | None:
    new = [a for a in batch if a.duplicate_of is None]
    return ("analyse", new) if new else None


# Articles between two recycles of the writer's connection (Store.recycle). Measured on the
# benchmark corpus (docs/benchmarks.md, "Memory"): the run process held 343-355 MB over 10,000
# articles (was 327-392 and rising); a close costs one checkpoint, a few hundred ms every few
# minutes of a run.
RECYCLE_EVERY = 4096


class _Writer:
    """Step 6: merge a batch's analysed articles back in and commit it, in input order."""

    def __init__(self, store: Store, specs: list[StageSpec], run_id: str, report: RunReport, done: list[int],
                 total: int, progress: Progress | None) -> None:
        self.store, self.specs, self.run_id, self.report = store, specs, run_id, report
        self.done, self.total, self.progress = done, total, progress
        self.since_recycle = 0

    def __call__(self, batch: list[Analysis], analysed: tuple[list[Analysis], dict[str, float]] | None,
                 nbytes: int) -> None:
        new, seconds = analysed or ([], {})
        by_id = {a.article.article_id: a for a in new}
        merged = [a if a.duplicate_of else by_id.get(a.article.article_id, a) for a in batch]
        report = self.report
        if merged:
            with self.store.hold(deferred):  # the file is open for this commit only
                result = self.store.roomy(self.store.commit, merged, self.run_id)
            report.stored += result.stored
            report.duplicates += result.duplicates
            report.near_duplicates += result.near_duplicates
            report.already_stored += result.already_stored
            self.since_recycle += result.stored
            if self.since_recycle >= RECYCLE_EVERY:
                self.since_recycle = 0
                self.store.recycle()
        report.flagged_non_english += sum(1 for a in new if any(f.startswith("non_english") for f in a.article.flags))
        for spec in self.specs:
            report.add_stage(spec.name, len(new), seconds.get(spec.name))
        self.done[0] += nbytes
        if self.progress:
            self.progress(report, self.done[0], self.total)


def analyse(docs: Sequence[RawDocument], config: Config | None = None) -> list[Analysis]:
    """Clean and analyse documents in memory, without a store (evaluation, notebooks, tests).

    Documents that the cleaner rejects are left out; duplicates are not merged.
    """
    config = config or Config()
    specs = build(config.stage_names())
    articles = []
    for raw in docs:
        try:
            articles.append(clean(raw))
        except Skip as s:
            log.info("skipped %s: %s", raw.source.label, s.reason)
    return apply(specs, [Analysis(a) for a in articles])
