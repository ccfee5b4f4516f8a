"""Throughput, overhead and memory of ``sitrep run`` on the synthetic corpus.

    python benchmarks/run.py --sizes 1000 10000 --workers 1 2 [--bare] [--repeat R] [--data DIR] [--json FILE]

For each size N it generates (once) ``DATA/corpus-N`` with benchmarks/corpus.py, then for each
worker count runs ``python -m sitrep run DATA/corpus-N --db <fresh> --workers W --no-progress``
as a subprocess and reports wall time, articles/s, tokens/s, CPU seconds (the run and its
workers), peak RSS of the whole process tree, of its largest process and of the run process (sampled every 0.2 s
from /proc), and the load average around the run (other work on the machine shows there).

Before the timed runs, a 1-article run fills the start-up build cache (``sitrep.buildcache``:
the knowledge base, the gazetteer and the language model, pickled), so that every timed run
starts as a run does once the cache exists; ``--cold`` leaves it out.

``--bare`` also times bare ``nlp.pipe`` -- the spaCy pipeline package as it ships
(``sitrep.nlp.load(stock=True)``), and then sitrep's own variant of it (``sitrep.nlp.load()``:
line breaks end sentences, cached attribute rules) -- with the nlp stage's batch size, over
exactly the texts the run parsed (the new articles of the 1-worker store, non-English
paragraphs blanked as the stage does) in a fresh process, and a 1-article run (start-up: imports, models, knowledge base, gazetteers). It then reports
the ratio ``bare pipe time / run time`` (the overhead target is >= 0.85) with and without
start-up, the same ratio in CPU seconds, the ratio to sitrep's own pipeline alone (robust when other work shares the machine), and the
speed-up of each worker count over 1 worker.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable


def tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            pass
    return out


def rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Peak RSS of a process tree (sum) and of its largest single process."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_total, self.peak_one, self.peak_main, self.stop = pid, 0, 0, 0, threading.Event()
        self.timeline: list[tuple[float, int, int, int]] = []  # (s, tree, main process, largest process) MB, every ~5 s

    def run(self) -> None:
        t0 = last = time.perf_counter()
        while not self.stop.is_set():
            sizes = [rss(p) for p in tree(self.pid)]
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_one = max(self.peak_one, max(sizes, default=0))
            self.peak_main = max(self.peak_main, sizes[0] if sizes else 0)
            if time.perf_counter() - last >= 5 and sizes:
                last = time.perf_counter()
                self.timeline.append((round(last - t0, 1), sum(sizes) >> 20, sizes[0] >> 20, max(sizes) >> 20))
            self.stop.wait(0.2)


def timed(cmd: list[str]) -> dict:
    load0 = os.getloadavg()[0]
    with tempfile.TemporaryFile("w+") as fout, tempfile.TemporaryFile("w+") as ferr:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fout, stderr=ferr, text=True)
        sampler = Sampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        sampler.stop.set()
        sampler.join()
        fout.seek(0)
        ferr.seek(0)
        out, err = fout.read(), ferr.read()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{err[-2000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(sampler.peak_total / 2**20), "peak_rss_largest_mb": round(sampler.peak_one / 2**20),
            "peak_rss_main_mb": round(sampler.peak_main / 2**20),
            "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2), "stdout": out,
            "rss_timeline_mb": sampler.timeline}


def counts(db: Path) -> dict:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "sources", "events", "mentions")}


BARE = r"""
import json, sys, time
import duckdb
from sitrep.nlp import load
con = duckdb.connect(sys.argv[1], read_only=True)
rows = con.execute("SELECT a.text, list(p.start ORDER BY p.idx) FILTER (WHERE NOT p.english), list(p.end ORDER BY p.idx) FILTER (WHERE NOT p.english) FROM articles a LEFT JOIN paragraphs p USING (article_id) GROUP BY a.article_id, a.text, a.ingested_at ORDER BY a.ingested_at, a.article_id").fetchall()
con.close()
texts = []
for text, starts, ends in rows:
    chars = list(text)
    for s, e in zip(starts or [], ends or []):
        chars[s:e] = " " * (e - s)
    texts.append("".join(chars))
out = {"docs": len(texts)}
for stock, tag in ((True, ""), (False, "_sitrep")):
    t0 = time.perf_counter(); nlp = load(stock=stock); list(nlp.pipe(texts[:20])); t1 = time.perf_counter(); c1 = time.process_time()
    tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=int(sys.argv[2])))
    t2 = time.perf_counter(); c2 = time.process_time()
    out |= {"tokens": tokens, f"load_s{tag}": round(t1 - t0, 2), f"pipe_s{tag}": round(t2 - t1, 2),
            f"pipe_cpu_s{tag}": round(c2 - c1, 2), f"pipeline{tag}": nlp.pipe_names}
