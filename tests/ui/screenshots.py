"""Screenshots of every page for docs/ui.md, over a store you name (the docs use examples/corpus).

    sitrep run examples/corpus --db /tmp/sample.duckdb
    python tests/ui/screenshots.py /tmp/sample.duckdb docs/img

Serves the store on a free loopback port in a thread and drives Debian's Chromium.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

PAGES = {
    "overview": "/",
    "actor": "/actors/person:khalifa-haftar",
    "dyad": "/dyads/Q159/person:khalifa-haftar?modality=all",
    "graph": "/graph",
    "map": "/map?view=theatre",
    "article": "/articles/{article}",
    "events": "/events?type=material_conflict&modality=all",
    "search": "/search?q=ceasefire",
}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main(db: Path, out: Path) -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from sitrep.api import LOOPBACK_HOSTS, create_app
    from sitrep.store import Store

    with Store(db, read_only=True) as s:
        article = s.con.execute("SELECT article_id FROM articles WHERE doc = 'russia_libya_bases_after_assad.html'").fetchone()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, allowed_hosts=LOOPBACK_HOSTS), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path in PAGES.items():
            page.goto(f"http://127.0.0.1:{port}" + path.format(article=article[0] if article else "none"))
            page.screenshot(path=str(out / f"ui-{name}.png"), full_page=name not in ("actor", "events", "search", "map"))
            print(out / f"ui-{name}.png")
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
