"""The Dask engine: the same stages on a ``dask.distributed`` cluster, Parquet partitions out.

``sitrep run PATH --engine dask [--scheduler ADDR] [--out parquet:DIR]`` (``pip install
'sitrep[dask]'``). The flow is the local engine's (:mod:`sitrep.engines.flow`): this process
lists and batches the inputs, Dask workers read and clean each batch, this process
deduplicates in input order, and a worker analyses the batch's new articles and writes the
batch -- articles, sources, paragraphs, actors, mentions, roles, events -- as one folder of
Parquet files (through an in-memory store, so the rows are exactly what the local engine
commits). This process then loads the folders into the DuckDB store in input order, one
transaction each; with ``--out parquet:DIR`` the folders stay in ``DIR`` as the store.

Each worker process loads the spaCy pipeline, the knowledge base and the gazetteers once (a
worker plugin); tasks in one process run one at a time. Without ``--scheduler`` a
``LocalCluster`` on 127.0.0.1 (no dashboard) with one single-threaded process per worker is
started; with it, the run joins that cluster, whose workers need sitrep installed and the
input and output folders on a shared filesystem (docs/scale.md).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
from distributed import Client, LocalCluster, wait
from distributed.diagnostics.plugin import WorkerPlugin

from ..ingest import discover
from ..models import Analysis, RunReport
from ..pipeline import Config, build
from ..store import Store
from ..store.cluster import assign_clusters
from . import flow, work
from .executors import default_workers
from .interrupt import deferred
from .local import Progress

log = logging.getLogger(__name__)

PART_TABLES = ("articles", "paragraphs", "sources", "actors", "mentions", "actor_roles", "events")
_lock = threading.Lock()  # one task at a time per worker process (spaCy and the stages' caches)


def _task(task: str, payload: Any, config: Config) -> Any:
    """What a Dask worker runs: ``clean`` a batch, or ``write`` an analysed batch as Parquet."""
    with _lock:
        work.setup(config)
        if task == "clean":
            return work.clean_batch(payload)
        analyses, folder, run_id = payload
        return write_part(analyses, Path(folder), run_id)


def write_part(batch: list[Analysis], folder: Path, run_id: str) -> dict[str, Any]:
    """Analyse a deduplicated batch's new articles and write the whole batch as Parquet files."""
    new = [a for a in batch if a.duplicate_of is None]
    seconds: dict[str, float] = {}
    analysed = {a.article.article_id: a for a in work.analyse_batch(new, seconds)}
    merged = [a if a.duplicate_of else analysed.get(a.article.article_id, a) for a in batch]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with Store(":memory:") as mem:
        mem.commit(merged, run_id)
        for table in PART_TABLES:
            if mem.count(table):
                target = str(folder / f"{table}.parquet").replace("'", "''")
                mem.con.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
    return {"folder": str(folder), "new": len(new), "seconds": seconds,
            "non_english": sum(1 for a in new if any(f.startswith("non_english") for f in a.article.flags))}


class _Setup(WorkerPlugin):
    """Worker plugin: prepare each worker process once (models loaded before the first task)."""

    idempotent = True
    name = "sitrep-setup"

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        with _lock:
            work.setup(self.config)

    def teardown(self, worker: Any) -> None:
        pass


class DaskExecutor:
    """The :class:`~sitrep.engines.flow.Executor` interface over a distributed Client."""

    def __init__(self, config: Config, workers: int, scheduler: str | None) -> None:
        if logging.getLogger().getEffectiveLevel() > logging.INFO:
            logging.getLogger("distributed").setLevel(logging.WARNING)
        self.config = config
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.client.register_plugin(_Setup(config))
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)
        self.window = 2 * self.workers + 1
        self._futures: dict[int, Any] = {}
        self._next = 0

    def submit(self, task: str, payload: Any) -> int:
        ticket, self._next = self._next, self._next + 1
        self._futures[ticket] = self.client.submit(_task, task, payload, self.config, pure=False,
                                                   key=f"sitrep-{task}-{uuid.uuid4().hex}")
        return ticket

    def collect(self, timeout: float) -> dict[int, Any]:
        if not self._futures:
            return {}
        if timeout and not any(f.done() for f in self._futures.values()):
            try:
                wait(list(self._futures.values()), timeout=timeout, return_when="FIRST_COMPLETED")
            except TimeoutError:
                pass
        done = {t: f for t, f in self._futures.items() if f.done()}
        for t in done:
            del self._futures[t]
        return {t: f.result() for t, f in done.items()}

    def terminate(self) -> None:
        for f in self._futures.values():
            f.cancel()
        self._futures.clear()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


