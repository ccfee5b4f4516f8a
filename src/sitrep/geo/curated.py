"""Our own gazetteer data: aliases, facilities, regions and country names (YAML in ./data).

Every file is validated on load; a mistake names the file, the entry and the field, so a bad
edit fails the loading test (tests/geo/test_data.py) rather than a run.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .place import PRECISIONS

_ISO3 = re.compile(r"^[A-Z]{3}$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class GazetteerDataError(ValueError):
    """A data file under sitrep/geo/data is malformed."""

    def __init__(self, file: str, entry: str, detail: str) -> None:
        super().__init__(f"sitrep/geo/data/{file}: {entry}: {detail}")


@dataclass(frozen=True)
class Curated:
    """One place from our data files.

    Either ``geonames_id`` ties it to a GeoNames city (whose coordinates are used) or
    ``country``/``lat``/``lon`` make it an entry of its own. ``countries`` is set for regions.
    """

    name: str
    aliases: tuple[str, ...]
    source: str
    precision: str
    geonames_id: int | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    countries: tuple[str, ...] = ()


def _read(file: str) -> Any:
    text = resources.files(__package__).joinpath("data").joinpath(file).read_text("utf-8")
    return yaml.load(text, Loader=_LOADER)  # a safe loader; the C one when libyaml is installed


def _iso3(value: Any, file: str, entry: str) -> str:
    if not isinstance(value, str) or not _ISO3.match(value):
        raise GazetteerDataError(file, entry, f"country must be an ISO 3166-1 alpha-3 code, not {value!r}")
    return value


def _coordinate(item: dict[str, Any], field: str, limit: float, file: str, entry: str) -> float:
    value = item.get(field)
    if not isinstance(value, (int, float)) or not -limit <= value <= limit:
        raise GazetteerDataError(file, entry, f"{field} must be a number within ±{limit:g}, not {value!r}")
    return float(value)


_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _aliases(item: dict[str, Any], file: str, entry: str) -> tuple[str, ...]:
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise GazetteerDataError(file, entry, "aliases must be a list of non-empty strings")
    # The resolver drops a leading "the" from what it is asked, so the index must not keep it.
    return tuple(_THE.sub("", a.strip()) for a in aliases)


def _place(item: Any, source: str, file: str, default_precision: str) -> Curated:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        raise GazetteerDataError(file, repr(item)[:60], "every place needs a name")
    entry = item["name"]
    aliases = _aliases(item, file, entry)
    precision = item.get("precision", default_precision)
    if precision not in PRECISIONS:
        raise GazetteerDataError(file, entry, f"precision must be one of {PRECISIONS}, not {precision!r}")
    gid = item.get("geonames_id")
    if gid is not None:
        if not isinstance(gid, int) or gid <= 0:
            raise GazetteerDataError(file, entry, f"geonames_id must be a positive integer, not {gid!r}")
        return Curated(entry, aliases, source, precision, geonames_id=gid)
    population = item.get("population")
    if population is not None and (not isinstance(population, int) or population < 0):
        raise GazetteerDataError(file, entry, f"population must be a whole number, not {population!r}")
    return Curated(
        entry, aliases, source, precision,
        country=_iso3(item.get("country"), file, entry),
        lat=_coordinate(item, "lat", 90, file, entry),
        lon=_coordinate(item, "lon", 180, file, entry),
        population=population,
    )


def _blocks(file: str, key: str) -> list[tuple[str, list[Any]]]:
    data = _read(file)
    if not isinstance(data, list):
        raise GazetteerDataError(file, "top level", "must be a list of blocks with source and " + key)
    blocks = []
    for i, block in enumerate(data):
        if not isinstance(block, dict) or not isinstance(block.get("source"), str) or not block["source"].strip():
            raise GazetteerDataError(file, f"block {i + 1}", "every block needs a source")
        items = block.get(key)
        if not isinstance(items, list) or not items:
            raise GazetteerDataError(file, f"block {i + 1}", f"needs a non-empty list '{key}'")
        blocks.append((block["source"], items))
    return blocks


@lru_cache(maxsize=1)
def aliases() -> tuple[Curated, ...]:
    """aliases.yaml: news spellings tied to GeoNames ids, and our own town entries."""
    return tuple(_place(item, src, "aliases.yaml", "city") for src, items in _blocks("aliases.yaml", "places")
                 for item in items)


@lru_cache(maxsize=1)
def facilities() -> tuple[Curated, ...]:
    """facilities.yaml: air bases, airports and ports named as places."""
    return tuple(_place(item, src, "facilities.yaml", "facility")
                 for src, items in _blocks("facilities.yaml", "places") for item in items)


@lru_cache(maxsize=1)
def regions() -> tuple[Curated, ...]:
    """regions.yaml: named regions with a representative point and the countries they span."""
    out = []
    for src, items in _blocks("regions.yaml", "regions"):
        for item in items:
            place = _place({**item, "country": "XXX"}, src, "regions.yaml", "region")
            countries = item.get("countries")
            if not isinstance(countries, list):
                raise GazetteerDataError("regions.yaml", place.name, "countries must be a list (may be empty)")
            codes = tuple(_iso3(c, "regions.yaml", place.name) for c in countries)
            out.append(Curated(place.name, place.aliases, src, "region", lat=place.lat, lon=place.lon,
                               country=codes[0] if len(codes) == 1 else None, countries=codes))
    return tuple(out)


@lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, ...]]:
    """countries.yaml: extra names and adjectives per ISO3 code."""
    data = _read("countries.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("source"), str):
        raise GazetteerDataError("countries.yaml", "top level", "needs a source and a countries mapping")
    table = data.get("countries")
    if not isinstance(table, dict):
        raise GazetteerDataError("countries.yaml", "countries", "must map ISO3 codes to lists of names")
    out = {}
    for code, names in table.items():
        _iso3(code, "countries.yaml", str(code))
        out[code] = _aliases({"aliases": names}, "countries.yaml", code)
    for code, names in _state_names().items():
        out[code] = tuple(dict.fromkeys((*out.get(code, ()), *names)))
    return out


def _state_names() -> dict[str, tuple[str, ...]]:
    """The short names and adjectives of the actors' state table (states.csv), so that a country
    known to the actors ("East Timor") is known to the places too; a form two states share
    ("Congolese") names neither."""
    text = resources.files("sitrep.actors").joinpath("data/states.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    forms: dict[str, list[str]] = {}
    owners: dict[str, set[str]] = {}
    for row in rows:
        code = row["iso3"]
        for col in ("short_names", "adjectives"):
            for form in filter(None, (f.strip() for f in (row.get(col) or "").split("|"))):
                forms.setdefault(code, []).append(form)
                owners.setdefault(form.casefold(), set()).add(code)
    return {code: tuple(f for f in fs if len(owners[f.casefold()]) == 1) for code, fs in forms.items()}
