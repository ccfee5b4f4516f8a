"""The store: recorded migrations, idempotent atomic batch writes, exports that round-trip."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sitrep.errors import SitrepError
from sitrep.models import Analysis, Article, Paragraph, Source
from sitrep.store import SCHEMA_VERSION, Store
from sitrep.store.export import export


def article(n: int, text: str | None = None) -> Article:
    text = text or f"Report number {n} says the ministers met again on the coast."
    return Article(
        article_id=f"{n:016x}", source=Source(f"/in/{n}.txt", f"{n}.txt", "txt"), title=f"T{n}",
        text=text, paragraphs=(Paragraph(0, len(text), "en"),), language="en",
        flags=("title_derived",), meta={"section": "world", "n": n},
    )


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        rows = s.con.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert rows[-1][0] == SCHEMA_VERSION
    with Store(db) as s:
        assert s.migrate() == []
        assert s.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(rows)


def test_newer_schema_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    with pytest.raises(SitrepError, match="newer sitrep"):
        Store(db)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(SitrepError, match="cannot open the store"):
        Store(bad)


def test_commit_is_idempotent(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as s:
        batch = [Analysis(article(1), signature=(1, 2, 3)), Analysis(article(2))]
        first = s.commit(batch, "r1")
        again = s.commit(batch, "r2")
        assert (first.stored, again.stored, again.already_stored) == (2, 0, 2)
        assert s.count("articles") == 2 and s.count("sources") == 2 and s.count("paragraphs") == 2


def test_duplicate_adds_only_a_source(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as s:
        s.commit([Analysis(article(1))], "r1")
        dup = Article(**{**article(1).__dict__, "source": Source("/in/copy.txt", "copy.txt", "txt")})
        near = Article(**{**article(3).__dict__, "source": Source("/in/near.txt", "near.txt", "txt")})
        res = s.commit([Analysis(dup, duplicate_of=dup.article_id), Analysis(near, duplicate_of=article(1).article_id, similarity=0.93)], "r2")
        assert (res.stored, res.duplicates, res.near_duplicates) == (0, 1, 1)
        rel = s.con.execute("SELECT doc, relation, similarity FROM sources ORDER BY doc").fetchall()
        assert rel == [("1.txt", "primary", 1.0), ("copy.txt", "exact", 1.0), ("near.txt", "near", 0.93)]
        assert s.count("articles") == 1


def test_failed_batch_leaves_nothing_half_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "s.duckdb") as s:
        def boom(batch):  # noqa: ANN001
            raise RuntimeError("disk full")
        monkeypatch.setattr(s, "_write_derived", boom)
        with pytest.raises(RuntimeError):
            s.commit([Analysis(article(1)), Analysis(article(2))], "r1")
        assert s.count("articles") == 0 and s.count("sources") == 0 and s.count("paragraphs") == 0


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.commit([Analysis(article(1)), Analysis(article(2, "Quote “here”, comma, and\nnewline é."))], "r1")
        dup = Article(**{**article(1).__dict__, "source": Source("/in/again.txt", "again.txt", "txt")})
        s.commit([Analysis(dup, duplicate_of=dup.article_id)], "r2")
    return db


@pytest.mark.parametrize("table", ["articles", "actors", "events"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_exports_round_trip(filled: Path, tmp_path: Path, table: str, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    with Store(filled, read_only=True) as s:
        n = export(s, table, fmt, out)
        expected = s.count(table)
    assert n == expected
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        rows = pq.read_table(out).to_pylist()
    assert len(rows) == n
    if table == "articles":
        by_doc = {r["doc"]: r for r in rows}
        text = by_doc["2.txt"]["text"]
        assert text == "Quote “here”, comma, and\nnewline é."
        dups = by_doc["1.txt"]["duplicates"]
        assert (json.loads(dups) if isinstance(dups, str) else list(dups)) == ["again.txt"]
        assert {"article_id", "doc", "title", "text", "outlet", "url", "language", "published",
                "published_method", "duplicates", "flags"} <= set(rows[0])
