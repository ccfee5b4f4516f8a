"""The actor network: a deterministic force-directed layout computed in Python, drawn as SVG.

Fruchterman-Reingold on at most a few hundred nodes is milliseconds with numpy; computing it
server-side keeps the page free of layout scripts and makes the picture the same on every load.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
from markupsafe import Markup

from .svg import tag


def layout(nodes: list[str], edges: list[tuple[str, str, float]], iterations: int = 300) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1]² for ``nodes``; ``edges`` pull with their weight. Same input, same output."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.5, 0.5)}
    index = {v: i for i, v in enumerate(nodes)}
    angle = np.linspace(0, 2 * math.pi, n, endpoint=False)
    pos = np.column_stack([np.cos(angle), np.sin(angle)]) * 0.5  # a circle: no randomness, stable pictures
    weights = np.zeros((n, n))
    for a, b, w in edges:
        i, j = index[a], index[b]
        weights[i, j] = weights[j, i] = max(weights[i, j], 1 + math.log1p(w))
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        force = (k * k / dist ** 2 - weights * dist / k)  # repulsion between all, attraction along edges
        np.fill_diagonal(force, 0)
        disp = (delta * force[:, :, None]).sum(axis=1)
        disp -= pos * 0.05  # a little gravity keeps components from drifting apart
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature * 0.985, 0.002)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    pos = (pos - lo) / span
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


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
    for n in nodes:
        x, y = xy(n["actor_id"])
        r = 5 + 13 * math.sqrt(n["events"] / max_node)
        parts.append(tag("a", {"href": actor_href(n["actor_id"]), "class_": "node", "data_id": n["actor_id"]},
                         tag("circle", {"cx": x, "cy": y, "r": r, "class_": f"node-{n.get('kind_class', 'other')}"},
                             tag("title", None, f"{n['name']} ({n.get('code') or '?'}): {n['events']} events")),
                         tag("text", {"x": x, "y": y - r - 3, "text_anchor": "middle", "class_": "node-label"}, n["name"])))
    return tag("svg", {"viewBox": f"0 0 {width} {height}", "class_": "graph", "role": "img", "aria_label": "actor network"}, *parts)
