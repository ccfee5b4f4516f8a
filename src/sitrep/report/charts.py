"""The report's pictures, drawn with matplotlib: dyad balances, the actor graph, the event map.

Each returns the image as bytes, SVG (crisp in print, for HTML) or PNG (for the PDF writer).
Figures are built with ``matplotlib.figure.Figure`` rather than pyplot so that no global
figure state is shared between requests of the web server. The graph layout and the country
outlines are the web UI's (:mod:`sitrep.ui.network`, :mod:`sitrep.ui.basemap`), so the report
and the pages draw the same picture of the same data; nothing is downloaded.
"""

from __future__ import annotations

import io
import math
import threading
from typing import Any

import matplotlib
from matplotlib.figure import Figure

COOP, CONF, NEUTRAL = "#1b7837", "#b2182b", "#777777"
LAND, LAND_ACTIVE, SEA, BORDER = "#ecebe4", "#dcd6c4", "#f4f8fb", "#9a9a9a"
# Libya and the powers around it, generously: the map never reaches further than this.
THEATRE = (-20.0, 10.0, 60.0, 62.0)
# Fixed salt and no date: the same data gives byte-identical SVG, so reports can be diffed.
RC = {"svg.hashsalt": "sitrep", "font.size": 9, "font.family": "DejaVu Sans", "axes.spines.top": False,
      "axes.spines.right": False}


def _save(fig: Figure, fmt: str) -> bytes:
    buf = io.BytesIO()
    meta = {"Date": None} if fmt == "svg" else {}
    with matplotlib.rc_context(RC):
        fig.savefig(buf, format=fmt, dpi=200, bbox_inches="tight", metadata=meta)
    return buf.getvalue()


def _colour(score: float) -> str:
    return COOP if score > 0 else CONF if score < 0 else NEUTRAL


def _short(text: str, n: int = 28) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def dyad_chart(dyads: list[dict[str, Any]], fmt: str = "svg") -> bytes | None:
    """Horizontal bars: each dyad's net balance in the window, a hollow bar for the period before."""
    if not dyads:
        return None
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.2, 0.42 * len(dyads) + 1.3))
        ax = fig.add_subplot()
        ys = list(range(len(dyads)))[::-1]
        now = [d["score"] for d in dyads]
        before = [d["prev_score"] for d in dyads]
        ax.barh([y + 0.18 for y in ys], now, height=0.36, color=[_colour(v) for v in now], label="this period")
        ax.barh([y - 0.18 for y in ys], before, height=0.36, facecolor="none", edgecolor=[_colour(v) for v in before],
                hatch="///", linewidth=0.8, label="previous period")
        ax.set_yticks(ys, [_short(f"{d['a_name']} – {d['b_name']}", 44) for d in dyads])
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.set_xlabel("net intensity (cooperation + / conflict −), asserted events")
        lim = max([abs(v) for v in now + before] + [1.0]) * 1.15
        ax.set_xlim(-lim, lim)
        for y, v in zip(ys, now):
            ax.annotate(f"{v:+g}".replace("-", "−"), (v, y + 0.18), xytext=(3 if v >= 0 else -3, 0), textcoords="offset points",
                        ha="left" if v >= 0 else "right", va="center", fontsize=7.5)
        ax.legend(loc="lower right", fontsize=7.5, frameon=False)
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        return _save(fig, fmt)


