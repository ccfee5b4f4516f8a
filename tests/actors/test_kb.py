"""The actor knowledge base: the shipped data against its schema, lookups, validation, tenures.

The shipped KB is checked as it is (offices.yaml and people.yaml may still be absent); every
validation rule and the date logic are checked on small KBs written to tmp_path.
"""

from __future__ import annotations

import copy
import csv
from datetime import date
from pathlib import Path
from typing import Any, Callable

import country_converter as coco
import pytest
import yaml

from sitrep.actors.kb import (
    KINDS,
    SECTORS,
    KBWarning,
    KnowledgeBase,
    check,
    date_bounds,
    load_kb,
    name_key,
)
from sitrep.errors import E, SitrepError


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


# ------------------------------------------------------------------------------ shipped data
def test_load_kb_is_cached(kb: KnowledgeBase) -> None:
    assert load_kb() is kb


def test_states_cover_un_members_and_observers(kb: KnowledgeBase) -> None:
    data = coco.CountryConverter().data
    members = set(data[data.UNmember.notna()].ISO3)
    assert len(members) == 193
    assert members | {"VAT", "PSE", "XKX", "TWN"} == set(kb.states)


def test_every_state_has_name_short_form_and_adjective(kb: KnowledgeBase) -> None:
    for s in kb.states.values():
        assert s.name and s.short_names and s.adjectives, s.iso3
        assert s.capital, s.iso3


# The states that matter most in Middle East / North Africa / Europe / great-power news.
KEY_STATES = """LBY EGY TUN DZA MAR SDN TCD NER MLT ITA FRA GBR DEU ESP GRC TUR CYP RUS UKR USA CHN
QAT ARE SAU KWT BHR OMN YEM JOR LBN SYR IRQ IRN ISR PSE NLD BEL AUT CHE SWE NOR DNK POL PRT IRL
CAN JPN IND PAK AFG MRT MLI NGA SOM ETH ERI DJI BGR ROU SRB HUN CZE""".split()


@pytest.mark.parametrize("iso3", KEY_STATES)
def test_key_states_are_complete(kb: KnowledgeBase, iso3: str) -> None:
    s = kb.states[iso3]
    assert s.short_names and s.adjectives and s.demonyms and s.capital
    assert s.qid or iso3 == "NLD"


@pytest.mark.parametrize("iso3,qid", [("USA", "Q30"), ("LBY", "Q1016"), ("RUS", "Q159"), ("ITA", "Q38"),
                                      ("FRA", "Q142"), ("GBR", "Q145"), ("DEU", "Q183"), ("TUR", "Q43"),
                                      ("EGY", "Q79")])
def test_known_state_qids(kb: KnowledgeBase, iso3: str, qid: str) -> None:
    assert kb.states[iso3].qid == qid


@pytest.mark.parametrize("capital,iso3", [("Washington", "USA"), ("Moscow", "RUS"), ("Ankara", "TUR"),
                                          ("Abu Dhabi", "ARE"), ("Cairo", "EGY"), ("Rome", "ITA")])
def test_capital_metonyms(kb: KnowledgeBase, capital: str, iso3: str) -> None:
    assert kb.state_by_capital(capital).iso3 == iso3  # type: ignore[union-attr]


@pytest.mark.parametrize("capital", ["Tripoli", "Brussels", "Tunis"])
def test_places_are_not_metonyms(kb: KnowledgeBase, capital: str) -> None:
    assert kb.state_by_capital(capital) is None
    assert kb.state_by_capital(capital, metonym_only=False) is not None


def test_organisations_follow_the_schema(kb: KnowledgeBase) -> None:
    codes = set(kb.states) | {o.code for o in kb.organisations.values()}
    for o in kb.organisations.values():
        assert o.kind in KINDS and o.sector in SECTORS, o.id
        assert o.principal in codes, o.id
        assert o.aliases and o.source and o.block, o.id
        assert date_bounds(o.start)[0] <= date_bounds(o.end)[1], o.id
    assert len(kb.organisations) >= 150


def test_offices_and_people_follow_the_schema(kb: KnowledgeBase) -> None:
    codes = set(kb.states) | {o.code for o in kb.organisations.values()}
    assert all(office.org in codes for office in kb.offices.values())
    for p in kb.people.values():
        assert p.source, p.id
        for r in p.roles:
            assert r.office in kb.offices, (p.id, r.office)


