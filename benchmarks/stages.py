"""Milliseconds an article in the analysis stages after the parse (actors, events).

    python benchmarks/stages.py CORPUS [--articles 800] [--profile]

Reads and cleans the first ``--articles`` whole-file articles of CORPUS (a folder written by
``benchmarks/corpus.py``), parses them once with sitrep's spaCy pipeline, runs the actors and
events stages over the first half -- so that the bounded memo caches hold what they hold in a
long run -- and times each stage over the second half, in batches of 64 as the engine sends
them. ``--profile`` prints a cProfile of that second pass instead (cumulative, then own time;
cProfile overstates cheap calls such as spaCy's Token creation: confirm a gain with the timing).
The machine is noisy: run it three times and keep the fastest.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

BATCH = 64  # the engine's default batch size (Config.batch_size)


def articles(corpus: Path, n: int) -> list:
    from sitrep.clean import clean
    from sitrep.engines.work import WHOLE_FILE_SUFFIXES
    from sitrep.errors import Skip
    from sitrep.ingest import read_path
    from sitrep.models import Analysis, Skipped

    out = []
    for path in sorted(corpus.rglob("*")):
        if path.suffix not in WHOLE_FILE_SUFFIXES:
            continue
        for doc in read_path(path):
            if isinstance(doc, Skipped):
                continue
            try:
                out.append(Analysis(clean(doc)))
            except Skip:
                continue
        if len(out) >= n:
            break
    return out[:n]


def main(argv: list[str] | None = None) -> None:
    from sitrep.engines import work
    from sitrep.pipeline import Config, build

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--articles", type=int, default=800)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    work.setup(Config())
    nlp, actors, events = build(("nlp", "actors", "events"))
    batch = articles(args.corpus, args.articles)
    started = time.perf_counter()
    parsed = [a for i in range(0, len(batch), BATCH) for a in nlp.fn(batch[i : i + BATCH])]
    parse_ms = (time.perf_counter() - started) / max(len(parsed), 1) * 1e3
    warm, timed = parsed[: len(parsed) // 2], parsed[len(parsed) // 2 :]
    for i in range(0, len(warm), BATCH):
        events.fn(actors.fn(warm[i : i + BATCH]))
    spent = {"actors": 0.0, "events": 0.0}
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    for i in range(0, len(timed), BATCH):
        t0 = time.perf_counter()
        out = actors.fn(timed[i : i + BATCH])
        t1 = time.perf_counter()
        events.fn(out)
        spent["actors"] += t1 - t0
        spent["events"] += time.perf_counter() - t1
    if profile:
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(50)
        stats.sort_stats("tottime").print_stats(30)
        return
    n = max(len(timed), 1)
    print(f"{len(timed)} articles timed (after {len(warm)} to warm the caches): "
          f"parse {parse_ms:.1f} ms/article (all {len(parsed)}, holding every Doc), "
          f"actors {spent['actors'] / n * 1e3:.2f} ms/article, events {spent['events'] / n * 1e3:.2f} ms/article")


if __name__ == "__main__":
    main()
