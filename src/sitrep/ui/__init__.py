"""The web UI: server-rendered pages (Jinja2, autoescaped) with inline SVG charts.

Assets are files under ``static/`` served by the app itself; the pages load nothing from any
other host. A little JavaScript (``static/app.js``) only enhances: every page works without it.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles


def mount(app: FastAPI) -> None:
    from . import pages, views

    static = resources.files(__package__).joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(pages.router)
    app.include_router(views.router)


def warm_up() -> None:
    from .views import warm_up as start

    start()