@pytest.mark.parametrize("text,iso3", [
    ("Italy's", "ITA"), ("Italy’s", "ITA"), ("U.S.", "USA"), ("US", "USA"), ("the United States", "USA"),
    ("America", "USA"), ("Britain", "GBR"), ("U.K.", "GBR"), ("Britons", "GBR"), ("Emirati", "ARE"),
    ("UAE", "ARE"), ("Türkiye", "TUR"), ("Turks", "TUR"), ("Libyan", "LBY"), ("Libyans", "LBY"),
    ("Russian Federation", "RUS"), ("Syrian Arab Republic", "SYR"), ("Islamic Republic of Iran", "IRN"),
    ("The Gambia", "GMB"), ("Guinea Bissau", "GNB"), ("Egypt's", "EGY"), ("LIBYA", "LBY"),
])
def test_state_by_name(kb: KnowledgeBase, text: str, iso3: str) -> None:
    assert kb.state_by_name(text).iso3 == iso3  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["us", "Us", "IS", "Congolese", "Congo", "Korea", "Washington", "Nato"])
def test_state_by_name_refuses(kb: KnowledgeBase, text: str) -> None:
    assert kb.state_by_name(text) is None


@pytest.mark.parametrize("text,code", [
    ("Daesh", "ISIS"), ("IS", "ISIS"), ("ISIL", "ISIS"), ("Islamic State group", "ISIS"), ("Isis", "ISIS"),
    ("Nato", "NATO"), ("NATO", "NATO"), ("North Atlantic Treaty Organization", "NATO"), ("LNA", "LBY"),
    ("Haftar's forces", "LBY"), ("Haftar’s forces", "LBY"), ("Libyan Arab Armed Forces", "LBY"),
    ("Arab League", "ARL"), ("African Union", "AU"), ("UNSMIL", "UN"), ("UN Security Council", "UN"),
    ("al Qaeda", "AQ"), ("al-Qaida", "AQ"), ("AQIM", "AQIM"), ("Wagner Group", "RUS"), ("Pentagon", "USA"),
    ("the Kremlin", "RUS"), ("Farnesina", "ITA"), ("Operation Irini", "EU"), ("Hezbollah", "LBN"),
    ("the UN's", "UN"), ("Frontex", "EU"), ("Doctors Without Borders", "MSF"), ("HTS", "SYR"),
])
def test_org_by_alias(kb: KnowledgeBase, text: str, code: str) -> None:
    assert kb.org_by_alias(text).code == code  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["Is", "is", "the alliance", "Presidential Council", "Libya"])
def test_org_by_alias_refuses(kb: KnowledgeBase, text: str) -> None:
    assert kb.org_by_alias(text) is None


@pytest.mark.parametrize("text,day,org_id", [
    ("Presidential Council", date(2018, 6, 1), "org:presidential-council-gna"),
    ("Presidential Council", date(2022, 6, 1), "org:presidential-council-2021"),
    ("EUNAVFOR MED", date(2017, 1, 1), "org:eunavfor-med-sophia"),
    ("EUNAVFOR MED", date(2021, 1, 1), "org:eunavfor-med-irini"),
    ("Libyan parliament", date(2013, 1, 1), "org:gnc"),
])
def test_org_by_alias_on_a_date(kb: KnowledgeBase, text: str, day: date, org_id: str) -> None:
    assert kb.org_by_alias(text, on=day).id == org_id  # type: ignore[union-attr]


def test_anaphors_are_not_aliases(kb: KnowledgeBase) -> None:
    assert [o.code for o in kb.orgs_by_anaphor("the alliance")] == ["NATO"]
    assert [o.code for o in kb.orgs_by_anaphor("the world body")] == ["UN"]
    assert "org:gna" in {o.id for o in kb.orgs_by_anaphor("the UN-backed government", on=date(2018, 1, 1))}


@pytest.mark.parametrize("alias,country", [("NATO", "IGO"), ("UNSMIL", "UNO"), ("Operation Irini", "EUR"),
                                           ("ISIS", "IMG"), ("MSF", "NGO"), ("LNA", "LBY"), ("Eni", "ITA")])
def test_plover_country(kb: KnowledgeBase, alias: str, country: str) -> None:
    assert kb.plover_country(kb.org_by_alias(alias)) == country  # type: ignore[arg-type]


def test_shipped_kb_warnings_are_known_kinds(kb: KnowledgeBase) -> None:
    warnings = check(kb)
    assert all(isinstance(w, KBWarning) for w in warnings)
    ambiguous_states = {w.entry for w in warnings if w.rule == "ambiguous-state-name"}
    assert ambiguous_states <= {"congolese", "dominican", "dominicans"}
    assert not [w for w in warnings if w.rule == "state-org-clash"]


