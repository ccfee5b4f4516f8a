"""``/api/actors``: actors by mentions, and one actor with roles, articles and partners."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from ... import query as Q
from ...store import Store
from ..errors import not_found
from ..models import ActorDetail, ActorSummary, ListPage
from ..params import Paging, Text, envelope
from . import ERRORS, NOT_FOUND, StoreDep

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", response_model=ListPage[ActorSummary], responses=ERRORS)
def list_actors(request: Request, store: StoreDep, paging: Paging,
                q: Annotated[Text, Query(description="text in the name or an alias")] = None,
                kind: Annotated[Text, Query(description="person, state, international organisation, ...")] = None,
                code: Annotated[Text, Query(description="principal code: LBY, NATO, ...")] = None) -> dict[str, Any]:
    rows, total = Q.actor_page(store, q=q, kind=kind, code=code, limit=paging.limit, offset=paging.offset)
    return envelope(request, paging, rows, total)


def partners(store: Store, actor_id: str, modality: str | None = "asserted", limit: int = 100) -> list[dict[str, Any]]:
    """The actor's counterparts over all time, most events first."""
    rows, _ = Q.relations(store, actor=actor_id, period=None, modality=modality, limit=Q.MAX_LIMIT)
    out = []
    for r in rows:
        side = "b" if r["a_actor_id"] == actor_id else "a"
        out.append({"actor": {"actor_id": r[f"{side}_actor_id"], "name": r[f"{side}_name"], "code": r[f"{side}_code"]},
                    **{k: r[k] for k in ("events", "cooperation", "conflict", "score", "types")}})
    out.sort(key=lambda p: (-p["events"], -abs(p["score"]), p["actor"]["name"] or ""))
    return out[:limit]


def detail(store: Store, actor_id: str) -> dict[str, Any]:
    if not Q.actor_exists(store, actor_id):
        raise not_found("actor", actor_id)
    row = Q.actor_detail(store, actor_id)
    row["partners"] = partners(store, actor_id)
    row["n_events"] = Q.event_page(store, actor=actor_id, modality=None, limit=1)[1]
    return row


@router.get("/{actor_id}", response_model=ActorDetail, responses=NOT_FOUND)
def get_actor(store: StoreDep, actor_id: Annotated[str, Path(max_length=120)]) -> dict[str, Any]:
    return detail(store, actor_id)
