"""Every endpoint: shapes, filters, pagination, and field names shared with the exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.store import Store
from sitrep.store.export import batches


def items(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"items", "total", "next"}
    return body["items"]


def export_columns(db: Path, table: str) -> list[str]:
    with Store(db, read_only=True) as s:
        return next(iter(batches(s, table))).schema.names


def test_articles_list_and_detail_use_export_names(client: TestClient, db: Path, ids: dict[str, str]) -> None:
    rows = items(client, "/api/articles", limit=500)
    assert len(rows) == 5
    assert set(export_columns(db, "articles")) - {"text", "meta"} <= set(rows[0])
    assert rows == sorted(rows, key=lambda r: r["published"] or "", reverse=True)
    detail = client.get(f"/api/articles/{ids['turkey_article']}").json()
    assert set(export_columns(db, "articles")) <= set(detail)
    assert detail["duplicates"] == ["turkey_advisers.md"]
    assert {s["relation"] for s in detail["sources"]} == {"primary", "exact"}
    assert all(set(s) == {"doc", "format", "relation", "similarity", "seen_at"} for s in detail["sources"])
    assert detail["text"].startswith("Turkey sent military advisers")
    assert detail["events"] and all(e["article_id"] == ids["turkey_article"] for e in detail["events"])
    assert any(m["name"] == "Turkey" for m in detail["mentions"])
    assert all(detail["text"][m["start"]:m["end"]] == m["text"] for m in detail["mentions"])


def test_article_filters(client: TestClient, ids: dict[str, str]) -> None:
    assert [r["doc"] for r in items(client, "/api/articles", q="red line")] == ["egypt_warning.txt"]
    assert {r["doc"] for r in items(client, "/api/articles", outlet="Test Wire")} == {"turkey_advisers_copy.md", "moscow_talks.json"}
    assert items(client, "/api/articles", since="2021") == items(client, "/api/articles", q="Payload")
    assert {r["article_id"] for r in items(client, "/api/articles", actor=ids["haftar"])} >= {ids["turkey_article"]}
    assert items(client, "/api/articles", until="2013") == []


def test_actors_list_and_detail(client: TestClient, ids: dict[str, str]) -> None:
    rows = items(client, "/api/actors", limit=500)
    assert {"actor_id", "name", "kind", "code", "sector", "aliases", "mentions", "articles", "events"} <= set(rows[0])
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    assert [r["actor_id"] for r in items(client, "/api/actors", q="hafter")] == [ids["haftar"]]  # an alias
    assert all(r["code"] == "TUR" for r in items(client, "/api/actors", code="TUR"))
    detail = client.get(f"/api/actors/{ids['haftar']}").json()
    assert detail["name"] == "Khalifa Haftar" and detail["n_events"] >= 3
    assert {p["actor"]["actor_id"] for p in detail["partners"]} >= {ids["turkey"], ids["russia"]}
    p = detail["partners"][0]
    assert p["score"] == pytest.approx(p["cooperation"] - p["conflict"])
    assert detail["articles"] and {"article_id", "doc", "title", "published", "mentions"} <= set(detail["articles"][0])


def test_events_shape_matches_export(client: TestClient, db: Path) -> None:
    rows = items(client, "/api/events", modality="all", limit=500)
    assert set(export_columns(db, "events")) <= set(rows[0])
    assert {"quad", "cue_start"} <= set(rows[0])
    assert set(rows[0]["source"]) == {"actor_id", "name", "code", "sector"}
    located = [r for r in rows if r["location"]]
    assert located and set(located[0]["location"]) == {"name", "geonames_id", "country", "lat", "lon", "precision"}


def test_event_filters(client: TestClient, ids: dict[str, str]) -> None:
    everything = items(client, "/api/events", modality="all", limit=500)
    asserted = items(client, "/api/events", limit=500)
    assert asserted and {e["modality"] for e in asserted} == {"asserted"} and len(everything) > len(asserted)
    assert {e["modality"] for e in items(client, "/api/events", modality="negated")} == {"negated"}
    haftar = items(client, "/api/events", actor=ids["haftar"], modality="all")
    assert haftar and all(ids["haftar"] in ((e["source"] or {}).get("actor_id"), (e["target"] or {}).get("actor_id")) for e in haftar)
    assert all(e["source"]["actor_id"] == ids["turkey"] for e in items(client, "/api/events", source=ids["turkey"]))
    assert all(e["target"]["code"] == "TUR" for e in items(client, "/api/events", target="TUR"))
    assert {e["type"] for e in items(client, "/api/events", type="consult")} == {"CONSULT"}
    both = items(client, "/api/events", type=["CONSULT", "ACCUSE"])
    assert {e["type"] for e in both} == {"CONSULT", "ACCUSE"} and both == items(client, "/api/events", type="CONSULT,ACCUSE")
    assert {e["quad"] for e in items(client, "/api/events", type="material_conflict", modality="all")} == {"material_conflict"}
    dated = items(client, "/api/events", since="2020-01-10", until="2020-01")
    assert dated and all("2020-01-10" <= e["date"] <= "2020-01-31" for e in dated)
    assert all(e["date"].startswith("2021") for e in items(client, "/api/events", since="2021", modality="all"))
    assert {e["location"]["name"] for e in items(client, "/api/events", place="moscow")} == {"Moscow"}
    assert {e["location"]["country"] for e in items(client, "/api/events", place="LBY", modality="all")} == {"LBY"}
    assert all("red line" in e["quote"] or "Sirte" in e["quote"] for e in items(client, "/api/events", q="Sirte"))
    assert {e["article_id"] for e in items(client, "/api/events", article_id=ids["payload"], modality="all")} == {ids["payload"]}
    latest = items(client, "/api/events", order="latest", limit=500)
    assert [e["date"] for e in latest] == sorted((e["date"] for e in latest), reverse=True)


def test_event_by_id(client: TestClient, ids: dict[str, str]) -> None:
    r = client.get(f"/api/events/{ids['event']}")
    assert r.status_code == 200 and r.json()["event_id"] == ids["event"]


def test_pagination_walks_every_row_once(client: TestClient) -> None:
    first = client.get("/api/events", params={"modality": "all", "limit": 3}).json()
    seen, body = [], first
    while True:
        seen += [e["event_id"] for e in body["items"]]
        if body["next"] is None:
            break
        assert body["next"].startswith("/api/events?") and "modality=all" in body["next"]
        body = client.get(body["next"]).json()
    assert len(seen) == len(set(seen)) == first["total"] > 3
    beyond = client.get("/api/events", params={"offset": 10_000}).json()
    assert beyond == {"items": [], "total": len(items(client, "/api/events", limit=500)), "next": None}


def test_relations(client: TestClient, ids: dict[str, str]) -> None:
    rows = items(client, "/api/relations", period="all", limit=500)
    assert rows and {"a", "b", "period", "events", "cooperation", "conflict", "score", "types"} <= set(rows[0])
    assert all(r["period"] is None and r["a"]["actor_id"] < r["b"]["actor_id"] for r in rows)
    yearly = items(client, "/api/relations", actor=ids["haftar"], period="year", limit=500)
    assert yearly and all(ids["haftar"] in (r["a"]["actor_id"], r["b"]["actor_id"]) for r in yearly)
    assert all(len(r["period"]) == 4 for r in yearly)
    pair = items(client, "/api/relations", actor=ids["turkey"], other=ids["haftar"], period="month")
    assert pair and all({r["a"]["actor_id"], r["b"]["actor_id"]} == {ids["turkey"], ids["haftar"]} for r in pair)
    assert all(r["events"] >= 2 for r in items(client, "/api/relations", period="all", min_events=2))


def test_timeline(client: TestClient, ids: dict[str, str]) -> None:
    rows = items(client, "/api/timeline", limit=500)
    assert rows and {"period", "quad", "type", "events", "intensity"} <= set(rows[0])
    assert {r["quad"] for r in rows} <= {"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"}
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    undated = len([e for e in items(client, "/api/events", limit=500) if not e["date"]])
    assert sum(r["events"] for r in rows) == total - undated
    by_type = items(client, "/api/timeline", group="type", period="month", actor=ids["haftar"], limit=500)
    assert by_type and all(r["type"] for r in by_type)


def test_overview_and_types(client: TestClient) -> None:
    o = client.get("/api/overview").json()
    assert o["articles"] == 5 and o["sources"] == 6 and o["duplicates"] == 1 and o["events"] > 0
    types = items(client, "/api/types", limit=100)
    assert len(types) == 16 and {"type", "quad", "score", "modes"} <= set(types[0])


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/actors", "/api/actors/{actor_id}", "/api/events",
                 "/api/events/{event_id}", "/api/relations", "/api/timeline", "/api/overview", "/api/types"):
        assert path in spec["paths"], path
    assert not any(p.startswith(("/actors", "/graph", "/static")) for p in spec["paths"])
    assert "422" in spec["paths"]["/api/events"]["get"]["responses"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN
