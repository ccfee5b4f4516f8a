"""Jinja2 rendering with autoescape always on: article text, titles and names are untrusted.

Nothing a template shows is marked safe except the SVG we build in :mod:`sitrep.ui.svg`, whose
text and attributes are escaped as they are built.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from .. import __version__
from ..api.models import quad_of
from .svg import balance_bar

QUAD_LABELS = {"verbal_cooperation": "verbal cooperation", "material_cooperation": "material cooperation",
               "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}


def safe_url(url: str | None) -> str | None:
    """An article URL as a link only when it is http(s); anything else (javascript:, data:) stays text."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def qs(params: dict[str, Any] | list[tuple[str, Any]]) -> str:
    items = params.items() if isinstance(params, dict) else params
    flat: list[tuple[str, str]] = []
    for k, v in items:
        for x in v if isinstance(v, (list, tuple)) else [v]:
            if x not in (None, "", False):
                flat.append((k, str(x)))
    return urlencode(flat)


def path_part(value: str) -> str:
    return quote(str(value), safe="")


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(loader=PackageLoader("sitrep.ui", "templates"), autoescape=True, undefined=StrictUndefined,
                    trim_blocks=True, lstrip_blocks=True)
    e.filters.update(quad=quad_of, quad_label=lambda q: QUAD_LABELS.get(q or "", q or "unknown"),
                     safe_url=safe_url, qs=qs, p=path_part, num=lambda x: f"{x:,.0f}" if x is not None else "–",
                     signed=lambda x: f"{x:+.1f}" if x is not None else "–")
    e.globals.update(version=__version__, QUAD_LABELS=QUAD_LABELS, balance=balance_bar)
    return e


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = env().get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def render_error(status: int, code: str, message: str) -> str:
    return env().get_template("error.html").render(request=None, path="", status=status, code=code, message=message)
