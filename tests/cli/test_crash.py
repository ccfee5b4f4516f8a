"""A run killed at any moment and started again stores exactly what one clean run stores."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from .corpus import write_corpus

pytestmark = pytest.mark.slow

STATE_SQL = {
    "articles": "SELECT article_id, doc, title, text, outlet, published FROM articles ORDER BY article_id",
    "mentions": "SELECT article_id, actor_id, start, \"end\", code FROM mentions ORDER BY ALL",
    "events": "SELECT event_id, cluster_id, type, source_actor_id, target_actor_id, modality, date FROM events ORDER BY ALL",
    "sources": "SELECT source_key, article_id, relation FROM sources ORDER BY source_key",
    "paragraphs": "SELECT article_id, idx, start, \"end\" FROM paragraphs ORDER BY article_id, idx",
}


def state(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {k: con.execute(sql).fetchall() for k, sql in STATE_SQL.items()}


def start(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "sitrep", "run", str(corpus), "--db", str(db), "--batch-size", "3"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_corpus(tmp_path_factory.mktemp("crash") / "corpus", 240, seed=11)
    # Exact and near duplicates, so that the order-dependent decisions are exercised too.
    (folder / "report_0003_copy.txt").write_text((folder / "report_0003.txt").read_text())
    (folder / "report_0200_near.txt").write_text((folder / "report_0200.txt").read_text().replace("Dispatch", "Despatch"))
    return folder


@pytest.fixture(scope="module")
def clean_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, float]:
    db = tmp_path_factory.mktemp("clean") / "s.duckdb"
    t = time.monotonic()
    proc = start(corpus, db)
    assert proc.wait(timeout=600) == 0
    return state(db), time.monotonic() - t


def test_sigkill_at_random_points_then_resume(corpus: Path, clean_run: tuple[dict, float], tmp_path: Path) -> None:
    expected, duration = clean_run
    db = tmp_path / "s.duckdb"
    rng = random.Random(2024)
    kills = 0
    for _ in range(4):
        proc = start(corpus, db)
        # Each attempt dies before it can finish (a resumed run still re-reads and re-checks every
        # input), so the kill points fall in startup, mid-batch and between batches.
        time.sleep(rng.uniform(0.15, 0.45) * duration)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
    assert kills >= 2, "the run finished before it could be killed; make the corpus bigger"
    final = start(corpus, db)
    assert final.wait(timeout=600) == 0
    got = state(db)
    for table in STATE_SQL:
        assert got[table] == expected[table], table


def test_ctrl_c_stops_within_two_seconds_and_resume_completes(corpus: Path, clean_run: tuple[dict, float], tmp_path: Path) -> None:
    expected, duration = clean_run
    db = tmp_path / "s.duckdb"
    proc = start(corpus, db)
    time.sleep(min(max(duration / 2, 1.5), 4))
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=10)
    assert time.monotonic() - sent < 2.0
    assert code == 130
    assert b"Traceback" not in proc.stderr.read()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    final = start(corpus, db)
    assert final.wait(timeout=600) == 0
    assert state(db) == expected
