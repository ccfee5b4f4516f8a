"""Where an event happened: one place from the toponyms of its clause, sentence and dateline.

:func:`locate` is called by the events stage with spaCy's GPE/LOC/FAC entities as
``(text, start, end, label)`` tuples whose offsets point into the article text. The cascade:

1. the event's own clause; if none of its toponyms resolves,
2. the rest of its sentence; if none resolves there either,
3. the article's dateline ("TRIPOLI, Libya (Reuters) -");
4. otherwise None: an event with no place is better than one with a wrong place.

Within a level, each toponym gets a role from the words just before it (needs ``text``):

* ``at`` -- after in/at/near/outside/around/inside/off/across/north of...: where things happen;
* ``destination`` -- after to/into/towards/reached: where a movement ends;
* ``origin`` -- after from/out of/left, or "from positions in X": where it started;
* ``modifier`` -- a name qualifying an actor rather than placing the event: "a Misrata
  brigade", "the Tripoli government", "Benghazi-based";
* ``mention`` -- anything else (a target, a possessive "Libya's").

The place is chosen by role group first -- at, destination and mention; then modifier; then
origin (for a movement, ``movement=True``, the destination alone comes first: "from Syria to
Libya" is placed in Libya) -- then by specificity (facility, city, region, country: a city
beats the country it is in), then by role (at before destination before mention), then by
position. So "Islamic State fighters attacked a checkpoint of a Misrata brigade at Abu
Grein" is placed at Abu Grein, and "Sirte, Libya" at Sirte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .hints import hint_from_context
from .place import Place
from .resolve import resolve

Span = tuple[str, int, int, str]  # (text, start, end, spaCy label: GPE | LOC | FAC)

_SPECIFICITY = {"facility": 0, "city": 1, "region": 2, "country": 3}
_ROLE_ORDER = {"at": 0, "destination": 1, "mention": 2, "modifier": 3, "origin": 4}

_AT = {"in", "at", "near", "outside", "inside", "around", "across", "within", "on", "off", "over",
       "throughout", "along", "outskirts", "of", "between", "against", "targeting", "hit", "struck"}
_TO = {"to", "into", "towards", "toward", "reached", "reaching", "entered", "entering", "arrived"}
_VIA = {"via", "through"}  # a waypoint: neither where it started nor where it ended
_FROM = {"from", "left", "leaving", "fled", "fleeing", "out"}
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
_COMPASS = re.compile(r"\b(north|south|east|west|central|northern|southern|eastern|western)\s+$", re.I)
_WORDS = re.compile(r"[A-Za-z]+|[,;:.!?()]")
_MODIFIER_AFTER = re.compile(
    r"^(?:-based|-backed|-led|\s+(?:brigade|brigades|militia|militias|forces|force|fighters|government|"
    r"authorities|council|parliament|army|battalion|battalions|group|groups|officials?|leaders?|mayor|"
    r"municipality|commander|commanders|administration|cabinet|residents|tribes?|elders|units?|"
    r"operations\s+room|revolutionaries|police|guards?|coastguard|coast\s+guard)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Location:
    """The chosen place, the toponym it came from, where that was found and in what role."""

    place: Place
    span: Span
    level: str  # clause | sentence | dateline
    role: str  # at | destination | mention | modifier | origin


def role_of(text: str, start: int, end: int) -> str:
    """The role of the toponym at ``text[start:end]`` (see the module docstring)."""
    if _MODIFIER_AFTER.match(text[end : end + 40]):
        return "modifier"
    words = [w.lower() for w in _WORDS.findall(text[max(0, start - 60) : start])][-4:]
    for i in range(len(words) - 1, -1, -1):  # the nearest word that says something wins
        w = words[i]
        if w in ",;:.!?()":
            break
        if w in _VIA:
            return "mention"
        if w in _FROM:
            return "origin"
        if w in _TO:
            return "destination"
        if w in _AT or (w in _DIRECTIONS and i + 1 < len(words) and words[i + 1] == "of"):
            # "from positions in X", "out of camps near X": still an origin.
            return "origin" if any(x in _FROM for x in words[max(0, i - 3) : i]) else "at"
    return "mention"


def _resolve_span(span: Span, text: str, context: Sequence[str]) -> Place | None:
    name, start, end, _label = span
    hint = hint_from_context(text, start, end) if text else None
    if text:
        # "in eastern Libya": spaCy leaves the direction out of the entity, the regions keep it.
        m = _COMPASS.search(text[max(0, start - 12) : start])
        if m:
            place = resolve(f"{m.group(1)} {name}", context_countries=context, hint_country=hint)
            if place is not None and place.precision == "region":
                return place
    return resolve(name, context_countries=context, hint_country=hint)


def _best(spans: Sequence[Span], level: str, text: str, context: Sequence[str], movement: bool,
          cache: dict[Span, tuple[Place | None, str]] | None = None) -> Location | None:
    ranked = []
    for pos, span in enumerate(spans):
        if cache is not None and span in cache:
            place, role = cache[span]
        else:
            place = _resolve_span(span, text, context)
            role = (role_of(text, span[1], span[2]) if text else "mention") if place is not None else ""
            if cache is not None:
                cache[span] = (place, role)
        if place is None:
            continue
        if movement and role == "destination":
            group = 0
        else:
            group = {"modifier": 2, "origin": 3}.get(role, 1 if movement else 0)
        key = (group, _SPECIFICITY.get(place.precision, 9), _ROLE_ORDER[role], pos)
        ranked.append((key, Location(place, span, level, role)))
    return min(ranked, key=lambda r: r[0])[1] if ranked else None


def locate(
    clause: Sequence[Span],
    *,
    text: str = "",
    sentence: Sequence[Span] = (),
    dateline: Sequence[Span] = (),
    context_countries: Sequence[str] = (),
    movement: bool = False,
    cache: dict[Span, tuple[Place | None, str]] | None = None,
) -> Location | None:
    """The place of an event, from the toponyms of its clause, else sentence, else dateline.

    ``clause``, ``sentence``, ``dateline``: GPE/LOC/FAC spans ``(text, start, end, label)``
    with offsets into ``text`` (the article text). ``sentence`` may repeat the clause's spans.
    ``text`` is needed for roles and hints; without it every toponym is a plain mention.
    ``context_countries``: ISO3 codes in play in the article (see
    :func:`sitrep.geo.hints.countries_in_text`). ``movement``: the event moves people or
    things (deployments, flights, transfers), so its destination is its place. ``cache``: a
    dict kept for one article (same ``text`` and ``context_countries``) that remembers each
    span's place and role between calls.
    """
    clause_keys = {(s[1], s[2]) for s in clause}
    rest = [s for s in sentence if (s[1], s[2]) not in clause_keys]
    for level, spans in (("clause", clause), ("sentence", rest), ("dateline", dateline)):
        if spans:
            found = _best(spans, level, text, context_countries, movement, cache)
            if found is not None:
                return found
    return None
