"""Response models, one per purpose. Field names are the export's (docs/architecture.md).

List endpoints share the envelope ``{items, total, next}``; errors share ``{error: {code, message}}``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from ..events.lexicon import ontology

T = TypeVar("T")


class ErrorBody(BaseModel):
    code: str = Field(description="stable machine-readable code, e.g. not_found, invalid_parameter")
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class ListPage(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="rows matching the filters, over all pages")
    next: str | None = Field(description="relative URL of the next page, null on the last")


class ActorRef(BaseModel):
    actor_id: str
    name: str | None = None
    code: str | None = None
    sector: str | None = None


class Location(BaseModel):
    name: str | None = None
    geonames_id: int | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None


class Event(BaseModel):
    event_id: str
    cluster_id: str | None = None
    doc: str | None = None
    article_id: str
    type: str
    quad: str | None = Field(None, description="PLOVER quad class of the type (not in the export)")
    mode: str | None = None
    context: list[str] = []
    modality: str | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    cue: str | None = None
    cue_start: int | None = Field(None, description="offset of the cue in the article text (not in the export)")
    confidence: float | None = None
    intensity: float | None = None
    cameo: str | None = None
    mentions: int | None = None


class ArticleSummary(BaseModel):
    article_id: str
    doc: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    published: str | None = None
    published_precision: str | None = None
    published_method: str | None = None
    published_range: list[str | None] | None = None
    published_confidence: float | None = None
    duplicates: list[str] = []
    flags: list[str] = []
    n_chars: int | None = None
    ingested_at: datetime | None = None
    n_events: int = Field(0, description="events found in the article (not in the export)")


class SourceRef(BaseModel):
    doc: str
    format: str | None = None
    relation: str = Field(description="primary, exact or near")
    similarity: float | None = None
    seen_at: datetime | None = None


class Paragraph(BaseModel):
    idx: int
    start: int
    end: int
    language: str | None = None
    english: bool | None = None


class Mention(BaseModel):
    actor_id: str
    name: str | None = None
    start: int
    end: int
    text: str | None = None
    code: str | None = None
    role: str | None = None
    how: str | None = None


class ArticleDetail(ArticleSummary):
    text: str
    meta: dict[str, Any] | None = None
    sources: list[SourceRef]
    paragraphs: list[Paragraph]
    mentions: list[Mention]
    events: list[Event]


class ActorSummary(BaseModel):
    actor_id: str
    name: str
    kind: str | None = None
    code: str | None = None
    sector: str | None = None
    aliases: list[str] = []
    mentions: int = 0
    articles: int = 0
    events: int = 0


class Role(BaseModel):
    role: str | None = None
    org_code: str | None = None
    start: str | None = None
    end: str | None = None
    source: str | None = None
    evidence: str | None = None
    article_id: str | None = None


class ActorArticle(BaseModel):
    article_id: str
    doc: str
    title: str | None = None
    published: str | None = None
    mentions: int


class Partner(BaseModel):
    actor: ActorRef
    events: int
    cooperation: float
    conflict: float
    score: float = Field(description="net intensity: cooperation minus conflict")
    types: list[str]


class ActorDetail(BaseModel):
    actor_id: str
    name: str
    kind: str | None = None
    code: str | None = None
    sector: str | None = None
    aliases: list[str] = []
    roles: list[Role]
    articles: list[ActorArticle]
    partners: list[Partner]
    n_events: int


class Relation(BaseModel):
    a: ActorRef
    b: ActorRef
    period: str | None = Field(description="YYYY or YYYY-MM (YYYY for events dated to the year only); null for all time")
    events: int
    cooperation: float = Field(description="sum of positive intensities")
    conflict: float = Field(description="sum of the magnitudes of negative intensities")
    score: float = Field(description="cooperation minus conflict")
    types: list[str]


class TimelinePoint(BaseModel):
    period: str
    quad: str
    type: str | None = Field(None, description="set when grouped by type")
    events: int
    intensity: float


class Overview(BaseModel):
    articles: int
    sources: int
    duplicates: int
    outlets: int
    actors: int
    events: int
    asserted_events: int
    places: int
    first_published: str | None = None
    last_published: str | None = None
    first_event: str | None = None
    last_event: str | None = None


def quad_of(event_type: str | None) -> str | None:
    """The quad class of a type; None for a type the ontology does not know (an older store)."""
    return ontology()["types"].get(event_type or "", {}).get("quad")


def event_item(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "quad": quad_of(row.get("type"))}


def relation_item(row: dict[str, Any]) -> dict[str, Any]:
    return {"a": {"actor_id": row["a_actor_id"], "name": row["a_name"], "code": row["a_code"]},
            "b": {"actor_id": row["b_actor_id"], "name": row["b_name"], "code": row["b_code"]},
            **{k: row[k] for k in ("period", "events", "cooperation", "conflict", "score", "types")}}
