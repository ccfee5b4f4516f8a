"""The report as data: every section computed from the store, ready for any output format.

Ranking rules live here (and are documented in docs/report.md) so that HTML, Markdown, PDF and
the web page say the same thing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import __version__
from ..query import actors_by_id
from ..query import report as RQ
from ..store import Store
from .phrases import sentence, support

log = logging.getLogger(__name__)

TOP_DEVELOPMENTS = 10
TOP_MOVERS = 8
TOP_DYADS = 10
TOP_UNREAL = 10
GRAPH_NODES = 30
# Weights of the development score: each article and each outlet reporting it counts 1, the
# strongest intensity (0-10) up to 4, and a kind of event new between its principals 2; the sum
# is scaled by the extraction's confidence (x0.5 to x1), so a doubtful parse does not lead.
W_MAGNITUDE, W_NOVEL = 0.4, 2.0


@dataclass
class Report:
    scope: RQ.Scope
    previous: RQ.Scope
    corpus: dict[str, Any]
    developments: list[dict[str, Any]]
    movers: list[dict[str, Any]]
    previous_events: int
    dyads: list[dict[str, Any]]
    graph: dict[str, list[dict[str, Any]]]
    places: list[dict[str, Any]]
    unplaced: int
    unreal: list[dict[str, Any]]
    caveats: dict[str, Any]
    generated: date = field(default_factory=date.today)
    version: str = __version__

    @property
    def title(self) -> str:
        about = ", ".join(t.label for t in self.scope.about)
        return f"Situation report{': ' + about if about else ''}"

    @property
    def window(self) -> str:
        return f"{self.scope.since.isoformat()} to {self.scope.until.isoformat()}"


def score(c: dict[str, Any]) -> float:
    raw = c["articles"] + c["outlets"] + W_MAGNITUDE * (c["magnitude"] or 0) + (W_NOVEL if c["novel"] else 0)
    return raw * (0.5 + 0.5 * (c["confidence"] or 0))


def _flags(c: dict[str, Any]) -> list[str]:
    flags = []
    if c["outlets"] <= 1:
        flags.append("single source" if c["articles"] <= 1 else "one outlet")
    if c.get("inferred_date"):
        flags.append("date inferred")
    if (c.get("confidence") or 0) < RQ.LOW_CONFIDENCE:
        flags.append("low confidence")
    return flags


def _merge(ranked: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    """The best ``top`` items, where clusters read from one sentence as the same act by several
    sources ("Russia, Egypt and the UAE backed the LNA") are one item with a joint subject."""
    items: dict[tuple[Any, ...], dict[str, Any]] = {}
    for c in ranked:
        key = (c["type"], c["mode"], c["modality"], c["target_actor_id"], c["quote_article_id"], c["quote_start"])
        if key in items:
            items[key]["also"].append(c)
        elif len(items) < top:
            items[key] = {**c, "also": []}
    out = []
    for item in items.values():
        group = [item, *item.pop("also")]
        item["cluster_ids"] = [c["cluster_id"] for c in group]
        if len(group) > 1:
            item["subjects"] = [(c["source_name"], c["source_actor_id"]) for c in group]
            item["source_name"] = "; ".join(c["source_name"] or "" for c in group)
            seen = {s["article_id"]: s for c in group for s in c["sources"]}
            item["sources"] = list(seen.values())
            item["articles"] = len(seen)
            item["outlets"] = len({s["outlet"] for s in seen.values() if s["outlet"]})
            item["events"] = sum(c["events"] for c in group)
        out.append(item)
    return out


def _dress(c: dict[str, Any], kinds: dict[str, Any]) -> dict[str, Any]:
    c["sentence"] = sentence(c, kinds)
    c["support"] = support(c)
    c["score"] = score(c)
    c["flags"] = _flags(c)
    c["sources"] = sorted(c["sources"], key=lambda s: (s["outlet"] or "~", s["doc"] or ""))
    return c


def _kinds(store: Store, rows: list[dict[str, Any]]) -> dict[str, Any]:
    ids = {r[k] for r in rows for k in ("source_actor_id", "target_actor_id") if r.get(k)}
    ids |= {actor_id for r in rows for _, actor_id in r.get("subjects", []) if actor_id}
    return {k: v["kind"] for k, v in actors_by_id(store, sorted(ids)).items()}


def developments(store: Store, scope: RQ.Scope, top: int = TOP_DEVELOPMENTS) -> list[dict[str, Any]]:
    """The facts that matter most: the best ``top`` clusters by :func:`score`, then in date order."""
    rows = [c for c in RQ.clusters(store, scope) if c["quote"] and (c["source_name"] or c["target_name"])]
    best = _merge(sorted(rows, key=lambda c: (-score(c), -(c["confidence"] or 0), c["day0"], c["cluster_id"])), top)
    kinds = _kinds(store, best)
    return [_dress(c, kinds) for c in sorted(best, key=lambda c: (c["day0"], c["day1"], c["cluster_id"]))]


def unreal(store: Store, scope: RQ.Scope, top: int = TOP_UNREAL) -> list[dict[str, Any]]:
    """Negated, hypothetical and future events: by support and magnitude; shown by modality, then date."""
    rows = [c for c in RQ.clusters(store, scope, RQ.UNREAL) if c["quote"]]
    best = _merge(sorted(rows, key=lambda c: (-(c["articles"] + W_MAGNITUDE * (c["magnitude"] or 0)), c["day0"],
                                              c["cluster_id"])), top)
    kinds = _kinds(store, best)
    order = {m: i for i, m in enumerate(RQ.UNREAL)}
    return [_dress(c, kinds) for c in sorted(best, key=lambda c: (order[c["modality"]], c["day0"], c["cluster_id"]))]


def movers(store: Store, scope: RQ.Scope, top: int = TOP_MOVERS) -> list[dict[str, Any]]:
    """Actors whose activity (events) or relations (net intensity, counterparts) changed most.

    change = |Δ events| + |Δ net intensity| / 5 + counterparts gained or lost, against the
    previous period of the same length.
    """
    now, before = RQ.actor_activity(store, scope), RQ.actor_activity(store, scope.previous())
    names = {**{k: v["name"] for k, v in before.items()}, **{k: v["name"] for k, v in now.items()}}
    out = []
    for actor_id in set(now) | set(before):
        n, b = now.get(actor_id), before.get(actor_id)
        events, prev_events = (n or {}).get("events", 0), (b or {}).get("events", 0)
        net, prev_net = (n or {}).get("net", 0.0), (b or {}).get("net", 0.0)
        partners, prev_partners = set((n or {}).get("partners", [])), set((b or {}).get("partners", []))
        gained, lost = partners - prev_partners, prev_partners - partners
        change = abs(events - prev_events) + abs(net - prev_net) / 5 + len(gained) + len(lost)
        out.append({"actor_id": actor_id, "name": names[actor_id], "code": (n or b or {}).get("code"),
                    "events": events, "prev_events": prev_events, "net": net, "prev_net": prev_net,
                    "gained": sorted(names.get(x, x) for x in gained), "lost": sorted(names.get(x, x) for x in lost),
                    "change": change})
    out.sort(key=lambda r: (-r["change"], r["name"]))
    return [r for r in out if r["change"] > 0][:top]


def relations(store: Store, scope: RQ.Scope, top: int = TOP_DYADS) -> tuple[list[dict[str, Any]], dict[str, list]]:
    """The main dyads with their balance now and before, and the window's actor graph."""
    now = RQ.dyads(store, scope)
    before = {(d["a_actor_id"], d["b_actor_id"]): d for d in RQ.dyads(store, scope.previous())}
    main = []
    for d in now[:top]:
        prev = before.get((d["a_actor_id"], d["b_actor_id"]))
        main.append({**d, "prev_events": prev["events"] if prev else 0, "prev_score": prev["score"] if prev else 0.0,
                     "change": d["score"] - (prev["score"] if prev else 0.0)})
    weight: dict[str, int] = {}
    names: dict[str, str] = {}
    for d in now:
        for side in ("a", "b"):
            weight[d[f"{side}_actor_id"]] = weight.get(d[f"{side}_actor_id"], 0) + d["events"]
            names[d[f"{side}_actor_id"]] = d[f"{side}_name"] or d[f"{side}_actor_id"]
    keep = set(sorted(weight, key=lambda k: (-weight[k], names[k]))[:GRAPH_NODES])
    edges = [{"a": d["a_actor_id"], "b": d["b_actor_id"], "events": d["events"], "score": d["score"]}
             for d in now if d["a_actor_id"] in keep and d["b_actor_id"] in keep]
    nodes = [{"actor_id": k, "name": names[k], "events": weight[k]} for k in sorted(keep, key=lambda k: names[k])]
    return main, {"nodes": nodes, "edges": edges}


def build(store: Store, about: tuple[str, ...] | list[str] = (), since: str | None = None,
          until: str | None = None) -> Report:
    """Compute every section of the report over the window (see :func:`sitrep.query.report.resolve`)."""
    scope = RQ.resolve(store, about, since, until)
    log.info("report window %s..%s about %s", scope.since, scope.until, [t.label for t in scope.about])
    previous = scope.previous()
    prev_where, prev_params = previous.where()
    previous_events = store.con.execute(f"SELECT count(*) FROM events e WHERE {prev_where}", prev_params).fetchone()[0]
    dyads, graph = relations(store, scope)
    places = RQ.places(store, scope)
    caveats = RQ.caveats(store, scope)
    return Report(
        scope=scope, previous=previous, corpus=RQ.corpus(store, scope), developments=developments(store, scope),
        movers=movers(store, scope), previous_events=previous_events, dyads=dyads, graph=graph, places=places,
        unplaced=caveats["facts"] - sum(p["events"] for p in places), unreal=unreal(store, scope), caveats=caveats)
