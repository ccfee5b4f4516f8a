"""The bundled sample corpus (the README's first command) runs clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.clean.furniture import is_teaser, is_ui
from sitrep.engines.local import run
from sitrep.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("ex") / "s.duckdb"
    report = run([EXAMPLES], db)
    assert report.skipped == [] and report.repaired == []
    with Store(db, read_only=True) as s:
        yield s


def test_every_document_is_stored_once(store: Store) -> None:
    n_sources = store.count("sources")
    assert n_sources >= 24
    near = store.con.execute("SELECT count(*) FROM sources WHERE relation = 'near'").fetchone()[0]
    assert near == 1
    assert store.count("articles") == n_sources - near


def test_no_furniture_survives_in_article_text(store: Store) -> None:
    for doc, text in store.con.execute("SELECT doc, text FROM articles").fetchall():
        for para in text.split("\n\n"):
            assert not is_ui(para) and not is_teaser(para), (doc, para)


def test_titles_and_outlets_present(store: Store) -> None:
    rows = store.con.execute("SELECT doc, title, outlet FROM articles").fetchall()
    assert all(title and len(title.split()) <= 25 for _, title, _ in rows)
    with_outlet = sum(1 for *_, outlet in rows if outlet)
    assert with_outlet >= len(rows) * 0.6


def test_txt_titles_are_their_headline_line(store: Store) -> None:
    for path in sorted((EXAMPLES / "txt").glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text("utf-8").splitlines()]
        body = lines[lines.index("") + 1 :] if ":" in lines[0] and lines[0].split(":")[0] in {"Date", "Source", "Title", "Published", "URL", "Outlet", "Author"} else lines
        headline = next(ln for ln in body if ln)
        row = store.con.execute("SELECT title FROM articles a JOIN sources s USING (article_id) WHERE s.doc = ?", [path.name]).fetchone()
        assert row is not None, path.name
        assert row[0] == " ".join(headline.split()), path.name
