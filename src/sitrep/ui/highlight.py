"""Split a text into segments marked by spans (mentions, cues, quotes) for highlighting.

Spans come with offsets into the article text; a quote is a slice of it whose start may sit
before leading whitespace, so spans are re-anchored by their own text before use. Templates
render the segments as escaped text, so no markup from the article can get through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Span:
    start: int
    end: int
    kind: str                      # source | target | cue | mention | quote | match
    href: str | None = None
    title: str | None = None
    anchor: str | None = None      # an id to place at the span's start
    extra: str | None = None       # an extra CSS class (the quad class of a cue)


@dataclass
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    href: str | None = None
    title: str | None = None
    anchors: list[str] = field(default_factory=list)


def locate(text: str, expected: int, needle: str) -> int | None:
    """Where ``needle`` occurs in ``text``: at ``expected`` if it is there, else the closest occurrence."""
    if not needle:
        return None
    if 0 <= expected and text[expected: expected + len(needle)] == needle:
        return expected
    hits, i = [], text.find(needle)
    while i >= 0:
        hits.append(i)
        i = text.find(needle, i + 1)
    return min(hits, key=lambda h: abs(h - expected)) if hits else None


def segments(text: str, spans: list[Span]) -> list[Segment]:
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in spans if s.start <= a and b <= s.end]
        seg = Segment(text[a:b])
        for s in sorted(active, key=lambda s: s.end - s.start, reverse=True):  # innermost last wins
            seg.classes += [c for c in (f"hl-{s.kind}", s.extra) if c and c not in seg.classes]
            seg.href = s.href or seg.href
            seg.title = s.title or seg.title
        seg.anchors = [s.anchor for s in spans if s.anchor and s.start == a]
        out.append(seg)
    return out


def quote_segments(event: dict[str, Any], evidence: list[dict[str, Any]]) -> list[Segment]:
    """The event's quote with its source, target and cue marked."""
    quote = event.get("quote") or ""
    origin = event.get("start") or 0
    spans = []
    for ev in evidence:
        pos = locate(quote, ev["start"] - origin, ev["text"] or "")
        if pos is not None:
            spans.append(Span(pos, pos + len(ev["text"]), ev["role"], title=ev["role"]))
    cue = event.get("cue") or ""
    if event.get("cue_start") is not None:
        pos = locate(quote, event["cue_start"] - origin, cue)
        if pos is not None:
            spans.append(Span(pos, pos + len(cue), "cue", title=f"cue: {event['type']}"))
    return segments(quote, spans)


def article_segments(text: str, mentions: list[dict[str, Any]], events: list[dict[str, Any]],
                     actor_href: Any) -> list[Segment]:
    """The article with actor mentions linked, event cues marked by quad class, quotes anchored."""
    spans = [Span(m["start"], m["end"], "mention", href=actor_href(m["actor_id"]),
                  title=m.get("name") or m["actor_id"]) for m in mentions]
    for e in events:
        quote = e.get("quote") or ""
        start = locate(text, e["start"] or 0, quote) if quote else None
        if start is not None:
            spans.append(Span(start, start + len(quote), "quote", anchor=f"ev-{e['event_id']}"))
        if e.get("cue") and e.get("cue_start") is not None:
            pos = locate(text, e["cue_start"], e["cue"])
            if pos is not None:
                spans.append(Span(pos, pos + len(e["cue"]), "cue", extra=f"q-{e.get('quad') or 'unknown'}",
                                  title=f"{e['type']} ({e.get('modality')})"))
    return segments(text, spans)


def match_segments(text: str, needle: str, width: int = 160) -> list[Segment]:
    """A snippet of ``text`` around the first case-insensitive match of ``needle``, marked."""
    i = text.lower().find(needle.lower()) if needle else -1
    if i < 0:
        snippet = text[:width]
        return [Segment(snippet + ("…" if len(text) > width else ""))]
    a, b = max(0, i - width // 2), min(len(text), i + len(needle) + width // 2)
    # Start and end on word boundaries when one is near.
    space = text.rfind(" ", max(0, a - 20), a + 1) if a > 0 else -1
    a = space + 1 if space >= 0 else a
    space = text.find(" ", b, b + 20) if b < len(text) else -1
    b = space if space >= 0 else b
    segs = segments(text[a:b], [Span(i - a, i - a + len(needle), "match")])
    if a > 0:
        segs.insert(0, Segment("…"))
    if b < len(text):
        segs.append(Segment("…"))
    return segs