class ParquetStore:
    """``--out parquet:DIR``: committed batches are ``DIR/part-*`` folders. Deduplication sees
    this run and the earlier runs written to ``DIR`` (their ids and signatures are read back)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect()
        self.ids = {r[0] for r in self._read("articles", "article_id")}
        self.keys = {r[0] for r in self._read("sources", "source_key")}

    def _files(self, table: str) -> list[str]:
        return sorted(str(p) for p in self.folder.glob(f"part-*/{table}.parquet"))

    def _read(self, table: str, columns: str, order: str = "") -> list[tuple]:
        files = self._files(table)
        if not files:
            return []
        return self.con.execute(f"SELECT {columns} FROM read_parquet(?, union_by_name = true) {order}", [files]).fetchall()

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        return {i for i in ids if i in self.ids}

    def signatures(self) -> list[tuple]:
        return self._read("articles", "article_id, signature", "WHERE signature IS NOT NULL ORDER BY ingested_at, article_id")

    def signatures_of(self, ids: Sequence[str]) -> dict[str, Any]:
        files = self._files("articles")
        if not ids or not files:
            return {}
        return dict(self.con.execute("""SELECT article_id, signature FROM read_parquet(?, union_by_name = true)
                                        WHERE signature IS NOT NULL AND article_id IN (SELECT unnest(?))""",
                                     [files, list(ids)]).fetchall())

    def signature_reader(self, size: int) -> Any:
        """``signatures()`` as Arrow record batches (what the dedupe index reads at start)."""
        files = self._files("articles")
        if not files:
            return self.con.execute("SELECT NULL::VARCHAR, NULL::UINTEGER[] WHERE false").fetch_record_batch(size)
        return self.con.execute("""SELECT article_id, signature FROM read_parquet(?, union_by_name = true)
                                   WHERE signature IS NOT NULL ORDER BY ingested_at, article_id""", [files]).fetch_record_batch(size)

    def clusters(self) -> int:
        """Cluster ids over every event in ``DIR``, written to ``DIR/event_clusters.parquet``."""
        files = self._files("events")
        if not files:
            return 0
        self.con.execute("CREATE OR REPLACE TABLE events AS SELECT * FROM read_parquet(?, union_by_name = true)", [files])
        n = assign_clusters(self)  # type: ignore[arg-type]  (it only needs .con)
        target = str(self.folder / "event_clusters.parquet").replace("'", "''")
        self.con.execute(f"COPY (SELECT event_id, cluster_id FROM events ORDER BY event_id) TO '{target}' (FORMAT parquet)")
        return n


def _counts(con: Any, sources: Path, known: set[str] | None = None) -> tuple[int, int, int]:
    """(already stored, exact, near) among a part's sources, as Store.commit counts them."""
    rows = con.execute("SELECT source_key, relation FROM read_parquet(?)", [str(sources)]).fetchall()
    if known is None:
        keys = [k for k, _ in rows]
        known = {r[0] for r in con.execute(
            "SELECT DISTINCT source_key FROM sources WHERE source_key IN (SELECT unnest(?))", [keys]).fetchall()}
    already = sum(1 for k, _ in rows if k in known)
    exact = sum(1 for k, rel in rows if k not in known and rel == "exact")
    near = sum(1 for k, rel in rows if k not in known and rel == "near")
    return already, exact, near


