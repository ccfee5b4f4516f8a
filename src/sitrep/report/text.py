"""The report's prose, generated from its numbers; shared by the HTML, Markdown and PDF writers
so that every format says the same thing in the same words.
"""

from __future__ import annotations

from typing import Any

from ..query.report import FACTS, UNREAL
from .build import Report


def n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def num(x: float | None) -> str:
    return "–" if x is None else f"{x:g}"


def signed(x: float | None) -> str:
    return "–" if x is None else f"{x:+g}".replace("-", "−") if x else "0"


def sign_class(x: float | None) -> str:
    return "pos" if (x or 0) > 0 else "neg" if (x or 0) < 0 else ""


def safe_url(url: str | None) -> str | None:
    """A source URL as a link only when it is http(s); ``javascript:`` and the like stay text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _about(r: Report) -> str:
    parts = []
    for t in r.scope.about:
        detail = ", ".join(x for x in (t.kind if t.kind != "principal" else "principal code", t.code) if x)
        parts.append(f"{t.label} ({detail})" if detail else f"{t.label} (place)")
    return listing(parts)


def window_line(r: Report) -> str:
    line = (f"Window {r.window} ({n(r.scope.days, 'day')}), compared with the period of the same length "
            f"before it ({r.previous.since} to {r.previous.until}).")
    if r.scope.about:
        line += f" About {_about(r)}."
    return line


def scope_paragraphs(r: Report) -> list[str]:
    c = r.corpus
    events = c["events"]
    if not c["articles"]:
        return ["The store holds no event in this window."]
    first = (f"This report draws on {n(c['articles'], 'article')} from {n(c['outlets'], 'named outlet')}"
             + (f" ({c['no_outlet']} without a named outlet)" if c["no_outlet"] else "")
             + (f", published between {c['first_published']} and {c['last_published']}." if c["first_published"]
                else "."))
    one = c["inferred"] == 1
    dating = (f"{n(c['inferred'], 'article was', 'articles were')} dated by inference (no date in "
              f"{'its' if one else 'their'} metadata or text), so the dates of {'its' if one else 'their'} events "
              "are estimates." if c["inferred"] else "Every article carries its own date.")
    kinds = [f"{events.get(m, 0)} {m}" for m in FACTS + UNREAL if events.get(m)]
    third = (f"Inside the window the store holds {listing(kinds)} events; only asserted and historical "
             f"ones count as facts (the whole store: {n(c['store_articles'], 'article')}, "
             f"{n(c['store_events'], 'event')}).")
    outlets = f"Outlets: {', '.join(c['outlet_names'])}." if c["outlet_names"] else ""
    return [x for x in (first + " " + dating, third, outlets) if x]


def developments_intro(r: Report) -> str:
    return (f"The {n(len(r.developments), 'real event')} (clusters of reports of one event) that matter most in "
            "the window, ranked by the articles and outlets reporting them, their intensity and whether that kind "
            "of event between those parties is new, shown in date order with the best-supported sentence.")


def movers_intro(r: Report) -> str:
    if not r.previous_events:
        return (f"The previous period ({r.previous.since} to {r.previous.until}) has no asserted event in the "
                "store, so the changes below are this window's activity itself.")
    if not r.movers:
        return "No actor's activity changed against the previous period."
    top = r.movers[0]
    return (f"Actors ranked by how much their activity (events) and relations (net intensity, counterparts) changed "
            f"against the previous period ({n(r.previous_events, 'asserted event')}). {top['name']} moved most: "
            f"{top['prev_events']} → {top['events']} events, net intensity {signed(top['prev_net'])} → {signed(top['net'])}.")


def relations_intro(r: Report) -> str:
    d = max(r.dyads, key=lambda d: abs(d["change"]))
    direction = "towards cooperation" if d["change"] > 0 else "towards conflict" if d["change"] < 0 else "not at all"
    return (f"The {n(len(r.dyads), 'dyad')} with the most asserted events in the window and their balance (the sum "
            f"of the PLOVER intensities of their events). The largest shift: {d['a_name']} – {d['b_name']}, "
            f"{signed(d['prev_score'])} → {signed(d['score'])}, moving {direction}.")


def graph_caption(r: Report) -> str:
    g = r.graph
    return (f"{n(len(g['nodes']), 'actor')} and {n(len(g['edges']), 'relation')} of the window (the most active "
            "actors); line width grows with the number of events, green is net cooperation, red net conflict.")


def where_intro(r: Report) -> str:
    located = sum(p["events"] for p in r.places)
    if not r.places:
        return "No asserted event in this window has a place."
    top = listing([f"{p['name']} ({p['events']})" for p in r.places[:3]])
    return (f"{n(located, 'asserted event')} at {n(len(r.places), 'place')}; {r.unplaced} without a place. "
            f"Busiest: {top}.")


def map_caption(r: Report, off_map: list[dict[str, Any]]) -> str:
    text = "Circle size: events at the place; colour: net balance (green cooperation, red conflict, grey even)."
    if off_map:
        text += " Outside the map: " + listing([f"{p['name']} ({p['events']})" for p in off_map]) + "."
    return text + " Country outlines: Natural Earth."


def unreal_intro(r: Report) -> str:
    counts = r.corpus["events"]
    parts = [f"{counts.get(m, 0)} {m}" for m in UNREAL if counts.get(m)]
    if not parts:
        return "No negated, hypothetical or expected event was reported in this window."
    return (f"Reported as not having happened, as possible, or as expected ({listing(parts)} events in the window); "
            "none of them counts above. The most notable:")


def caveat_lines(r: Report) -> list[str]:
    c, cav = r.corpus, r.caveats
    lines = []
    single = [d for d in r.developments if "single source" in d["flags"] or "one outlet" in d["flags"]]
    if r.developments:
        lines.append(f"{len(single)} of the {n(len(r.developments), 'key development')} rest on a single outlet "
                     "(marked); they are single-source claims until another outlet reports them.")
    if c["inferred"]:
        lines.append(f"{n(c['inferred'], 'article')} in the window had no date of its own; the dates of "
                     f"{n(sum(a['events'] for a in cav['inferred_dates']), 'fact')} come from those inferred dates "
                     "(listed below; marked 'date inferred').")
    if cav["facts"]:
        low = len(cav["low_confidence"])
        lines.append(f"{low} of {n(cav['facts'], 'fact')} {'has' if low == 1 else 'have'} an extraction confidence "
                     f"below {cav['threshold']:g}" + (" (marked 'low confidence'; listed below)." if low else "."))
    if c["store_undated_events"]:
        lines.append(f"{n(c['store_undated_events'], 'event')} in the store have no date and are in no window.")
    lines.append("An event counts in the window only when its whole date lies inside it: a year-precision date "
                 "counts only in windows covering that year.")
    return lines


def footer(r: Report) -> str:
    return (f"Generated by sitrep {r.version} on {r.generated.isoformat()} from the store. Events are PLOVER "
            "records extracted automatically from the articles; check the quoted sentences before relying on them.")
