"""``/api/relations`` (dyads per period) and ``/api/timeline`` (events per period and quad class)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from ... import query as Q
from ..errors import ApiError
from ..models import ListPage, Overview, Relation, TimelinePoint, quad_of, relation_item
from ..params import DateParam, Modality, Paging, Period, Text, Types, envelope, modality_filter, plover_types
from . import ERRORS, StoreDep

router = APIRouter(prefix="/api", tags=["aggregates"])


@router.get("/relations", response_model=ListPage[Relation], responses=ERRORS)
def list_relations(request: Request, store: StoreDep, paging: Paging, types: Types,
                   actor: Annotated[Text, Query(description="dyads involving this actor id or principal code")] = None,
                   other: Annotated[Text, Query(description="with `actor`: only the dyad of the two")] = None,
                   period: Period = "year", modality: Modality = "asserted",
                   since: DateParam = None, until: DateParam = None,
                   min_events: Annotated[int, Query(ge=1, le=100_000, description="minimum events per dyad and period")] = 1,
                   ) -> dict[str, Any]:
    pair = _pair(actor, other)
    rows, total = Q.relations(store, period=None if period == "all" else period, min_events=min_events,
                              limit=paging.limit, offset=paging.offset, actor=None if pair else actor, pair=pair,
                              types=types, modality=modality_filter(modality), since=since, until=until)
    return envelope(request, paging, [relation_item(r) for r in rows], total)


@router.get("/timeline", response_model=ListPage[TimelinePoint], responses=ERRORS)
def get_timeline(request: Request, store: StoreDep, paging: Paging, types: Types,
                 actor: Annotated[Text, Query(description="events involving this actor id or principal code")] = None,
                 other: Annotated[Text, Query(description="with `actor`: only events between the two")] = None,
                 period: Annotated[Literal["year", "month"], Query()] = "year",
                 group: Annotated[Literal["quad", "type"], Query(description="one point per quad class or per type")] = "quad",
                 modality: Modality = "asserted", since: DateParam = None, until: DateParam = None,
                 place: Text = None) -> dict[str, Any]:
    pair = _pair(actor, other)
    points = timeline_points(store, period=period, group=group, actor=None if pair else actor, pair=pair, types=types,
                             modality=modality_filter(modality), since=since, until=until, place=place)
    return envelope(request, paging, points[paging.offset: paging.offset + paging.limit], len(points))


def _pair(actor: str | None, other: str | None) -> tuple[str, str] | None:
    if other and not actor:
        raise ApiError(422, "invalid_parameter", "other: only meaningful together with actor")
    return (actor, other) if actor and other else None


def timeline_points(store: Any, *, period: str = "year", group: str = "quad", **filters: Any) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for r in Q.timeline(store, period=period, **filters):
        quad = quad_of(r["type"]) or "unknown"
        key = (r["period"], quad, r["type"] if group == "type" else None)
        point = merged.setdefault(key, {"period": key[0], "quad": quad, "type": key[2], "events": 0, "intensity": 0.0})
        point["events"] += r["events"]
        point["intensity"] += r["intensity"] or 0.0
    return [merged[k] for k in sorted(merged, key=lambda k: (k[0], k[1], k[2] or ""))]


@router.get("/overview", response_model=Overview, responses=ERRORS)
def get_overview(store: StoreDep) -> dict[str, Any]:
    return Q.overview(store)


@router.get("/types", response_model=ListPage[dict[str, Any]], responses=ERRORS)
def list_types(request: Request, paging: Paging) -> dict[str, Any]:
    from ...events.lexicon import ontology

    items = [{"type": t, "quad": quad_of(t), "score": ontology()["types"][t]["score"],
              "modes": list(ontology()["types"][t]["modes"])} for t in plover_types()]
    return envelope(request, paging, items[paging.offset: paging.offset + paging.limit], len(items))