def load_part(store: Store, folder: Path) -> int:
    """Load one part folder into the DuckDB store in one transaction; returns new articles."""
    stored = 0
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        # As Store.commit: the rows of an article go in with it, a source when its pair is new.
        articles = folder / "articles.parquet"
        new: list[str] = []
        if articles.exists():
            new = [r[0] for r in con.execute("SELECT article_id FROM read_parquet(?) WHERE article_id NOT IN "
                                             "(SELECT article_id FROM articles)", [str(articles)]).fetchall()]
        for table in PART_TABLES:
            path = str(folder / f"{table}.parquet")
            if not Path(path).exists():
                continue
            if table in ("articles", "actors"):
                sql, args = f"INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM read_parquet(?)", [path]
            elif table == "sources":
                sql, args = ("INSERT INTO sources BY NAME SELECT * FROM read_parquet(?) p WHERE NOT EXISTS (SELECT 1 "
                             "FROM sources s WHERE s.source_key = p.source_key AND s.article_id = p.article_id)"), [path]
            else:
                sql, args = (f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?) "
                             "WHERE article_id IN (SELECT unnest(?))"), [path, new]
            n = con.execute(sql, args).fetchone()[0]
            stored += int(n) if table == "articles" else 0
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return stored


def run(paths: Sequence[str | Path], db: str | Path, config: Config | None = None, *, scheduler: str | None = None,
        out: str | None = None, progress: Progress | None = None) -> RunReport:
    """Run the pipeline on a Dask cluster into the store at ``db`` (or ``out="parquet:DIR"``)."""
    config = config or Config()
    specs = build(config.stage_names())
    files = list(discover(paths))
    total = sum(flow.size(p) for p in files)
    report = RunReport()
    started = time.monotonic()
    run_id = uuid.uuid4().hex[:12]
    parquet = Path(out.split(":", 1)[1]) if out and out.startswith("parquet:") else None
    target: Any = ParquetStore(parquet) if parquet else Store(db)
    staging = Path(tempfile.mkdtemp(prefix=f".sitrep-{run_id}-", dir=parquet or Path(db).resolve().parent))
    executor: DaskExecutor | None = None
    status, done, seq = "failed", [0], [0]

    def dispatch(batch: list[Analysis]) -> tuple[str, Any] | None:
        if not batch:
            return None
        seq[0] += 1
        return "write", (batch, str(staging / f"{seq[0]:06d}"), run_id)

    def commit(batch: list[Analysis], result: dict[str, Any] | None, nbytes: int) -> None:
        done[0] += nbytes
        if result is None:
            return
        folder = Path(result["folder"])
        if parquet:
            already, exact, near = _counts(target.con, folder / "sources.parquet", target.keys)
            final = parquet / f"part-{run_id}-{folder.name}"
            folder.rename(final)  # the commit: a part is in the store once its folder is there
            target.ids.update(a.article.article_id for a in batch if a.duplicate_of is None)
            target.keys.update(a.article.source.key for a in batch)
            report.stored += result["new"]
        else:
            with deferred():
                already, exact, near = _counts(target.con, folder / "sources.parquet")
                report.stored += load_part(target, folder)
            shutil.rmtree(folder, ignore_errors=True)
        report.already_stored += already
        report.duplicates += exact
        report.near_duplicates += near
        report.flagged_non_english += result["non_english"]
        for spec in specs:
            report.add_stage(spec.name, result["new"], result["seconds"].get(spec.name))
        if progress:
            progress(report, done[0], total)

    try:
        if not parquet:
            with deferred():
                target.start_run(run_id, [str(p) for p in paths])
        executor = DaskExecutor(config, config.workers or default_workers(), scheduler)
        dedupe = flow.Deduper(target, config.dedupe_threshold)
        flow.pipeline(executor, flow.batches(files, config, report), dedupe, report, dispatch, commit)
        with deferred():
            clustering = time.perf_counter()
            clusters = target.clusters() if parquet else assign_clusters(target)
            report.add_stage("event clusters", clusters, time.perf_counter() - clustering)
        status = "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if executor is not None:
            executor.terminate()
        shutil.rmtree(staging, ignore_errors=True)
        report.seconds = time.monotonic() - started
        if parquet:
            (parquet / f"run-{run_id}.json").write_text(json.dumps({"status": status, **report.as_dict()}), "utf-8")
        else:
            with deferred(reraise=False):
                target.finish_run(run_id, report, status)
            target.close()
        log.info("dask run %s %s: %s", run_id, status, report.as_dict())
    return report
