"""One writer and many readers on one store file, across processes, without turning anyone away.

DuckDB lets one process open a file read-write, or any number of processes open it read-only,
never both at once. The writer (``sitrep run``, through a :class:`Lease`) keeps the file open
while nobody else wants it -- a run alone costs what it always did -- and gives it up as soon as
a reader knocks and no commit is under way; it takes it back for its next write, once the reads
in flight have ended. Closing the file checkpoints the commits into it, so a reader opening it
then sees every committed batch and nothing of one half-written. Readers (``sitrep serve``, the
CLI's read commands) open the file read-only per use (:func:`connect_read`).

Three empty side files coordinate them with ``flock`` locks, which the kernel drops when a
process dies, so a crash leaves no stale lock:

* ``<db>.writer.lock``: held exclusively by the writer for its whole life (by any read-write
  :class:`~sitrep.store.Store`: :func:`claim_writer`), so two runs never write into one store by
  turns (the engine's dedupe assumes it is the only writer).
* ``<db>.gate.lock``: held exclusively by the writer while it has or wants the file; a reader
  holds it shared only while it connects. A writer that wants the file back therefore stops new
  readers and gets it once the reads in flight end: readers cannot starve it (without the gate,
  three busy reader threads kept a writer out for seconds).
* ``<db>.readers.lock``: a reader waiting at the gate holds it shared -- the knock; the writer
  probes it (after each commit, and every ``POLL`` s from a thread) and lets go of the file.

Both sides retry with exponential backoff up to a bound: ``READ_TIMEOUT`` for readers (well
under an HTTP client's patience), ``WRITE_TIMEOUT`` for the writer. A process that opens the
file without these locks (the duckdb CLI, a notebook) is waited for in the same way, but it
cannot knock: it gets the file only between runs.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time
from pathlib import Path

import duckdb

from ..errors import E, SitrepError

try:
    import fcntl
except ImportError:  # pragma: no cover -- not POSIX: no gate, the retries alone
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

READ_TIMEOUT = 10.0  # seconds a reader waits for the writer (a commit takes well under one)
WRITE_TIMEOUT = 300.0  # seconds the writer waits for readers; it warns after WARN_AFTER
WARN_AFTER = 5.0
POLL = 0.02  # seconds between the writer's checks for a knock while it keeps the file
GRACE = 0.1  # seconds the writer, taking the file back, lets the readers that knocked go first
_FIRST_WAIT = 0.002
# The run's writer keeps its connection between commits, and DuckDB keeps the pages it has
# read and written cached up to its memory limit (80% of RAM by default): the run process then
# grows with the store. A fixed limit keeps it flat. A statement that needs more (the clustering
# of a very large store; indexes of one) gets it: the writer doubles the limit and runs the
# transaction again (Store.roomy), up to DuckDB's own default. 256 MB cluster a million events
# in 1.4 s, as fast as no limit (benchmarks/queries.py's store; 64 MB take 2.7 s).
def _writer_memory_mb(default: int = 256) -> int:
    value = os.environ.get("SITREP_DB_MEMORY_MB", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    if value:
        log.warning("SITREP_DB_MEMORY_MB=%r is not a number of megabytes; using %d", value, default)
    return default


WRITER_MEMORY_MB = _writer_memory_mb()
# DuckDB's allocator (jemalloc) gives freed memory back to the system only after a task that
# allocated more than the flush threshold (128 MB); a commit allocates a few MB, so without
# this the run process kept what each commit had freed. A background thread returns it.
_WRITER_CONFIG = {"allocator_background_threads": True}
_MAX_WAIT = {"reader": 0.01, "writer": 0.05}  # a waiting reader retries often: it should not miss its turn


def _trim() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``): after a
    connection closes, what it freed is scattered between live allocations; elsewhere a no-op."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def side_file(db: str | Path, kind: str) -> Path:
    """``<db>.writer.lock``, ``<db>.gate.lock`` or ``<db>.readers.lock``."""
    return Path(f"{db}.{kind}.lock")


def is_lock_conflict(error: BaseException) -> bool:
    return isinstance(error, duckdb.IOException) and "Could not set lock" in str(error)


class _Flock:
    """An flock on a side file; a no-op when the file cannot be opened (and ``create`` is off)."""

    def __init__(self, path: Path, create: bool) -> None:
        self.fd: int | None = None
        if fcntl is None:
            return
        try:
            self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644) if create else os.open(path, os.O_RDONLY)
        except OSError:
            if create:
                raise

    def take(self, exclusive: bool) -> bool:
        if self.fd is None:
            return True
        try:
            fcntl.flock(self.fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # also drops the lock
            self.fd = None


class _Backoff:
    def __init__(self, timeout: float, side: str) -> None:
        self.start = time.monotonic()
        self.deadline = self.start + timeout
        self.wait, self.longest = _FIRST_WAIT, _MAX_WAIT[side]

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def sleep(self) -> bool:
        """Wait a little longer each time; False once the bound is reached."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(self.wait, left))
        self.wait = min(self.wait * 2, self.longest)
        return True


