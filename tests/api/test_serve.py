"""``sitrep serve``: loopback by default, a loud warning otherwise, and a real server that answers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.cli.serve import is_loopback


def test_is_loopback() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.10", "example.org"))


def _captured(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    return seen


def test_defaults_to_loopback_with_host_check(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _captured(monkeypatch)
    result = CliRunner().invoke(app, ["serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert "WARNING" not in result.output


def test_warns_loudly_on_all_interfaces(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _captured(monkeypatch)
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0
    assert "WARNING" in result.output and "no authentication" in result.output
    assert seen["host"] == "0.0.0.0" and seen["port"] == 8123


def test_missing_store_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _captured(monkeypatch)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no such file" in result.output and not seen


@pytest.mark.slow
def test_serve_answers_on_loopback(db: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, last = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=2)
                break
            except httpx.TransportError as e:
                last = e
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                time.sleep(0.2)
        else:
            pytest.fail(f"server did not answer: {last}")
        assert r.status_code == 200 and r.json()["articles"] == 5
        assert r.headers["x-content-type-options"] == "nosniff"
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5, headers={"host": "evil.example"}).status_code == 400
    finally:
        proc.terminate()
        proc.wait(timeout=20)
