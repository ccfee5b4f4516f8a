"""Read-only access to the store, one fresh connection per request.

DuckDB locks the database file: a writer takes it exclusively, readers share it. A connection
held for the server's lifetime would lock ``sitrep run`` out and would not see what it commits.
So each request opens the file read-only, reads, and closes it: the lock is held only for the
milliseconds of a request, and every request sees the latest committed batch.

``sitrep run`` holds the file only while it commits a batch (:mod:`sitrep.store.access`): a
request that arrives then waits at the store's gate until the commit is done -- usually well
under a second -- and is answered normally. Only when the file stays unavailable for
``timeout`` seconds (a tool outside sitrep holding it) does the request answer 503
``store_unavailable`` with ``Retry-After``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
from fastapi import Request

from ..errors import SitrepError
from ..store import Store, access
from .errors import ApiError

log = logging.getLogger(__name__)


class _ReadOnlyStore(Store):
    """A Store over an already open read-only connection (the schema was checked by the opener)."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection) -> None:  # noqa: D107 -- no super(): no migrations, no re-check
        self.path = str(path)
        self.con = con
        self._lease = self._claim = None  # a reader: no writer's lease, no writer lock


class StoreOpener:
    def __init__(self, path: str | Path, timeout: float = access.READ_TIMEOUT) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._checked: tuple[int, int] | None = None  # (mtime_ns, size) of the file when its schema was checked
        self._lock = threading.Lock()

    def open(self) -> Store:
        try:
            con = access.connect_read(self.path, self.timeout)
        except SitrepError as e:
            log.warning("store not readable: %s", e)
            # The message names no path: clients must never learn where the store lives.
            raise ApiError(503, "store_unavailable", "the store is being written or cannot be opened; try again shortly") from None
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
        except (SitrepError, OSError) as e:
            store.close()
            log.warning("store not servable: %s", e)
            raise ApiError(503, "store_unavailable", "the store is being written or cannot be opened; try again shortly") from None
        except BaseException:
            store.close()
            raise
        return store


def get_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a read-only store for this request, closed afterwards."""
    store = request.app.state.stores.open()
    try:
        yield store
    finally:
        store.close()
