"""The reading pages: overview, actors, dyads, articles, events and search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from .. import query as Q
from ..api.errors import not_found
from ..api.params import (QUADS, DateParam, Modality, Text, Types, modality_filter, plover_types,
                          types_of_quad)
from ..api.routes import StoreDep
from ..api.routes.actors import detail as actor_detail
from ..api.routes.relations import timeline_points
from ..store import Store
from .common import PAGE, actor_href, choose_period, decorate, pager
from .highlight import article_segments, match_segments
from .render import QUAD_LABELS, qs, render
from .svg import Series, diverging, legend, periods_between, quad_series

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def quad_chart(store: Store, link_params: dict[str, Any], **filters: Any) -> Any:
    """Events per period and quad class: cooperation above the axis, conflict below."""
    probe = timeline_points(store, period="year", **filters)
    if not probe:
        return diverging([], [])
    period = choose_period(probe[0]["period"], probe[-1]["period"])
    points = probe if period == "year" else [p for p in timeline_points(store, period="month", **filters) if len(p["period"]) == 7]
    series = quad_series(points, QUAD_LABELS)
    periods = periods_between(points[0]["period"], points[-1]["period"]) if points else []
    quad_of_css = {f"q-{q}": q for q in QUADS}

    def link(p: str, s: Series) -> str:
        return "/events?" + qs({**link_params, "since": p, "until": p, "type": quad_of_css[s.css]})

    return diverging(periods, series, link=link, label="events per period and quad class")


def quad_legend() -> Any:
    return legend([(QUAD_LABELS[q], f"q-{q}") for q in QUADS])


@router.get("/")
def overview(request: Request, store: StoreDep) -> HTMLResponse:
    top, _ = Q.actor_page(store, limit=15)
    latest, _ = Q.event_page(store, order="latest", limit=8)
    return render(request, "overview.html", stats=Q.overview(store), chart=quad_chart(store, {}, modality="asserted"),
                  legend=quad_legend(), top=top, latest=decorate(store, latest))


@router.get("/actors")
def actors(request: Request, store: StoreDep, q: Text = None, offset: Offset = 0) -> HTMLResponse:
    rows, total = Q.actor_page(store, q=q, limit=PAGE, offset=offset)
    return render(request, "actors.html", rows=rows, q=q or "", page=pager(request, offset, PAGE, total))


def group_roles(roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Knowledge-base roles as they are; roles read from text merged per role and organisation,
    with the span of dates at which articles attest them and their evidence sentences."""
    out: list[dict[str, Any]] = []
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for r in roles:
        if r.get("source") != "text":
            out.append({**r, "evidence_list": [], "attested": 0})
            continue
        key = (r.get("role") or "", r.get("org_code") or "")
        g = merged.get(key)
        if g is None:
            g = merged[key] = {"role": key[0], "org_code": key[1], "start": r.get("start"), "end": r.get("start"),
                               "source": "text", "evidence_list": [], "attested": 0}
            out.append(g)
        dates = [d for d in (g["start"], g["end"], r.get("start")) if d]
        g["start"], g["end"] = (min(dates), max(dates)) if dates else (None, None)
        g["attested"] += 1
        g["evidence_list"].append({"evidence": r.get("evidence"), "article_id": r.get("article_id"), "date": r.get("start")})
    for g in out:
        g["evidence_list"].sort(key=lambda e: e["date"] or "")
    return sorted(out, key=lambda r: (r.get("start") or "9999", r.get("role") or ""))


@router.get("/actors/{actor_id}")
def actor(request: Request, store: StoreDep, actor_id: Annotated[str, Path(max_length=120)],
          modality: Modality = "all", offset: Offset = 0) -> HTMLResponse:
    info = actor_detail(store, actor_id)
    rows, total = Q.event_page(store, actor=actor_id, modality=modality_filter(modality), limit=PAGE, offset=offset)
    roles = group_roles(info["roles"])
    scale = max([max(p["cooperation"], p["conflict"]) for p in info["partners"]] + [1.0])
    return render(request, "actor.html", actor=info, roles=roles, partners=info["partners"], scale=scale,
                  chart=quad_chart(store, {"actor": actor_id}, actor=actor_id, modality="asserted"), legend=quad_legend(),
                  events=decorate(store, rows), modality=modality, page=pager(request, offset, PAGE, total))