def _busy(path: str | Path, last: BaseException | None, detail: str) -> SitrepError:
    if last is not None:
        detail += f" ({str(last).splitlines()[0]})"
    return SitrepError(E.E102, path=path, detail=detail)


def connect_read(path: str | Path, timeout: float = READ_TIMEOUT) -> duckdb.DuckDBPyConnection:
    """A read-only connection, waiting (up to ``timeout`` s) while the writer has the file.

    Raises ``SitrepError`` (E102) when the bound passes or the file cannot be opened at all."""
    gate = _Flock(side_file(path, "gate"), create=False)  # no side files: no writer ever shared this store
    knock = _Flock(side_file(path, "readers"), create=False)
    backoff, last, knocking = _Backoff(timeout, "reader"), None, False
    try:
        while True:
            if gate.take(exclusive=False):
                try:
                    return duckdb.connect(str(path), read_only=True)
                except duckdb.Error as e:
                    if not is_lock_conflict(e):
                        raise SitrepError(E.E102, path=path, detail=str(e).splitlines()[0]) from e
                    last = e  # a writer that does not use the gate
                finally:
                    gate.release()
            elif not knocking:
                knocking = knock.take(exclusive=False)  # fails only while the writer probes: next time
            if not backoff.sleep():
                raise _busy(path, last, "it is being written by another process; try again shortly")
    finally:
        knock.close()
        gate.close()


def claim_writer(path: str | Path) -> _Flock:
    """Take ``<db>.writer.lock`` for as long as the returned lock stays open: one writing process
    per store. Raises ``SitrepError`` (E102) at once if another one has it."""
    try:
        claim = _Flock(side_file(path, "writer"), create=True)
    except OSError as e:
        raise SitrepError(E.E102, path=path, detail=f"cannot create its lock files: {e.strerror}") from e
    if not claim.take(exclusive=True):
        claim.close()
        raise SitrepError(E.E102, path=path, detail="another sitrep run is writing to it; wait for it to finish")
    return claim


