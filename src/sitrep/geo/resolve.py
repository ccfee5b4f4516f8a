"""A toponym to a place: :func:`resolve` and :func:`candidates`.

The cascade, in order; each step runs only if the earlier ones found nothing:

1. the name as given, cleaned ("the", quotes, a possessive 's dropped), looked up under its
   strict, unarticled and loose keys (:mod:`sitrep.geo.normalize`); "X, Libya" and
   "X (Lebanon)" are split into the name and an explicit hint;
2. the name without descriptive words around it ("the port city of X", "X air base",
   "northern X", "X province");
3. a country name or adjective in a form our tables lack, through country_converter's
   regular expressions ("Syrian Arab Republic", "Republic of Türkiye"), if a name of the
   country we know stands in it (its regexes alone read "Cameron" as Cameroon).

Among the candidates of a name, the one with the highest score wins; the score, in log10
units of "how many people's worth of prominence", adds up:

* the entry's prior -- a city's population, a fixed high value for countries, regions and
  facilities (sitrep.geo.gazetteer);
* how good the matched name is: ours (+2: a name in aliases.yaml is our word that, in this
  corpus, it means that place), GeoNames' own name (+0.5), an alternate (0; a penalty would
  also sink English exonyms like Odessa, which GeoNames files as alternates);
* +1.5 if the entry lies in a country already in play in the article (``context_countries``);
* +4 if it lies in the country the text names next to it (``hint_country``), which
  overrides anything short of another hint.

So "Tripoli" (both Tripolis are in aliases.yaml) is Libya's by population (6.1 + 2 > 5.4 + 2);
with LBN in play and LBY not, Lebanon's (5.4 + 2 + 1.5); with both, Libya's; with a hint,
whatever the hint says. A curated name is not taken over by a small town elsewhere just
because that town's country is in play (Geneva stays Swiss in a story about US envoys:
5.3 + 2 > 4.3 + 0.5 + 1.5). A country named outright is the country, not its capital, and
outranks any town of the same name even with that town's country in play (Lebanon,
Pennsylvania; Jordan, Minnesota).

Person names: "Chad", "Jordan", "Georgia" resolve to countries. Deciding that a span is a
person is the caller's job (pass GPE/LOC/FAC spans, not PERSON ones).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .. import caching
from .gazetteer import Match, load_gazetteer
from .normalize import fold
from .place import Place

log = logging.getLogger(__name__)

# Score terms (see the module docstring). Tuned on tests/gold/places_dev.jsonl together with
# the priors in sitrep.geo.gazetteer; change them together and re-run `sitrep eval places`.
TIER_BONUS = (2.0, 0.5, 0.0)
CONTEXT_BONUS = 1.5
HINT_BONUS = 4.0

_QUOTES = "\"'“”‘’«»()[]"
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_TAIL_COUNTRY = re.compile(r"^(?P<name>[^,(]+?)\s*(?:,\s*|\(\s*)(?P<country>[^,()]+?)\s*\)?$")
_LEADING = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|coastal|outer|inner|greater|old|"
    r"downtown|suburban|rural)\s+)*"
    r"(?:(?:port\s+)?(?:city|town|village|oasis|port|province|region|district|governorate|municipality|"
    r"area|outskirts|suburbs?|island|capital)\s+of\s+)?",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s+(?:city|town|village|oasis|province|region|district|governorate|municipality|area|"
    r"port|harbou?r|air\s*base|airbase|airport|airfield|air\s+field|military\s+base|naval\s+base|base|"
    r"oil\s+terminal|terminal|oil\s*field|refinery|front(?:\s*line)?|frontline|crossing|border\s+crossing|"
    r"checkpoint|camp|outskirts|suburbs?)$",
    re.IGNORECASE,
)


def clean_name(name: str) -> str:
    """The name without surrounding quotes and punctuation, a leading "the" or a possessive."""
    s = " ".join(name.split()).strip(_QUOTES + " ,.;:")
    s = re.sub(r"^(?:the)\s+", "", s, flags=re.IGNORECASE)
    return _POSSESSIVE.sub("", s).strip()


def country_code(name_or_code: str | None) -> str | None:
    """ISO3 for a country name, adjective or upper-case code ("Libyan", "Libya", "LBY"), else None."""
    if not name_or_code:
        return None
    g = load_gazetteer()
    s = name_or_code.strip()
    if len(s) == 3 and s.isupper() and s in g.country_entry:
        return s
    return g.country_of_name.get(fold(clean_name(s))) or _coco(s)


@lru_cache(maxsize=1)
def _converter() -> Any:
    """One country_converter instance per process: building one reads its table with pandas (~50 ms)."""
    import country_converter as coco  # pandas-heavy (0.4 s): imported on the first rare miss only

    return coco.CountryConverter()


@lru_cache(maxsize=4096)
def _coco(name: str) -> str | None:
    """Last resort for country names: country_converter's regexes (imported only when needed)."""
    if len(name.split()) > 5 or not any(ch.isalpha() for ch in name):
        return None
    logger = logging.getLogger("country_converter.country_converter")
    quiet, logger.disabled = logger.disabled, True  # it warns on every miss
    try:
        code = _converter().convert(name, src="regex", to="ISO3", not_found=None)
    finally:
        logger.disabled = quiet
    g = load_gazetteer()
    if not isinstance(code, str) or code not in g.country_entry:
        return None
    # Its regexes match substrings ("Cameron" is Cameroon to it): accept a code only if one of
    # the country's names or adjectives we know stands in the name as whole words.
    words = f" {fold(name)} "
    if any(f" {key} " in words for key, iso3 in g.country_of_name.items() if iso3 == code):
        return code
    return None


