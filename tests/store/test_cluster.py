"""Event clusters: the SQL grouping against a plain reference of the rule it implements."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.store import Store
from sitrep.store.cluster import WINDOW_DAYS, assign_clusters


def _span(value: str | None) -> tuple[date, date] | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        return first, date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1) - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def reference(events: list[tuple[str, str, str | None, str | None, str, str | None]]) -> dict[str, str]:
    """The rule, one event at a time: same key, and a start within the window of the cluster's end."""
    rows = sorted(events, key=lambda e: (e[1], e[2] or "", e[3] or "", e[4], e[5] is None, e[5] or "", e[0]))
    out: dict[str, str] = {}
    members: list[str] = []
    key = end = None
    for event_id, etype, src, tgt, modality, day in rows:
        span = _span(day)
        this = (etype, src or "", tgt or "", modality)
        if not (this == key and span and end and span[0] <= end + timedelta(days=WINDOW_DAYS)):
            out.update({m: min(members) for m in members})
            members, key, end = [], (this if span else None), None
        members.append(event_id)
        if span:
            end = max(end, span[1]) if end else span[1]
    out.update({m: min(members) for m in members})
    return out


def _store(events: list[tuple]) -> Store:
    store = Store(":memory:")
    if not events:
        return store
    store.con.executemany(
        "INSERT INTO events (event_id, article_id, type, source_code, target_code, modality, date) VALUES (?, 'a', ?, ?, ?, ?, ?)",
        [list(e) for e in events])
    return store


def _clusters(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT event_id, cluster_id FROM events").fetchall())


DAYS = st.one_of(
    st.none(),
    st.dates(date(2019, 11, 20), date(2020, 2, 10)).map(date.isoformat),
    st.sampled_from(["2019-12", "2020-01", "2020-02", "2019", "2020"]),
)
EVENT = st.tuples(st.sampled_from(["ASSAULT", "CONSULT"]), st.sampled_from(["LBY", "TUR", None]),
                  st.sampled_from(["LBY", None]), st.sampled_from(["asserted", "future"]), DAYS)


@settings(max_examples=60, deadline=None)
@given(st.lists(EVENT, max_size=40))
def test_clusters_follow_the_rule(drawn):
    events = [(f"e{i:03d}", *e) for i, e in enumerate(drawn)]
    with _store(events) as store:
        n = assign_clusters(store)
        got = _clusters(store)
    want = reference(events)
    assert got == want
    assert n == len(set(want.values()))


def test_a_chain_of_days_is_one_event_and_a_gap_splits_it():
    events = [("e1", "ASSAULT", "TUR", "LBY", "asserted", "2020-01-01"),
              ("e2", "ASSAULT", "TUR", "LBY", "asserted", "2020-01-04"),
              ("e3", "ASSAULT", "TUR", "LBY", "asserted", "2020-01-07"),
              ("e4", "ASSAULT", "TUR", "LBY", "asserted", "2020-01-11"),
              ("e5", "ASSAULT", "TUR", "LBY", "negated", "2020-01-07"),
              ("e6", "ASSAULT", "TUR", "LBY", "asserted", None),
              ("e7", "ASSAULT", "TUR", "LBY", "asserted", "2020-01")]
    with _store(events) as store:
        # the month spans the whole chain and joins the 11th to it
        assert assign_clusters(store) == 3
        got = _clusters(store)
        assert got == {"e1": "e1", "e2": "e1", "e3": "e1", "e7": "e1", "e4": "e1", "e5": "e5", "e6": "e6"}
        store.con.execute("DELETE FROM events WHERE event_id = 'e7'")
        assert assign_clusters(store) == 4  # again, after the store changed: the 11th stands alone
        assert _clusters(store)["e4"] == "e4" and _clusters(store)["e3"] == "e1"


def test_a_malformed_date_does_not_fail_the_run():
    events = [("e1", "ASSAULT", "TUR", "LBY", "asserted", "2020-02-30"),
              ("e2", "ASSAULT", "TUR", "LBY", "asserted", "20-1"),
              ("e3", "ASSAULT", "TUR", "LBY", "asserted", "2020-03-01")]
    with _store(events) as store:
        assert assign_clusters(store) >= 2
        assert _clusters(store)["e1"] == "e1"
