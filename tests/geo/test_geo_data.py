"""The data files load, every entry is reachable by its names, and the coordinates are sane."""

from __future__ import annotations

import pytest

from sitrep.geo import curated, load_gazetteer, resolve
from sitrep.geo.place import distance_km

ALL = curated.aliases() + curated.facilities() + curated.regions()


def test_every_block_has_a_source() -> None:
    assert all(c.source.strip() for c in ALL)


@pytest.mark.parametrize("entry", [c for c in curated.aliases() if c.geonames_id is not None], ids=lambda c: c.name)
def test_geonames_ids_exist_in_the_loaded_data(entry: curated.Curated) -> None:
    ids = {e.place.geonames_id for e in load_gazetteer().entries}
    assert entry.geonames_id in ids


@pytest.mark.parametrize("entry", ALL, ids=lambda c: c.name)
def test_every_name_and_alias_resolves_to_its_entry(entry: curated.Curated) -> None:
    for name in (entry.name, *entry.aliases):
        place = resolve(name)
        assert place is not None and place.name == entry.name, f"{name!r} -> {place}"


@pytest.mark.parametrize(
    "entry", [c for c in ALL if c.geonames_id is None and c.country is not None], ids=lambda c: c.name
)
def test_own_entries_lie_near_their_country(entry: curated.Curated) -> None:
    # Catches swapped lat/lon and wrong signs: every such place is within 1,600 km of its
    # country's representative point (the capital).
    country = load_gazetteer().country(entry.country or "")
    assert country is not None
    assert entry.lat is not None and entry.lon is not None
    assert distance_km(entry.lat, entry.lon, country.lat, country.lon) < 1600


@pytest.mark.parametrize(("iso3", "names"), sorted(curated.country_names().items()))
def test_country_names_resolve_to_the_country(iso3: str, names: tuple[str, ...]) -> None:
    for name in names:
        place = resolve(name)
        assert place is not None and (place.country, place.precision) == (iso3, "country"), name


def test_a_bad_file_names_the_file_entry_and_field() -> None:
    with pytest.raises(curated.GazetteerDataError, match=r"aliases.yaml: X: lat must be"):
        curated._place({"name": "X", "country": "LBY", "lat": 95, "lon": 10}, "s", "aliases.yaml", "city")
