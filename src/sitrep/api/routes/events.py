"""``/api/events``: events with filters and pagination, and one event by id."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request

from ... import query as Q
from ..errors import not_found
from ..models import Event, ListPage, event_item
from ..params import DateParam, Modality, Paging, Text, Types, envelope, modality_filter
from . import ERRORS, NOT_FOUND, StoreDep

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", response_model=ListPage[Event], responses=ERRORS)
def list_events(request: Request, store: StoreDep, paging: Paging, types: Types,
                actor: Annotated[Text, Query(description="actor id or principal code, either side")] = None,
                source: Annotated[Text, Query(description="actor id or principal code as the source")] = None,
                target: Annotated[Text, Query(description="actor id or principal code as the target")] = None,
                modality: Modality = "asserted", since: DateParam = None, until: DateParam = None,
                place: Annotated[Text, Query(description="place name (part of it) or ISO3 country code")] = None,
                q: Annotated[Text, Query(description="text in the quote or an actor's name")] = None,
                article_id: Text = None,
                order: Annotated[Literal["date", "latest"], Query(description="oldest first, or newest first")] = "date",
                ) -> dict[str, Any]:
    rows, total = Q.event_page(store, limit=paging.limit, offset=paging.offset, order=order, actor=actor,
                               source=source, target=target, types=types, modality=modality_filter(modality),
                               since=since, until=until, place=place, q=q, article_id=article_id)
    return envelope(request, paging, [event_item(r) for r in rows], total)


@router.get("/{event_id}", response_model=Event, responses=NOT_FOUND)
def get_event(store: StoreDep, event_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    row = Q.event(store, event_id)
    if row is None:
        raise not_found("event", event_id)
    return event_item(row)
