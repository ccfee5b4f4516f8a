"""``/report``: the situation report of ``sitrep report`` in the browser, with the same parameters.

``/report?about=Russia&about=Tobruk&since=2024-01&until=2024-12&format=html|md|pdf``.
The store is read and closed before the pictures are drawn (a second or two), so a waiting
``sitrep run`` is not locked out for the drawing. The HTML links ``/report.css`` instead of
inlining its styles: the server's content security policy forbids inline styles.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..query.report import ReportError
from ..report import MEDIA_TYPES, build, render
from .errors import ApiError
from .params import MAX_TEXT, DateParam

router = APIRouter(include_in_schema=False)

CSS_PATH = "/report.css"
MAX_ABOUT = 10
_MESSAGES = {"about": "about: no actor, principal code or place in the store matches one of the terms",
             "since": "since: not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
             "until": "until: not a date, or before since"}


def _build(request: Request, about: tuple[str, ...], since: str | None, until: str | None) -> object:
    store = request.app.state.stores.open()
    try:
        return build(store, about=about, since=since, until=until)
    except ReportError as e:
        # Our words, not the exception's: an error page never reflects what was typed.
        raise ApiError(422, "invalid_parameter", _MESSAGES.get(e.param, "invalid report parameter")) from None
    finally:
        store.close()


@router.get("/report")
async def report_page(
    request: Request,
    about: Annotated[list[str] | None, Query(max_length=MAX_TEXT, description="actor, principal code or place; repeat")] = None,
    since: DateParam = None, until: DateParam = None,
    format: Annotated[Literal["html", "md", "pdf"], Query(description="html, md or pdf")] = "html",
) -> Response:
    terms = tuple(a for a in (about or []) if a.strip())
    if len(terms) > MAX_ABOUT:
        raise ApiError(422, "invalid_parameter", f"about: at most {MAX_ABOUT} terms")
    report = await run_in_threadpool(_build, request, terms, since, until)
    body = await run_in_threadpool(render, report, format, CSS_PATH if format == "html" else None)
    ext = {"html": "html", "md": "md", "pdf": "pdf"}[format]
    disposition = "inline" if format == "html" else "attachment"
    return Response(body, media_type=MEDIA_TYPES[format],
                    headers={"content-disposition": f'{disposition}; filename="sitrep-report.{ext}"'})


@router.get(CSS_PATH)
def report_css() -> Response:
    from ..report.html import CSS

    return Response(CSS, media_type="text/css; charset=utf-8", headers={"cache-control": "max-age=3600"})
