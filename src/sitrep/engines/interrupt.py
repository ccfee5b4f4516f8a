"""Clean stops on Ctrl-C and SIGTERM: never in the middle of a store transaction.

DuckDB turns a signal that arrives during a query into "Query interrupted", which would abort
the batch being committed. The CLI installs :func:`install`; from then on a signal raises
``KeyboardInterrupt`` at once, except inside :func:`deferred` sections (store reads and
commits), where it is held until the section ends -- milliseconds later.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class _Guard:
    def __init__(self) -> None:
        self.requested = False
        self.depth = 0

    def handler(self, signum: int, frame: object) -> None:
        self.requested = True
        if self.depth == 0:
            raise KeyboardInterrupt

    @contextmanager
    def deferred(self, reraise: bool = True) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if reraise and self.depth == 0 and self.requested:
            raise KeyboardInterrupt


guard = _Guard()
deferred = guard.deferred


def install() -> None:
    """Route SIGINT and SIGTERM through the guard (main thread only)."""
    guard.requested = False
    signal.signal(signal.SIGINT, guard.handler)
    signal.signal(signal.SIGTERM, guard.handler)
