"""Toponym spans for :func:`sitrep.geo.locate.locate`, when the NER model's labels fall short.

The small English spaCy model labels many Libyan places as ORG or PERSON ("a Misrata
brigade" ORG, "Abu Grein" ORG, "al-Jufra" PERSON) and misses others. :func:`find_toponyms`
takes the model's entities and returns the toponym spans of a stretch of text:

1. every GPE, LOC and FAC entity, as the model gave it (grown to "X air base" when the
   words after it make the name of a facility we know: "the Jufra airbase"), except one
   that ends an organisation's name the model split ("Islamic State of Iraq" ORG "and the"
   "Levant" GPE);
2. an ORG or PERSON entity whose whole text is one of our own names (data/*.yaml) or the
   GeoNames name of a place in the theatre countries (Libya, its neighbours, Malta, Syria,
   Lebanon) -- matched strictly, without the loose transliteration key; a PERSON named
   like a country (Jordan, Chad, Georgia) stays a person;
3. in text no entity covers, a capitalised phrase that is one of our own names
   ("Abu Grein", "al-Watiya", "Oil Crescent"); the GeoNames names are not used here, as too
   many small towns are also English words or first names.

:func:`dateline_span` finds the "TRIPOLI, Libya (Reuters) -" opening of a wire story, whose
toponyms are the last resort of :func:`locate`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .. import caching
from .gazetteer import CURATED, GEONAMES_NAME, load_gazetteer
from .locate import Span
from .resolve import clean_name

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELABELLED = frozenset({"ORG", "PERSON"})
FOUND_LABEL = "GAZ"  # label of spans found by the gazetteer itself

_PHRASE = re.compile(r"(?:al-|el-|as-|az-|ash-|ad-)?[A-Z][\w’'-]*(?:\s+(?:al-|el-|of\s+(?:the\s+)?)?[A-Z][\w’'-]*){0,4}")
_FACILITY_TAIL = re.compile(
    r"\s+(?:air\s*base|airbase|airport|air\s*field|airfield|naval\s+base|naval\s+facility|oil\s+terminal)\b",
    re.IGNORECASE)
_CONNECTOR = re.compile(r"^\s+(?:(?:and|of|in|for|the)\s+)+$")
_DATELINE = re.compile(r"^\s*(?P<where>[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,40})?)\s*(?:\([^)\n]{1,40}\)\s*)?[-–—]")


@lru_cache(maxsize=caching.NAMES)  # pure for the process's gazetteer; NER keeps asking the same names
def _is_place_name(name: str, *, theatre_cities: bool, countries: bool = True) -> bool:
    g = load_gazetteer()
    for m in g.lookup(clean_name(name), max_level=1):
        if m.tier == CURATED and (countries or m.entry.place.precision != "country"):
            return True
        if theatre_cities and m.tier <= GEONAMES_NAME and m.entry.place.precision == "city" \
                and m.entry.place.country in g.theatre:
            return True
    return False


# "the town of X", "the Iraqi city of X", "X province": the text itself says X is a place, so any
# GeoNames city of that name will do, in or out of the theatre.
_PLACE_NOUN_OF = re.compile(r"\b(?:town|city|village|port|capital|province|district|region|suburb|outskirts)\s+of\s+(?:the\s+)?$",
                            re.IGNORECASE)


_PLACE_PREP = re.compile(r"\b(?:in|into|across|throughout|inside|near)\s+(?:the\s+)?"
                         r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$",
                         re.IGNORECASE)


@lru_cache(maxsize=caching.NAMES)  # pure for the process's gazetteer
def _is_any_city(name: str) -> bool:
    return any(m.tier <= GEONAMES_NAME and m.entry.place.precision in ("city", "region")
               for m in load_gazetteer().lookup(clean_name(name), max_level=1))


# A city of a million or more is seldom also an organisation's name: the small model's ORG
# "Santiago" or "Karachi" is the city.
_BIG_CITY_PRIOR = 6.0  # log10 of the population


@lru_cache(maxsize=caching.NAMES)  # pure for the process's gazetteer
def is_big_city(name: str) -> bool:
    """Whether ``name`` is exactly the GeoNames name of a city of a million people or more."""
    return any(m.tier <= GEONAMES_NAME and m.entry.place.precision == "city" and m.entry.prior >= _BIG_CITY_PRIOR
               for m in load_gazetteer().lookup(clean_name(name), max_level=0))


def is_place_name(name: str) -> bool:
    """Whether ``name`` is one of our places or a theatre city (not a country): the actors stage
    uses it to keep place names the NER model tags PERSON or ORG out of the actors."""
    return _is_place_name(name, theatre_cities=True, countries=False)


def _with_facility(text: str, span: Span, limit: int) -> Span:
    """"Jufra" + " airbase": the entity grown to the facility's name when we know the facility."""
    m = _FACILITY_TAIL.match(text, span[2], limit)
    if m:
        name = text[span[1] : m.end()]
        if any(x.entry.place.precision == "facility" for x in load_gazetteer().lookup(clean_name(name), max_level=1)):
            return (name, span[1], m.end(), span[3])
    return span


