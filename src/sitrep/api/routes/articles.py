"""``/api/articles``: articles (newest first) and one article with its text, sources and events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from ... import query as Q
from ..errors import not_found
from ..models import ArticleDetail, ArticleSummary, ListPage, event_item
from ..params import DateParam, Paging, Text, envelope
from . import ERRORS, NOT_FOUND, StoreDep

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", response_model=ListPage[ArticleSummary], responses=ERRORS)
def list_articles(request: Request, store: StoreDep, paging: Paging,
                  q: Annotated[Text, Query(description="text in the title or body")] = None,
                  outlet: Text = None,
                  actor: Annotated[Text, Query(description="articles mentioning this actor id or principal code")] = None,
                  since: DateParam = None, until: DateParam = None) -> dict[str, Any]:
    rows, total = Q.article_page(store, q=q, outlet=outlet, actor=actor, since=since, until=until,
                                 limit=paging.limit, offset=paging.offset)
    return envelope(request, paging, rows, total)


@router.get("/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND)
def get_article(store: StoreDep, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    row = Q.article(store, article_id)
    if row is None:
        raise not_found("article", article_id)
    events, _ = Q.event_page(store, article_id=article_id, modality=None, limit=Q.MAX_LIMIT)
    row["events"] = [event_item(e) for e in events]
    return row