@router.get("/dyads/{a}/{b}")
def dyad(request: Request, store: StoreDep, a: Annotated[str, Path(max_length=120)],
         b: Annotated[str, Path(max_length=120)], modality: Modality = "asserted", offset: Offset = 0) -> HTMLResponse:
    names = {}
    for ident in (a, b):
        names[ident] = Q.actor_info(store, ident)
        if names[ident] is None:
            raise not_found("actor", ident)
    rows, _ = Q.relations(store, pair=(a, b), period="year", modality=modality_filter(modality), limit=Q.MAX_LIMIT)
    chart = None
    if rows:
        dated = [r for r in rows if r["period"]]
        periods = periods_between(dated[0]["period"], dated[-1]["period"]) if dated else []
        coop = Series("cooperation", "q-material_cooperation", {r["period"]: r["cooperation"] for r in dated})
        conf = Series("conflict", "q-material_conflict", {r["period"]: r["conflict"] for r in dated}, up=False)
        chart = diverging(periods, [coop, conf], unit="intensity", net={r["period"]: r["score"] for r in dated},
                          label="cooperation and conflict intensity per year")
    events, total = Q.event_page(store, pair=(a, b), modality=modality_filter(modality), limit=PAGE, offset=offset)
    totals = {k: sum(r[k] for r in rows) for k in ("events", "cooperation", "conflict", "score")}
    return render(request, "dyad.html", a=names[a], b=names[b], rows=rows, totals=totals, chart=chart,
                  legend=legend([("cooperation", "q-material_cooperation"), ("conflict", "q-material_conflict"),
                                 ("net score", "net")]),
                  events=decorate(store, events), modality=modality, page=pager(request, offset, PAGE, total))


@router.get("/articles")
def articles(request: Request, store: StoreDep, q: Text = None, actor: Text = None, since: DateParam = None,
             until: DateParam = None, offset: Offset = 0) -> HTMLResponse:
    rows, total = Q.article_page(store, q=q, actor=actor, since=since, until=until, limit=PAGE, offset=offset)
    return render(request, "articles.html", rows=rows, q=q or "", page=pager(request, offset, PAGE, total))


@router.get("/articles/{article_id}")
def article(request: Request, store: StoreDep, article_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    row = Q.article(store, article_id)
    if row is None:
        raise not_found("article", article_id)
    events, _ = Q.event_page(store, article_id=article_id, modality=None, limit=Q.MAX_LIMIT)
    events = decorate(store, events)
    actors: dict[str, dict[str, Any]] = {}
    for m in row["mentions"]:
        entry = actors.setdefault(m["actor_id"], {"actor_id": m["actor_id"], "name": m["name"] or m["text"], "n": 0})
        entry["n"] += 1
    return render(request, "article.html", a=row, events=events,
                  actors=sorted(actors.values(), key=lambda x: (-x["n"], x["name"] or "")),
                  segments=article_segments(row["text"], row["mentions"], events, actor_href),
                  duplicates=[s for s in row["sources"] if s["relation"] != "primary"])


@router.get("/events")
def events(request: Request, store: StoreDep, types: Types, actor: Text = None, source: Text = None,
           target: Text = None, modality: Modality = "asserted", since: DateParam = None, until: DateParam = None,
           place: Text = None, q: Text = None, offset: Offset = 0) -> HTMLResponse:
    filters = dict(actor=actor, source=source, target=target, types=types, modality=modality_filter(modality),
                   since=since, until=until, place=place, q=q)
    rows, total = Q.event_page(store, limit=PAGE, offset=offset, **filters)
    return render(request, "events.html", events=decorate(store, rows), page=pager(request, offset, PAGE, total),
                  f={**filters, "modality": modality, "types": types or []}, all_types=plover_types(),
                  quads=[(q_, QUAD_LABELS[q_], types_of_quad(q_)) for q_ in QUADS])


@router.get("/search")
def search(request: Request, store: StoreDep, q: Text = None) -> HTMLResponse:
    results: dict[str, Any] = {}
    if q and q.strip():
        needle = q.strip()
        arts, n_arts = Q.article_page(store, q=needle, limit=20)
        texts = Q.article_texts(store, [r["article_id"] for r in arts])
        for r in arts:
            r["snippet"] = match_segments(texts.get(r["article_id"], ""), needle)
        evs, n_evs = Q.event_page(store, q=needle, modality=None, limit=20)
        acts, n_acts = Q.actor_page(store, q=needle, limit=20)
        results = {"articles": arts, "n_articles": n_arts, "events": decorate(store, evs), "n_events": n_evs,
                   "actors": acts, "n_actors": n_acts}
    return render(request, "search.html", q=q or "", results=results)

