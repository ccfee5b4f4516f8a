"""A live server on 127.0.0.1 over the fixture store, and Debian's Chromium driven by Playwright.

Chromium comes from apt (``.ci/run`` installs it); ``playwright install`` would download a
browser and cannot work offline. The launch flags stop Chromium's own background traffic.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api.fixture import (
    build_store,  # tests/ is on sys.path, as for the other test packages
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from sitrep.api import LOOPBACK_HOSTS, create_app

    base = tmp_path_factory.getbasetemp() / "sitrep-fixture"
    base.mkdir(exist_ok=True)
    app = create_app(build_store(base), allowed_hosts=LOOPBACK_HOSTS)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="sitrep-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)




class Watch:
    """What a page did that it must not: requests off 127.0.0.1, dialogs (alert), console errors."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch()

    def route(r: Any) -> None:
        url = r.request.url
        watch.requests.append(url)
        if url.startswith(live_server + "/") or url == live_server:
            r.continue_()
        else:
            watch.outside.append(url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))
    pg.watch = watch
    pg.base = live_server
    yield pg
    context.close()
    assert watch.outside == [], f"requests left 127.0.0.1: {watch.outside}"
    assert watch.dialogs == [], f"a script ran: {watch.dialogs}"
    assert watch.errors == [], f"console errors (CSP violations show here): {watch.errors}"
