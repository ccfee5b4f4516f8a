"""Exports: one query per table, streamed as Arrow record batches into JSONL, CSV or Parquet.

The column names are the public contract shared with the API (docs/architecture.md).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import E, SitrepError
from . import Store

# Each export is one SQL query over the store; never user text in SQL.
QUERIES: dict[str, str] = {
    "articles": """
        SELECT a.article_id, a.doc, a.title, a.text, a.outlet, a.url, a.author, a.language,
               a.published, a.published_precision, a.published_method,
               CASE WHEN a.published_earliest IS NULL AND a.published_latest IS NULL THEN NULL
                    ELSE [a.published_earliest, a.published_latest] END AS published_range,
               a.published_confidence,
               coalesce((SELECT list(s.doc ORDER BY s.seen_at, s.source_key) FROM sources s
                         WHERE s.article_id = a.article_id AND s.relation <> 'primary'), []) AS duplicates,
               a.flags, a.meta, a.n_chars, a.ingested_at
        FROM articles a ORDER BY a.ingested_at, a.article_id""",
    "actors": "SELECT actor_id, name, kind, code, sector, aliases, roles FROM actors ORDER BY actor_id",
    "events": """
        SELECT event_id, cluster_id, doc, article_id, type, mode, context, modality,
               CASE WHEN source_actor_id IS NULL THEN NULL ELSE {'actor_id': source_actor_id,
                    'name': source_name, 'code': source_code, 'sector': source_sector} END AS source,
               CASE WHEN target_actor_id IS NULL THEN NULL ELSE {'actor_id': target_actor_id,
                    'name': target_name, 'code': target_code, 'sector': target_sector} END AS target,
               date, date_precision,
               CASE WHEN location_name IS NULL THEN NULL ELSE {'name': location_name,
                    'geonames_id': geonames_id, 'country': location_country, 'lat': lat, 'lon': lon,
                    'precision': location_precision} END AS location,
               quote, start, "end", cue, confidence, intensity, cameo, mentions
        FROM events ORDER BY article_id, start, event_id""",
    "events_flat": """
        SELECT event_id, cluster_id, doc, article_id, type, mode, context, modality,
               source_actor_id, source_name, source_code, source_sector,
               target_actor_id, target_name, target_code, target_sector,
               date, date_precision, location_name, location_country, geonames_id, lat, lon,
               location_precision, quote, start, "end", cue, confidence, intensity, cameo, mentions
        FROM events ORDER BY article_id, start, event_id""",
    "clusters": """
        SELECT e.cluster_id, any_value(e.type) AS type, any_value(e.modality) AS modality,
               any_value(e.source_code) AS source_code, any_value(e.target_code) AS target_code,
               string_agg(DISTINCT e.source_name, '; ') AS source_names, string_agg(DISTINCT e.target_name, '; ') AS target_names,
               min(e.date) AS first_date, max(e.date) AS last_date, count(*) AS events,
               count(DISTINCT e.article_id) AS articles, count(DISTINCT a.outlet) AS outlets,
               list(e.quote ORDER BY e.date, e.article_id) AS quotes, list(e.event_id ORDER BY e.event_id) AS event_ids
        FROM events e JOIN articles a USING (article_id)
        GROUP BY e.cluster_id ORDER BY first_date NULLS LAST, e.cluster_id""",
}
PUBLIC_TABLES = ("articles", "actors", "events", "graph")
# CAMEO-style actor codes for GDELT/ICEWS joins: the principal followed by the sector ("USAGOV",
# "LBYMIL"); organisations keep their code ("NATO", "ISIS") plus the sector when there is one.
_CAMEO_ACTORS = """,
               source_code || coalesce(source_sector, '') AS source_cameo,
               target_code || coalesce(target_sector, '') AS target_cameo"""
QUERIES["events_cameo"] = QUERIES["events_flat"].replace(", cameo, mentions", ", cameo, mentions" + _CAMEO_ACTORS)
# POLECAT's column names where a field means the same (its published TSV header: "Event ID",
# "Event Date", "Actor Name", "Recipient Country" ...), then our extras under their own names.
# Not given: POLECAT's COW codes, Wikipedia ids, raw names, city/district/province, story lists.
_POLECAT = """
        SELECT e.event_id AS "Event ID", e.date AS "Event Date", e.type AS "Event Type", e.mode AS "Event Mode",
               e.intensity AS "Intensity", q.quad AS "Quad Code", array_to_string(e.context, ';') AS "Contexts",
               e.source_name AS "Actor Name", e.source_code AS "Actor Country", e.source_sector AS "Primary Actor Sector",
               e.target_name AS "Recipient Name", e.target_code AS "Recipient Country",
               e.target_sector AS "Primary Recipient Sector",
               e.location_name AS "Placename", e.location_country AS "Country", e.lat AS "Latitude",
               e.lon AS "Longitude", e.geonames_id AS "GeoNames ID", a.outlet AS "Source",
               a.published AS "Publication Date", a.language AS "Language",
               e.cluster_id, e.article_id, e.doc, e.modality, e.source_actor_id, e.target_actor_id, e.date_precision,
               e.location_precision, e.quote, e.start, e."end", e.cue, e.confidence, e.cameo, e.mentions
        FROM events e JOIN articles a USING (article_id)
        LEFT JOIN (VALUES {quads}) AS q(type, quad) ON q.type = e.type
        ORDER BY e.article_id, e.start, e.event_id"""
FLAVOURS = ("cameo", "polecat")
FORMATS = ("jsonl", "csv", "parquet")
_JSON_COLUMNS = {"meta", "roles"}


def batches(store: Store, table: str, size: int = 10_000) -> Iterator[pa.RecordBatch]:
    if table not in QUERIES:
        raise SitrepError(E.E106, name=table, known=", ".join(QUERIES))
    reader = store.con.execute(QUERIES[table]).fetch_record_batch(size)
    yield from reader


def export(store: Store, table: str, fmt: str, out: Path | None = None, clusters: bool = False,
           flavour: str | None = None) -> int:
    """Write ``table`` in ``fmt`` to ``out`` (stdout when None); returns the number of rows.

    Events export one row per event and article; with ``clusters``, one row per real event with
    the articles and outlets that report it. CSV has no nesting, so its events are flat columns.
    """
    if table not in PUBLIC_TABLES:
        raise SitrepError(E.E106, name=table, known=", ".join(PUBLIC_TABLES))
    if table == "graph":
        from .graph import GRAPH_FORMATS, write_graph

        if fmt not in GRAPH_FORMATS or out is None:
            raise SitrepError(E.E107, name=fmt, known="graphml or gexf, with -o FILE")
        return write_graph(store, fmt, out)
    if fmt not in FORMATS:
        raise SitrepError(E.E107, name=fmt, known=", ".join(FORMATS))
    if flavour is not None and flavour not in FLAVOURS:
        raise SitrepError(E.E107, name=f"flavour {flavour}", known=", ".join(FLAVOURS))
    if flavour == "cameo" and table == "events":
        table = "events_cameo"
    elif flavour == "polecat" and table == "events":
        _polecat_query()
        table = "events_polecat"
    if table == "events" and clusters:
        table = "clusters"
    elif table == "events" and fmt == "csv":
        table = "events_flat"
    if fmt == "parquet":
        if out is None:
            raise SitrepError(E.E107, name="parquet to stdout", known="jsonl, csv (or give -o FILE)")
        return _parquet(store, table, out)
    handle: IO[str] = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        return (_jsonl if fmt == "jsonl" else _csv)(store, table, handle)
    finally:
        if out:
            handle.close()


def _polecat_query() -> None:
    from ..events.lexicon import (
        ontology,  # the quad classes are the ontology's, not the store's
    )

    # Values are ours (type names and quad class names from data files), never user input.
    quads = ", ".join(f"('{t}', '{v['quad']}')" for t, v in sorted(ontology()["types"].items()))
    QUERIES.setdefault("events_polecat", _POLECAT.format(quads=quads))


def _rows(batch: pa.RecordBatch) -> Iterator[dict[str, Any]]:
    for row in batch.to_pylist():
        for col in _JSON_COLUMNS & row.keys():
            if isinstance(row[col], str):
                row[col] = json.loads(row[col])
        yield row


def _jsonl(store: Store, table: str, handle: IO[str]) -> int:
    n = 0
    for batch in batches(store, table):
        for row in _rows(batch):
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def _csv(store: Store, table: str, handle: IO[str]) -> int:
    """Lists and objects become JSON text in their cell, so CSV round-trips losslessly."""
    n = 0
    writer: csv.DictWriter[str] | None = None
    for batch in batches(store, table):
        if writer is None:
            writer = csv.DictWriter(handle, fieldnames=batch.schema.names)
            writer.writeheader()
        for row in _rows(batch):
            writer.writerow({k: _cell(v) for k, v in row.items()})
            n += 1
    if writer is None:
        header = io.StringIO()
        cols = store.con.execute(f"SELECT * FROM ({QUERIES[table]}) LIMIT 0").description
        csv.writer(header).writerow([c[0] for c in cols])
        handle.write(header.getvalue())
    return n


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _parquet(store: Store, table: str, out: Path) -> int:
    writer: pq.ParquetWriter | None = None
    n = 0
    try:
        for batch in batches(store, table):
            if writer is None:
                writer = pq.ParquetWriter(str(out), batch.schema)
            writer.write_batch(batch)
            n += batch.num_rows
        if writer is None:
            empty = store.con.execute(f"SELECT * FROM ({QUERIES[table]}) LIMIT 0").fetch_arrow_table()
            pq.write_table(empty, str(out))
    finally:
        if writer is not None:
            writer.close()
    return n
