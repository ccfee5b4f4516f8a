"""Memory and time of the engine's deduplication state, seeded from a store.

    python benchmarks/dedupe_memory.py STORE.duckdb [--json FILE]

Opens the store read-only, builds what a run builds at its start (``sitrep.engines.flow.Deduper``
with every stored id and the near-duplicate index), and reports the seconds it took, the bytes
the structures say they hold, the Python heap they take (tracemalloc: Python objects and numpy
arrays) and the growth of the process's resident memory (which also counts DuckDB's buffers for
the read), per stored article. This is the one part of the run process that grows with the store.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
import tracemalloc
from pathlib import Path

from sitrep.engines.flow import Deduper
from sitrep.store import Store


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    with Store(args.store, read_only=True) as store:
        n = store.count("articles")
        del_me = Deduper(store, 0.9, preload=True)  # a first pass imports what reading needs
        del del_me
        gc.collect()
        tracemalloc.start()
        before, started = rss(), time.perf_counter()
        dedupe = Deduper(store, 0.9, preload=True)
        seconds = time.perf_counter() - started
        gc.collect()
        grown = rss() - before
        heap = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    held = dedupe.index.nbytes() + (dedupe.stored.nbytes() if dedupe.stored is not None else 0)
    result = {"articles": n, "seed_s": round(seconds, 2), "held_bytes_per_article": round(held / max(n, 1)),
              "python_heap_bytes_per_article": round(heap / max(n, 1)), "rss_growth_mb": round(grown / 2**20, 1), "rss_bytes_per_article": round(grown / max(n, 1)),
              "signatures_in_memory": len(dedupe.index._sigs)}
    print(json.dumps(result))
    if args.json:
        with args.json.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
