"""The actor network: a deterministic layout computed in Python, drawn as SVG.

Stress majorisation on at most a few hundred nodes takes milliseconds with numpy; computing it
server-side keeps the page free of layout scripts and makes the picture the same on every load.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
from markupsafe import Markup

from .svg import tag

MAX_LABELS = 28


def _components(nodes: list[str], edges: list[tuple[str, str, float]]) -> list[list[str]]:
    parent = {v: v for v in nodes}

    def root(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b, _ in edges:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for v in nodes:
        groups.setdefault(root(v), []).append(v)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _stress(nodes: list[str], edges: list[tuple[str, str, float]],
            iterations: int) -> tuple[dict[str, tuple[float, float]], float]:
    """Stress majorisation (SMACOF) on graph distances for one component: positions scaled so the
    longer side spans [0, 1], and the drawing's width/height ratio.

    Unlike a spring embedder it spreads a dense core and long chains evenly, so labels in the
    middle of the network stay readable. Started from classical MDS: no randomness.
    """
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.5, 0.5)}, 1.0
    index = {v: i for i, v in enumerate(nodes)}
    degree = np.zeros(n)
    pairs = []
    for a, b, _ in edges:
        if a in index and b in index and a != b:
            pairs.append((index[a], index[b]))
            degree[index[a]] += 1
            degree[index[b]] += 1
    # An edge's ideal length grows with its ends' degrees, so a hub's many neighbours spread out
    # on a wide circle instead of piling up; other distances are shortest paths (Floyd-Warshall).
    dist = np.full((n, n), np.inf)
    np.fill_diagonal(dist, 0.0)
    for i, k in pairs:
        dist[i, k] = dist[k, i] = min(dist[i, k], math.sqrt(degree[i] + degree[k]))
    for m in range(n):
        dist = np.minimum(dist, dist[:, m:m + 1] + dist[m:m + 1, :])
    j = np.eye(n) - 1.0 / n
    vals, vecs = np.linalg.eigh(-0.5 * j @ (dist ** 2) @ j)
    pos = vecs[:, [-1, -2]] * np.sqrt(np.maximum(vals[[-1, -2]], 1e-9))  # widest spread along x
    pos += np.linspace(0, 1e-3, n)[:, None]  # separates nodes with identical distances
    pos *= np.where(pos[np.abs(pos).argmax(axis=0), [0, 1]] < 0, -1, 1)  # a fixed orientation
    with np.errstate(divide="ignore"):
        w = np.where(dist > 0, dist ** -2.0, 0.0)
    lap = -w
    np.fill_diagonal(lap, w.sum(axis=1))
    lap_pinv = np.linalg.pinv(lap)
    for _ in range(iterations):
        cur = np.maximum(np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=-1), 1e-9)
        b = -w * dist / cur
        np.fill_diagonal(b, 0)
        np.fill_diagonal(b, -b.sum(axis=1))
        pos = lap_pinv @ (b @ pos)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    pos = (pos - lo) / span.max()
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}, float(span[0] / span[1])


def layout(nodes: list[str], edges: list[tuple[str, str, float]], iterations: int = 80,
           aspect: float = 1.5) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1]² for ``nodes``; ``edges`` pull with their weight. Same input, same output.

    Each connected component is laid out alone and the components are packed in rows, biggest
    first, each in a square cell whose side grows with the square root of its size: otherwise
    small components drift to the corners and squeeze the main one into the middle.
    """
    if not nodes:
        return {}
    comps = _components(nodes, edges)
    drawn = [_stress(c, edges, iterations) for c in comps]
    # A lone pair stands upright: side by side, the labels of neighbouring pairs would collide.
    drawn = [({v: (y, x) for v, (x, y) in pos.items()}, 1 / ratio) if len(pos) == 2 else (pos, ratio)
             for pos, ratio in drawn]
    # Each component gets a cell of area ~ its size, shaped like its drawing; cells go in rows.
    dims = []
    for comp, (_, ratio) in zip(comps, drawn):
        ratio = min(max(ratio, 0.5), 2.5) if len(comp) > 2 else 1.0
        dims.append((math.sqrt(len(comp) * ratio), math.sqrt(len(comp) / ratio)))
    row_width = max(max(w for w, _ in dims), math.sqrt(aspect * sum(w * h for w, h in dims)))
    cells, x, y, row_h = [], 0.0, 0.0, 0.0
    for w, h in dims:
        if x > 0 and x + w > row_width + 1e-9:
            x, y, row_h = 0.0, y + row_h, 0.0
        cells.append((x, y, w, h))
        x, row_h = x + w, max(row_h, h)
    width, height = max(cx + w for cx, _, w, _ in cells), y + row_h
    out = {}
    for (pos, ratio), (cx, cy, w, h) in zip(drawn, cells):
        dw, dh = (1.0, 1.0 / ratio) if ratio >= 1 else (ratio, 1.0)  # the drawing's extent
        k = 0.8 * min(w / dw, h / dh)  # fit it, keeping its shape, with a margin
        ox, oy = cx + (w - dw * k) / 2, cy + (h - dh * k) / 2
        for v, (px, py) in pos.items():
            out[v] = ((ox + px * k) / width, (oy + py * k) / height)
    return out