print(json.dumps(out))
"""


def bare(db: Path, batch_size: int = 32) -> dict:
    res = timed([PY, "-c", BARE, str(db), str(batch_size)])
    res.pop("rss_timeline_mb")
    return {**json.loads(res.pop("stdout")), **res}


def startup(tmp: Path) -> float:
    """Wall time of a 1-article run: imports, models, knowledge base, gazetteers, store."""
    one = tmp / "one"
    one.mkdir(exist_ok=True)
    (one / "a.txt").write_text("Talks in Tripoli\n\nEgypt's foreign minister met the UN envoy in Tripoli on Monday.\n", "utf-8")
    db = tmp / "one.duckdb"
    db.unlink(missing_ok=True)
    return timed([PY, "-m", "sitrep", "run", str(one), "--db", str(db), "--workers", "1", "--no-progress"])["wall_s"]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--bare", action="store_true")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each variant; the fastest is reported")
    ap.add_argument("--data", type=Path, default=HERE / ".data")
    ap.add_argument("--json", type=Path, default=None, help="append the results (one JSON object a line)")
    ap.add_argument("--cold", action="store_true",
                    help="no warm-up run first: the first run may build the start-up cache (sitrep.buildcache)")
    args = ap.parse_args(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    for n in args.sizes:
        corpus = args.data / f"corpus-{n}"
        if not corpus.exists():
            subprocess.run([PY, str(HERE / "corpus.py"), str(corpus), str(n)], check=True)
        result: dict = {"articles_in": n, "machine": machine, "repeat": args.repeat, "runs": {}}
        if not args.cold:
            with tempfile.TemporaryDirectory() as tmp:  # fills the start-up build cache (sitrep.buildcache)
                result["warm_up_run_s"] = startup(Path(tmp))
        for rep in range(args.repeat):  # interleaved, so that a busy spell hits every variant
            for w in args.workers:
                db = args.data / f"run-{n}-w{w}.duckdb"
                db.unlink(missing_ok=True)
                res = timed([PY, "-m", "sitrep", "run", str(corpus), "--db", str(db), "--workers", str(w), "--no-progress"])
                res.pop("stdout")
                timeline = res.pop("rss_timeline_mb")
                for name, col in (("rss_main_mb_at", 2), ("rss_largest_mb_at", 3)):
                    res[name] = {f"{p}%": timeline[min(len(timeline) - 1, len(timeline) * p // 100)][col]
                                 for p in (10, 50, 90, 100)} if timeline else {}
                res["store"] = counts(db)
                res["articles_per_s"] = round(n / res["wall_s"], 2)
                print(f"N={n} workers={w} #{rep + 1}: {res}", flush=True)
                best = result["runs"].get(w)
                if best is None or res["wall_s"] < best["wall_s"]:
                    result["runs"][w] = res | {"all_wall_s": (best or {}).get("all_wall_s", [])}
                result["runs"][w]["all_wall_s"].append(res["wall_s"])
            if args.bare and 1 in args.workers:
                b = bare(args.data / f"run-{n}-w1.duckdb")
                with tempfile.TemporaryDirectory() as tmp:
                    b["startup_run_s"] = startup(Path(tmp))
                print(f"N={n} bare #{rep + 1}: {b}", flush=True)
                best = result.get("bare")
                if best is None or b["pipe_s"] < best["pipe_s"]:
                    result["bare"] = b | {"all_pipe_s": (best or {}).get("all_pipe_s", [])}
                result["bare"]["all_pipe_s"].append(b["pipe_s"])
        one = result["runs"].get(1)
        for w, r in result["runs"].items():
            if one:
                r["speedup_vs_1"] = round(one["wall_s"] / r["wall_s"], 2)
            if "bare" in result:
                r["tokens_per_s"] = round(result["bare"]["tokens"] / r["wall_s"])
        if "bare" in result and one:
            b = result["bare"]
            result["ratio_to_bare"] = round(b["pipe_s"] / one["wall_s"], 3)
            result["ratio_to_bare_without_startup"] = round(b["pipe_s"] / (one["wall_s"] - b["startup_run_s"]), 3)
            result["cpu_ratio_to_bare"] = round(b["pipe_cpu_s"] / one["cpu_s"], 3)
            result["ratio_to_sitrep_pipe"] = round(b["pipe_s_sitrep"] / one["wall_s"], 3)
            result["cpu_ratio_to_sitrep_pipe"] = round(b["pipe_cpu_s_sitrep"] / one["cpu_s"], 3)
            print(f"N={n}: ratio to bare {result['ratio_to_bare']} (without start-up "
                  f"{result['ratio_to_bare_without_startup']}, CPU {result['cpu_ratio_to_bare']}); to sitrep's own "
                  f"spaCy pipeline alone {result['ratio_to_sitrep_pipe']} (CPU {result['cpu_ratio_to_sitrep_pipe']}); speed-up "
                  f"{ {w: r['speedup_vs_1'] for w, r in result['runs'].items()} }", flush=True)
        if args.json:
            with args.json.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
