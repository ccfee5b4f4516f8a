"""Fixtures: the fixture store (built once per session) and a TestClient over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.store import Store

from .fixture import build_store


@pytest.fixture(scope="session")
def fixture_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp() / "sitrep-fixture"
    base.mkdir(exist_ok=True)
    return base


@pytest.fixture(scope="session")
def db(fixture_base: Path) -> Path:
    return build_store(fixture_base)


@pytest.fixture(scope="session")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def ids(db: Path) -> dict[str, str]:
    """Ids the tests navigate by, looked up in the store rather than hard-coded."""
    with Store(db, read_only=True) as s:
        q = lambda sql: s.con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "payload": q("SELECT article_id FROM articles WHERE doc = 'payload.md'"),
            "turkey_article": q("SELECT article_id FROM articles WHERE title LIKE 'Turkey sends%'"),
            "haftar": q("SELECT actor_id FROM actors WHERE name = 'Khalifa Haftar'"),
            "turkey": q("SELECT actor_id FROM actors WHERE name = 'Turkey'"),
            "russia": q("SELECT actor_id FROM actors WHERE name = 'Russia'"),
            "event": q("SELECT event_id FROM events ORDER BY event_id LIMIT 1"),
        }
