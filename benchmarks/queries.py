"""Query latency with a million events: actor timeline, dyad relations, event filters.

    python benchmarks/queries.py [--events 1000000] [--db FILE] [--runs 200] [--json FILE]

Generates (once, into ``--db``, default ``benchmarks/.data/events-1M.duckdb``) a store with the
real schema -- opened through ``sitrep.store.Store``, so every migration applies -- holding
``--events`` synthetic events over 100,000 articles and 5,000 actors with Zipf-like
popularity (a few principals in most events, a long tail), PLOVER types, modalities, dates
over 2011-2025 and places. Then it times the query layer (``sitrep.query``) as the API and the
UI call it, each query ``--runs`` times with parameters drawn at random (popular and rare
actors, pairs that exist), and prints p50/p95/max in milliseconds. A cold first run of each
query is reported separately. The store is opened read-only, as ``sitrep serve`` opens it.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from sitrep import query
from sitrep.store import Store

HERE = Path(__file__).resolve().parent
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
INTENSITY = dict(zip(TYPES, [3, 1, 3.5, 5, 6, 7, 7, -2, -2, -4, -6, -4, -8, -7, -8, -9]))
MODALITIES = ["asserted"] * 8 + ["negated", "hypothetical", "future", "historical"]
PLACES = ["Tripoli", "Benghazi", "Misrata", "Sirte", "Tobruk", "Derna", "Sabha", "Zawiya", "Cairo", "Ankara",
          "Moscow", "Paris", "Rome", "Geneva", "Berlin", "Tunis", "Algiers", "Valletta", None, None]
CODES = ["LBY", "EGY", "TUR", "RUS", "FRA", "ITA", "USA", "GBR", "UN", "EU", "NATO", "AU", "QAT", "ARE", "TUN", "DZA"]


def generate(db: Path, n_events: int, n_articles: int = 100_000, n_actors: int = 5_000, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    actor_ids = [f"actor:{i:05d}" for i in range(n_actors)]
    actor_codes = [CODES[i % len(CODES)] for i in range(n_actors)]
    weights = 1.0 / np.arange(1, n_actors + 1) ** 1.1
    weights /= weights.sum()
    with Store(db) as store:
        con = store.con
        con.register("_a", pa.table({
            "actor_id": actor_ids, "name": [f"Actor {i}" for i in range(n_actors)],
            "kind": ["state" if i < 200 else "person" for i in range(n_actors)], "code": actor_codes,
            "sector": ["GOV"] * n_actors, "aliases": [[] for _ in range(n_actors)], "roles": ["[]"] * n_actors}))
        con.execute("INSERT INTO actors SELECT * FROM _a")
        day0 = date(2011, 1, 1)
        art_days = rng.integers(0, 5400, n_articles)
        con.register("_ar", pa.table({
            "article_id": [f"{i:016x}" for i in range(n_articles)], "doc": [f"doc-{i}.txt" for i in range(n_articles)],
            "title": [f"Report {i}" for i in range(n_articles)], "text": ["Synthetic article text."] * n_articles,
            "published": [(day0 + timedelta(days=int(d))).isoformat() for d in art_days]}))
        con.execute("INSERT INTO articles (article_id, doc, title, text, published) SELECT * FROM _ar")
        chunk = 200_000
        for start in range(0, n_events, chunk):
            n = min(chunk, n_events - start)
            arts = rng.integers(0, n_articles, n)
            src = rng.choice(n_actors, n, p=weights)
            tgt = rng.choice(n_actors, n, p=weights)
            types = rng.integers(0, len(TYPES), n)
            days = art_days[arts] - rng.integers(0, 3, n)
            mods = rng.integers(0, len(MODALITIES), n)
            places = rng.integers(0, len(PLACES), n)
            con.register("_e", pa.table({
                "event_id": [f"e{start + i:015x}" for i in range(n)],
                "cluster_id": [f"e{start + i:015x}" for i in range(n)],
                "article_id": [f"{a:016x}" for a in arts], "doc": [f"doc-{a}.txt" for a in arts],
                "type": [TYPES[t] for t in types], "modality": [MODALITIES[m] for m in mods],
                "source_actor_id": [actor_ids[s] for s in src], "source_name": [f"Actor {s}" for s in src],
                "source_code": [actor_codes[s] for s in src],
                "target_actor_id": [actor_ids[t] for t in tgt], "target_name": [f"Actor {t}" for t in tgt],
                "target_code": [actor_codes[t] for t in tgt],
                "date": [(day0 + timedelta(days=int(d))).isoformat() for d in days], "date_precision": ["day"] * n,
                "location_name": [PLACES[p] for p in places],
                "quote": [f"Actor {s} did {TYPES[t].lower()} to Actor {g} in statement {i}." for i, (s, t, g) in enumerate(zip(src, types, tgt))],
                "start": rng.integers(0, 3000, n), "end": rng.integers(3000, 4000, n),
                "confidence": rng.random(n).round(2), "intensity": [INTENSITY[TYPES[t]] for t in types]}))
            con.execute("INSERT INTO events BY NAME SELECT * FROM _e")
            con.unregister("_e")
        con.execute("CHECKPOINT")


def timed(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "max_ms": round(times[-1], 1)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=HERE / ".data" / "events-1M.duckdb")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        generate(args.db, args.events)
        print(f"generated {args.events} events in {time.perf_counter() - t:.0f} s", flush=True)
    rng = random.Random(7)
    with Store(args.db, read_only=True) as store:
        n = store.count("events")
        pairs = store.con.execute("""SELECT source_actor_id, target_actor_id FROM events
                                     WHERE source_actor_id <> target_actor_id USING SAMPLE 2000 ROWS""").fetchall()
        actors = [f"actor:{int(rng.paretovariate(0.8)) % 5000:05d}" for _ in range(1000)]
        pick = lambda seq: seq[rng.randrange(len(seq))]  # noqa: E731
        year = lambda: str(rng.randint(2011, 2025))  # noqa: E731
        cases: dict[str, Callable[[], Any]] = {
            "actor timeline (month)": lambda: query.timeline(store, period="month", actor=pick(actors), modality=None),
            "actor timeline (year, asserted)": lambda: query.timeline(store, period="year", actor=pick(actors)),
            "dyad relation (pair, by year)": lambda: query.relations(store, period="year", pair=pick(pairs), modality=None),
            "dyad relations (an actor's, all time)": lambda: query.relations(store, period=None, actor=pick(actors), limit=50),
            "dyad relations (top 100 in a year)": lambda: query.relations(store, period="year", since=(y := year()), until=y, limit=100),
            "event filter (actor + type + years)": lambda: query.event_page(
                store, actor=pick(actors), types=[pick(TYPES)], since="2015", until="2020", limit=50),
            "event filter (principal code, page 3)": lambda: query.event_page(store, actor=pick(CODES), limit=50, offset=100),
            "event filter (source and target)": lambda: query.events(store, source=pick(pairs)[0], target=pick(pairs)[1]),
            "event filter (place + month)": lambda: query.event_page(store, place=pick(PLACES[:18]), since="2019-03", until="2019-03"),
        }
        results = {"events": n, "runs": args.runs, "queries": {}}
        for name, fn in cases.items():
            t = time.perf_counter()
            fn()
            cold = round((time.perf_counter() - t) * 1000, 1)
            results["queries"][name] = {"first_ms": cold, **timed(fn, args.runs)}
            print(f"{name:42s} {results['queries'][name]}", flush=True)
    if args.json:
        with args.json.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
