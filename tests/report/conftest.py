"""One store over the sample corpus for the report tests, one report built over it, and what the
store says independently of the report's own SQL (dates are checked in Python here)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "corpus"
ARTIFACTS = ROOT / "test-artifacts"
# The window the tests report on, and the previous period of the same length (2011-2017),
# both with events in the sample corpus.
SINCE, UNTIL = "2018", "2024"


@pytest.fixture(scope="session")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitrep.engines.local import run
    from sitrep.pipeline import Config

    path = tmp_path_factory.mktemp("report") / "sample.duckdb"
    run([EXAMPLES], path, Config(workers=1))
    return path


@pytest.fixture(scope="session")
def store(db: Path) -> Iterator[Store]:
    with Store(db, read_only=True) as s:
        yield s


@pytest.fixture(scope="session")
def report(store: Store) -> Any:
    from sitrep.report import build

    return build(store, since=SINCE, until=UNTIL)


@pytest.fixture(scope="session")
def html(report: Any) -> str:
    from sitrep.report import render

    out = render(report, "html")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report.html").write_text(out, encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def markdown(report: Any) -> str:
    from sitrep.report import render

    return render(report, "md")


def period(d: str | None) -> tuple[date, date] | None:
    """The first and last day a YYYY / YYYY-MM / YYYY-MM-DD date can mean."""
    if not d:
        return None
    parts = [int(x) for x in d.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts), date(*parts)


def events_in(store: Store, since: date, until: date, modalities: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Every event whose whole date lies in [since, until], with its article's outlet and dating."""
    cur = store.con.execute("""
        SELECT e.*, a.outlet, a.published_method, a.published FROM events e JOIN articles a USING (article_id)""")
    cols = [c[0] for c in cur.description]
    out = []
    for row in cur.fetchall():
        r = dict(zip(cols, row))
        p = period(r["date"])
        if p and since <= p[0] and p[1] <= until and (modalities is None or r["modality"] in modalities):
            out.append(r)
    return out
