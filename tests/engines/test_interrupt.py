"""Ctrl-C with worker processes: a clean stop within 2 s, exit 130, and no worker left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] not in ("Z", "X")
    except OSError:
        return False


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def start(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "sitrep", "run", str(corpus), "--db", str(db), "--workers", "2",
                             "--batch-size", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_workers(proc: subprocess.Popen[bytes], n: int = 2) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = [c for c in children(proc.pid) if b"spawn_main" in _cmdline(c)]
        if len(workers) >= n:
            return workers
        time.sleep(0.1)
    raise AssertionError("the worker processes did not start")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_with_workers_stops_within_two_seconds(long_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    proc = start(long_corpus, db)
    workers = wait_for_workers(proc)
    time.sleep(5)  # workers loading their models or busy with batches
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=10)
    assert time.monotonic() - sent < 2.0
    assert code == 130
    assert b"Traceback" not in proc.stderr.read()
    assert not [w for w in workers if alive(w)]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_engine(long_corpus: Path, tmp_path: Path) -> None:
    proc = start(long_corpus, tmp_path / "s.duckdb")
    workers = wait_for_workers(proc)
    time.sleep(1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 5
    while [w for w in workers if alive(w)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if alive(w)]
