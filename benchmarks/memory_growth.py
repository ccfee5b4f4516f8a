"""Which allocations of a run stay alive as it goes on: live bytes per allocating place, from a
memray capture, at several points of the run.

    pip install memray    # not a dependency of sitrep
    python -m memray run --trace-python-allocators -o run.bin -m sitrep run CORPUS --db S.duckdb --no-progress
    python benchmarks/memory_growth.py run.bin [--at 0.15 0.3 0.45 0.6 0.75 0.9] [--top 12]

memray records what the run process allocates through malloc and mmap (DuckDB's and Arrow's
allocators included), not what its worker processes do. For each point (a fraction of the
run's memory snapshots) it sums the bytes allocated before it and not yet freed, grouped by
the innermost Python frame that allocated them (``<no stack>``: a thread that runs no Python,
such as DuckDB's), and prints the places whose live bytes grew most from the first point to
the last, next to the process's resident size at each point.
"""

from __future__ import annotations

import argparse
from collections import defaultdict


def growth(path: str, at: list[float]) -> tuple[list[int], list[int], dict[str, list[int]]]:
    from memray import FileReader

    reader = FileReader(path)
    snaps = list(reader.get_memory_snapshots())
    points = [min(len(snaps) - 1, int(len(snaps) * f)) for f in at]
    alive: dict[str, list[int]] = defaultdict(lambda: [0] * len(points))
    total = [0] * len(points)
    for rec in reader.get_temporal_allocation_records(merge_threads=True):
        frames = rec.stack_trace(max_stacks=1)
        where = f"{frames[0][0]} ({frames[0][1].rsplit('/', 1)[-1]}:{frames[0][2]})" if frames else "<no stack>"
        for iv in rec.intervals:
            for k, snap in enumerate(points):
                freed = iv.deallocated_before_snapshot
                if iv.allocated_before_snapshot <= snap and (freed is None or freed > snap):
                    alive[where][k] += iv.n_bytes
                    total[k] += iv.n_bytes
    return [snaps[p].rss for p in points], total, alive


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("capture")
    ap.add_argument("--at", type=float, nargs="+", default=[0.15, 0.3, 0.45, 0.6, 0.75, 0.9])
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args(argv)
    rss, total, alive = growth(args.capture, args.at)
    mb = lambda xs: " ".join(f"{x >> 20:6d}" for x in xs)  # noqa: E731
    print(f"{'at (fraction of the run)':60s} " + " ".join(f"{f:6.2f}" for f in args.at))
    print(f"{'resident (MB)':60s} {mb(rss)}")
    print(f"{'alive, all places (MB; includes reserved, untouched mappings)':60s} {mb(total)}")
    for where, sizes in sorted(alive.items(), key=lambda kv: kv[1][-1] - kv[1][0], reverse=True)[: args.top]:
        print(f"{where[:60]:60s} {mb(sizes)}")


if __name__ == "__main__":
    main()
