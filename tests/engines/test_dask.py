"""The Dask engine on a local cluster stores what the local engine stores."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("distributed", reason="the Dask engine needs its extra: pip install 'sitrep[dask]'")

from distributed import LocalCluster  # noqa: E402

from sitrep.engines import dask_engine  # noqa: E402
from sitrep.engines.local import run as run_local  # noqa: E402
from sitrep.models import Analysis, Article, Paragraph, Source  # noqa: E402
from sitrep.pipeline import Config  # noqa: E402
from sitrep.store import Store  # noqa: E402

from .conftest import state  # noqa: E402

pytestmark = pytest.mark.slow

COMPARED = ("articles", "sources", "paragraphs", "mentions", "actors", "actor_roles", "events")


def test_dask_engine_matches_the_local_engine(mixed_corpus: Path, tmp_path: Path) -> None:
    local_db, dask_db, parquet = tmp_path / "local.duckdb", tmp_path / "dask.duckdb", tmp_path / "parquet"
    config = Config(batch_size=6, workers=2)
    local = run_local([mixed_corpus], local_db, Config(batch_size=6, workers=1))
    dist = dask_engine.run([mixed_corpus], dask_db, config)
    expected, got = state(local_db, COMPARED), state(dask_db, COMPARED)
    for table in COMPARED:
        assert got[table] == expected[table], table
    timing = {"seconds": 0, "stage_seconds": {}}
    assert dist.as_dict() | timing == local.as_dict() | timing
    assert set(dist.stage_seconds) == set(local.stage_seconds) == set(local.stage_counts)
    with duckdb.connect(str(dask_db), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("completed",)]
    assert not list(tmp_path.glob(".sitrep-*")), "the staging folder is removed"
    # Into the same store again: nothing new (the tables of what an article holds have no key
    # index that would drop a repeat).
    again = dask_engine.run([mixed_corpus], dask_db, config)
    assert (again.stored, again.already_stored) == (0, len(expected["sources"]))
    assert state(dask_db, COMPARED) == got

    # Joining a running cluster (--scheduler), --out parquet:DIR leaves the partitions as the
    # store; a second run into it adds nothing.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        first = dask_engine.run([mixed_corpus], tmp_path / "unused.duckdb", config, scheduler=address, out=f"parquet:{parquet}")
        again = dask_engine.run([mixed_corpus], tmp_path / "unused.duckdb", config, scheduler=address, out=f"parquet:{parquet}")
    assert (first.stored, again.stored, again.already_stored) == (local.stored, 0, len(expected["sources"]))
    with duckdb.connect() as con:
        ids = con.execute("SELECT article_id FROM read_parquet(?) ORDER BY 1", [str(parquet / "part-*" / "articles.parquet")]).fetchall()
        events = con.execute("SELECT count(*) FROM read_parquet(?)", [str(parquet / "event_clusters.parquet")]).fetchone()
    assert [r[0] for r in ids] == [r[0] for r in expected["articles"]]
    assert events == (len(expected["events"]),)
    assert not (tmp_path / "unused.duckdb").exists()


def test_a_part_loaded_twice_adds_nothing(tmp_path: Path) -> None:
    # What write_part leaves after the analysis: a batch committed to memory, copied as Parquet.
    text = "Italy met officials from Egypt in Tripoli."
    art = Article("a1", Source("/in/a.txt", "a.txt", "txt"), "A", text, (Paragraph(0, len(text), "en"),), "en")
    event = {"event_id": "e1", "article_id": "a1", "type": "CONSULT", "quote": text}
    mention = {"article_id": "a1", "actor_id": "ITA", "start": 0, "end": 5, "text": "Italy"}
    part = tmp_path / "part"
    part.mkdir()
    with Store(":memory:") as mem:
        mem.commit([Analysis(art, actors=({"actor_id": "ITA", "name": "Italy"},), mentions=(mention,), events=(event,))], "r")
        for table in dask_engine.PART_TABLES:
            mem.con.execute(f"COPY {table} TO '{part / table}.parquet' (FORMAT parquet)")
    with Store(tmp_path / "s.duckdb") as store:
        assert [dask_engine.load_part(store, part) for _ in range(2)] == [1, 0]
        counts = [store.count(t) for t in ("articles", "sources", "paragraphs", "mentions", "events", "actors")]
    assert counts == [1, 1, 1, 1, 1, 1]
