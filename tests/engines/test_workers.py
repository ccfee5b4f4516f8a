"""``--workers N``: the same store whatever N, and a small input does not start processes."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from sitrep.engines import local
from sitrep.engines.local import plan_workers, run
from sitrep.pipeline import Config

from .conftest import state

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def one_worker(mixed_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, object]:
    db = tmp_path_factory.mktemp("w1") / "s.duckdb"
    report = run([mixed_corpus], db, Config(batch_size=4, workers=1))
    return state(db), report


def test_two_workers_store_the_same_as_one(mixed_corpus: Path, one_worker: tuple[dict, object], tmp_path: Path) -> None:
    expected, report1 = one_worker
    db = tmp_path / "s.duckdb"
    report2 = run([mixed_corpus], db, Config(batch_size=4, workers=2))
    got = state(db)
    for table in expected:
        assert got[table] == expected[table], table
    timing = {"seconds": 0, "stage_seconds": {}}
    assert report2.as_dict() | timing == report1.as_dict() | timing  # type: ignore[attr-defined]
    assert report2.skipped and report2.stage_counts["nlp"] == len(expected["articles"])
    # Where the time went: every stage timed, summed over the workers, and stored with the run.
    for report in (report1, report2):
        assert set(report.stage_seconds) == set(report.stage_counts)  # type: ignore[attr-defined]
        assert all(s > 0 for name, s in report.stage_seconds.items() if name != "event clusters")  # type: ignore[attr-defined]
    with duckdb.connect(str(db), read_only=True) as con:
        stored = json.loads(con.execute("SELECT report FROM runs").fetchone()[0])
    assert stored["stage_seconds"] == report2.as_dict()["stage_seconds"]  # type: ignore[attr-defined]
    # The order-dependent decisions are exercised: both kinds of duplicate, across batches.
    relations = {r[2]: r[3] for r in got["sources"]}
    assert relations["d_copy.txt"] == "exact" and relations["rec-copy"] == "exact"
    assert relations["d_near.txt"] == "near"
    assert expected["events"] and expected["mentions"]
    # Run again (a resumed run sees the same): nothing is added.
    again = run([mixed_corpus], db, Config(batch_size=4, workers=2))
    assert again.stored == 0 and again.already_stored == len(expected["sources"])
    assert state(db, ("articles", "events")) == {t: expected[t] for t in ("articles", "events")}


def test_recycling_the_writer_changes_nothing(mixed_corpus: Path, one_worker: tuple[dict, object], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer closes and reopens the store after every stored article (Store.recycle)."""
    recycles = []
    monkeypatch.setattr(local, "RECYCLE_EVERY", 1)
    monkeypatch.setattr(local.Store, "recycle", lambda self, real=local.Store.recycle: (recycles.append(1), real(self)))
    expected, _ = one_worker
    db = tmp_path / "s.duckdb"
    run([mixed_corpus], db, Config(batch_size=4, workers=1))
    assert len(recycles) >= 2
    assert state(db) == expected


@pytest.mark.parametrize("requested, files, nbytes, batch, expected", [
    (None, 100_000, 400_000_000, 64, None),  # default: one per core
    (2, 10, 20_000, 64, 1),             # one batch: no worker process
    (8, 200, 600_000, 64, 4),           # never more workers than batches
    (2, 1, 30_000_000, 64, 2),          # one big JSONL file counts by its size
])
def test_plan_workers(requested: int | None, files: int, nbytes: int, batch: int, expected: int | None) -> None:
    from sitrep.engines.executors import default_workers

    got = plan_workers(requested, files, nbytes, batch)
    assert got == (expected if expected is not None else default_workers())


def test_the_run_process_cleans_only_with_a_core_to_spare(monkeypatch) -> None:
    monkeypatch.setattr(local, "default_workers", lambda: 2)
    assert local.cleans_here(1, batches=10)  # one worker, two cores: the run cleans and writes beside it
    assert not local.cleans_here(2, batches=10)  # no core to spare: the workers clean
    assert not local.cleans_here(1, batches=1)  # nothing to overlap: all in one process
    monkeypatch.setattr(local, "default_workers", lambda: 1)
    assert not local.cleans_here(1, batches=10)
