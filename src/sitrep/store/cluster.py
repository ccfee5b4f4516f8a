"""One record per real event: events from any article that report the same thing share a cluster.

Two events are the same real event when they have the same type, the same source and target
principals, the same modality, and dates within ``WINDOW_DAYS`` of each other (dates of lower
precision fall in the window when their period overlaps it). Clusters are recomputed over the
whole store after each run, so their ids do not depend on the order articles arrived in: a
cluster's id is the smallest event id in it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pyarrow as pa

from . import Store

WINDOW_DAYS = 3  # news of one event spreads over a few days; tuned by hand on examples/corpus


def _bounds(value: str | None) -> tuple[date, date] | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def assign_clusters(store: Store) -> int:
    """Recompute cluster ids for every event; returns the number of clusters."""
    rows = store.con.execute("""
        SELECT event_id, type, coalesce(source_code, source_actor_id, ''), coalesce(target_code, target_actor_id, ''),
               modality, date
        FROM events ORDER BY 2, 3, 4, 5, date NULLS LAST, event_id""").fetchall()
    ids, clusters = [], []
    key = None
    members: list[str] = []
    end: date | None = None
    n = 0

    def close() -> None:
        nonlocal n
        if members:
            cid = min(members)
            ids.extend(members)
            clusters.extend([cid] * len(members))
            n += 1

    for event_id, etype, src, tgt, modality, day in rows:
        span = _bounds(day)
        this = (etype, src, tgt, modality)
        same = this == key and span is not None and end is not None and span[0] <= end + timedelta(days=WINDOW_DAYS)
        if not same:
            close()
            members, key, end = [], this, None
        members.append(event_id)
        if span is not None:
            end = max(end, span[1]) if end else span[1]
        elif not same:
            close()  # an undated event is its own cluster
            members, key, end = [], None, None
    close()
    if ids:
        store.con.register("_clusters", pa.table({"event_id": ids, "cluster_id": clusters}))
        try:
            store.con.execute("BEGIN TRANSACTION")
            store.con.execute("UPDATE events SET cluster_id = c.cluster_id FROM _clusters c WHERE events.event_id = c.event_id")
            store.con.execute("COMMIT")
        finally:
            store.con.unregister("_clusters")
    return n
