"""`sitrep run` end to end: formats, bad input, duplicates, idempotence, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from .corpus import write_corpus

pytestmark = pytest.mark.slow


def sitrep(*args: str | Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitrep", *map(str, args)], capture_output=True, text=True, timeout=timeout)


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    d = tmp_path / "broken"
    d.mkdir()
    (d / "random.txt").write_bytes(bytes(range(256)) * 40)
    (d / "empty.txt").write_bytes(b"")
    (d / "latin1.txt").write_bytes(
        "Caf\xe9 talks in Tunis\n\nDiplomats met at a caf\xe9 in Tunis on Monday to discuss the ceasefire line near Sirte and the exchange of prisoners.".encode("latin-1"))
    (d / "broken.json").write_text('{"id": "a1", "text": "unterminated', encoding="utf-8")
    (d / "mixed.jsonl").write_text(
        json.dumps({"id": "good-1", "title": "Port reopens", "text": "The port of Misrata reopened on Sunday after a week of closure caused by fighting nearby, officials said."}) + "\n"
        + '{"id": "bad-2", "text": \n', encoding="utf-8")
    (d / "truncated.html").write_text(
        "<html><head><title>Talks resume in Geneva</title></head><body><article><h1>Talks resume in Geneva</h1>"
        "<p>Delegations from the two rival administrations resumed military talks in Geneva on Wednesday under United Nations auspices.</p>"
        "<p>The envoy said both sides had agreed to exchange lists of detainees before the end of the month, a step long demanded by families", encoding="utf-8")
    (d / "broken.xml").write_text("<rss><channel><title>Feed</title><item><title>Unclosed", encoding="utf-8")
    with (d / "huge.txt").open("wb") as fh:
        fh.seek(30 * 1024 * 1024)
        fh.write(b"x")
    return d


def test_broken_files_are_reported_and_good_pieces_kept(broken: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    res = sitrep("run", broken, "--db", db)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "Traceback" not in out + res.stderr
    for name in ("random.txt", "empty.txt", "broken.json", "mixed.jsonl (line 2)", "broken.xml", "huge.txt"):
        assert name in out, name
    assert "latin1.txt" in out  # reported as repaired
    docs = {r[0] for r in query(db, "SELECT doc FROM articles")}
    assert docs == {"latin1.txt", "good-1", "truncated.html"}
    [(text, flags)] = query(db, "SELECT text, flags FROM articles WHERE doc = 'latin1.txt'")
    assert "café" in text and any(f.startswith("encoding_repaired") for f in flags)
    skipped = {r[0] for r in query(db, "SELECT label FROM skipped WHERE kind = 'skipped'")}
    assert "huge.txt" in skipped and "mixed.jsonl (line 2)" in skipped


def test_seeds_with_duplicates_run_twice_give_five_articles(seeds_dir: Path, tmp_path: Path) -> None:
    d = tmp_path / "in"
    shutil.copytree(seeds_dir, d)
    seed = sorted(seeds_dir.glob("*.txt"))
    shutil.copy(seed[1], d / "exact_copy.txt")
    near = seed[2].read_text("utf-8").replace("has warned", "warned").replace("Via Financial Times", "Via FT")
    (d / "near_copy.txt").write_text(near, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    for _ in range(2):
        res = sitrep("run", d, "--db", db)
        assert res.returncode == 0, res.stderr
    assert query(db, "SELECT count(*) FROM articles") == [(5,)]
    rel = dict(query(db, "SELECT doc, relation FROM sources WHERE relation <> 'primary'"))
    assert rel == {"exact_copy.txt": "exact", "near_copy.txt": "near"}
    titles = dict(query(db, "SELECT substr(doc, 1, 3), title FROM articles"))
    assert titles["001"] == "Anti-IS Coalition Opposes Intervention in Libya"
    assert query(db, "SELECT outlet FROM articles WHERE doc LIKE '002%'") == [("Financial Times",)]


def test_second_run_adds_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", 12)
    db = tmp_path / "s.duckdb"
    assert sitrep("run", corpus, "--db", db).returncode == 0
    before = query(db, "SELECT article_id FROM articles ORDER BY 1")
    res = sitrep("run", corpus, "--db", db)
    assert res.returncode == 0
    assert query(db, "SELECT article_id FROM articles ORDER BY 1") == before
    assert query(db, "SELECT count(*) FROM sources") == [(12,)]
    assert "already in the store" in res.stdout


@pytest.mark.parametrize("args, code", [
    (["run"], 2),
    (["run", "--no-such-option", "x"], 2),
    (["run", "/no/such/folder"], 1),
    (["export", "nonsense", "--db", "{db}"], 1),
    (["export", "articles", "--db", "/no/such.duckdb"], 1),
])
def test_exit_codes(args: list[str], code: int, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    sitrep("run", write_corpus(tmp_path / "c", 1), "--db", db)
    res = sitrep(*[a.format(db=db) for a in args])
    assert res.returncode == code, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