def graph_svg(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], actor_href: Callable[[str], str],
              dyad_href: Callable[[str, str], str], width: int = 960, height: int = 640) -> Markup:
    """``nodes``: {actor_id, name, events}; ``edges``: {a, b, events, score, cooperation, conflict}."""
    if not nodes:
        return tag("p", {"class_": "muted"}, "No relations match these filters.")
    pos = layout([n["actor_id"] for n in nodes], [(e["a"], e["b"], e["events"]) for e in edges])
    margin = 70
    def xy(actor_id: str) -> tuple[float, float]:
        x, y = pos[actor_id]
        return margin + x * (width - 2 * margin), margin / 2 + y * (height - margin)
    max_events = max(e["events"] for e in edges) if edges else 1
    parts: list[Markup] = []
    for e in sorted(edges, key=lambda e: e["events"]):
        (x1, y1), (x2, y2) = xy(e["a"]), xy(e["b"])
        kind = "coop" if e["score"] > 0 else "conf" if e["score"] < 0 else "neutral"
        stroke = 1.2 + 6 * math.sqrt(e["events"] / max_events)
        title = (f"{e['a_name']} ↔ {e['b_name']}: {e['events']} events, cooperation {e['cooperation']:g}, "
                 f"conflict {e['conflict']:g}, net {e['score']:+g}")
        parts.append(tag("a", {"href": dyad_href(e["a"], e["b"])},
                         tag("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke_width": stroke,
                                      "class_": f"edge edge-{kind}", "data_a": e["a"], "data_b": e["b"]},
                             tag("title", None, title))))
    max_node = max(n["events"] for n in nodes) or 1
    # Labels for the busiest actors only: more would overlap; every node keeps its tooltip.
    labelled = {n["actor_id"] for n in sorted(nodes, key=lambda n: (-n["events"], n["name"]))[:MAX_LABELS]}
    for n in nodes:
        x, y = xy(n["actor_id"])
        r = 4 + 10 * math.sqrt(n["events"] / max_node)
        parts.append(tag("a", {"href": actor_href(n["actor_id"]), "class_": "node", "data_id": n["actor_id"]},
                         tag("circle", {"cx": x, "cy": y, "r": r, "class_": f"node-{n.get('kind_class', 'other')}"},
                             tag("title", None, f"{n['name']} ({n.get('code') or '?'}): {n['events']} events")),
                         tag("text", {"x": x, "y": y - r - 3, "class_": "node-label",
                                      # near the sides, anchor labels inwards so they are not cut off
                                      "text_anchor": "start" if x < width * 0.2 else "end" if x > width * 0.8 else "middle"},
                             n["name"]) if n["actor_id"] in labelled else None))
    return tag("svg", {"viewBox": f"0 0 {width} {height}", "class_": "graph", "role": "img", "aria_label": "actor network"}, *parts)