def _tail_of_organisation(text: str, span: Span, orgs: Sequence[Span]) -> bool:
    """"The Islamic State of Iraq" ORG + " and the " + "Levant" GPE: the place ends the ORG's name."""
    return any(0 <= span[1] - o[2] <= 12 and _CONNECTOR.match(text[o[2] : span[1]]) for o in orgs)


def find_toponyms(text: str, start: int = 0, end: int | None = None, *, entities: Sequence[Span] = ()) -> list[Span]:
    """Toponym spans ``(text, start, end, label)`` within ``text[start:end]``, in text order.

    ``entities``: the NER entities of (at least) that stretch, as ``(text, start, end,
    label)`` with offsets into ``text``. Spans found by the gazetteer alone carry the label
    ``GAZ``.
    """
    end = len(text) if end is None else end
    inside = [e for e in entities if e[1] >= start and e[2] <= end]
    found: list[Span] = []
    orgs = [e for e in inside if e[3] == "ORG"]
    for ent in inside:
        if ent[3] in PLACE_LABELS and _tail_of_organisation(text, ent, orgs):
            continue
        # A PERSON called Jordan or Chad stays a person; a PERSON called Surman is a town.
        if ent[3] in PLACE_LABELS or (ent[3] in RELABELLED and _is_place_name(
                ent[0], theatre_cities=True, countries=ent[3] != "PERSON")) or (ent[3] == "ORG" and is_big_city(ent[0])):
            found.append(_with_facility(text, ent, end))
        elif _PLACE_NOUN_OF.search(text, max(0, ent[1] - 24), ent[1]) and _is_any_city(ent[0]):
            found.append(ent)  # "the town of Samarra" (tagged NORP): the text says it is a place
        elif ent[3] == "PERSON" and _PLACE_PREP.search(text, max(0, ent[1] - 30), ent[1]) \
                and _is_place_name(ent[0], theatre_cities=True):
            found.append(ent)  # "in northern Mali" (tagged PERSON): a person is not "in northern" anything
    covered = [(e[1], e[2]) for e in inside]
    for m in _PHRASE.finditer(text, start, end):
        if any(s < m.end() and m.start() < e for s, e in covered):
            continue
        words = [(m.start() + w.start(), m.start() + w.end()) for w in re.finditer(r"\S+", m.group())]
        i = 0
        while i < len(words):  # longest name first, left to right
            for j in range(len(words), i, -1):
                s, e = words[i][0], words[j - 1][1]
                if _is_place_name(text[s:e], theatre_cities=False):
                    found.append((text[s:e], s, e, FOUND_LABEL))
                    i = j
                    break
            else:
                i += 1
    return sorted(found, key=lambda s: (s[1], s[2]))


def dateline_span(text: str) -> tuple[int, int] | None:
    """Offsets of the place part of a dateline opening the text ("TRIPOLI, Libya"), else None."""
    m = _DATELINE.match(text[:120])
    if not m or not any(ch.isalpha() for ch in m.group("where")):
        return None
    return m.start("where"), m.start("where") + len(m.group("where").rstrip())
