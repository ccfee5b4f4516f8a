"""How much memory a freshly opened store takes on as a writer appends batches to it.

    python benchmarks/index_memory.py STORE [--batches 12] [--batch 64]

Works on a copy of STORE (left untouched). Opens the copy as the run's writer does (a 256 MB
DuckDB limit), then commits batches shaped like a run's: the child rows (paragraphs, mentions,
events, sources) of ``--batch`` stored articles, given new keys. After every few batches it
prints the process's resident size and DuckDB's own account (``duckdb_memory()``): ``ART_INDEX``
is the primary-key indexes loaded to check the new keys (a store from before migration 0004,
whose child tables had keys; open it once with sitrep to migrate it), ``BASE_TABLE`` the cached
table pages.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

CHILD_TABLES = {"paragraphs": "article_id", "mentions": "article_id", "events": "event_id", "sources": "article_id"}


def rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) >> 10
    return 0


def main(argv: list[str] | None = None) -> None:
    import duckdb

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--batches", type=int, default=12)
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.duckdb"
        shutil.copy(args.store, copy)
        con = duckdb.connect(str(copy), config={"memory_limit": "256MB"})

        def report(label: str) -> None:
            tags = con.execute("SELECT tag, memory_usage_bytes >> 20 FROM duckdb_memory() "
                               "WHERE memory_usage_bytes >> 20 > 0 ORDER BY tag").fetchall()
            print(f"{label:>12}: resident {rss_mb()} MB; DuckDB " + ", ".join(f"{t} {n} MB" for t, n in tags), flush=True)

        report("opened")
        ids = [r[0] for r in con.execute(f"SELECT article_id FROM articles USING SAMPLE {args.batches * args.batch} ROWS").fetchall()]
        for k in range(args.batches):
            chunk = ids[k * args.batch : (k + 1) * args.batch]
            con.execute("BEGIN TRANSACTION")
            for table, key in CHILD_TABLES.items():  # new keys: a content hash of the old one
                con.execute(f"INSERT INTO {table} SELECT * REPLACE (md5({key})[:16] AS {key}) "
                            f"FROM {table} WHERE article_id IN (SELECT unnest(?))", [chunk])
            con.execute("COMMIT")
            if k in (0, 1, 3) or (k + 1) % 4 == 0:
                report(f"{k + 1} batches")
        con.close()


if __name__ == "__main__":
    main()
