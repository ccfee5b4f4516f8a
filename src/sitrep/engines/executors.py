"""Where the engine's tasks run: in this process, or in N worker processes.

Both executors have one interface: ``submit(task, payload) -> ticket`` and ``collect(timeout)
-> {ticket: result}`` (results that are ready, in any order; the engine puts them back in
input order), ``close()`` and ``terminate()``.

:class:`Processes` starts N ``spawn`` processes, each of which loads the spaCy pipeline, the
knowledge base and the gazetteers once (:func:`sitrep.engines.work.init_process`) and then
takes tasks from one shared queue. Workers ignore Ctrl-C (the engine decides when to stop and
terminates them: a stop takes well under a second) and die with the engine, also on SIGKILL.
A worker that dies mid-task fails the run with a clear message instead of hanging it.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import queue
import signal
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import SitrepError
from ..pipeline import Config
from . import work


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class Inline:
    """Runs each task at once, in this process (one worker and one batch, or one core)."""

    workers = 1
    window = 1  # batches in flight: nothing overlaps in one process

    def __init__(self, config: Config) -> None:
        work.setup(config)
        self._done: dict[int, Any] = {}
        self._next = 0

    def submit(self, task: str, payload: Any) -> int:
        ticket, self._next = self._next, self._next + 1
        self._done[ticket] = work.run_task(task, payload)
        return ticket

    def collect(self, timeout: float) -> dict[int, Any]:
        done, self._done = self._done, {}
        return done

    def close(self) -> None:
        pass

    def terminate(self) -> None:
        pass


def _sitrep_error(message: str) -> SitrepError:
    """A worker's SitrepError, re-raised here with its message (its catalogue code stays there)."""
    err = SitrepError.__new__(SitrepError)
    Exception.__init__(err, message)
    err.message = message
    return err


class WorkerError(RuntimeError):
    """A task failed in a worker process (the message carries its traceback), or a worker died."""


def _serve(tasks: Any, results: Any, config: Config) -> None:
    """A worker process: load once, then run tasks until told to stop (``None``)."""
    try:
        work.init_process(config)
    except SitrepError as e:  # a bad knowledge base or model: the engine says so in one line
        results.put(("fatal", None, e.message))
        return
    while True:
        job = tasks.get()
        if job is None:
            break
        ticket, task, payload = job
        try:
            # pickled here, once: a failure gets a traceback here rather than in the queue's thread
            reply = ("ok", ticket, pickle.dumps(work.run_task(task, payload), pickle.HIGHEST_PROTOCOL))
        except BaseException as e:  # noqa: BLE001 - everything goes back to the engine
            reply = ("error", ticket, f"{type(e).__name__}: {e}\n{traceback.format_exc()}")
        results.put(reply)


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Children started here begin with SIGINT blocked (they ignore it from then on); a Ctrl-C
    that reaches this process meanwhile is delivered, not lost, when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class Processes:
    """N worker processes, one shared task queue, one result queue.

    Tasks named in ``here`` run in this process instead, at once (the engine passes ``clean``
    when the machine has a core to spare beside the workers: this process then reads, cleans,
    deduplicates and commits while the workers analyse, instead of mostly waiting)."""

    def __init__(self, config: Config, workers: int, here: frozenset[str] = frozenset()) -> None:
        self.workers = workers
        self.window = 2 * workers + 1
        self._here = here
        self._done: dict[int, Any] = {}
        ctx = mp.get_context("spawn")
        self._tasks = ctx.Queue()
        self._results = ctx.Queue()
        self._procs = [ctx.Process(target=_serve, args=(self._tasks, self._results, config), daemon=True,
                                   name=f"sitrep-worker-{i}") for i in range(workers)]
        self._stopped = False
        with _sigint_blocked():
            for p in self._procs:
                p.start()
        self._next = 0
        if here:  # while the workers load their models
            try:
                work.setup(config, warm=False)
            except BaseException:
                self.terminate()
                raise

    def submit(self, task: str, payload: Any) -> int:
        ticket, self._next = self._next, self._next + 1
        if task in self._here:
            self._done[ticket] = work.run_task(task, payload)
        else:
            self._tasks.put((ticket, task, payload))
        return ticket

    def collect(self, timeout: float) -> dict[int, Any]:
        """Results that are ready; waits up to ``timeout`` for the first one (none when tasks
        run here have results)."""
        done, self._done = self._done, {}
        block = not done
        while True:
            try:
                kind, ticket, value = self._results.get(block, timeout if block else None)
            except queue.Empty:
                break
            block = False
            if kind == "ok":
                done[ticket] = pickle.loads(value)
            elif kind == "error":
                raise WorkerError(f"a worker failed: {value}")
            elif kind == "fatal":
                raise _sitrep_error(value)
        if not done:
            self._check_alive()
        return done

    def _check_alive(self) -> None:
        for p in self._procs:
            if p.exitcode is not None:
                raise WorkerError(f"worker process {p.pid} died (exit code {p.exitcode}); "
                                  "what was committed is kept: run the same command again to finish")

    def close(self) -> None:
        """Orderly end: workers finish, then exit."""
        for _ in self._procs:
            self._tasks.put(None)
        for p in self._procs:
            p.join(timeout=10)
        self.terminate()

    def terminate(self) -> None:
        """Stop now: SIGTERM, then SIGKILL for any worker still alive a moment later."""
        if self._stopped:
            return
        self._stopped = True
        for p in self._procs:
            if p.exitcode is None:
                p.terminate()
        for p in self._procs:
            p.join(timeout=1.0)
            if p.exitcode is None:
                p.kill()
                p.join(timeout=1.0)
        for q in (self._tasks, self._results):
            q.cancel_join_thread()
            q.close()