class Lease:
    """The writer's hold on a store file, from creation to :meth:`close`.

    :meth:`acquire` returns the read-write connection, opening the file if it is not open
    (waiting for the reads in flight); :meth:`done` ends that use, and lets go of the file if a
    reader is waiting. A thread lets go of it too when a reader knocks between uses (while the
    engine analyses a batch). Uses may nest; they must come from one thread at a time.
    """

    def __init__(self, path: str | Path, timeout: float = WRITE_TIMEOUT) -> None:
        self.path, self.timeout = str(path), timeout
        self._files = [claim_writer(path)]
        try:
            for kind in ("gate", "readers"):
                self._files.append(_Flock(side_file(path, kind), create=True))
        except OSError as e:
            self._close_files()
            raise SitrepError(E.E102, path=path, detail=f"cannot create its lock files: {e.strerror}") from e
        self._gate, self._knock = self._files[1:]
        self._con: duckdb.DuckDBPyConnection | None = None
        self.memory_mb = WRITER_MEMORY_MB  # the connection's memory limit; see grow_memory()
        self._uses = 0
        self._since = 0.0  # when the file was last opened
        self.released = 0  # times the file was given up to readers
        self.cost = 0.0  # seconds that cost the writer: closing (checkpoints), waiting for reads, reopening
        self._mutex = threading.RLock()
        self._stop = threading.Event()
        self._watch = threading.Thread(target=self._watcher, name="sitrep-store-lease", daemon=True)
        self._watch.start()

    def acquire(self) -> duckdb.DuckDBPyConnection:
        self._mutex.acquire()
        try:
            if self._con is None:
                started = time.monotonic()
                self._con = self._connect()
                self._since = time.monotonic()
                if self.released:  # taking it back from readers (the first opening costs a run alone too)
                    self.cost += self._since - started
                log.debug("store %s taken in %.3f s", self.path, self._since - started)
        except BaseException:
            self._mutex.release()
            raise
        self._uses += 1
        return self._con

    def done(self) -> None:
        try:
            self._uses -= 1
            if self._uses == 0 and self._con is not None and self._knocked():
                self._let_go(knocked=True)
        finally:
            self._mutex.release()

    def grow_memory(self) -> bool:
        """Double the connection's memory limit (it stays for the rest of the run); False when
        it already allows as much as DuckDB's default would (80% of the machine's memory)."""
        ceiling = int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") * 0.8) >> 20
        if self.memory_mb >= ceiling:
            return False
        self.memory_mb = min(self.memory_mb * 2, ceiling)
        if self._con is not None:
            self._con.execute(f"SET memory_limit = '{self.memory_mb}MB'")
        log.warning("store %s: DuckDB needed more memory; its limit is now %d MB", self.path, self.memory_mb)
        return True

    def recycle(self) -> bool:
        """Close the file if it is open and not in use (the next use reopens it); True if closed.

        Closing checkpoints the commits and gives back all DuckDB holds for the file: its page
        cache and the primary-key indexes of everything written through this connection, which
        otherwise grow with the store (see ``Store.recycle``); then the C heap is trimmed."""
        with self._mutex:
            if self._uses or self._con is None:
                return False
            self._let_go()
        _trim()
        return True

    def close(self) -> None:
        self._stop.set()
        self._watch.join()
        with self._mutex:
            if self._con is not None:
                self._let_go()
        self._close_files()
        log.info("store %s: let readers in %d times, which cost the writer %.2f s", self.path, self.released, self.cost)

    # -- internals --------------------------------------------------------------------------
    def _close_files(self) -> None:
        for f in self._files:
            f.close()

    def _knocked(self) -> bool:
        if self._knock.take(exclusive=True):
            self._knock.release()
            return False
        return True

    def _let_go(self, knocked: bool = False) -> None:
        """Close the file (DuckDB checkpoints the commits into it) and let the readers in."""
        con, self._con = self._con, None
        started = time.monotonic()
        try:
            if con is not None:
                con.close()
        finally:
            self._gate.release()
        if knocked:
            self.released += 1
            self.cost += time.monotonic() - started
        log.debug("store %s let go after %.3f s (closing: %.3f s)", self.path, time.monotonic() - self._since,
                  time.monotonic() - started)

    def _watcher(self) -> None:
        while not self._stop.wait(POLL):
            if self._con is None or not self._mutex.acquire(blocking=False):
                continue  # nothing to give up, or a use is under way (it checks when it ends)
            try:
                if self._uses == 0 and self._con is not None and self._knocked():
                    self._let_go(knocked=True)
            except Exception:  # the next use reopens the file; a failure here must not end the thread
                log.exception("releasing the store %s failed", self.path)
            finally:
                self._mutex.release()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Take the gate (new readers wait), then the file once the reads in flight have ended."""
        grace = time.monotonic() + GRACE
        while time.monotonic() < grace and self._knocked():  # readers still waiting for their turn
            time.sleep(_FIRST_WAIT)
        backoff, last, warned, gated = _Backoff(self.timeout, "writer"), None, False, False
        try:
            while True:
                gated = gated or self._gate.take(exclusive=True)
                if gated:
                    try:
                        return duckdb.connect(self.path, config=_WRITER_CONFIG | {"memory_limit": f"{self.memory_mb}MB"})
                    except duckdb.Error as e:
                        if not is_lock_conflict(e):
                            raise SitrepError(E.E102, path=self.path, detail=str(e).splitlines()[0]) from e
                        last = e
                if not warned and backoff.elapsed() > WARN_AFTER:
                    warned = True
                    log.warning("waiting for readers to release the store %s (%s)", self.path,
                                "a reader holds the file" if gated else "readers are connecting")
                if not backoff.sleep():
                    raise _busy(self.path, last, f"another process kept it open for {self.timeout:.0f} s")
        except BaseException:
            if gated:
                self._gate.release()
            raise
