"""The situation report's queries: a window (dates and the actors or places it is about) and
what the store holds inside it. Shared by ``sitrep report`` and the web interface.

An event is inside a window when its whole date lies inside: a year-precision "2014" counts in
2014-01-01..2014-12-31 but not in 2014-06-01..2014-12-31, because the store cannot say which
half of the year it fell in. Undated events are never inside a window (the caveats count them).
SQL is parameterised as everywhere in :mod:`sitrep.query`; no user text is pasted into it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from ..errors import E, SitrepError
from ..store import Store
from . import _rows, event_where, find_actor

FACTS = ("asserted", "historical")  # what counts as having happened
UNREAL = ("negated", "hypothetical", "future")  # kept apart from facts
LOW_CONFIDENCE = 0.6



def day_sql(alias: str, last: bool) -> str:
    """The first (or last) day an event's date can mean, by its precision, as a SQL DATE."""
    d = f"{alias}.date"
    if not last:
        return f"try_cast(CASE length({d}) WHEN 4 THEN {d} || '-01-01' WHEN 7 THEN {d} || '-01' ELSE {d} END AS DATE)"
    return (f"CASE length({d}) WHEN 4 THEN try_cast({d} || '-12-31' AS DATE) "
            f"WHEN 7 THEN last_day(try_cast({d} || '-01' AS DATE)) ELSE try_cast({d} AS DATE) END")


DAY0, DAY1 = day_sql("e", False), day_sql("e", True)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class ReportError(SitrepError):
    """A report parameter that names nothing in the store, or is not a date."""

    def __init__(self, message: str, param: str) -> None:
        Exception.__init__(self, message)
        self.code = E.E108
        self.message = message
        self.param = param  # which parameter was wrong, for messages that must not echo input


@dataclass(frozen=True)
class About:
    """One ``--about`` term as resolved: an actor (by id, or by principal for a state) and/or a place."""

    text: str
    actor_id: str | None = None
    name: str | None = None
    code: str | None = None
    kind: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.text


