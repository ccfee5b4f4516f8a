"""The resolver: ambiguity, context, hints, transliterations, countries, regions, facilities."""

from __future__ import annotations

import pytest

from sitrep.geo import Place, candidates, country_code, resolve


def where(place: Place | None) -> tuple[str, str | None, str] | None:
    return None if place is None else (place.name, place.country, place.precision)


@pytest.mark.parametrize(
    ("context", "hint", "country"),
    [
        ((), None, "LBY"),  # nothing in play: the most populous
        (("LBY", "ITA"), None, "LBY"),
        (("LBN",), None, "LBN"),
        (("LBN", "LBY"), None, "LBY"),
        (("LBY",), "LBN", "LBN"),  # an explicit hint beats the article's countries
        ((), "Lebanon", "LBN"),  # a hint may be a name
    ],
)
def test_tripoli_follows_hint_then_context_then_population(context: tuple[str, ...], hint: str | None, country: str) -> None:
    place = resolve("Tripoli", context_countries=context, hint_country=hint)
    assert place is not None and (place.name, place.country) == ("Tripoli", country)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tripoli, Lebanon", ("Tripoli", "LBN", "city")),
        ("Tripoli (Libya)", ("Tripoli", "LBY", "city")),
        ("Ţarţūs", ("Tartus", "SYR", "city")),
        ("Tartous", ("Tartus", "SYR", "city")),
        ("Misratah", ("Misrata", "LBY", "city")),
        ("Darnah", ("Derna", "LBY", "city")),
        ("Surt", ("Sirte", "LBY", "city")),
        ("Tubruq", ("Tobruk", "LBY", "city")),
        ("Ajdābiyā", ("Ajdabiya", "LBY", "city")),
        ("Sabhā", ("Sabha", "LBY", "city")),
        ("Az Zāwiyah", ("Zawiya", "LBY", "city")),
        ("Banghāzī", ("Benghazi", "LBY", "city")),
        ("Abu Grein", ("Abu Grein", "LBY", "city")),
        ("the port city of Misrata", ("Misrata", "LBY", "city")),
        ("Misrata airport", ("Misrata", "LBY", "city")),
        ("al-Watiya air base", ("al-Watiya air base", "LBY", "facility")),
        ("Hmeimim", ("Hmeimim air base", "SYR", "facility")),
        ("Sigonella", ("Sigonella", "ITA", "facility")),
        ("Gulf of Sirte", ("Gulf of Sirte", "LBY", "region")),
        ("eastern Libya", ("Cyrenaica", "LBY", "region")),
        ("the Sahel", ("Sahel", None, "region")),
        ("Jufra", ("al-Jufra", "LBY", "region")),
        ("northern Syria", ("Syria", "SYR", "country")),
        ("Libyan", ("Libya", "LBY", "country")),
        ("the UAE", ("United Arab Emirates", "ARE", "country")),
        ("U.S.", ("United States", "USA", "country")),
        ("Syrian Arab Republic", ("Syria", "SYR", "country")),  # through country_converter
        ("Republic of Türkiye", ("Turkey", "TUR", "country")),
    ],
)
def test_names(name: str, expected: tuple[str, str | None, str]) -> None:
    assert where(resolve(name)) == expected


@pytest.mark.parametrize(("name", "capital"), [("Libya", "Tripoli"), ("Egypt", "Cairo"), ("Lebanon", "Beirut")])
def test_a_country_is_the_country_not_its_capital(name: str, capital: str) -> None:
    place, city = resolve(name), resolve(capital)
    assert place is not None and city is not None
    assert (place.name, place.precision) == (name, "country")
    assert place.geonames_id != city.geonames_id
    # The capital only lends its coordinates as the country's representative point.
    assert (place.lat, place.lon) == (city.lat, city.lon)


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        ("Lebanon", ("USA",), "LBN"),  # not Lebanon, Pennsylvania
        ("Jordan", ("USA",), "JOR"),
        ("Georgia", ("USA",), "GEO"),
        ("Alexandria", ("USA",), "EGY"),  # context alone does not outweigh a city of five million
        ("Paris", ("USA",), "FRA"),
    ],
)
def test_context_does_not_override_prominence(name: str, context: tuple[str, ...], country: str) -> None:
    place = resolve(name, context_countries=context)
    assert place is not None and place.country == country


@pytest.mark.parametrize(("name", "hint", "country"), [("Alexandria", "USA", "USA"), ("Paris", "USA", "USA")])
def test_a_hint_does(name: str, hint: str, country: str) -> None:
    place = resolve(name, hint_country=hint)
    assert place is not None and place.country == country


@pytest.mark.parametrize("name", ["", "   ", "Haftar", "Xqzzyv", "the"])
def test_non_places_give_none(name: str) -> None:
    assert resolve(name) is None


def test_candidates_are_ranked_and_unique() -> None:
    found = candidates("Tripoli")
    assert [p.country for p in found[:2]] == ["LBY", "LBN"]
    assert len(found) == len(set(found))


@pytest.mark.parametrize(("given", "code"), [("Libyan", "LBY"), ("LBY", "LBY"), ("Hun", None), ("Misrata", None)])
def test_country_code(given: str, code: str | None) -> None:
    assert country_code(given) == code
