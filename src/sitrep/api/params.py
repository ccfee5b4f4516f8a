"""Query parameters shared by the API and the pages, validated before any SQL sees them.

Free text is length-limited and only ever bound as a SQL parameter; enumerations (types,
modalities, periods) are checked against their vocabularies so a bad value is a 422, not an
empty answer that looks like "no data".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, Query, Request

from ..events.lexicon import ontology, quad
from .errors import ApiError

MAX_PAGE = 500
MAX_TEXT = 200
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MODALITIES = ("asserted", "negated", "hypothetical", "future", "historical", "all")
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")

Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
DateParam = Annotated[str | None, Query(pattern=DATE, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")]
Modality = Annotated[Literal["asserted", "negated", "hypothetical", "future", "historical", "all"],
                     Query(description="`all` for every modality")]
Period = Annotated[Literal["year", "month", "all"], Query(description="bucket size; `all` aggregates over time")]


def plover_types() -> list[str]:
    return list(ontology()["types"])


def types_of_quad(name: str) -> list[str]:
    return [t for t in plover_types() if quad(t) == name]


def parse_types(values: list[str] | None) -> list[str] | None:
    """``type=A&type=B`` or ``type=A,B``; case-insensitive PLOVER types, or a quad class name."""
    if not values:
        return None
    known = set(plover_types())
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if part.lower() in QUADS:
                out += types_of_quad(part.lower())
            elif part.upper() in known:
                out.append(part.upper())
            else:
                raise ApiError(422, "invalid_parameter", "type: not a PLOVER event type or quad class (see /api/types)")
    return sorted(set(out)) or None


def types_param(type: Annotated[list[str] | None, Query(max_length=MAX_TEXT, description="PLOVER type(s) or quad class(es); repeat or comma-separate")] = None) -> list[str] | None:
    return parse_types(type)


Types = Annotated[list[str] | None, Depends(types_param)]


@dataclass
class Page:
    limit: int
    offset: int


def page_param(limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")] = 50,
               offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Page:
    return Page(limit, offset)


Paging = Annotated[Page, Depends(page_param)]


def next_link(request: Request, page: Page, total: int) -> str | None:
    """The relative URL of the next page, keeping every other parameter, or None on the last page."""
    if page.offset + page.limit >= total:
        return None
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("limit", "offset")]
    kept += [("limit", str(page.limit)), ("offset", str(page.offset + page.limit))]
    return f"{request.url.path}?{urlencode(kept)}"


def envelope(request: Request, page: Page, items: list[Any], total: int) -> dict[str, Any]:
    return {"items": items, "total": total, "next": next_link(request, page, total)}


def modality_filter(value: str) -> str | None:
    return None if value == "all" else value
