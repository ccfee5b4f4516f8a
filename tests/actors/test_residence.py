"""'Title Name of State' and 'Adjective Demonym': whom the text says a person or a people acts for."""

from __future__ import annotations

from sitrep.engines.local import analyse
from sitrep.models import RawDocument, Source


def _mentions(text: str) -> list[dict]:
    (a,) = analyse([RawDocument(Source("t", "t", "txt"), text, title="Test")])
    return list(a.mentions)


def test_title_name_of_state_gives_the_principal() -> None:
    ms = _mentions("Emir Saif Karimov of Kuwait received the delegation on Monday.")
    person = [m for m in ms if m["text"].startswith("Emir")]
    assert person and person[0]["code"] == "KWT" and person[0]["text"].endswith("of Kuwait")
    assert not [m for m in ms if m["text"] == "Kuwait"]  # absorbed into the person's mention


def test_residents_named_by_state_and_nation_are_coded_by_residence() -> None:
    ms = _mentions("Bosnian Croats demanded new talks, and Iraqi Kurds held a rally in Erbil.")
    codes = {m["text"]: (m["code"], m["sector"]) for m in ms}
    assert codes.get("Bosnian Croats") == ("BIH", "CVL")
    assert codes.get("Iraqi Kurds") == ("IRQ", "CVL")


def test_a_demonym_alone_keeps_its_state() -> None:
    ms = _mentions("Croats voted on Sunday.")
    assert [(m["text"], m["code"]) for m in ms] == [("Croats", "HRV")]
