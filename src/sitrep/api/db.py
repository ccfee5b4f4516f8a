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
import time
from collections.abc import Iterator
from pathlib import Path

from fastapi import Request

from ..errors import SitrepError
from ..store import Store
from .errors import ApiError

log = logging.getLogger(__name__)


class StoreOpener:
    def __init__(self, path: str | Path, attempts: int = 5, wait: float = 0.1) -> None:
        self.path = Path(path)
        self.attempts = attempts
        self.wait = wait

    def open(self) -> Store:
        for attempt in range(self.attempts):
            try:
                return Store(self.path, read_only=True)
            except SitrepError as e:
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
