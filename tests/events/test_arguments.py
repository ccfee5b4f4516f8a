"""Who did it: owners of 'his country', authors of condemned acts, peoples named by demonym."""

from __future__ import annotations

from sitrep.engines.local import analyse
from sitrep.models import RawDocument, Source


def _events(text: str) -> list[dict]:
    (a,) = analyse([RawDocument(Source("t", "t", "txt"), text, title="Test")])
    return list(a.events)


def test_his_country_is_the_speakers() -> None:
    events = _events("Speaking in Oslo, the Danish prime minister said her government would meet all of Greenland's demands.")
    concessions = [e for e in events if e["type"] == "CONCEDE"]
    assert concessions and concessions[0]["source_code"] == "DNK", events


def test_the_author_of_a_condemned_act_is_not_the_condemner() -> None:
    events = _events("Egypt condemned the attack on the embassy in Kabul.")
    assert not [e for e in events if e["type"] == "ASSAULT" and e["source_code"] == "EGY"], events


def test_an_act_to_be_countered_is_not_the_counterers() -> None:
    events = _events("Spain is preparing to counter the threat together with France.")
    assert not [e for e in events if e["type"] == "THREATEN"], events


def test_a_people_named_by_demonym_protests_as_people() -> None:
    events = _events("Thousands of Armenians rallied in Yerevan against the border deal.")
    assert [e["type"] for e in events if e["source_code"] == "ARM"] == ["PROTEST"], events


def test_armed_men_are_unidentified_attackers_where_they_struck() -> None:
    events = _events("Armed men abducted two teachers from a school in northern Cameroon on Monday.")
    found = [e for e in events if e["type"] == "ASSAULT"]
    assert found and (found[0]["source_code"], found[0]["source_sector"]) == ("CMR", "UAF"), events


def test_a_court_sentences_for_the_state_it_sits_in() -> None:
    events = _events("A court in Ankara sentenced the journalist to three years in prison.")
    found = [e for e in events if e["type"] == "SANCTION"]
    assert found and found[0]["source_code"] == "TUR", events


def test_joint_acts_go_both_ways() -> None:
    events = _events("Chile and Peru signed a fisheries agreement in Lima on Monday.")
    pairs = {(e["source_code"], e["target_code"]) for e in events if e["type"] == "SUPPORT"}
    assert {("CHL", "PER"), ("PER", "CHL")} <= pairs, events


def test_withdrawing_from_a_state_targets_it() -> None:
    events = _events("Denmark withdrew its soldiers from Mali on Friday.")
    found = [e for e in events if e["type"] == "RETREAT"]
    assert found and found[0]["target_code"] == "MLI", events


def test_described_victims_are_coded_where_they_were_hit() -> None:
    events = _events("Soldiers of the Sudanese army killed dozens of civilians in the town of El Fasher.")
    found = [e for e in events if e["type"] == "ASSAULT"]
    assert found and (found[0]["target_code"], found[0]["target_sector"]) == ("SDN", "CVL"), events


def test_protesters_setting_fire_riot() -> None:
    events = _events("Protesters in Basra set fire to the offices of the provincial council.")
    assert [e["type"] for e in events if e["source_code"] == "IRQ"] == ["PROTEST"], events


def test_the_army_in_a_spokesmans_mouth_is_his_sides() -> None:
    events = _events("Erdogan's spokesman said the army would not withdraw from northern Syria.")
    found = [e for e in events if e["type"] == "REJECT"]
    assert found and found[0]["source_code"] == "TUR", events


def test_a_seat_of_government_owns_its_ministry() -> None:
    events = _events("Baghdad's interior ministry banned all demonstrations in the capital.")
    found = [e for e in events if e["type"] == "COERCE"]
    assert found and found[0]["source_code"] == "IRQ", events
