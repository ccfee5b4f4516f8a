"""Inline SVG charts built in Python: no charting library, no script, nothing to fetch.

Every attribute value and text node goes through ``markupsafe.escape`` as it is built, so
names from articles cannot inject markup. Colours come from CSS classes in ``app.css``; no
``style`` attributes (the CSP forbids inline styles).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

QUADS = ("material_cooperation", "verbal_cooperation", "verbal_conflict", "material_conflict")
COOPERATION = QUADS[:2]
CONFLICT = QUADS[2:]


def tag(name: str, attrs: dict[str, Any] | None = None, *children: Any) -> Markup:
    parts = [name]
    for k, v in (attrs or {}).items():
        if v is None or v is False:
            continue
        value = f"{v:.1f}" if isinstance(v, float) else str(v)
        parts.append(f'{k.rstrip("_").replace("_", "-")}="{escape(value)}"')
    inner = "".join(str(c) if isinstance(c, Markup) else str(escape(c)) for c in children if c is not None)
    return Markup(f"<{' '.join(parts)}>{inner}</{name}>")


def linked(href: str | None, *children: Any) -> Markup:
    return tag("a", {"href": href}, *children) if href else Markup("").join(children)


def nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * exp >= value:
            return step * exp
    return 10 * exp


def periods_between(first: str, last: str) -> list[str]:
    """Every year (YYYY) or month (YYYY-MM) from ``first`` to ``last``, gaps included."""
    if len(first) == 4:
        return [str(y) for y in range(int(first), int(last[:4]) + 1)]
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while (y, m) <= (int(last[:4]), int(last[5:7])):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@dataclass
class Series:
    name: str
    css: str
    values: dict[str, float]
    up: bool = True


def diverging(periods: Sequence[str], series: Sequence[Series], *, unit: str = "events",
              net: dict[str, float] | None = None, link: Callable[[str, Series], str | None] | None = None,
              width: int = 760, height: int = 240, label: str = "chart") -> Markup:
    """Stacked bars per period, ``up`` series above the axis and the others below; optional net marks."""
    if not periods:
        return tag("p", {"class_": "muted"}, "No dated events to chart.")
    left, right, top, bottom = 44, 10, 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    ups = [sum(s.values.get(p, 0) for s in series if s.up) for p in periods]
    downs = [sum(s.values.get(p, 0) for s in series if not s.up) for p in periods]
    has_down = any(not s.up for s in series)
    top_max = nice_max(max(ups + [abs(v) for v in (net or {}).values() if v > 0] + [0]))
    bot_max = nice_max(max(downs + [abs(v) for v in (net or {}).values() if v < 0] + [0])) if has_down else 0.0
    scale = plot_h / (top_max + bot_max)
    zero = top + top_max * scale
    step = plot_w / len(periods)
    bar = max(2.0, min(step * 0.72, 48.0))
    out: list[Markup] = []
    lines = [(top_max, top), (0.0, zero)] + ([(-bot_max, zero + bot_max * scale)] if bot_max else [])
    for value, y in lines:
        out.append(tag("line", {"x1": left, "x2": width - right, "y1": y, "y2": y, "class_": "axis" if value == 0 else "grid"}))
        out.append(tag("text", {"x": left - 6, "y": y + 4, "class_": "tick", "text_anchor": "end"}, f"{abs(value):g}"))
    every = max(1, math.ceil(len(periods) / 14))
    for i, p in enumerate(periods):
        x = left + i * step + (step - bar) / 2
        up_y, down_y = zero, zero
        for s in series:
            v = s.values.get(p, 0)
            if not v:
                continue
            h = v * scale
            y = up_y - h if s.up else down_y
            if s.up:
                up_y -= h
            else:
                down_y += h
            rect = tag("rect", {"x": x, "y": y, "width": bar, "height": max(h, 1.0), "class_": s.css},
                       tag("title", None, f"{p} · {s.name}: {v:g} {unit}"))
            out.append(linked(link(p, s) if link else None, rect))
        if net and p in net:
            y = zero - net[p] * scale
            out.append(tag("circle", {"cx": x + bar / 2, "cy": y, "r": 3.5, "class_": "net"},
                           tag("title", None, f"{p} · net {net[p]:+g}")))
        if i % every == 0:
            out.append(tag("text", {"x": x + bar / 2, "y": height - 10, "class_": "tick", "text_anchor": "middle"}, p))
    return tag("svg", {"viewBox": f"0 0 {width} {height}", "class_": "chart", "role": "img", "aria_label": label}, *out)


def quad_series(points: list[dict[str, Any]], labels: dict[str, str]) -> list[Series]:
    """Events per period and quad class as four series: cooperation above, conflict below."""
    series = [Series(labels[q], f"q-{q}", {}, up=q in COOPERATION) for q in QUADS]
    by_quad = dict(zip(QUADS, series))
    for pt in points:
        if pt["quad"] in by_quad:
            s = by_quad[pt["quad"]]
            s.values[pt["period"]] = s.values.get(pt["period"], 0) + pt["events"]
    return series


def legend(items: Sequence[tuple[str, str]]) -> Markup:
    entries = [tag("span", {"class_": "legend-item"}, tag("svg", {"width": 12, "height": 12, "aria_hidden": "true"},
                                                          tag("rect", {"width": 12, "height": 12, "class_": css})), " ", name)
               for name, css in items]
    return tag("div", {"class_": "legend"}, *entries)


def balance_bar(cooperation: float, conflict: float, scale_max: float, width: int = 160) -> Markup:
    """A small horizontal bar: conflict to the left of the centre, cooperation to the right."""
    half = width / 2
    k = half / scale_max if scale_max else 0
    return tag("svg", {"viewBox": f"0 0 {width} 14", "width": width, "height": 14, "class_": "balance", "role": "img",
                       "aria_label": f"cooperation {cooperation:g}, conflict {conflict:g}"},
               tag("rect", {"x": half - conflict * k, "y": 2, "width": conflict * k, "height": 10, "class_": "q-material_conflict"}),
               tag("rect", {"x": half, "y": 2, "width": cooperation * k, "height": 10, "class_": "q-material_cooperation"}),
               tag("line", {"x1": half, "x2": half, "y1": 0, "y2": 14, "class_": "axis"}))
