"""One writer and readers in other processes (sitrep.store.access): the writer keeps the file
until a reader knocks, readers get in between commits, the writer gets it back once the reads
in flight end, and a second writer is refused at once."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.models import Analysis, Article, Paragraph, Source
from sitrep.store import Store, access


def article(n: int) -> Article:
    text = f"Report number {n} says the ministers met again on the coast."
    return Article(article_id=f"{n:016x}", source=Source(f"/in/{n}.txt", f"{n}.txt", "txt"), title=f"T{n}",
                   text=text, paragraphs=(Paragraph(0, len(text), "en"),), language="en")


def _reader(db: Path, hold: float = 0.0) -> subprocess.Popen[str]:
    """A process that opens the store read-only (through the gate), prints how long that took and
    the article count, keeps the connection ``hold`` seconds, then closes it."""
    code = (
        "import sys, time\n"
        "from sitrep.store import access\n"
        "t = time.monotonic()\n"
        f"con = access.connect_read({json.dumps(str(db))}, timeout=20)\n"
        "print(round(time.monotonic() - t, 3), con.execute('SELECT count(*) FROM articles').fetchone()[0], flush=True)\n"
        f"time.sleep({hold})\n"
        "con.close()\n"
    )
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_without_readers_the_writer_keeps_its_connection(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb", shared=True) as s:
        with s.hold():
            first = s.con
            with s.hold():  # nested holds share it
                assert s.con is first
        assert s.con is None  # not usable outside a hold
        with s.hold():
            s.commit([Analysis(article(1))], "r1")
            assert s.con is first  # nobody knocked: the file was never closed and reopened
        assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".lock") == [
            "s.duckdb.gate.lock", "s.duckdb.readers.lock", "s.duckdb.writer.lock"]


def test_a_reader_knocks_and_gets_in_between_commits(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db, shared=True) as s:
        with s.hold():
            s.commit([Analysis(article(1)), Analysis(article(2))], "r1")
        # The writer still has the file, idle (as while a batch is analysed): a reader knocks.
        reader = _reader(db)
        out, err = reader.communicate(timeout=60)
        waited, count = out.split()
        assert reader.returncode == 0, err
        assert int(count) == 2  # the committed batch, checkpointed when the writer let go
        assert float(waited) < 2.0
        with s.hold():  # the writer takes the file back for its next commit
            s.commit([Analysis(article(3))], "r2")
            assert s.count("articles") == 3


def test_the_writer_waits_for_reads_in_flight(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db, shared=True) as s:
        with s.hold():
            s.commit([Analysis(article(1))], "r1")
        reader = _reader(db, hold=1.5)
        assert reader.stdout is not None and reader.stdout.readline().split()[1] == "1"  # reading now
        started = time.monotonic()
        with s.hold():
            waited = time.monotonic() - started
            s.commit([Analysis(article(2))], "r2")
        assert reader.wait(timeout=30) == 0
        assert 0.5 < waited < 10, waited  # got the file once the reader was done, not before


def test_a_second_writer_is_refused_at_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db, shared=True):
        started = time.monotonic()
        with pytest.raises(SitrepError, match="another sitrep run is writing"):
            Store(db, shared=True)
        with pytest.raises(SitrepError, match="another sitrep run is writing"):
            Store(db)  # any read-write store: it could write while the run lets readers in
        assert time.monotonic() - started < 1
    with Store(db, shared=True) as again, again.hold():  # released with the first writer
        assert again.count("articles") == 0


def test_a_reader_gives_up_politely_on_a_foreign_writer(tmp_path: Path) -> None:
    """A process holding the file without sitrep's locks cannot be asked to let go."""
    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys\n"
        f"con = duckdb.connect({json.dumps(str(db))})\n"
        "print('locked', flush=True)\n"
        "sys.stdin.readline()\n")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(SitrepError, match="being written by another process"):
            access.connect_read(db, timeout=0.3)
        assert time.monotonic() - started < 2
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    access.connect_read(db, timeout=1).close()


def test_the_writer_gets_more_memory_when_duckdb_runs_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(access, "WRITER_MEMORY_MB", 4)
    with Store(tmp_path / "s.duckdb", shared=True) as store:
        with store.hold():
            store.con.execute("CREATE TABLE big AS SELECT i, md5(i::VARCHAR) AS s FROM range(300000) t(i)")
            agg = "SELECT length(string_agg(s, ',' ORDER BY s)) FROM big"
            n = store.roomy(lambda: store.con.execute(agg).fetchone()[0])
            assert n == 300000 * 33 - 1
            assert store._lease.memory_mb > 4  # doubled until it fitted, and kept
            limit = store._lease.memory_mb
        with store.hold():
            assert store.roomy(lambda: store.con.execute(agg).fetchone()[0]) == n
            assert store._lease.memory_mb == limit


def test_a_bad_memory_setting_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_DB_MEMORY_MB", "lots")
    assert access._writer_memory_mb() == 256
    monkeypatch.setenv("SITREP_DB_MEMORY_MB", "512")
    assert access._writer_memory_mb() == 512


def test_recycling_reopens_the_file_and_keeps_every_row(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db, shared=True) as s:
        with s.hold():
            first = s.con
            s.commit([Analysis(article(1))], "r1")
            s.recycle()  # in use: nothing happens
            assert s.con is first
        s.recycle()
        with s.hold():
            assert s.con is not first  # a new connection, the same rows
            s.commit([Analysis(article(2))], "r1")
            assert s.count("articles") == 2
        assert s._lease.released == 0  # not counted as letting readers in
    with Store(tmp_path / "own.duckdb") as own:  # a store that is not shared reconnects at once
        own.commit([Analysis(article(3))], "r1")
        before = own.con
        own.recycle()
        assert own.con is not before and own.count("articles") == 1