def _score(m: Match, context: frozenset[str], hint: str | None) -> float:
    e = m.entry
    score = e.prior + TIER_BONUS[m.tier]
    if context and context.intersection(e.countries):
        score += CONTEXT_BONUS
    if hint and hint in e.countries:
        score += HINT_BONUS
    return score


def _ranked(matches: list[Match], context: frozenset[str], hint: str | None) -> list[Match]:
    # Ties go to the larger prior, then to the smaller GeoNames id, so results are stable.
    return sorted(matches, key=lambda m: (-_score(m, context, hint), -m.entry.prior,
                                          m.entry.place.geonames_id or 0, m.entry.place.name))


def _variants(name: str) -> list[str]:
    out = []
    stripped = _TRAILING.sub("", _LEADING.sub("", name)).strip()
    for v in (_LEADING.sub("", name).strip(), _TRAILING.sub("", name).strip(), stripped):
        if v and v != name and v not in out:
            out.append(v)
    return out


@lru_cache(maxsize=caching.NAMES)  # pure for the process's gazetteer; the same names in article after article
def _lookup(name: str) -> tuple[list[Match], str | None]:
    """Matches for a cleaned name, and a hint found inside it ("Tripoli, Lebanon"); the list is
    shared between calls (cached): read it, never change it."""
    g = load_gazetteer()
    matches = g.lookup(name)
    if matches:
        return matches, None
    m = _TAIL_COUNTRY.match(name)
    if m:
        code = country_code(m.group("country"))
        if code:
            return _lookup(m.group("name"))[0], code
    for v in _variants(name):
        matches = g.lookup(v)
        if matches:
            return matches, None
    code = _coco(name)
    if code:
        idx = g.country_entry[code]
        return [Match(g.entries[idx], 0)], None
    return [], None


def candidates(name: str, *, context_countries: Sequence[str] = (), hint_country: str | None = None) -> list[Place]:
    """All places ``name`` may stand for, best first (same order :func:`resolve` uses)."""
    return list(_candidates(name, frozenset(c.upper() for c in context_countries), hint_country))


@lru_cache(maxsize=caching.PER_ARTICLE)  # pure for the process's gazetteer; an article asks for its places again and again
def _candidates(name: str, context: frozenset[str], hint_country: str | None) -> tuple[Place, ...]:
    cleaned = clean_name(name)
    if not cleaned:
        return ()
    matches, inner_hint = _lookup(cleaned)
    hint = country_code(hint_country) or inner_hint
    seen: set[Place] = set()
    out = []
    for m in _ranked(matches, context, hint):
        if m.entry.place not in seen:
            seen.add(m.entry.place)
            out.append(m.entry.place)
    return tuple(out)


def resolve(name: str, *, context_countries: Sequence[str] = (), hint_country: str | None = None) -> Place | None:
    """The place a toponym most likely stands for, or None.

    ``context_countries``: ISO3 codes of the countries already in play in the article.
    ``hint_country``: the country the text names next to the toponym ("the Libyan city of
    X", "X, Libya"; see :func:`sitrep.geo.hints.hint_from_context`), as ISO3 or a name.
    """
    found = candidates(name, context_countries=context_countries, hint_country=hint_country)
    if not found:
        log.debug("no place for %r", name)
        return None
    return found[0]
