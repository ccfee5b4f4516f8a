"""The report as Markdown: the same sections and words as the HTML, the pictures' numbers as
tables (Markdown viewers rarely show data-URI images, and a brief is pasted as text).
"""

from __future__ import annotations

import re
from typing import Any

from . import text as t
from .build import Report
from .charts import split_places

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def esc(value: Any) -> str:
    """Article text is data: escape what Markdown (and the HTML it may embed) would act on."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(value if value is not None else "").split()))


def _item(d: dict[str, Any], modality: bool = False) -> list[str]:
    flags = "".join(f" \\[{f}\\]" for f in d["flags"])
    head = f"**{esc(d['date'] or 'undated')}**: " + (f"*{d['modality']}* " if modality else "")
    # Blank lines keep "Sources" out of the quote (a following line would continue the blockquote).
    lines = [f"- {head}{esc(d['sentence'])} ({d['support']}){flags}", "", f"  > {esc(d['quote'])}", ""]
    sources = []
    for s in d["sources"]:
        src = esc(s["doc"]) + (f", {esc(s['outlet'])}" if s["outlet"] else "")
        if t.safe_url(s["url"]):
            src += f" <{s['url'].replace('>', '%3E').replace(' ', '%20')}>"
        sources.append(src)
    lines += ["  Sources: " + "; ".join(sources), ""]
    return lines


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return out + [""]


def render(r: Report) -> str:
    out = [f"# {esc(r.title)}", "", esc(t.window_line(r)), "", "## Scope and corpus", ""]
    for p in t.scope_paragraphs(r):
        out += [esc(p), ""]
    out += ["## Key developments", ""]
    if r.developments:
        out += [t.developments_intro(r), ""]
        for d in r.developments:
            out += _item(d)
        out.append("")
    else:
        out += ["No asserted event in this window.", ""]
    out += ["## Who moved", "", esc(t.movers_intro(r)), ""]
    if r.movers:
        out += _table(["actor", "code", "events before → now", "net before → now", "new counterparts", "counterparts gone"],
                      [[m["name"], m["code"] or "", f"{m['prev_events']} → {m['events']}",
                        f"{t.signed(m['prev_net'])} → {t.signed(m['net'])}", ", ".join(m["gained"]), ", ".join(m["lost"])]
                       for m in r.movers])
    out += ["## Relations", ""]
    if r.dyads:
        out += [esc(t.relations_intro(r)), ""]
        out += _table(["dyad", "events", "cooperation", "conflict", "balance", "before", "change"],
                      [[f"{d['a_name']} – {d['b_name']}", d["events"], t.num(d["cooperation"]), t.num(d["conflict"]),
                        t.signed(d["score"]), t.signed(d["prev_score"]), t.signed(d["change"])] for d in r.dyads])
        out += [esc(t.graph_caption(r)), ""]
    else:
        out += ["No asserted event between two named actors in this window.", ""]
    out += ["## Where", "", esc(t.where_intro(r)), ""]
    if r.places:
        out += _table(["place", "country", "events", "balance", "types"],
                      [[p["name"], p["country"] or "", p["events"], t.signed(p["score"]), ", ".join(p["types"])]
                       for p in r.places[:15]])
        off = split_places(r.places)[1]
        if off:
            out += [esc("Outside the theatre: " + t.listing([f"{p['name']} ({p['events']})" for p in off]) + "."), ""]
    out += ["## What did not happen", "", esc(t.unreal_intro(r)), ""]
    for d in r.unreal:
        out += _item(d, modality=True)
    out += ["", "## Caveats", ""]
    out += [f"- {esc(line)}" for line in t.caveat_lines(r)] + [""]
    if r.caveats["inferred_dates"]:
        out += ["Articles dated by inference:", ""]
        out += _table(["article", "title", "inferred date", "events in window"],
                      [[a["doc"], a["title"], f"{a['published']} ({a['published_precision']})", a["events"]]
                       for a in r.caveats["inferred_dates"]])
    if r.caveats["low_confidence"]:
        out += ["Low-confidence events:", ""]
        out += _table(["date", "event", "confidence", "sentence"],
                      [[e["date"], f"{e['type']}: {e['source_name'] or '?'} → {e['target_name'] or '?'}",
                        f"{e['confidence']:.2f}", e["quote"]] for e in r.caveats["low_confidence"][:12]])
    out += ["---", "", esc(t.footer(r)), ""]
    return "\n".join(out)
