"""Country hints from the words around a toponym, and the countries a text names."""

from __future__ import annotations

import pytest

from sitrep.geo import countries_in_text, hint_from_context


def hint(text: str, toponym: str) -> str | None:
    start = text.index(toponym)
    return hint_from_context(text, start, start + len(toponym))


@pytest.mark.parametrize(
    ("text", "toponym", "code"),
    [
        ("Troops entered the Libyan city of Sirte on Friday.", "Sirte", "LBY"),
        ("Shelling hit the Lebanese port city of Tripoli.", "Tripoli", "LBN"),
        ("Fighting spread to Libya's eastern city of Benghazi.", "Benghazi", "LBY"),
        ("The Libyan capital Tripoli was quiet.", "Tripoli", "LBY"),
        ("Russian ships docked at Syria's Tartus.", "Tartus", "SYR"),
        ("TRIPOLI, Libya (Reuters) - The envoy arrived.", "TRIPOLI", "LBY"),
        ("Protests in Tripoli (Lebanon) continued.", "Tripoli", "LBN"),
        ("A rally in Tripoli in northern Lebanon drew crowds.", "Tripoli", "LBN"),
        ("Clashes in Benghazi, in eastern Libya, killed four.", "Benghazi", "LBY"),
        ("He returned to Tripoli, the Lebanese port city, in May.", "Tripoli", "LBN"),
        ("A court in Alexandria, Virginia, heard the case.", "Alexandria", "USA"),
        ("She was born in Tbilisi, Georgia.", "Tbilisi", "GEO"),
    ],
)
def test_hint_patterns(text: str, toponym: str, code: str) -> None:
    assert hint(text, toponym) == code


@pytest.mark.parametrize(
    ("text", "toponym"),
    [
        ("Fighters moved between Tripoli, Misrata and Sirte.", "Tripoli"),
        ("Talks were held in Tunis, Egypt and Algeria sent envoys.", "Tunis"),  # a list, not a hint
        ("Forces of the Tripoli government attacked the city of Sirte.", "Sirte"),
        ("The Turkish-backed town of Afrin was shelled.", "Afrin"),
        ("Sirte", "Sirte"),
    ],
)
def test_no_hint(text: str, toponym: str) -> None:
    assert hint(text, toponym) is None


def test_countries_in_text_in_order_of_mention() -> None:
    text = "The UAE and Egypt backed the LNA, while Turkish drones and U.S. officials watched Russia's moves."
    assert countries_in_text(text) == ("ARE", "EGY", "TUR", "USA", "RUS")


def test_countries_in_text_ignores_lower_case_words() -> None:
    assert countries_in_text("let us go to the chad of turkey") == ()


@pytest.mark.parametrize(
    "before",
    ["Troops entered the Libyan city of ", "the Lebanese port city of\t", "the Syrian border  town ,  ",
     "the Libyan capital, ", "the Libyan capital,", "Libya's eastern city", "near the Tunisian oasis of  ,",
     "Libya's ", "a report from the Libyan city of Sirte and ", "supporters of", "the city of the"],
)
def test_feature_precheck_never_skips_a_match(before: str) -> None:
    """The cheap check before the place-noun pattern must hold wherever the pattern matches."""
    from sitrep.geo.hints import _BEFORE_FEATURE, _BEFORE_POSSESSIVE, _ends_with_feature

    assert _ends_with_feature(before) or not _BEFORE_FEATURE.search(before)
    possessive = _BEFORE_POSSESSIVE.search(before)
    assert before.rstrip().endswith(("'s", "’s")) or not (possessive and possessive.group("c").endswith(("'s", "’s")))