def test_shipped_holders(kb: KnowledgeBase) -> None:
    if "USA.head_of_state" not in kb.offices or not any(
            r.office == "USA.head_of_state" for p in kb.people.values() for r in p.roles):
        pytest.skip("people.yaml does not list US presidents yet")
    names = [p.name for p in kb.holders("USA.head_of_state", date(2016, 6, 1))]
    assert names == ["Barack Obama"]


def test_name_key() -> None:
    assert name_key("  the  Italy’s ") == "Italy"
    assert name_key("al-Qaeda") == name_key("al Qaeda")
    assert name_key("Emirates'") == "Emirates"


# ------------------------------------------------------------------------------ fixture KBs
STATE_ROWS = [
    ["LBY", "LY", "Libya", "Libya|State of Libya", "Libyan", "Libyans", "Tripoli", "false", "Q1016"],
    ["USA", "US", "United States", "United States|US|U.S.|America", "American|US|U.S.", "Americans",
     "Washington", "true", "Q30"],
    ["ITA", "IT", "Italy", "Italy", "Italian", "Italians", "Rome", "true", "Q38"],
]
ORGS: list[dict[str, Any]] = [{"block": "test", "source": "test fixture", "organisations": [
    {"id": "Q7184", "name": "NATO", "code": "NATO", "kind": "international organisation", "sector": "IGO",
     "principal": "NATO", "aliases": ["NATO", "Nato"], "anaphors": ["the alliance"]},
    {"id": "org:gna", "name": "Government of National Accord", "code": "LBY", "kind": "government body",
     "sector": "GOV", "principal": "LBY", "aliases": ["GNA", "Presidential Council"],
     "start": "2015-12-17", "end": "2021-03-16"},
    {"id": "org:pc", "name": "Presidential Council (2021-)", "code": "LBY", "kind": "government body",
     "sector": "GOV", "principal": "LBY", "aliases": ["Presidential Council"], "start": "2021-03-15"},
]}]
OFFICES: list[dict[str, Any]] = [
    {"office": "USA.head_of_state", "org": "USA", "sector": "GOV", "kind": "head_of_state", "titles": ["President"]},
    {"office": "LBY-GNA.head_of_government", "org": "LBY", "sector": "GOV", "kind": "head_of_government",
     "titles": ["Prime Minister"]},
    {"office": "NATO.member_rep", "org": "NATO", "sector": "GOV", "kind": "member", "titles": ["envoy"]},
]
PEOPLE: list[dict[str, Any]] = [{"block": "test", "source": "test fixture", "people": [
    {"id": "person:a", "name": "Alice Able", "aliases": ["Able"],
     "roles": [{"office": "USA.head_of_state", "start": "2009-01-20", "end": "2017-01-20"}]},
    {"id": "person:b", "name": "Bob Baker", "aliases": [],
     "roles": [{"office": "USA.head_of_state", "start": "2017-01-20", "end": None}]},
    {"id": "person:c", "name": "Carol Cole", "aliases": [],
     "roles": [{"office": "LBY-GNA.head_of_government", "start": 2016, "end": "2021-03-16"}]},
]}]


