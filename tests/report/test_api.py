"""``/report`` in ``sitrep serve``: the same report, under the server's content security policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from .conftest import SINCE, UNTIL

pytestmark = pytest.mark.slow


def report_app(db: Path) -> Any:
    """The server's app with the report router included (as ``create_app`` is to include it)."""
    from sitrep.api import create_app
    from sitrep.api.report import router

    app = create_app(db, ui=False)
    if not any(getattr(r, "path", None) == "/report" for r in app.routes):
        app.include_router(router)
    return app


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(report_app(db), raise_server_exceptions=False) as c:
        yield c


def test_report_page_links_its_stylesheet_under_the_csp(client: TestClient) -> None:
    r = client.get("/report", params={"since": SINCE, "until": UNTIL, "about": "Russia"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "style-src 'self'" in r.headers["content-security-policy"]
    assert "<style>" not in r.text and 'href="/report.css"' in r.text
    assert "Situation report: Russia" in r.text and "<h2>Key developments</h2>" in r.text
    css = client.get("/report.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_report_formats_and_errors(client: TestClient) -> None:
    md = client.get("/report", params={"format": "md", "since": SINCE, "until": UNTIL})
    assert md.status_code == 200 and md.text.startswith("# Situation report")
    assert md.headers["content-type"].startswith("text/markdown")
    for params in ({"about": "<script>alert(1)</script>"}, {"since": "2020-02-31"}, {"since": "2020", "until": "2019"},
                   {"format": "docx"}, {"since": "yesterday"}):
        r = client.get("/report", params=params)
        assert r.status_code == 422, params
        assert "<script>alert" not in r.text  # the error never echoes what was typed
