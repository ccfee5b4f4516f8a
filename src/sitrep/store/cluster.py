"""One record per real event: events from any article that report the same thing share a cluster.

Two events are the same real event when they have the same type, the same source and target
principals, the same modality, and dates within ``WINDOW_DAYS`` of each other (dates of lower
precision fall in the window when their period overlaps it). Clusters are recomputed over the
whole store after each run, so their ids do not depend on the order articles arrived in: a
cluster's id is the smallest event id in it.

The grouping runs inside DuckDB as one query (gaps and islands): within a key, events are
ordered by date (ISO strings order a period before the days it contains, so periods come in
order of their first day), and an event opens a new cluster when it is undated or starts more
than ``WINDOW_DAYS`` after the latest end of the events before it. Because starts never go
back, that latest end is the end of the current cluster. Nothing is fetched into Python, so a
store of millions of events is clustered within DuckDB's memory limit, not the process's.
"""

from __future__ import annotations

from . import Store

WINDOW_DAYS = 3  # news of one event spreads over a few days; tuned by hand on examples/corpus

_KEY = "type, src, tgt, modality"
_ORDER = "date NULLS LAST, event_id"

# Each event's first and last day: YYYY-MM-DD, YYYY-MM or YYYY. Anything else (our dater writes
# only these) opens a cluster of its own rather than failing the run.
_CLUSTERS = f"""
WITH spans AS (
    SELECT event_id, cluster_id AS old, type, modality, date,
           coalesce(source_code, source_actor_id, '') AS src,
           coalesce(target_code, target_actor_id, '') AS tgt,
           CASE length(date) WHEN 10 THEN TRY_CAST(date AS DATE)
                             WHEN 7 THEN TRY_CAST(date || '-01' AS DATE)
                             WHEN 4 THEN TRY_CAST(date || '-01-01' AS DATE) END AS first_day,
           CASE length(date) WHEN 10 THEN TRY_CAST(date AS DATE)
                             WHEN 7 THEN last_day(TRY_CAST(date || '-01' AS DATE))
                             WHEN 4 THEN TRY_CAST(date || '-12-31' AS DATE) END AS last_day
    FROM events),
reach AS (
    SELECT *, max(last_day) OVER (PARTITION BY {_KEY} ORDER BY {_ORDER}
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
    FROM spans),
opens AS (
    SELECT *, sum(CASE WHEN first_day IS NULL OR reached IS NULL
                            OR first_day > reached + INTERVAL {WINDOW_DAYS} DAY THEN 1 ELSE 0 END)
                  OVER (PARTITION BY {_KEY} ORDER BY {_ORDER} ROWS UNBOUNDED PRECEDING) AS island
    FROM reach)
SELECT event_id, old, min(event_id) OVER (PARTITION BY {_KEY}, island) AS cluster_id FROM opens
"""


def assign_clusters(store: Store) -> int:
    """Recompute cluster ids for every event (rewriting only those that change); returns the
    number of clusters (a cluster's id is one of its events' ids)."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"""UPDATE events SET cluster_id = c.cluster_id FROM ({_CLUSTERS}) c
                        WHERE events.event_id = c.event_id AND c.old IS DISTINCT FROM c.cluster_id""")
        n = con.execute("SELECT count(*) FROM events WHERE cluster_id = event_id").fetchone()[0]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return int(n)
