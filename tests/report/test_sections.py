"""Each section of the report against the store, recomputed here without the report's SQL."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from sitrep.query.report import FACTS, UNREAL, ReportError
from sitrep.store import Store

from .conftest import events_in

pytestmark = pytest.mark.slow


def window(report: Any, previous: bool = False) -> tuple[Any, Any]:
    s = report.previous if previous else report.scope
    return s.since, s.until


def test_scope_counts_match_the_store(store: Store, report: Any) -> None:
    rows = events_in(store, *window(report))
    articles = {r["article_id"]: r for r in rows}
    c = report.corpus
    assert c["articles"] == len(articles) > 0
    assert c["outlets"] == len({r["outlet"] for r in articles.values() if r["outlet"]})
    assert c["inferred"] == sum(r["published_method"] == "inferred" for r in articles.values())
    by_modality: dict[str, int] = defaultdict(int)
    for r in rows:
        by_modality[r["modality"]] += 1
    assert c["events"] == dict(by_modality)
    assert c["store_articles"] == store.count("articles")


def test_developments_are_facts_with_their_quotes_in_their_articles(store: Store, report: Any) -> None:
    devs = report.developments
    assert 0 < len(devs) <= 10
    assert [d["day0"] for d in devs] == sorted(d["day0"] for d in devs)  # date order
    facts = events_in(store, *window(report), FACTS)
    for d in devs:
        assert d["modality"] in FACTS
        text = store.con.execute("SELECT text FROM articles WHERE article_id = ?", [d["quote_article_id"]]).fetchone()[0]
        # The offsets may take in the whitespace after the sentence; the quote is the sentence itself.
        assert d["quote"] in text and text[d["quote_start"]:d["quote_end"]].strip() == d["quote"]
        members = [e for e in facts if (e["cluster_id"] or e["event_id"]) in d["cluster_ids"]]
        assert d["events"] == len(members) and d["articles"] == len({e["article_id"] for e in members})
        assert d["outlets"] == len({e["outlet"] for e in members if e["outlet"]})
        assert {s["article_id"] for s in d["sources"]} == {e["article_id"] for e in members}
        assert d["sentence"][0].isupper() and d["support"].split()[0] == str(d["articles"])


def test_negated_and_hypothetical_events_stay_out_of_key_developments(store: Store, report: Any) -> None:
    unreal_clusters = {e["cluster_id"] or e["event_id"] for e in events_in(store, *window(report), UNREAL)}
    assert unreal_clusters, "the sample corpus has negated or hypothetical events in the window"
    assert not unreal_clusters & {c for d in report.developments for c in d["cluster_ids"]}
    assert report.unreal and all(u["modality"] in UNREAL for u in report.unreal)
    assert {c for u in report.unreal for c in u["cluster_ids"]} <= unreal_clusters


def _activity(rows: list[dict[str, Any]]) -> dict[str, tuple[int, float]]:
    out: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for e in rows:
        sides = {e["source_actor_id"], e["target_actor_id"]} - {None}
        for a in sides:
            out[a][0] += 1
            out[a][1] += e["intensity"] or 0
    return {k: (int(v[0]), v[1]) for k, v in out.items()}


def test_who_moved_numbers_match_the_store(store: Store, report: Any) -> None:
    now = _activity(events_in(store, *window(report), FACTS))
    before = _activity(events_in(store, *window(report, previous=True), FACTS))
    assert report.previous_events > 0 and report.movers
    for m in report.movers:
        assert (m["events"], m["net"]) == pytest.approx(now.get(m["actor_id"], (0, 0.0)))
        assert (m["prev_events"], m["prev_net"]) == pytest.approx(before.get(m["actor_id"], (0, 0.0)))
    changes = [m["change"] for m in report.movers]
    assert changes == sorted(changes, reverse=True)


def _balances(rows: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[int, float]]:
    out: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    for e in rows:
        a, b = e["source_actor_id"], e["target_actor_id"]
        if a and b and a != b:
            key = (min(a, b), max(a, b))
            out[key][0] += 1
            out[key][1] += e["intensity"] or 0
    return {k: (int(v[0]), v[1]) for k, v in out.items()}


def test_dyad_balances_and_their_change_match_the_store(store: Store, report: Any) -> None:
    now = _balances(events_in(store, *window(report), FACTS))
    before = _balances(events_in(store, *window(report, previous=True), FACTS))
    assert report.dyads
    for d in report.dyads:
        key = (d["a_actor_id"], d["b_actor_id"])
        assert (d["events"], d["score"]) == pytest.approx(now[key])
        assert d["prev_score"] == pytest.approx(before.get(key, (0, 0.0))[1])
        assert d["change"] == pytest.approx(d["score"] - d["prev_score"])
    assert max(n for n, _ in now.values()) == report.dyads[0]["events"]  # the main dyads come first


def test_places_and_caveats_match_the_store(store: Store, report: Any) -> None:
    facts = events_in(store, *window(report), FACTS)
    located = [e for e in facts if e["lat"] is not None and e["lon"] is not None]
    assert sum(p["events"] for p in report.places) == len(located)
    assert report.unplaced == len(facts) - len(located)
    low = [e for e in facts if e["confidence"] < report.caveats["threshold"]]
    assert len(report.caveats["low_confidence"]) == len(low)
    inferred = {e["doc"] for e in facts if e["published_method"] == "inferred" and e["date_precision"] == "article"}
    assert {a["doc"] for a in report.caveats["inferred_dates"]} == inferred


def test_about_narrows_the_report_to_an_actor(store: Store) -> None:
    from sitrep.report import build

    r = build(store, about=["Russia"], since="2018", until="2024")
    assert r.scope.about[0].code == "RUS" and r.developments
    for d in r.developments:
        members = store.con.execute("""
            SELECT bool_or(source_code = 'RUS' OR target_code = 'RUS' OR location_country = 'RUS'
                           OR regexp_matches(location_name, '(?i)\\bRussia\\b'))
            FROM events WHERE list_contains(?, coalesce(cluster_id, event_id))""", [d["cluster_ids"]]).fetchone()[0]
        assert members, d["sentence"]
    assert r.corpus["articles"] < build(store, since="2018", until="2024").corpus["articles"]


def test_unknown_terms_and_dates_are_errors(store: Store) -> None:
    from sitrep.report import render_report

    with pytest.raises(ReportError, match="Atlantis"):
        render_report(store, about=["Atlantis"], fmt="md")
    with pytest.raises(ReportError):
        render_report(store, since="2020", until="2019", fmt="md")
