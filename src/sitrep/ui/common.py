"""Helpers shared by the page modules: links, event decoration, paging."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from .. import query as Q
from ..api.models import event_item
from ..store import Store
from .highlight import quote_segments
from .render import path_part, qs

PAGE = 50


def actor_href(actor_id: str) -> str:
    return f"/actors/{path_part(actor_id)}"


def dyad_href(a: str, b: str) -> str:
    return f"/dyads/{path_part(a)}/{path_part(b)}"


def article_href(article_id: str, event_id: str | None = None) -> str:
    return f"/articles/{path_part(article_id)}" + (f"#ev-{event_id}" if event_id else "")


def decorate(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events ready for the event macro: quad class and the quote split for highlighting."""
    spans: dict[str, list[dict[str, Any]]] = {}
    for s in Q.evidence_spans(store, [r["event_id"] for r in rows]):
        spans.setdefault(s["event_id"], []).append(s)
    out = []
    for r in rows:
        e = event_item(r)
        e["segments"] = quote_segments(e, spans.get(e["event_id"], []))
        out.append(e)
    return out


def pager(request: Request, offset: int, limit: int, total: int) -> dict[str, Any]:
    """Links to the previous and next pages, keeping the other query parameters."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit")]
    def link(o: int) -> str:
        return f"{request.url.path}?{qs(kept + [('offset', o)] if o else kept)}"
    return {"offset": offset, "limit": limit, "total": total, "first": offset + 1 if total else 0,
            "last": min(offset + limit, total),
            "prev": link(max(0, offset - limit)) if offset > 0 else None,
            "next": link(offset + limit) if offset + limit < total else None}


def choose_period(first: str | None, last: str | None) -> str:
    """Months when the events span at most three years, else years."""
    if not first or not last:
        return "year"
    return "month" if int(last[:4]) - int(first[:4]) <= 2 else "year"