def graph_chart(graph: dict[str, list[dict[str, Any]]], fmt: str = "svg") -> bytes | None:
    """The actor graph: node size by events, edge width by events, colour by net balance."""
    nodes, edges = graph["nodes"], graph["edges"]
    if not edges:
        return None
    from ..ui.network import layout

    pos = layout([n["actor_id"] for n in nodes], [(e["a"], e["b"], e["events"]) for e in edges])
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.2, 5.0))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        most = max(e["events"] for e in edges)
        for e in sorted(edges, key=lambda e: e["events"]):
            (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
            ax.plot([x1, x2], [1 - y1, 1 - y2], color=_colour(e["score"]), alpha=0.75,
                    linewidth=0.8 + 4 * math.sqrt(e["events"] / most), solid_capstyle="round", zorder=1)
        top = max(n["events"] for n in nodes)
        for n in nodes:
            x, y = pos[n["actor_id"]]
            ax.scatter([x], [1 - y], s=30 + 250 * n["events"] / top, color="#4a6fa5", edgecolor="white", zorder=2)
            ax.annotate(_short(n["name"], 26), (x, 1 - y), xytext=(0, 7), textcoords="offset points", ha="center",
                        fontsize=7.5, zorder=3, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
        ax.set_xlim(-0.08, 1.08)
        ax.set_ylim(-0.06, 1.08)
        return _save(fig, fmt)


def split_places(places: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Places on the theatre map, and those far outside it (named in the caption instead).

    One event in Washington would otherwise stretch the map over the Atlantic and shrink Libya
    to a few pixels.
    """
    lon0, lat0, lon1, lat1 = THEATRE
    inside = [p for p in places if lon0 <= p["lon"] <= lon1 and lat0 <= p["lat"] <= lat1]
    return inside, [p for p in places if p not in inside]


def map_chart(places: list[dict[str, Any]], fmt: str = "svg") -> bytes | None:
    """Country outlines (Natural Earth, shipped in a wheel) around the places, a circle per place."""
    places = split_places(places)[0]
    if not places:
        return None
    from shapely.geometry import box

    from ..ui.basemap import LEVELS, countries, view_for

    lon0, lat0, lon1, lat1 = view_for([(p["lon"], p["lat"]) for p in places])
    frame = box(lon0, lat0, lon1, lat1)
    level = LEVELS[0] if lon1 - lon0 < 60 else LEVELS[-1]
    active = {p.get("country") for p in places}
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.2, 5.2))
        ax = fig.add_subplot()
        ax.set_facecolor(SEA)
        for c in countries(level):
            if not c.geometry.intersects(frame):
                continue
            geom = c.geometry.intersection(frame)
            for poly in getattr(geom, "geoms", [geom]):
                if hasattr(poly, "exterior") and not poly.is_empty:
                    xs, ys = poly.exterior.xy
                    ax.fill(xs, ys, facecolor=LAND_ACTIVE if c.code in active else LAND, edgecolor=BORDER, linewidth=0.4)
        most = max(p["events"] for p in places)
        ranked = sorted(places, key=lambda p: (-p["events"], p["name"]))
        for p in ranked[::-1]:
            ax.scatter([p["lon"]], [p["lat"]], s=25 + 400 * p["events"] / most, color=_colour(p["score"]),
                       alpha=0.7, edgecolor="white", linewidth=0.6, zorder=3)
        boxes: list[tuple[float, float, float, float]] = []
        for p in ranked[:14]:  # label the busiest places where a label still fits, right or left of the dot
            label = f"{p['name']} ({p['events']})"
            fx, fy = (p["lon"] - lon0) / (lon1 - lon0), (p["lat"] - lat0) / (lat1 - lat0)
            width = 0.0105 * len(label) + 0.01  # axes fraction of a 7.5 pt label on a 7.2 in figure
            for side in (1, -1):
                x0 = fx + 0.012 if side > 0 else fx - 0.012 - width
                box = (x0, fy - 0.005, x0 + width, fy + 0.045)
                if 0 <= box[0] and box[2] <= 1.02 and not any(_overlap(box, b) for b in boxes):
                    boxes.append(box)
                    ax.annotate(label, (p["lon"], p["lat"]), xytext=(6 * side, 4), textcoords="offset points",
                                ha="left" if side > 0 else "right", fontsize=7.5, zorder=4,
                                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
                    break
        ax.set_xlim(lon0, lon1)
        ax.set_ylim(lat0, lat1)
        ax.set_aspect(1 / math.cos(math.radians((lat0 + lat1) / 2)))  # equirectangular, true at mid-latitude
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(True)
            ax.spines[side].set_color(BORDER)
        return _save(fig, fmt)


# rc_context sets and restores matplotlib's global settings: two reports drawn at once by the
# web server's threads would restore each other's settings mid-drawing.
_LOCK = threading.Lock()


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def all_charts(report: Any, fmt: str = "svg") -> dict[str, bytes | None]:
    with _LOCK:
        return {"relations": dyad_chart(report.dyads, fmt), "graph": graph_chart(report.graph, fmt),
                "map": map_chart(report.places, fmt)}
