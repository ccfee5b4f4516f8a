"""``sitrep serve``: the read-only web UI and HTTP API over a store."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from . import DbOption, app, err, fatal


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: DbOption = Path("sitrep.duckdb"),
    host: Annotated[str, typer.Option("--host", help="Address to bind (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web UI and the JSON API (under /api) over the store, read-only."""
    import uvicorn

    from ..api import LOOPBACK_HOSTS, create_app
    from ..errors import E, SitrepError

    def check() -> None:
        if not db.exists():
            raise SitrepError(E.E101, path=db)

    fatal(check)
    allowed: set[str] | None = LOOPBACK_HOSTS | {host.lower()}
    if not is_loopback(host):
        allowed = None  # reachable under names we cannot know
        err.print(f"[bold red]WARNING:[/bold red] binding to {host} exposes the store to every machine that can reach "
                  "this one; the server has no authentication. Use the default 127.0.0.1 unless you mean it.",
                  highlight=False)
    err.print(f"sitrep serving {db} read-only on http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    uvicorn.run(create_app(db, allowed_hosts=allowed), host=host, port=port, log_level="warning")
