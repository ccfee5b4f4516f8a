"""The picture pages: the actor network (``/graph``) and the event map (``/map``)."""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from .. import query as Q
from ..api.params import QUADS, DateParam, Modality, Text, Types, modality_filter, plover_types, types_of_quad
from ..api.routes import StoreDep
from .basemap import countries, map_svg
from .common import actor_href, dyad_href
from .network import graph_svg
from .render import QUAD_LABELS, qs, render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

KIND_CLASS = {"state": "state", "person": "person", "international organisation": "igo", "military": "military",
              "armed group": "military", "government body": "gov"}


def _type_choices() -> list[tuple[str, str, list[str]]]:
    return [(q, QUAD_LABELS[q], types_of_quad(q)) for q in QUADS]


@router.get("/graph")
def graph(request: Request, store: StoreDep, types: Types, modality: Modality = "asserted",
          since: DateParam = None, until: DateParam = None,
          actor: Annotated[Text, Query(description="only this actor's neighbourhood")] = None,
          min_events: Annotated[int, Query(ge=1, le=1000)] = 1,
          max_nodes: Annotated[int, Query(ge=2, le=150)] = 40) -> HTMLResponse:
    rows, _ = Q.relations(store, period=None, min_events=min_events, limit=Q.MAX_LIMIT, types=types,
                          modality=modality_filter(modality), since=since, until=until, actor=actor)
    weight: dict[str, int] = {}
    names: dict[str, str] = {}
    for r in rows:
        for side in ("a", "b"):
            weight[r[f"{side}_actor_id"]] = weight.get(r[f"{side}_actor_id"], 0) + r["events"]
            names[r[f"{side}_actor_id"]] = r[f"{side}_name"] or r[f"{side}_actor_id"]
    keep = set(sorted(weight, key=lambda k: (-weight[k], names[k]))[:max_nodes])
    # An actor whose every counterpart was cut would float alone: leave it out too.
    keep = {k for r in rows if r["a_actor_id"] in keep and r["b_actor_id"] in keep for k in (r["a_actor_id"], r["b_actor_id"])}
    info = Q.actors_by_id(store, sorted(keep))
    nodes = [{"actor_id": k, "name": names[k], "events": weight[k], "code": info.get(k, {}).get("code"),
              "kind_class": KIND_CLASS.get(info.get(k, {}).get("kind") or "", "other")}
             for k in sorted(keep, key=lambda k: names[k])]
    edges = [{"a": r["a_actor_id"], "b": r["b_actor_id"], "a_name": r["a_name"], "b_name": r["b_name"],
              **{k: r[k] for k in ("events", "score", "cooperation", "conflict")}}
             for r in rows if r["a_actor_id"] in keep and r["b_actor_id"] in keep]
    svg = graph_svg(nodes, edges, actor_href, dyad_href)
    f = {"types": types or [], "modality": modality, "since": since, "until": until, "actor": actor,
         "min_events": min_events, "max_nodes": max_nodes}
    return render(request, "graph.html", svg=svg, f=f, quads=_type_choices(), n_nodes=len(nodes), n_edges=len(edges),
                  dropped=max(0, len(weight) - len(keep)), kinds=sorted(set(KIND_CLASS.values())) + ["other"])


@router.get("/map")
def event_map(request: Request, store: StoreDep, types: Types, modality: Modality = "asserted",
              since: DateParam = None, until: DateParam = None, actor: Text = None,
              view: Annotated[Literal["fit", "theatre"], Query(description="fit every place, or Libya's region")] = "fit",
              ) -> HTMLResponse:
    filters = {"types": types, "modality": modality_filter(modality), "since": since, "until": until, "actor": actor}
    places = Q.places(store, **filters)

    def place_href(p: dict[str, Any]) -> str:
        return "/events?" + qs({"place": p["name"], "type": types or [], "modality": modality, "since": since,
                                "until": until, "actor": actor})

    for p in places:
        p["href"] = place_href(p)
    f = {"types": types or [], "modality": modality, "since": since, "until": until, "actor": actor, "view": view}
    unplaced = Q.event_page(store, limit=1, **filters)[1] - sum(p["events"] for p in places)
    return render(request, "map.html", svg=map_svg(places, lambda p: p["href"], theatre=view == "theatre"), places=places, f=f, quads=_type_choices(),
                  unplaced=unplaced, all_types=plover_types())


def warm_up() -> None:
    """Read the country outlines in the background so the first map request does not wait for it."""
    threading.Thread(target=countries, name="sitrep-basemap", daemon=True).start()
