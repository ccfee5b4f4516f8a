"""The embedded DuckDB store: the only module that writes to the database.

Guarantees:

* **Migrations are recorded.** Each file in ``migrations/`` is applied once, in order, inside a
  transaction, and recorded by number in ``schema_migrations``.
* **Writes are idempotent.** Every row has a content-derived key. Articles and actors carry it
  as a PRIMARY KEY and inserts ignore rows that exist; what an article holds (paragraphs,
  mentions, roles, events) is written only with the article, and a source only when its
  (source_key, article_id) pair is new -- no key index to grow with the store (migration
  0004). Running the same input twice adds nothing.
* **Writes are atomic per batch.** :meth:`Store.commit` writes a batch of analyses -- each
  article with everything derived from it -- in one transaction, through Arrow tables rather
  than row-by-row inserts. A run killed mid-batch leaves the store as it was before the batch.
* **Readers are not locked out by a run.** A store opened with ``shared=True`` (the engine's)
  holds the file only inside :meth:`Store.hold` -- one batch's commit -- so read-only openers
  (``sitrep serve``, the CLI) read between batches; :mod:`sitrep.store.access` coordinates them.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import E, SitrepError
from ..models import Analysis, RunReport
from . import access

log = logging.getLogger(__name__)

DEFAULT_DB = "sitrep.duckdb"


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files(__package__).joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        m = re.match(r"^(\d{4})_(\w+)\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text("utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(v for v, _, _ in _migrations())


def _precision(date: str | None) -> str | None:
    if not date:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(date))


@dataclass
class CommitResult:
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    already_stored: int = 0


class Store:
    """A sitrep DuckDB database. Use as a context manager.

    By default the file stays open from creation to :meth:`close` (read-only: after waiting,
    up to ``access.READ_TIMEOUT`` s, for a run's commit to end). With ``shared=True`` (read-write
    only; the engine's) the store is the file's one writer and uses it only inside
    :meth:`hold`; between holds it keeps the file open until a reader knocks, then lets readers
    in (:mod:`sitrep.store.access`). Outside a hold ``con`` is then None.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, shared: bool = False) -> None:
        self.path = str(path)
        self._lease: access.Lease | None = None
        self._claim: Any = None  # a read-write file store's <db>.writer.lock
        self.con: duckdb.DuckDBPyConnection = None  # type: ignore[assignment]  # None: a shared store between holds
        if shared and not read_only and self.path != ":memory:":
            self._lease = access.Lease(self.path)
            try:
                with self.hold():
                    self.migrate()
            except BaseException:
                self.close()
                raise
            return
        if read_only:
            self.con = access.connect_read(self.path)
            self._check_version()
            return
        if self.path != ":memory:":
            self._claim = access.claim_writer(self.path)  # no run writes by turns with this one
        try:
            try:
                self.con = duckdb.connect(self.path)
            except duckdb.Error as e:
                raise SitrepError(E.E102, path=self.path, detail=str(e).splitlines()[0]) from e
            self.migrate()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._lease is not None:
            self._lease.close()
        elif self.con is not None:
            self.con.close()
        if self._claim is not None:
            self._claim.close()

    @contextmanager
    def hold(self, guard: Callable[[], AbstractContextManager[object]] = nullcontext) -> Iterator[Store]:
        """The file open for the block (a shared store; any other is always open).

        Waiting for the file (reads in flight) happens before ``guard`` is entered; the block,
        and letting go of the file afterwards if a reader is waiting -- closing it checkpoints
        the block's writes -- run inside it. The engine passes ``interrupt.deferred``: a stop
        never lands mid-commit, yet stays prompt while the writer waits. Holds may nest."""
        if self._lease is None:
            with guard():
                yield self
            return
        con = self._lease.acquire()
        outer, ended = self.con is None, False
        try:
            with guard():
                self.con = con
                try:
                    yield self
                finally:
                    if outer:
                        self.con = None
                    ended = True
                    self._lease.done()
        finally:
            if not ended:  # guard() itself failed to enter
                self._lease.done()

    def recycle(self) -> None:
        """Give back the memory DuckDB holds for this store: close the file (a checkpoint) and
        reopen it. A writer that stays connected keeps, besides its page cache, the primary-key
        indexes it loaded or built, and DuckDB's allocator keeps much of what it freed, so a long
        run grew with its output; recycling every few thousand articles stops that (what a
        reopened writer loads again -- the article ids' key index since migration 0004 -- still
        scales with the store: docs/benchmarks.md, "Memory").
        Not inside a hold; a shared store reopens at its next hold."""
        if self._lease is not None:
            self._lease.recycle()
        elif self.con is not None and self.path != ":memory:":
            self.con.close()
            try:
                self.con = duckdb.connect(self.path)
            except duckdb.Error as e:
                raise SitrepError(E.E102, path=self.path, detail=str(e).splitlines()[0]) from e

    def roomy(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` -- one transaction, rolled back when it fails -- run again with a doubled
        memory limit while DuckDB runs out of it (the run's writer: :meth:`access.Lease.grow_memory`;
        any other store has DuckDB's default limit)."""
        while True:
            try:
                return fn(*args)
            except duckdb.OutOfMemoryException:
                if self._lease is None or not self._lease.grow_memory():
                    raise

    # -- schema -------------------------------------------------------------------------
    def _version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]

    def _check_version(self) -> int:
        found = self._version()
        if found > SCHEMA_VERSION:
            raise SitrepError(E.E103, path=self.path, found=found, known=SCHEMA_VERSION)
        return found

    def migrate(self) -> list[str]:
        """Apply pending migrations; returns the names applied."""
        current = self._check_version()
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        applied = []
        for version, name, sql in _migrations():
            if version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
            log.info("applied migration %04d_%s", version, name)
            applied.append(name)
        return applied

    # -- reads used by the engine ---------------------------------------------------------
    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))", [list(ids)]
        ).fetchall()
        return {r[0] for r in rows}

    def signatures(self) -> Iterable[tuple[str, list[int]]]:
        """All stored (article_id, signature) pairs, in ingestion order, streamed."""
        cur = self.con.execute(
            "SELECT article_id, signature FROM articles WHERE signature IS NOT NULL ORDER BY ingested_at, article_id"
        )
        while batch := cur.fetchmany(10_000):
            yield from batch

    def signatures_of(self, ids: Sequence[str]) -> dict[str, list[int]]:
        """The stored signatures of these articles (those that have one)."""
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT article_id, signature FROM articles WHERE signature IS NOT NULL AND article_id IN (SELECT unnest(?))",
            [list(ids)]).fetchall()
        return dict(rows)

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise SitrepError(E.E106, name=table, known=", ".join(TABLES))
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # -- writes -----------------------------------------------------------------------------
    def start_run(self, run_id: str, inputs: Sequence[str]) -> None:
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, status, inputs) VALUES (?, ?, 'running', ?)",
            [run_id, _now(), list(inputs)],
        )

    def finish_run(self, run_id: str, report: RunReport, status: str) -> None:
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute(
            "UPDATE runs SET finished_at = ?, status = ?, report = ? WHERE run_id = ?",
            [_now(), status, json.dumps(report.as_dict()), run_id],
        )
        rows = [(run_id, s.key, s.label, s.reason, "skipped") for s in report.skipped]
        rows += [(run_id, s.key, s.label, s.reason, "repaired") for s in report.repaired]
        if rows:
            self._insert("skipped", rows, ["run_id", "key", "label", "reason", "kind"], ignore=False)
        self.con.execute("COMMIT")

    def commit(self, batch: Sequence[Analysis], run_id: str) -> CommitResult:
        """Write a batch of analyses in one transaction."""
        result = CommitResult()
        if not batch:
            return result
        now = _now()
        articles, paragraphs, sources = [], [], []
        for a in batch:
            art = a.article
            owner = a.duplicate_of or art.article_id
            relation = "primary" if a.duplicate_of is None else ("exact" if a.duplicate_of == art.article_id else "near")
            sources.append((art.source.key, owner, art.source.doc, art.source.path, art.source.fmt,
                            art.source.fragment, relation, a.similarity, run_id, now))
            if a.duplicate_of is not None:
                continue
            articles.append((
                art.article_id, art.source.doc, art.title, art.text, art.outlet, art.url, art.author,
                art.language, art.published, _precision(art.published), art.published_method,
                list(art.flags), json.dumps(dict(art.meta), default=str, ensure_ascii=False),
                json.dumps([r.__dict__ for r in art.removed], ensure_ascii=False), art.raw_text,
                art.source.fmt, list(a.signature) or None, len(art.text), run_id, now,
                art.published_earliest, art.published_latest, art.published_confidence,
            ))
            paragraphs += [(art.article_id, i, p.start, p.end, p.language, p.english) for i, p in enumerate(art.paragraphs)]

        self.con.execute("BEGIN TRANSACTION")
        try:
            pairs = self.con.execute("SELECT DISTINCT source_key, article_id FROM sources WHERE source_key IN "
                                     "(SELECT unnest(?))", [[s[0] for s in sources]]).fetchall()
            known = {k for k, _ in pairs}
            fresh = _first(articles, 0, seen=self.existing_ids([r[0] for r in articles]))
            result.stored = self._insert("articles", fresh, ARTICLE_COLUMNS)
            new_ids = {r[0] for r in fresh}
            self._insert("paragraphs", [r for r in paragraphs if r[0] in new_ids],
                         ["article_id", "idx", "start", "end", "language", "english"], ignore=False)
            self._insert("sources", _first(sources, 0, 1, seen=set(pairs)), SOURCE_COLUMNS, ignore=False)
            self._write_derived([a for a in batch if a.duplicate_of is None and a.article.article_id in new_ids])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        for s in sources:
            if s[0] in known:
                result.already_stored += 1
            elif s[6] == "exact":
                result.duplicates += 1
            elif s[6] == "near":
                result.near_duplicates += 1
        return result

    def _write_derived(self, batch: Sequence[Analysis]) -> None:
        """Rows later stages attach to the analyses of new articles (actors, mentions, events)."""
        for table, attr in (("actors", "actors"), ("mentions", "mentions"), ("actor_roles", "roles"), ("events", "events")):
            rows = [row for a in batch for row in getattr(a, attr)]
            if table != "actors":  # the others have no key index: a row the stage repeated goes once
                rows = _first(rows, *CHILD_KEYS[table])
            if rows:
                self._insert_columns(table, {c: [r.get(c) for r in rows] for c in rows[0]}, ignore=table == "actors")

    def _insert(self, table: str, rows: list[tuple[Any, ...]], columns: Sequence[str], ignore: bool = True) -> int:
        if not rows:
            return 0
        return self._insert_columns(table, dict(zip(columns, map(list, zip(*rows)))), ignore)

    def _insert_columns(self, table: str, data: dict[str, list[Any]], ignore: bool = True) -> int:
        """Insert equal-length columns through one Arrow table (built column by column)."""
        # Arrow infers types from values; an all-null column must still line up with the table.
        arrow = pa.table({c: pa.array(v) for c, v in data.items()})
        self.con.register("_batch", arrow)
        try:
            verb = "INSERT OR IGNORE" if ignore else "INSERT"
            cols = ", ".join(f'"{c}"' for c in data)
            n = self.con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM _batch").fetchone()[0]
        finally:
            self.con.unregister("_batch")
        return int(n)


ARTICLE_COLUMNS = [
    "article_id", "doc", "title", "text", "outlet", "url", "author", "language", "published",
    "published_precision", "published_method", "flags", "meta", "removed", "raw_text",
    "source_format", "signature", "n_chars", "run_id", "ingested_at",
    "published_earliest", "published_latest", "published_confidence",
]
SOURCE_COLUMNS = ["source_key", "article_id", "doc", "path", "format", "fragment", "relation", "similarity", "run_id", "seen_at"]
# What makes a row of a table without a key index unique (its key before migration 0004).
CHILD_KEYS = {"mentions": ("article_id", "start", "end"), "actor_roles": ("actor_id", "role", "article_id"),
              "events": ("event_id",)}
TABLES = ("articles", "sources", "paragraphs", "runs", "skipped", "actors", "mentions", "actor_roles", "events")


def _first(rows: Sequence[Any], *key: Any, seen: set[Any] | None = None) -> list[Any]:
    """The rows whose key (the values at ``key``: indexes of a tuple, names in a dict) is not in
    ``seen`` and not taken by an earlier row: what INSERT OR IGNORE keeps, without a key index."""
    seen = set() if seen is None else set(seen)
    out = []
    for row in rows:
        k = tuple(row[i] for i in key) if len(key) > 1 else row[key[0]]
        if k not in seen:
            seen.add(k)
            out.append(row)
    return out


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