@dataclass(frozen=True)
class Scope:
    since: date
    until: date
    about: tuple[About, ...] = field(default_factory=tuple)

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> Scope:
        """The period of the same length just before this one, about the same things.

        A window of whole months (or years) is compared with as many months before it, so that
        2019-2024 is set against 2013-2018 rather than against a span shifted by leap days.
        """
        until = self.since - timedelta(days=1)
        if self.since.day == 1 and self.until.day == calendar.monthrange(self.until.year, self.until.month)[1]:
            months = (self.until.year - self.since.year) * 12 + self.until.month - self.since.month + 1
            start = self.since.year * 12 + self.since.month - 1 - months
            return replace(self, since=date(start // 12, start % 12 + 1, 1), until=until)
        return replace(self, since=self.since - timedelta(days=self.days), until=until)

    def where(self, modalities: tuple[str, ...] | None = FACTS) -> tuple[str, list[Any]]:
        """WHERE over ``events e``: inside the window, about any of the terms, of these modalities."""
        clauses = [f"{DAY0} >= ?", f"{DAY1} <= ?"]
        params: list[Any] = [self.since, self.until]
        if modalities:
            clauses.append("list_contains(?, e.modality)")
            params.append(list(modalities))
        if self.about:
            ors = []
            for term in self.about:
                sql, p = _about_clause(term)
                ors.append(sql)
                params += p
            clauses.append("(" + " OR ".join(ors) + ")")
        return " AND ".join(clauses), params


def _about_clause(term: About) -> tuple[str, list[Any]]:
    # A state stands for everyone under its principal code (its ministers, its army), any other
    # actor for itself; and events placed in a place of that name (or in that state) count too.
    # Place names match on whole words, so "US" does not find "Brussels".
    parts = ["regexp_matches(e.location_name, ?)"]
    params: list[Any] = ["(?i)\\b" + re.escape(term.text) + "\\b"]
    if term.actor_id:
        who = term.code if term.kind == "state" and term.code else term.actor_id
        sql, p = event_where(actor=who, modality=None)
        parts.append(sql)
        params += p
    if term.kind == "principal":  # a bare principal code: everyone under it
        sql, p = event_where(actor=term.code, modality=None)
        parts.append(sql)
        params += p
    if term.kind in ("state", "principal") and term.code:
        parts.append("e.location_country = ?")
        params.append(term.code)
    return "(" + " OR ".join(f"({x})" for x in parts) + ")", params


def parse_day(text: str | None, end: bool) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as its first (or, with ``end``, last) day."""
    if text is None or text == "":
        return None
    m = _DATE.match(text.strip())
    if not m:
        raise ReportError(f"not a date: '{text}' (use YYYY, YYYY-MM or YYYY-MM-DD)", "until" if end else "since")
    y, mo, d = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    try:
        if d is not None:
            return date(y, mo, int(d))
        return date(y, mo, calendar.monthrange(y, mo)[1] if end else 1)
    except ValueError:
        raise ReportError(f"not a date: '{text}'", "until" if end else "since") from None


def resolve_about(store: Store, terms: tuple[str, ...] | list[str]) -> tuple[About, ...]:
    out = []
    for text in (t.strip() for t in terms):
        if not text:
            continue
        actor = find_actor(store, text)
        if actor:
            out.append(About(text, actor["actor_id"], actor["name"], actor["code"], actor["kind"]))
            continue
        code = text.upper()
        if store.con.execute("SELECT count(*) FROM events WHERE source_code = ? OR target_code = ?",
                             [code, code]).fetchone()[0]:
            out.append(About(text, name=code, code=code, kind="principal"))
            continue
        sql, params = _about_clause(About(text))
        if store.con.execute(f"SELECT count(*) FROM events e WHERE {sql}", params).fetchone()[0] == 0:
            raise ReportError(f"no actor or place matches '{text}' (try `sitrep actors` for names)", "about")
        out.append(About(text))
    return tuple(out)


def resolve(store: Store, about: tuple[str, ...] | list[str] = (), since: str | None = None,
            until: str | None = None) -> Scope:
    """The report's window. Missing ends default to the first and last dated event it is about."""
    terms = resolve_about(store, about)
    lo, hi = parse_day(since, end=False), parse_day(until, end=True)
    if lo is None or hi is None:
        probe = Scope(date(1, 1, 1), date(9999, 12, 31), terms)
        sql, params = probe.where(None)
        first, last = store.con.execute(f"SELECT min({DAY0}), max({DAY1}) FROM events e WHERE {sql}", params).fetchone()
        lo = lo or first or hi or date.today()
        hi = hi or last or lo
    if hi < lo:
        raise ReportError(f"--until ({hi}) is before --since ({lo})", "until")
    return Scope(lo, hi, terms)


def corpus(store: Store, scope: Scope) -> dict[str, Any]:
    """The articles the window's events come from (any modality): counts, outlets, dating."""
    where, params = scope.where(None)
    row = _rows(store, f"""
        WITH arts AS (SELECT DISTINCT e.article_id FROM events e WHERE {where})
        SELECT count(*) AS articles, count(DISTINCT a.outlet) AS outlets,
               count(*) FILTER (WHERE a.outlet IS NULL) AS no_outlet,
               min(a.published) AS first_published, max(a.published) AS last_published,
               count(*) FILTER (WHERE a.published_method = 'inferred') AS inferred,
               count(*) FILTER (WHERE a.published IS NULL) AS undated,
               list(DISTINCT a.outlet ORDER BY a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlet_names
        FROM arts JOIN articles a USING (article_id)""", params)[0]
    row["outlet_names"] = row["outlet_names"] or []
    row["events"] = dict(store.con.execute(
        f"SELECT e.modality, count(*) FROM events e WHERE {where} GROUP BY 1", params).fetchall())
    row["store_articles"], row["store_events"], row["store_undated_events"] = store.con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM events WHERE date IS NULL)").fetchone()
    return row


def clusters(store: Store, scope: Scope, modalities: tuple[str, ...] = FACTS) -> list[dict[str, Any]]:
    """The window's real events (clusters, restricted to their events inside the window).

    Each has its support (events, articles, outlets), its strongest intensity, whether the same
    kind of event between the same principals was seen before the window (``novel``), its best
    quote (the most confident event's sentence) and its sources.
    """
    where, params = scope.where(modalities)
    return _rows(store, f"""
        WITH w AS (SELECT e.*, a.outlet, a.url, a.title, a.published_method, {DAY0} AS day0, {DAY1} AS day1
                   FROM events e JOIN articles a USING (article_id) WHERE {where}),
        g AS (
            SELECT coalesce(w.cluster_id, w.event_id) AS cluster_id, any_value(w.type) AS type,
                   mode(w.mode) AS mode, any_value(w.modality) AS modality,
                   arg_max(w.source_name, w.confidence) AS source_name, any_value(w.source_code) AS source_code,
                   arg_max(w.source_actor_id, w.confidence) AS source_actor_id,
                   arg_max(w.target_name, w.confidence) AS target_name, any_value(w.target_code) AS target_code,
                   arg_max(w.target_actor_id, w.confidence) AS target_actor_id,
                   mode({{'name': w.location_name, 'precision': w.location_precision}}) FILTER (WHERE w.location_name IS NOT NULL) AS place, min(w.date) AS date, min(w.day0) AS day0, max(w.day1) AS day1,
                   count(*) AS events, count(DISTINCT w.article_id) AS articles, count(DISTINCT w.outlet) AS outlets,
                   max(abs(coalesce(w.intensity, 0))) AS magnitude, avg(w.intensity) AS intensity,
                   max(w.confidence) AS confidence, min(w.confidence) AS min_confidence,
                   bool_and(w.date_precision = 'article' AND w.published_method = 'inferred') AS inferred_date,
                   arg_max(w.quote, w.confidence) AS quote, arg_max(w.article_id, w.confidence) AS quote_article_id,
                   arg_max(w.start, w.confidence) AS quote_start, arg_max(w."end", w.confidence) AS quote_end,
                   list(DISTINCT {{'article_id': w.article_id, 'doc': w.doc, 'title': w.title, 'outlet': w.outlet,
                                  'url': w.url}}) AS sources
            FROM w GROUP BY coalesce(w.cluster_id, w.event_id))
        SELECT g.*, NOT EXISTS (
                   SELECT 1 FROM events p
                   WHERE p.type = g.type AND list_contains(?, p.modality)
                     AND p.source_code IS NOT DISTINCT FROM g.source_code AND p.target_code IS NOT DISTINCT FROM g.target_code
                     AND {day_sql("p", True)} < ?) AS novel
        FROM g ORDER BY g.day0, g.cluster_id""", params + [list(modalities), scope.since])


def actor_activity(store: Store, scope: Scope) -> dict[str, dict[str, Any]]:
    """Per actor in the window's facts: events, net intensity, and the counterparts it had."""
    where, params = scope.where()
    rows = _rows(store, f"""
        WITH sides AS (
            SELECT e.source_actor_id AS actor_id, e.source_name AS name, e.source_code AS code,
                   e.target_actor_id AS other, e.intensity FROM events e WHERE {where} AND e.source_actor_id IS NOT NULL
            UNION ALL
            SELECT e.target_actor_id, e.target_name, e.target_code, e.source_actor_id, e.intensity
            FROM events e WHERE {where} AND e.target_actor_id IS NOT NULL AND e.target_actor_id IS DISTINCT FROM e.source_actor_id)
        SELECT actor_id, any_value(name) AS name, any_value(code) AS code, count(*) AS events,
               coalesce(sum(intensity), 0) AS net,
               coalesce(list(DISTINCT other) FILTER (WHERE other IS NOT NULL AND other <> actor_id), []) AS partners
        FROM sides GROUP BY actor_id""", params + params)
    return {r["actor_id"]: r for r in rows}


def dyads(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Unordered actor pairs in the window's facts: events, cooperation, conflict, net balance."""
    where, params = scope.where()
    return _rows(store, f"""
        WITH d AS (
            SELECT least(e.source_actor_id, e.target_actor_id) AS a, greatest(e.source_actor_id, e.target_actor_id) AS b,
                   CASE WHEN e.source_actor_id < e.target_actor_id THEN e.source_name ELSE e.target_name END AS a_name,
                   CASE WHEN e.source_actor_id < e.target_actor_id THEN e.target_name ELSE e.source_name END AS b_name,
                   coalesce(e.intensity, 0) AS intensity
            FROM events e WHERE {where} AND e.source_actor_id IS NOT NULL AND e.target_actor_id IS NOT NULL
                  AND e.source_actor_id <> e.target_actor_id)
        SELECT a AS a_actor_id, any_value(a_name) AS a_name, b AS b_actor_id, any_value(b_name) AS b_name,
               count(*) AS events, coalesce(sum(intensity) FILTER (WHERE intensity > 0), 0) AS cooperation,
               coalesce(-sum(intensity) FILTER (WHERE intensity < 0), 0) AS conflict, sum(intensity) AS score
        FROM d GROUP BY a, b ORDER BY events DESC, abs(score) DESC, a, b""", params)


def places(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """The window's located facts per place (the shape of :func:`sitrep.query.places`)."""
    where, params = scope.where()
    return _rows(store, f"""
        SELECT e.location_name AS name, e.location_country AS country, e.lat, e.lon,
               count(*) AS events, sum(coalesce(e.intensity, 0)) AS score, list(DISTINCT e.type ORDER BY e.type) AS types
        FROM events e WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, name""", params)


def caveats(store: Store, scope: Scope) -> dict[str, Any]:
    """What to read with care: low-confidence facts, dates taken from inferred article dates."""
    where, params = scope.where()
    low = _rows(store, f"""
        SELECT e.event_id, e.cluster_id, e.type, e.source_name, e.target_name, e.date, e.doc, e.quote, e.confidence
        FROM events e WHERE {where} AND e.confidence < ? ORDER BY e.confidence, e.date, e.event_id""",
                params + [LOW_CONFIDENCE])
    inferred = _rows(store, f"""
        SELECT a.doc, a.title, a.published, a.published_precision, count(*) AS events
        FROM events e JOIN articles a USING (article_id)
        WHERE {where} AND a.published_method = 'inferred' AND e.date_precision = 'article'
        GROUP BY ALL ORDER BY a.published, a.doc""", params)
    facts = store.con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    return {"low_confidence": low, "inferred_dates": inferred, "facts": facts, "threshold": LOW_CONFIDENCE}
