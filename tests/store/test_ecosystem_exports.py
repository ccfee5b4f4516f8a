"""Exports for the event-data ecosystem: GraphML/GEXF for Gephi, CAMEO- and POLECAT-flavoured events,
and sitrep.open() DataFrames -- all from the same store."""

from __future__ import annotations

import csv
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

import sitrep
from sitrep.errors import SitrepError
from sitrep.models import ActorRef, Analysis, Article, Paragraph, Source
from sitrep.store import Store
from sitrep.store.export import export


def _event(n: int, src: ActorRef, tgt: ActorRef, etype: str, intensity: float) -> dict:
    return {"event_id": f"e{n}", "cluster_id": None, "article_id": "a" * 16, "doc": "d.txt", "type": etype,
            "mode": None, "context": [], "modality": "asserted", "source_actor_id": src.actor_id,
            "source_name": src.name, "source_code": src.code, "source_sector": src.sector,
            "target_actor_id": tgt.actor_id, "target_name": tgt.name, "target_code": tgt.code,
            "target_sector": tgt.sector, "date": "2020-01-0%d" % n, "date_precision": "day", "quote": "q",
            "start": 0, "end": 1, "confidence": 0.9, "intensity": intensity, "cameo": "18"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    usa = ActorRef("Q30", "United States", "state", "USA", None)
    lna = ActorRef("org:lna", "Libyan National Army", "military", "LBY", "MIL")
    art = Article("a" * 16, Source("/x", "d.txt", "txt"), "T", "text", (Paragraph(0, 4, "en"),), "en")
    actors = tuple({"actor_id": a.actor_id, "name": a.name, "kind": a.kind, "code": a.code, "sector": a.sector,
                    "aliases": [], "roles": "[]"} for a in (usa, lna))
    events = (_event(1, usa, lna, "ASSAULT", -9.0), _event(2, usa, lna, "REQUEST", 0.0), _event(3, lna, usa, "CONSULT", 2.5))
    with Store(path) as s:
        s.commit([Analysis(art, actors=actors, events=events)], "r1")
    return path


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_are_valid_xml_with_weighted_edges(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    with Store(db, read_only=True) as s:
        assert export(s, "graph", fmt, out) == 2
    root = ET.parse(out).getroot()
    text = out.read_text("utf-8")
    assert "Libyan National Army" in text and "United States" in text
    assert root.tag.endswith("graphml" if fmt == "graphml" else "gexf")


def test_graph_needs_a_graph_format_and_a_file(db: Path) -> None:
    with Store(db, read_only=True) as s, pytest.raises(SitrepError, match="graphml or gexf"):
        export(s, "graph", "csv", None)


def test_cameo_flavour_adds_actor_codes(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    with Store(db, read_only=True) as s:
        export(s, "events", "csv", out, flavour="cameo")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    by_id = {r["event_id"]: r for r in rows}
    assert (by_id["e1"]["source_cameo"], by_id["e1"]["target_cameo"]) == ("USA", "LBYMIL")
    assert by_id["e1"]["cameo"] == "18"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_polecat_flavour_uses_polecat_column_names(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"e.{fmt}"
    with Store(db, read_only=True) as s:
        assert export(s, "events", fmt, out, flavour="polecat") == 3
    if fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
    else:
        import json

        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    by_id = {r["Event ID"]: r for r in rows}
    e1, e3 = by_id["e1"], by_id["e3"]
    assert (e1["Event Type"], e1["Actor Country"], e1["Recipient Country"], e1["Primary Recipient Sector"]) == \
        ("ASSAULT", "USA", "LBY", "MIL")
    assert e1["Quad Code"] == "material_conflict" and e3["Quad Code"] == "verbal_cooperation"
    assert e1["Event Date"] == "2020-01-01" and e1["modality"] == "asserted"  # extras keep our names


def test_unknown_flavour_is_refused(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as s, pytest.raises(SitrepError, match="polecat"):
        export(s, "events", "csv", tmp_path / "x.csv", flavour="gdelt")


def test_sitrep_open_gives_dataframes(db: Path) -> None:
    with sitrep.open(str(db)) as s:
        events = s.events()
        assert len(events) == 3 and {"source_code", "target_code", "type"} <= set(events.columns)
        rel = s.relations(period=None)
        assert len(rel) == 1 and rel.iloc[0]["events"] == 3 and rel.iloc[0]["score"] == pytest.approx(-6.5)
        assert len(s.actors()) == 2 and len(s.articles()) == 1
