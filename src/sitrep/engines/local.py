"""The local engine: read -> clean -> dedupe -> analysis stages -> store, in one process.

Data flow for ``run(paths, db)`` (numbered as in docs/architecture.md):

1. ``discover`` lists the input files in a fixed order (the order decides which of two
   duplicates is the primary, so a resumed run decides as an uninterrupted one would).
2. Each reader yields RawDocuments or Skipped records; the cleaner turns documents into
   Articles or skips them with a reason.
3. Articles are grouped in batches. For a batch, exact duplicates are found by article id (in
   the store or earlier in the batch), near duplicates by MinHash LSH over everything stored.
4. New articles go through the configured analysis stages.
5. The store commits the batch in one transaction; the run report is updated.

Memory holds one batch plus the near-duplicate index (one signature per stored article).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..clean import clean
from ..clean.dedupe import NearDuplicateIndex
from ..errors import Skip
from ..ingest import discover, read_path
from ..models import Analysis, Article, RawDocument, RunReport, Skipped
from ..pipeline import Config, apply, build
from ..store import Store
from ..store.cluster import assign_clusters
from .interrupt import deferred

log = logging.getLogger(__name__)

Progress = Callable[[RunReport, int, int], None]  # (report, bytes done, bytes total)


def _articles(files: Sequence[Path], config: Config, report: RunReport, done: list[int]) -> Iterator[Article]:
    for path in files:
        report.files += 1
        for item in read_path(path, max_bytes=config.max_bytes):
            if isinstance(item, Skipped):
                log.info("skipped %s: %s", item.label, item.reason)
                report.skipped.append(item)
                continue
            report.documents += 1
            _note_repairs(item, report)
            try:
                yield clean(item)
            except Skip as s:
                log.info("skipped %s: %s", item.source.label, s.reason)
                report.skipped.append(Skipped(item.source.key, item.source.label, s.reason))
        done[0] += _size(path)


def _note_repairs(raw: RawDocument, report: RunReport) -> None:
    for flag in raw.flags:
        if flag.startswith("encoding_repaired"):
            enc = flag.partition(":")[2] or "fallback"
            report.repaired.append(Skipped(raw.source.key, raw.source.label, f"invalid UTF-8, decoded as {enc}"))
        elif flag == "nul_removed":
            report.repaired.append(Skipped(raw.source.key, raw.source.label, "NUL bytes removed"))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Deduper:
    """Step 3: decides for each article whether it is new, an exact or a near duplicate."""

    def __init__(self, store: Store, threshold: float) -> None:
        self.store = store
        self.index = NearDuplicateIndex(threshold=threshold)
        for article_id, signature in store.signatures():
            self.index.add(article_id, signature)

    def __call__(self, batch: list[Article]) -> list[Analysis]:
        stored = self.store.existing_ids([a.article_id for a in batch])
        out: list[Analysis] = []
        for art in batch:
            if art.article_id in stored:
                out.append(Analysis(art, duplicate_of=art.article_id))
                continue
            signature = self.index.signature(art.text)
            near = self.index.find(signature)
            if near:
                out.append(Analysis(art, duplicate_of=near[0], similarity=round(near[1], 4)))
                continue
            self.index.add(art.article_id, signature)
            stored.add(art.article_id)
            out.append(Analysis(art, signature=signature))
        return out


def run(paths: Sequence[str | Path], db: str | Path, config: Config | None = None,
        progress: Progress | None = None) -> RunReport:
    """Run the pipeline over ``paths`` into the store at ``db``; returns the run report.

    Raises ``KeyboardInterrupt`` through after recording the run as interrupted: everything
    committed so far stays, and running the same command again completes the work.
    """
    config = config or Config()
    specs = build(config.stage_names())
    files = list(discover(paths))
    total = sum(_size(p) for p in files)
    report = RunReport()
    started = time.monotonic()
    run_id = uuid.uuid4().hex[:12]
    with Store(db) as store:
        with deferred():
            store.start_run(run_id, [str(p) for p in paths])
            dedupe = _Deduper(store, config.dedupe_threshold)
        done = [0]
        status = "failed"
        try:
            batch: list[Article] = []
            for article in _articles(files, config, report, done):
                batch.append(article)
                if len(batch) >= config.batch_size:
                    _flush(batch, dedupe, specs, store, run_id, report)
                    batch = []
                    if progress:
                        progress(report, done[0], total)
            _flush(batch, dedupe, specs, store, run_id, report)
            with deferred():
                report.stage_counts["event clusters"] = assign_clusters(store)
            status = "completed"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            report.seconds = time.monotonic() - started
            with deferred(reraise=False):
                store.finish_run(run_id, report, status)
            log.info("run %s %s: %s", run_id, status, report.as_dict())
            if progress and status == "completed":
                progress(report, done[0], total)
    return report


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


def _flush(batch: list[Article], dedupe: _Deduper, specs: list, store: Store, run_id: str, report: RunReport) -> None:
    if not batch:
        return
    with deferred():
        analyses = dedupe(batch)
    new = apply(specs, [a for a in analyses if a.duplicate_of is None])
    by_id = {a.article.article_id: a for a in new}
    merged = [a if a.duplicate_of else by_id.get(a.article.article_id, a) for a in analyses]
    with deferred():
        result = store.commit(merged, run_id)
    report.stored += result.stored
    report.duplicates += result.duplicates
    report.near_duplicates += result.near_duplicates
    report.already_stored += result.already_stored
    report.flagged_non_english += sum(1 for a in new if any(f.startswith("non_english") for f in a.article.flags))
    for spec in specs:
        report.stage_counts[spec.name] = report.stage_counts.get(spec.name, 0) + len(new)
