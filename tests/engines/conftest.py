"""A small mixed-format corpus with exact and near duplicates, shared by the engine tests."""

from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb
import pytest

ACTORS = ["Italy", "Turkey", "Egypt", "the United Nations", "Russia", "France", "the African Union", "Tunisia", "Malta"]
VERBS = ["met officials from", "criticised", "offered aid to", "called on", "signed a deal with", "warned"]
PLACES = ["Tripoli", "Benghazi", "Misrata", "Sirte", "Tobruk", "Sabha"]


def report(rng: random.Random, n: int) -> str:
    lines = [f"Dispatch {n}: {rng.choice(ACTORS).capitalize()} and {rng.choice(PLACES)}"]
    for i in range(rng.randint(3, 5)):
        a, b = rng.sample(ACTORS, 2)
        lines.append(f"{a[0].upper() + a[1:]} {rng.choice(VERBS)} {b} in {rng.choice(PLACES)} on day {n * 7 + i}, "
                     f"according to statement {rng.randint(1000, 99999)} released by envoy number {rng.randint(1, 500)}.")
    return "\n\n".join(lines)

STATE_SQL = {
    "articles": "SELECT article_id, doc, title, text, outlet, published, published_method, flags, signature FROM articles ORDER BY article_id",
    "sources": "SELECT source_key, article_id, doc, relation, similarity FROM sources ORDER BY source_key",
    "paragraphs": "SELECT * FROM paragraphs ORDER BY article_id, idx",
    "mentions": "SELECT * FROM mentions ORDER BY ALL",
    "actors": "SELECT * FROM actors ORDER BY actor_id",
    "actor_roles": "SELECT * FROM actor_roles ORDER BY ALL",
    "events": "SELECT * FROM events ORDER BY event_id",
    "skipped": "SELECT key, label, reason, kind FROM skipped ORDER BY ALL",
}


def state(db: Path, tables: tuple[str, ...] = tuple(STATE_SQL)) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(STATE_SQL[t]).fetchall() for t in tables}


def write_mixed(folder: Path, n: int = 36, seed: int = 5) -> Path:
    """``n`` reports as .txt files and JSONL records, one HTML page, a broken file, and
    duplicates that cross batch boundaries (an exact copy, a near copy, a repeated record)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    texts = [report(rng, i) for i in range(n)]
    for i, text in enumerate(texts[: n - 8]):
        (folder / f"a_{i:03d}.txt").write_text(text, "utf-8")
    records = [{"id": f"rec-{i}", "title": f"Record {i}", "published": f"2020-03-{i % 28 + 1:02d}", "text": t}
               for i, t in enumerate(texts[n - 8:])]
    records.append({"id": "rec-copy", "text": texts[2]})  # an exact duplicate of a_002.txt
    (folder / "b_feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records) + "{broken\n", "utf-8")
    paras = "".join(f"<p>{p}</p>" for p in texts[5].split("\n\n")[1:])
    (folder / "c_page.html").write_text(f"<html><head><title>Page</title></head><body><article>{paras}</article></body></html>", "utf-8")
    (folder / "d_copy.txt").write_text(texts[0], "utf-8")
    (folder / "d_near.txt").write_text(texts[10].rstrip(".") + " today.", "utf-8")
    (folder / "e_empty.txt").write_text("", "utf-8")
    return folder


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_mixed(tmp_path_factory.mktemp("engines") / "corpus")


@pytest.fixture(scope="session")
def long_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough reports that a run with two workers takes well over ten seconds."""
    folder = tmp_path_factory.mktemp("engines-long") / "corpus"
    folder.mkdir()
    rng = random.Random(9)
    for i in range(400):
        (folder / f"r_{i:04d}.txt").write_text(report(rng, i), "utf-8")
    return folder
