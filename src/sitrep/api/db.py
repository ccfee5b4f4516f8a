"""Read-only access to the store, one fresh connection per request.

DuckDB locks the database file: a writer (``sitrep run``) takes it exclusively, readers share
it. A connection held for the server's lifetime would lock a later ``sitrep run`` out and would
not see what the run commits. So each request opens the file read-only, reads, and closes it:
the lock is held only for the milliseconds of a request, every request sees the latest
committed data, and while a writer holds the file the request waits briefly and then answers
503 ``store_unavailable`` (with ``Retry-After``) instead of failing obscurely.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
from fastapi import Request

from ..errors import E, SitrepError
from ..store import Store
from .errors import ApiError

log = logging.getLogger(__name__)


class _ReadOnlyStore(Store):
    """A Store over an already open read-only connection (the schema was checked by the opener)."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection) -> None:  # noqa: D107 -- no super(): no migrations, no re-check
        self.path = str(path)
        self.con = con


class StoreOpener:
    def __init__(self, path: str | Path, attempts: int = 5, wait: float = 0.1) -> None:
        self.path = Path(path)
        self.attempts = attempts
        self.wait = wait
        self._checked: tuple[int, int] | None = None  # (mtime_ns, size) of the file when its schema was checked
        self._lock = threading.Lock()

    def _connect(self) -> Store:
        try:
            con = duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error as e:
            raise SitrepError(E.E102, path=self.path, detail=str(e).splitlines()[0]) from e
        store = _ReadOnlyStore(self.path, con)
        # Checking the schema version costs more than opening the file, so it is done again
        # only when the file has changed (a run may have migrated it to a newer schema).
        try:
            stat = self.path.stat()
            signature = (stat.st_mtime_ns, stat.st_size)
            if signature != self._checked:
                store._check_version()
                with self._lock:
                    self._checked = signature
        except BaseException:
            store.close()
            raise
        return store

    def open(self) -> Store:
        for attempt in range(self.attempts):
            try:
                return self._connect()
            except (SitrepError, OSError) as e:
                # Usually a writer holds the lock; back off and try again, then give up politely.
                log.info("store not readable (attempt %d): %s", attempt + 1, e)
                if attempt + 1 < self.attempts:
                    time.sleep(self.wait * (2 ** attempt))
        # The message names no path: clients must never learn where the store lives.
        raise ApiError(503, "store_unavailable", "the store is being written or cannot be opened; try again shortly")


def get_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a read-only store for this request, closed afterwards."""
    store = request.app.state.stores.open()
    try:
        yield store
    finally:
        store.close()
