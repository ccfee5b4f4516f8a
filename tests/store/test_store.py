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


def analysed(n: int) -> Analysis:
    """An article with a row of each kind the analysis stages attach, mention and event twice."""
    art = article(n)
    mention = {"article_id": art.article_id, "actor_id": "Q1016", "start": 0, "end": 6, "text": "Report", "code": "LBY"}
    event = {"event_id": f"e{n}", "article_id": art.article_id, "type": "CONSULT", "quote": art.text, "start": 0}
    role = {"actor_id": "Q1016", "role": "minister", "source": "text", "article_id": art.article_id}
    return Analysis(art, actors=({"actor_id": "Q1016", "name": "Libya"},), mentions=(mention, dict(mention)),
                    roles=(role,), events=(event, dict(event)))


def test_what_an_article_holds_is_written_once(tmp_path: Path) -> None:
    # The child tables have no key index (migration 0004): uniqueness comes from the commit.
    with Store(tmp_path / "s.duckdb") as s:
        s.commit([analysed(1), analysed(2)], "r1")
        s.commit([analysed(2), analysed(3)], "r2")  # 2 is stored already: nothing of it again
        counts = {t: s.count(t) for t in ("articles", "sources", "paragraphs", "mentions", "events", "actor_roles", "actors")}
        assert counts == {"articles": 3, "sources": 3, "paragraphs": 3, "mentions": 3, "events": 3,
                          "actor_roles": 3, "actors": 1}
        moved = Article(**{**article(2).__dict__, "source": Source("/in/moved.txt", "moved.txt", "txt")})
        res = s.commit([Analysis(moved, duplicate_of=moved.article_id), analysed(2)], "r3")
        assert (res.stored, res.duplicates, res.already_stored) == (0, 1, 1)
        assert s.count("sources") == 4 and s.count("events") == 3


def test_migration_0004_keeps_every_row_and_column(tmp_path: Path) -> None:
    import duckdb

    from sitrep.store import _migrations

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))  # a store as sitrep wrote it before 0004
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    for version, name, sql in _migrations()[:3]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    tables = ("sources", "paragraphs", "mentions", "actor_roles", "events")
    for table in tables:
        cols = con.execute(f"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' "
                           "ORDER BY ordinal_position").fetchall()
        values = ["['x']" if t.endswith("[]") else "1" if t in ("INTEGER", "BIGINT", "DOUBLE") else
                  "true" if t == "BOOLEAN" else "now()" if t == "TIMESTAMP" else f"'{c}-v'" for c, t in cols]
        con.execute(f"INSERT INTO {table} VALUES ({', '.join(values)})")
    def state(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list, list]:
        # (name, type, nullable) of each column in order -- DESCRIBE's key column is what changes
        return ([c[:3] for c in con.execute(f"DESCRIBE {table}").fetchall()], con.execute(f"SELECT * FROM {table}").fetchall())

    before = {t: state(con, t) for t in tables}
    con.close()
    with Store(db) as s:
        assert {t: state(s.con, t) for t in tables} == before
        keyed = {r[0] for r in s.con.execute(
            "SELECT table_name FROM information_schema.table_constraints WHERE constraint_type = 'PRIMARY KEY'").fetchall()}
        assert keyed.isdisjoint(tables) and {"articles", "actors"} <= keyed
        s.commit([analysed(1)], "r1")
        assert s.count("events") == 2


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