def write_kb(root: Path, states: list[list[str]] | None = None, orgs: Any = None, offices: Any = None,
             people: Any = None, header: list[str] | None = None) -> Path:
    with (root / "states.csv").open("w", newline="", encoding="utf-8") as f:
        f.write("# source: test fixture\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header or ["iso3", "iso2", "name", "short_names", "adjectives", "demonyms", "capital",
                              "capital_metonym", "qid"])
        w.writerows(STATE_ROWS if states is None else states)
    for name, data in (("organisations", orgs or ORGS), ("offices", offices), ("people", people)):
        if data is not None:
            (root / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


def full_kb(root: Path) -> KnowledgeBase:
    return load_kb(write_kb(root, offices=OFFICES, people=PEOPLE))


def test_offices_and_people_may_be_absent(tmp_path: Path) -> None:
    kb = load_kb(write_kb(tmp_path))
    assert kb.offices == {} and kb.people == {}
    assert kb.org_by_alias("Nato").id == "Q7184"  # type: ignore[union-attr]


def test_fixture_lookups(tmp_path: Path) -> None:
    kb = full_kb(tmp_path)
    assert kb.state_by_name("U.S.").iso3 == "USA"  # type: ignore[union-attr]
    assert kb.state_by_name("us") is None
    assert kb.org_by_alias("Presidential Council") is None
    assert kb.org_by_alias("Presidential Council", on=date(2019, 1, 1)).id == "org:gna"  # type: ignore[union-attr]
    assert [p.id for p in kb.people_by_name("Able")] == ["person:a"]
    assert kb.roles_of("person:c")[0].start == "2016"


@pytest.mark.parametrize("office,day,expected", [
    ("USA.head_of_state", date(2012, 5, 1), ["person:a"]),
    ("USA.head_of_state", date(2017, 1, 20), ["person:a", "person:b"]),  # handover day
    ("USA.head_of_state", date(2040, 1, 1), ["person:b"]),  # end: null is current
    ("USA.head_of_state", date(2008, 1, 1), []),
    ("LBY-GNA.head_of_government", date(2016, 1, 1), ["person:c"]),  # start "2016" covers the year
    ("LBY-GNA.head_of_government", date(2021, 3, 17), []),
    ("NATO.member_rep", date(2020, 1, 1), []),
])
def test_holders(tmp_path: Path, office: str, day: date, expected: list[str]) -> None:
    assert [p.id for p in full_kb(tmp_path).holders(office, day)] == expected


def test_holders_of_unknown_office(tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        full_kb(tmp_path).holders("USA.emperor", date(2020, 1, 1))


def _with_role(person_id: str, office: str, start: Any, end: Any) -> list[dict[str, Any]]:
    people = copy.deepcopy(PEOPLE)
    people[0]["people"].append({"id": person_id, "name": person_id, "aliases": [],
                                "roles": [{"office": office, "start": start, "end": end, "acting": True}]})
    return people


@pytest.mark.parametrize("office,start,end,warns", [
    ("USA.head_of_state", "2012-01-01", "2012-06-01", True),  # months inside person:a's term
    ("USA.head_of_state", "2017-01-14", "2017-01-20", False),  # within a week: a handover
    ("USA.head_of_state", "2016", "2017-01-05", False),  # "2016" may mean 2016-12-31: 6 days certain
    ("NATO.member_rep", "2010", None, False),  # collective office
])
def test_check_overlapping_holders(tmp_path: Path, office: str, start: Any, end: Any, warns: bool) -> None:
    people = _with_role("person:x", office, start, end)
    if office == "NATO.member_rep":
        people = _with_role("person:y", office, "2012", None)
        people[0]["people"].append({"id": "person:x", "name": "X", "roles": [{"office": office, "start": "2010"}]})
    kb = load_kb(write_kb(tmp_path, offices=OFFICES, people=people))
    found = [w for w in check(kb) if w.rule == "overlapping-holders"]
    assert bool(found) is warns
    assert all(w.entry == office and w.file == "people.yaml" for w in found)


def test_check_ambiguous_alias_only_when_simultaneous(tmp_path: Path) -> None:
    orgs = copy.deepcopy(ORGS)
    orgs[0]["organisations"].append({"id": "org:other", "name": "Other", "code": "ITA", "kind": "party",
                                     "sector": "PTY", "principal": "ITA", "aliases": ["GNA"]})
    warnings = check(load_kb(write_kb(tmp_path, orgs=orgs)))
    assert [w.entry for w in warnings if w.rule == "ambiguous-alias"] == ["GNA"]


# ------------------------------------------------------------------------------ validation errors
Mutation = Callable[[dict[str, Any]], None]


def _org(d: dict[str, Any]) -> dict[str, Any]:
    return d["orgs"][0]["organisations"][1]


def _role(d: dict[str, Any]) -> dict[str, Any]:
    return d["people"][0]["people"][2]["roles"][0]


ERRORS: list[tuple[str, Mutation, E, list[str]]] = [
    ("bad iso3", lambda d: d["states"][0].__setitem__(0, "LY"), E.E120, ["states.csv", "iso3"]),
    ("duplicate iso3", lambda d: d["states"].append(list(d["states"][0])), E.E120, ["states.csv", "LBY", "iso3"]),
    ("bad state qid", lambda d: d["states"][0].__setitem__(8, "1016"), E.E120, ["states.csv", "LBY", "qid"]),
    ("short row", lambda d: d["states"][0].pop(), E.E120, ["states.csv", "LBY"]),
    ("wrong columns", lambda d: d.__setitem__("header", ["iso3", "name"]), E.E121, ["states.csv", "columns"]),
    ("duplicate org id", lambda d: _org(d).__setitem__("id", "Q7184"), E.E120, ["organisations.yaml", "Q7184", "'id'"]),
    ("bad org id", lambda d: _org(d).__setitem__("id", "GNA"), E.E120, ["organisations.yaml", "GNA", "'id'"]),
    ("bad kind", lambda d: _org(d).__setitem__("kind", "militia"), E.E120, ["org:gna", "'kind'"]),
    ("bad sector", lambda d: _org(d).__setitem__("sector", "POL"), E.E120, ["org:gna", "'sector'"]),
    ("bad other sector", lambda d: _org(d).__setitem__("other_sectors", ["TER"]), E.E120, ["org:gna", "other_sectors"]),
    ("unknown principal", lambda d: _org(d).__setitem__("principal", "XYZ"), E.E120, ["org:gna", "'principal'", "XYZ"]),
    ("bad code", lambda d: _org(d).__setitem__("code", "lby"), E.E120, ["org:gna", "'code'"]),
    ("bad date", lambda d: _org(d).__setitem__("start", "2016-13"), E.E120, ["org:gna", "'start'"]),
    ("bad day", lambda d: _org(d).__setitem__("end", "2021-02-30"), E.E120, ["org:gna", "'end'"]),
    ("start after end", lambda d: _org(d).__setitem__("start", "2022"), E.E120, ["org:gna", "'end'"]),
    ("unknown field", lambda d: _org(d).__setitem__("colour", "red"), E.E120, ["org:gna", "'colour'"]),
    ("block without source", lambda d: d["orgs"][0].__setitem__("source", " "), E.E120,
     ["organisations.yaml", "'test'", "'source'"]),
    ("block with extra key", lambda d: d["orgs"][0].__setitem__("note", "x"), E.E120, ["organisations.yaml", "'test'"]),
    ("unknown office org", lambda d: d["offices"][0].__setitem__("org", "XYZ"), E.E120,
     ["offices.yaml", "USA.head_of_state", "'org'"]),
    ("office prefix", lambda d: d["offices"][0].__setitem__("org", "ITA"), E.E120,
     ["offices.yaml", "USA.head_of_state", "'office'"]),
    ("duplicate office", lambda d: d["offices"].append(dict(d["offices"][0])), E.E120,
     ["offices.yaml", "USA.head_of_state", "duplicate"]),
    ("bad office id", lambda d: d["offices"][0].__setitem__("office", "usa.president"), E.E120,
     ["offices.yaml", "usa.president", "'office'"]),
    ("unknown role office", lambda d: _role(d).__setitem__("office", "LBY.king"), E.E120,
     ["people.yaml", "person:c", "roles.0.office", "LBY.king"]),
    ("role end before start", lambda d: _role(d).__setitem__("end", "2015-06"), E.E120,
     ["people.yaml", "person:c", "'end'"]),
    ("bad role date", lambda d: _role(d).__setitem__("start", "16 May 2016"), E.E120,
     ["people.yaml", "person:c", "roles.0.start"]),
    ("duplicate person", lambda d: d["people"][0]["people"][1].__setitem__("id", "person:a"), E.E120,
     ["people.yaml", "person:a", "'id'"]),
    ("person id clashes with org", lambda d: d["people"][0]["people"][1].__setitem__("id", "Q7184"), E.E120,
     ["people.yaml", "Q7184"]),
    ("bad person id", lambda d: d["people"][0]["people"][1].__setitem__("id", "bob"), E.E120,
     ["people.yaml", "bob", "'id'"]),
]


@pytest.mark.parametrize("mutate,code,needles", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_validation_errors(tmp_path: Path, mutate: Mutation, code: E, needles: list[str]) -> None:
    d: dict[str, Any] = {"states": copy.deepcopy(STATE_ROWS), "orgs": copy.deepcopy(ORGS),
                         "offices": copy.deepcopy(OFFICES), "people": copy.deepcopy(PEOPLE), "header": None}
    mutate(d)
    write_kb(tmp_path, d["states"], d["orgs"], d["offices"], d["people"], d["header"])
    with pytest.raises(SitrepError) as info:
        load_kb(tmp_path)
    assert info.value.code is code
    for needle in needles:
        assert needle in str(info.value), (needle, str(info.value))


def test_missing_required_file(tmp_path: Path) -> None:
    write_kb(tmp_path)
    (tmp_path / "organisations.yaml").unlink()
    with pytest.raises(SitrepError, match="organisations.yaml: file is missing") as info:
        load_kb(tmp_path)
    assert info.value.code is E.E121


def test_unreadable_yaml(tmp_path: Path) -> None:
    write_kb(tmp_path)
    (tmp_path / "people.yaml").write_text("- block: [unclosed\n", encoding="utf-8")
    with pytest.raises(SitrepError, match="people.yaml: unreadable YAML") as info:
        load_kb(tmp_path)
    assert info.value.code is E.E121
