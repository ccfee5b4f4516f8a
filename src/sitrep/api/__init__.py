"""The read-only HTTP server: a JSON API under ``/api`` and the web UI, from one FastAPI app.

``create_app(db)`` builds it; ``sitrep serve`` runs it with uvicorn. The server never writes:
each request opens the store read-only (see :mod:`sitrep.api.db`). Every asset the pages use is
served from ``/static`` by this app, so it works with no network at all.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from .. import __version__
from . import errors
from .db import StoreOpener
from .security import Guard

log = logging.getLogger(__name__)

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def create_app(db: str | Path, *, allowed_hosts: set[str] | None = None, ui: bool = True) -> FastAPI:
    """The app over the store at ``db``. ``allowed_hosts``: Host header names to accept (None: any)."""
    from .routes import actors, articles, events, relations

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if ui:
            from ..ui import warm_up

            warm_up()
        yield

    # No /docs or /redoc: FastAPI serves them from a CDN, and this server must work offline.
    app = FastAPI(title="sitrep", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Read-only access to a sitrep store: articles, actors, PLOVER events and their aggregates.")
    app.state.stores = StoreOpener(db)
    errors.install(app)
    for module in (articles, actors, events, relations):
        app.include_router(module.router)
    from .report import router as report_router  # the situation report, same parameters as `sitrep report`

    app.include_router(report_router)
    if ui:
        from ..ui import mount

        mount(app)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts)
    return app
