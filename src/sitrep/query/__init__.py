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
