"""Hostile input: injection strings through every filter, error shapes, headers, no file paths."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep import query as Q
from sitrep.api import create_app
from sitrep.api.db import StoreOpener

from .fixture import XSS_IMG

PAYLOADS = [
    "' OR '1'='1", "'; DROP TABLE articles; --", '" OR ""="', "%", "_", "\\", "%' --", "1) OR (1=1",
    "' UNION SELECT path, path FROM sources --", "<script>alert(1)</script>", XSS_IMG, "../../../etc/passwd",
    "\u0000", "\uffff", "Q43' --", "€ ü 中文", "x" * 200, "$(touch /tmp/pwned)", "{{7*7}}", "NULL",
]
FILTERS = {
    "/api/articles": ["q", "outlet", "actor", "since", "until"],
    "/api/actors": ["q", "kind", "code"],
    "/api/events": ["actor", "source", "target", "type", "modality", "since", "until", "place", "q", "article_id", "order"],
    "/api/relations": ["actor", "other", "type", "period", "modality", "since", "until", "min_events"],
    "/api/timeline": ["actor", "other", "type", "period", "group", "modality", "since", "until", "place"],
    "/events": ["actor", "source", "target", "type", "modality", "since", "until", "place", "q"],
    "/articles": ["q", "actor", "since", "until"],
    "/actors": ["q"],
    "/graph": ["actor", "type", "modality", "since", "until", "min_events", "max_nodes"],
    "/map": ["actor", "type", "modality", "since", "until", "view"],
    "/search": ["q"],
}
CASES = [(url, param) for url, params in FILTERS.items() for param in params]


@pytest.mark.parametrize(("url", "param"), CASES, ids=[f"{u}?{p}" for u, p in CASES])
def test_injection_strings_are_empty_results_or_4xx(client: TestClient, url: str, param: str) -> None:
    # Pages share the API's parameter parsing and queries; a few payloads suffice there.
    for payload in PAYLOADS if url.startswith("/api") else PAYLOADS[:4] + PAYLOADS[9:13]:
        r = client.get(url, params={param: payload})
        assert r.status_code in (200, 404, 422), (payload, r.status_code, r.text[:300])
        if url.startswith("/api"):
            body = r.json()
            if r.status_code == 200:
                assert set(body) == {"items", "total", "next"}
                if param in ("q", "outlet", "actor", "source", "target", "place", "article_id", "kind", "code", "other"):
                    # Nothing matches everything; only the payload article itself holds the markup payloads.
                    assert body["total"] <= (1 if "alert(1)" in payload else 0), (payload, body["total"])
            else:
                assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
        assert "Traceback" not in r.text and "duckdb" not in r.text.lower()


@pytest.mark.parametrize("payload", PAYLOADS[:12])
def test_injection_strings_in_path_ids(client: TestClient, payload: str) -> None:
    for url in ("/api/articles/{}", "/api/actors/{}", "/api/events/{}", "/articles/{}", "/actors/{}", "/dyads/{}/Q43"):
        r = client.get(url.format(payload.replace("/", "%2F").replace("?", "%3F").replace("#", "%23")))
        assert r.status_code in (404, 422), (url, payload, r.status_code)
        assert "<script>alert(1)" not in r.text and "onerror=alert" not in r.text


def test_wildcards_are_literal(client: TestClient) -> None:
    assert client.get("/api/articles", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/actors", params={"q": "_"}).json()["total"] == 0
    assert client.get("/api/articles", params={"q": "<script>alert(1)</script>"}).json()["total"] == 1  # the payload article


def test_error_shape(client: TestClient) -> None:
    cases = {
        ("get", "/api/articles/nope"): (404, "not_found"),
        ("get", "/api/nope"): (404, "not_found"),
        ("get", "/api/events?limit=501"): (422, "invalid_parameter"),
        ("get", "/api/events?limit=0"): (422, "invalid_parameter"),
        ("get", "/api/events?offset=-1"): (422, "invalid_parameter"),
        ("get", "/api/events?since=yesterday"): (422, "invalid_parameter"),
        ("get", "/api/events?type=PARTY"): (422, "invalid_parameter"),
        ("get", "/api/events?modality=maybe"): (422, "invalid_parameter"),
        ("get", "/api/events?q=" + "x" * 201): (422, "invalid_parameter"),
        ("get", "/api/events?q=" + "x" * 3000): (414, "uri_too_long"),
        ("post", "/api/events"): (405, "method_not_allowed"),
        ("delete", "/api/articles/x"): (405, "method_not_allowed"),
    }
    for (method, url), (status, code) in cases.items():
        r = client.request(method, url)
        assert r.status_code == status, (url, r.status_code, r.text)
        assert r.json()["error"]["code"] == code and r.json()["error"]["message"]
        assert set(r.json()) == {"error"}
    page = client.get("/articles/nope")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html") and "not found" in page.text


def test_unexpected_errors_are_500_without_details(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: Any, **k: Any) -> Any:
        raise RuntimeError("secret detail /home/user/store.duckdb")

    monkeypatch.setattr(Q, "event_page", boom)
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        for url in ("/api/events", "/events"):
            r = c.get(url)
            assert r.status_code == 500
            assert "secret detail" not in r.text and "Traceback" not in r.text and "/home/user" not in r.text
            assert r.headers["x-content-type-options"] == "nosniff"
        assert c.get("/api/events").json() == {"error": {"code": "internal_error", "message": "internal error; the server log has the details"}}


def test_security_headers_everywhere(client: TestClient, ids: dict[str, str]) -> None:
    for url in ("/", "/api/events", f"/articles/{ids['payload']}", "/static/app.js", "/static/app.css", "/nope", "/api/nope", "/openapi.json"):
        h = client.get(url).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client: TestClient, ids: dict[str, str]) -> None:
    for url in ("/", "/graph", "/map", "/events", f"/articles/{ids['payload']}", f"/actors/{ids['haftar']}"):
        html = client.get(url).text
        assert re.findall(r"<script(?![^>]*\bsrc=\"/static/)[^>]*>", html) == [], url
        assert " style=" not in html and "<style" not in html, url
        assert not re.search(r"(src|href)=\"(https?:)?//", html.replace('href="https://testwire.example', "")), url


def test_article_payload_is_escaped(client: TestClient, ids: dict[str, str]) -> None:
    html = client.get(f"/articles/{ids['payload']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>Outlet" not in html
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html  # shown as text, never a link
    api = client.get(f"/api/articles/{ids['payload']}").json()
    assert XSS_IMG in api["text"]  # the API returns data as it is; JSON is not HTML


def test_file_paths_are_never_served(client: TestClient, db: Path, ids: dict[str, str], fixture_base: Path) -> None:
    secret = str(fixture_base)
    urls = ["/api/articles?limit=500", "/api/actors?limit=500", "/api/events?modality=all&limit=500",
            "/api/relations?limit=500", "/api/timeline?limit=500", "/api/overview", "/openapi.json",
            "/", "/articles", "/events?modality=all", "/graph", "/map", "/search?q=Turkey"]
    for a in client.get("/api/articles?limit=500").json()["items"]:
        urls += [f"/api/articles/{a['article_id']}", f"/articles/{a['article_id']}"]
    for a in client.get("/api/actors?limit=500").json()["items"]:
        urls += [f"/api/actors/{a['actor_id']}"]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert secret not in r.text and "/tmp/" not in r.text, url
        if r.headers["content-type"].startswith("application/json") and url != "/openapi.json":
            assert not _keys(r.json()) & {"path", "source_key"}, url


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | set().union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


def test_connections_are_read_only(db: Path) -> None:
    store = StoreOpener(db).open()
    try:
        with pytest.raises(Exception, match="read-only"):
            store.con.execute("CREATE TABLE intruder (i INTEGER)")
    finally:
        store.close()


def test_host_header_is_checked(db: Path) -> None:
    with TestClient(create_app(db, allowed_hosts={"127.0.0.1", "localhost"}), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/overview").status_code == 200
        r = c.get("/api/overview", headers={"host": "attacker.example"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_host"


def test_writer_is_not_locked_out_and_a_foreign_writer_is_503(db: Path, tmp_path: Path) -> None:
    """Per-request connections: between requests a writer can open the file. A process that holds
    it without sitrep's locks (here a bare duckdb connection) cannot be asked to let go: once the
    bound passes, 503 with Retry-After (`sitrep run` itself is served through: test_serve_while_run.py)."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    app = create_app(copy)
    app.state.stores = StoreOpener(copy, timeout=0.3)
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.get("/api/overview").status_code == 200
        writer = subprocess.Popen([sys.executable, "-c", (
            "import duckdb, sys, time\n"
            f"con = duckdb.connect({json.dumps(str(copy))})\n"
            "con.execute('CREATE TABLE IF NOT EXISTS writer_was_here (i INTEGER)')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.readline()\n")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"
            busy = c.get("/api/overview")
            assert busy.status_code == 503 and busy.json()["error"]["code"] == "store_unavailable"
            assert busy.headers["retry-after"] and str(copy) not in busy.text
            assert c.get("/").status_code == 503
        finally:
            assert writer.stdin is not None
            writer.stdin.write("\n")
            writer.stdin.close()
            writer.wait(timeout=30)
        assert c.get("/api/overview").status_code == 200
