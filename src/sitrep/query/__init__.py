"""Read-only queries over the store, shared by the CLI, the HTTP API and the reports.

Every function takes an open :class:`~sitrep.store.Store` and returns plain rows (dicts) with
the same field names as the exports. SQL is parameterised; no user text is ever pasted into it.
"""

from __future__ import annotations

import json
from typing import Any

from ..store import Store

MAX_LIMIT = 10_000


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def actors(store: Store, *, kind: str | None = None, code: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Actors by number of mentions: name, kind, code, mentions, articles."""
    sql = """
        SELECT a.actor_id, a.name, a.kind, a.code, a.sector,
               count(m.actor_id) AS mentions, count(DISTINCT m.article_id) AS articles
        FROM actors a LEFT JOIN mentions m USING (actor_id)
        WHERE (? IS NULL OR a.kind = ?) AND (? IS NULL OR a.code = ?)
        GROUP BY ALL ORDER BY mentions DESC, a.name LIMIT ?"""
    return _rows(store, sql, [kind, kind, code, code, min(limit, MAX_LIMIT)])


def find_actor(store: Store, name: str) -> dict[str, Any] | None:
    """An actor by id, exact name, alias or unique name prefix (case-insensitive)."""
    sql = """
        SELECT actor_id, name, kind, code, sector, aliases, roles,
               CASE WHEN actor_id = ? THEN 0 WHEN lower(name) = lower(?) THEN 1
                    WHEN list_contains(list_transform(aliases, x -> lower(x)), lower(?)) THEN 2 ELSE 3 END AS rank
        FROM actors
        WHERE actor_id = ? OR lower(name) = lower(?) OR list_contains(list_transform(aliases, x -> lower(x)), lower(?))
              OR lower(name) LIKE lower(?) || '%' ESCAPE '\\'
              OR list_contains(string_split(lower(name), ' '), lower(?))
        ORDER BY rank, name LIMIT 2"""
    escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = _rows(store, sql, [name, name, name, name, name, name, escaped, name])
    if not rows or (len(rows) > 1 and rows[0]["rank"] == rows[1]["rank"] == 3):
        return None
    row = rows[0]
    row.pop("rank")
    return row


def actor_detail(store: Store, actor_id: str) -> dict[str, Any]:
    """Roles over time (knowledge base and text, with evidence), aliases, and the articles."""
    base = _rows(store, "SELECT actor_id, name, kind, code, sector, aliases, roles FROM actors WHERE actor_id = ?", [actor_id])[0]
    roles = json.loads(base.pop("roles") or "[]")
    roles += _rows(store, """
        SELECT role, org_code, start, "end", source, evidence, article_id FROM actor_roles
        WHERE actor_id = ? ORDER BY start NULLS LAST, role""", [actor_id])
    base["roles"] = roles
    base["articles"] = _rows(store, """
        SELECT a.article_id, a.doc, a.title, a.published, count(*) AS mentions
        FROM mentions m JOIN articles a USING (article_id)
        WHERE m.actor_id = ? GROUP BY ALL ORDER BY a.published NULLS LAST, a.doc""", [actor_id])
    return base


def events(store: Store, *, actor: str | None = None, source: str | None = None, target: str | None = None,
           type: str | None = None, modality: str | None = "asserted", since: str | None = None,
           until: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Events filtered by actor (id or principal code, either side), type, modality and date."""
    sql = """
        SELECT event_id, cluster_id, doc, article_id, type, mode, modality, date, date_precision,
               source_actor_id, source_name, source_code, target_actor_id, target_name, target_code,
               location_name, quote, confidence, intensity, cameo
        FROM events
        WHERE (? IS NULL OR source_actor_id = ? OR target_actor_id = ? OR source_code = ? OR target_code = ?)
          AND (? IS NULL OR source_actor_id = ? OR source_code = ?)
          AND (? IS NULL OR target_actor_id = ? OR target_code = ?)
          AND (? IS NULL OR type = ?) AND (? IS NULL OR modality = ?)
          AND (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ?)
        ORDER BY date NULLS LAST, article_id, start LIMIT ? OFFSET ?"""
    params = [actor, actor, actor, actor, actor, source, source, source, target, target, target,
              type, type, modality, modality, since, since, until, until + "\uffff" if until else None,
              min(limit, MAX_LIMIT), offset]
    return _rows(store, sql, params)


# -- pages for the HTTP API and the web UI ------------------------------------------------
# Rows keep the export field names (store/export.py); each page function returns (rows, total)
# so that callers can paginate without a second round of filter logic.

_EVENT_ROW = """
    e.event_id, e.cluster_id, e.doc, e.article_id, e.type, e.mode, e.context, e.modality,
    CASE WHEN e.source_actor_id IS NULL THEN NULL ELSE {'actor_id': e.source_actor_id,
         'name': e.source_name, 'code': e.source_code, 'sector': e.source_sector} END AS source,
    CASE WHEN e.target_actor_id IS NULL THEN NULL ELSE {'actor_id': e.target_actor_id,
         'name': e.target_name, 'code': e.target_code, 'sector': e.target_sector} END AS target,
    e.date, e.date_precision,
    CASE WHEN e.location_name IS NULL THEN NULL ELSE {'name': e.location_name,
         'geonames_id': e.geonames_id, 'country': e.location_country, 'lat': e.lat, 'lon': e.lon,
         'precision': e.location_precision} END AS location,
    e.quote, e.start, e."end", e.cue, e.cue_start, e.confidence, e.intensity, e.cameo, e.mentions"""

# Orders are chosen from this table by key, never built from user text.
_EVENT_ORDER = {
    "date": 'e.date NULLS LAST, e.article_id, e.start, e.event_id',
    "latest": 'e.date DESC NULLS LAST, e.article_id, e.start, e.event_id',
}


def like(text: str) -> str:
    """``text`` as a literal ILIKE pattern matching it anywhere (with ``ESCAPE '\\'``)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _side(column: str) -> str:
    return f"(e.{column}_actor_id = ? OR e.{column}_code = ?)"


def event_where(*, actor: str | None = None, source: str | None = None, target: str | None = None,
                pair: tuple[str, str] | None = None, types: list[str] | None = None,
                modality: str | None = "asserted", since: str | None = None, until: str | None = None,
                place: str | None = None, q: str | None = None, article_id: str | None = None,
                dyadic: bool = False) -> tuple[str, list[Any]]:
    """A WHERE clause over ``events e`` and its parameters; None means no filter.

    ``actor``/``source``/``target`` are actor ids or principal codes; ``pair`` is two of those on
    either side; ``place`` a place name (substring) or country code; ``q`` text in the quote or
    an actor name; ``modality`` None or ``all`` for every modality.
    """
    clauses, params = ["TRUE"], []
    if actor:
        clauses.append(f"({_side('source')} OR {_side('target')})")
        params += [actor] * 4
    if source:
        clauses.append(_side("source"))
        params += [source] * 2
    if target:
        clauses.append(_side("target"))
        params += [target] * 2
    if pair:
        a, b = pair
        clauses.append(f"(({_side('source')} AND {_side('target')}) OR ({_side('source')} AND {_side('target')}))")
        params += [a, a, b, b, b, b, a, a]
    if types:
        clauses.append("list_contains(?, e.type)")
        params.append(list(types))
    if modality and modality != "all":
        clauses.append("e.modality = ?")
        params.append(modality)
    if since:
        clauses.append("e.date >= ?")
        params.append(since)
    if until:
        clauses.append("e.date <= ?")
        params.append(until + "\uffff")  # so that --until 2016 includes 2016-12-31
    if place:
        clauses.append("(e.location_name ILIKE ? ESCAPE '\\' OR e.location_country = upper(?))")
        params += [like(place), place]
    if q:
        clauses.append("(e.quote ILIKE ? ESCAPE '\\' OR e.source_name ILIKE ? ESCAPE '\\' OR e.target_name ILIKE ? ESCAPE '\\')")
        params += [like(q)] * 3
    if article_id:
        clauses.append("e.article_id = ?")
        params.append(article_id)
    if dyadic:
        clauses.append("e.source_actor_id IS NOT NULL AND e.target_actor_id IS NOT NULL AND e.source_actor_id <> e.target_actor_id")
    return " AND ".join(clauses), params


def event_page(store: Store, *, limit: int = 50, offset: int = 0, order: str = "date",
               **filters: Any) -> tuple[list[dict[str, Any]], int]:
    """Events in export shape (plus ``cue_start``) matching :func:`event_where` filters, and their total."""
    where, params = event_where(**filters)
    total = store.con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    rows = _rows(store, f"SELECT {_EVENT_ROW} FROM events e WHERE {where} ORDER BY {_EVENT_ORDER[order]} LIMIT ? OFFSET ?",
                 params + [min(limit, MAX_LIMIT), offset])
    return rows, total


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    rows = _rows(store, f"SELECT {_EVENT_ROW} FROM events e WHERE e.event_id = ?", [event_id])
    return rows[0] if rows else None


def _period(period: str | None) -> str:
    """The SQL for an event's period: its year, its month (or year when only the year is known), or all time."""
    return {"year": "substr(e.date, 1, 4)", "month": "substr(e.date, 1, 7)"}.get(period or "", "NULL")


def relations(store: Store, *, period: str | None = "year", min_events: int = 1, limit: int = 100,
              offset: int = 0, **filters: Any) -> tuple[list[dict[str, Any]], int]:
    """Dyads (unordered actor pairs) per period: events, cooperation, conflict and net intensity.

    ``cooperation`` sums the positive intensities, ``conflict`` the magnitude of the negative
    ones, ``score`` is their difference. ``period`` is ``year``, ``month`` or None (all time).
    """
    where, params = event_where(dyadic=True, **filters)
    sql = f"""
        WITH d AS (
            SELECT least(e.source_actor_id, e.target_actor_id) AS a, greatest(e.source_actor_id, e.target_actor_id) AS b,
                   CASE WHEN e.source_actor_id < e.target_actor_id THEN e.source_name ELSE e.target_name END AS a_name,
                   CASE WHEN e.source_actor_id < e.target_actor_id THEN e.target_name ELSE e.source_name END AS b_name,
                   CASE WHEN e.source_actor_id < e.target_actor_id THEN e.source_code ELSE e.target_code END AS a_code,
                   CASE WHEN e.source_actor_id < e.target_actor_id THEN e.target_code ELSE e.source_code END AS b_code,
                   {_period(period)} AS period, e.type, coalesce(e.intensity, 0) AS intensity
            FROM events e WHERE {where})
        SELECT a AS a_actor_id, any_value(a_name) AS a_name, any_value(a_code) AS a_code,
               b AS b_actor_id, any_value(b_name) AS b_name, any_value(b_code) AS b_code, period,
               count(*) AS events, coalesce(sum(intensity) FILTER (WHERE intensity > 0), 0) AS cooperation,
               coalesce(-sum(intensity) FILTER (WHERE intensity < 0), 0) AS conflict,
               sum(intensity) AS score, list(DISTINCT type ORDER BY type) AS types
        FROM d GROUP BY a, b, period HAVING count(*) >= ?"""
    params = params + [min_events]
    total = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    rows = _rows(store, f"{sql} ORDER BY period NULLS FIRST, events DESC, a, b LIMIT ? OFFSET ?",
                 params + [min(limit, MAX_LIMIT), offset])
    return rows, total


def timeline(store: Store, *, period: str = "year", **filters: Any) -> list[dict[str, Any]]:
    """Events per period and type with their summed intensity; undated events are left out."""
    where, params = event_where(**filters)
    return _rows(store, f"""
        SELECT {_period(period)} AS period, e.type, count(*) AS events, sum(coalesce(e.intensity, 0)) AS intensity
        FROM events e WHERE {where} AND e.date IS NOT NULL GROUP BY ALL ORDER BY period, e.type""", params)


def places(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """Event locations with their counts, net intensity and types, for maps."""
    where, params = event_where(**filters)
    return _rows(store, f"""
        SELECT e.location_name AS name, e.location_country AS country, e.lat, e.lon,
               count(*) AS events, sum(coalesce(e.intensity, 0)) AS score, list(DISTINCT e.type ORDER BY e.type) AS types
        FROM events e WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, name""", params)


_ARTICLE_ROW = """
    a.article_id, a.doc, a.title, a.outlet, a.url, a.author, a.language,
    a.published, a.published_precision, a.published_method,
    CASE WHEN a.published_earliest IS NULL AND a.published_latest IS NULL THEN NULL
         ELSE [a.published_earliest, a.published_latest] END AS published_range,
    a.published_confidence,
    coalesce((SELECT list(s.doc ORDER BY s.seen_at, s.source_key) FROM sources s
              WHERE s.article_id = a.article_id AND s.relation <> 'primary'), []) AS duplicates,
    a.flags, a.n_chars, a.ingested_at,
    (SELECT count(*) FROM events e WHERE e.article_id = a.article_id) AS n_events"""


def article_page(store: Store, *, q: str | None = None, outlet: str | None = None, actor: str | None = None,
                 since: str | None = None, until: str | None = None, limit: int = 50,
                 offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Articles (export fields without ``text``/``meta``, plus an event count), newest first."""
    clauses, params = ["TRUE"], []
    if q:
        clauses.append("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
        params += [like(q)] * 2
    if outlet:
        clauses.append("a.outlet = ?")
        params.append(outlet)
    if actor:
        clauses.append("a.article_id IN (SELECT article_id FROM mentions WHERE actor_id = ? OR code = ?)")
        params += [actor, actor]
    if since:
        clauses.append("a.published >= ?")
        params.append(since)
    if until:
        clauses.append("a.published <= ?")
        params.append(until + "\uffff")
    where = " AND ".join(clauses)
    total = store.con.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
    rows = _rows(store, f"""SELECT {_ARTICLE_ROW} FROM articles a WHERE {where}
                            ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ? OFFSET ?""",
                 params + [min(limit, MAX_LIMIT), offset])
    return rows, total


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article with its text, metadata, sources (without paths), paragraphs and mentions."""
    rows = _rows(store, f"SELECT {_ARTICLE_ROW}, a.text, a.meta FROM articles a WHERE a.article_id = ?", [article_id])
    if not rows:
        return None
    row = rows[0]
    row["meta"] = json.loads(row["meta"]) if isinstance(row["meta"], str) else row["meta"]
    # ``sources.path`` and the path-bearing ``source_key`` stay internal: only names are served.
    row["sources"] = _rows(store, """
        SELECT doc, format, relation, similarity, seen_at FROM sources
        WHERE article_id = ? ORDER BY seen_at, source_key""", [article_id])
    row["paragraphs"] = _rows(store, """
        SELECT idx, start, "end", language, english FROM paragraphs WHERE article_id = ? ORDER BY idx""", [article_id])
    row["mentions"] = _rows(store, """
        SELECT m.actor_id, a.name, m.start, m."end", m.text, m.code, m.role, m.how
        FROM mentions m LEFT JOIN actors a USING (actor_id) WHERE m.article_id = ? ORDER BY m.start""", [article_id])
    return row


def actor_page(store: Store, *, q: str | None = None, kind: str | None = None, code: str | None = None,
               limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Actors with mentions, articles and events, by mentions; ``q`` matches names and aliases."""
    clauses, params = ["TRUE"], []
    if q:
        clauses.append("(a.name ILIKE ? ESCAPE '\\' OR list_contains(list_transform(a.aliases, x -> x ILIKE ? ESCAPE '\\'), TRUE))")
        params += [like(q)] * 2
    if kind:
        clauses.append("a.kind = ?")
        params.append(kind)
    if code:
        clauses.append("a.code = ?")
        params.append(code)
    sql = f"""
        SELECT a.actor_id, a.name, a.kind, a.code, a.sector, a.aliases,
               (SELECT count(*) FROM mentions m WHERE m.actor_id = a.actor_id) AS mentions,
               (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.actor_id = a.actor_id) AS articles,
               (SELECT count(*) FROM events e WHERE e.source_actor_id = a.actor_id OR e.target_actor_id = a.actor_id) AS events
        FROM actors a WHERE {" AND ".join(clauses)}"""
    total = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    rows = _rows(store, f"{sql} ORDER BY mentions DESC, events DESC, a.name LIMIT ? OFFSET ?",
                 params + [min(limit, MAX_LIMIT), offset])
    return rows, total


def actor_exists(store: Store, actor_id: str) -> bool:
    return actor_info(store, actor_id) is not None


def actor_info(store: Store, actor_id: str) -> dict[str, Any] | None:
    """An actor's own fields (export shape, roles parsed) by exact id, or None."""
    rows = _rows(store, "SELECT actor_id, name, kind, code, sector, aliases, roles FROM actors WHERE actor_id = ?", [actor_id])
    if not rows:
        return None
    rows[0]["roles"] = json.loads(rows[0]["roles"] or "[]")
    return rows[0]


def actors_by_id(store: Store, actor_ids: list[str]) -> dict[str, dict[str, Any]]:
    rows = _rows(store, "SELECT actor_id, name, kind, code, sector FROM actors WHERE list_contains(?, actor_id)",
                 [list(actor_ids)]) if actor_ids else []
    return {r["actor_id"]: r for r in rows}


def article_texts(store: Store, article_ids: list[str]) -> dict[str, str]:
    if not article_ids:
        return {}
    return dict(store.con.execute("SELECT article_id, text FROM articles WHERE list_contains(?, article_id)",
                                  [article_ids]).fetchall())


def evidence_spans(store: Store, event_ids: list[str]) -> list[dict[str, Any]]:
    """Mentions of each event's source and target inside its quote, for highlighting."""
    if not event_ids:
        return []
    return _rows(store, """
        SELECT e.event_id, m.start, m."end", m.text,
               CASE WHEN m.actor_id = e.source_actor_id THEN 'source' ELSE 'target' END AS role
        FROM events e JOIN mentions m ON m.article_id = e.article_id
             AND m.actor_id IN (e.source_actor_id, e.target_actor_id)
             AND m.start >= e.start AND m."end" <= e."end"
        WHERE list_contains(?, e.event_id) ORDER BY e.event_id, m.start""", [event_ids])


def overview(store: Store) -> dict[str, Any]:
    """Corpus counts and date spans."""
    row = _rows(store, """
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM sources) AS sources,
               (SELECT count(*) FROM sources WHERE relation <> 'primary') AS duplicates,
               (SELECT count(DISTINCT outlet) FROM articles) AS outlets,
               (SELECT count(DISTINCT actor_id) FROM mentions) AS actors,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM events WHERE modality = 'asserted') AS asserted_events,
               (SELECT count(DISTINCT location_name) FROM events) AS places,
               (SELECT min(published) FROM articles) AS first_published,
               (SELECT max(published) FROM articles) AS last_published,
               (SELECT min(date) FROM events) AS first_event,
               (SELECT max(date) FROM events) AS last_event""", [])
    return row[0]
