"""Serving while ingesting: ``sitrep serve`` answers, without an error, while ``sitrep run`` writes.

    python benchmarks/serve_while_run.py CORPUS [--workers 1] [--batch-size 64] [--clients 3] [--pause 0] [--repeat 1]

Per repeat, runs ``sitrep run CORPUS`` into a fresh store three times: alone; while ``sitrep serve``
(127.0.0.1, a free port) serves the same store but nobody asks; and while ``--clients`` threads
loop over the API endpoints and a page, ``--pause`` s apart (0: as fast as the server answers,
which on a small machine mostly measures the CPU the server and clients take from the run). Prints, as JSON, the run's
wall time in each case, what letting readers in cost the writer (the engine logs it: times,
seconds), the requests answered while the run was alive, the errors (any status but 200, or a
malformed body), the latency, how many different article counts the readers saw during the run
(more than one: they read between commits), and the final counts served and stored.
tests/engines/test_serve_while_run.py drives the same code over a small corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ENDPOINTS = ("/api/articles?limit=20", "/api/events?modality=all&limit=20", "/api/actors?limit=20",
             "/api/timeline", "/api/relations?period=all", "/api/overview", "/")
COUNTS = ("articles", "sources", "events", "actors")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def problem(path: str, r: httpx.Response) -> str | None:
    """Why a response is not a well-formed 200, or None."""
    if r.status_code != 200:
        return f"{path}: HTTP {r.status_code} {r.text[:200]}"
    if not path.startswith("/api"):
        ok = r.headers.get("content-type", "").startswith("text/html") and "</html>" in r.text
        return None if ok else f"{path}: not an HTML page"
    body = r.json()
    if path.startswith("/api/overview"):
        return None if all(isinstance(body.get(k), int) for k in ("articles", "sources", "events", "actors")) else f"{path}: {body}"
    ok = isinstance(body.get("items"), list) and isinstance(body.get("total"), int) and body["total"] >= len(body["items"])
    return None if ok and all(isinstance(i, dict) for i in body["items"]) else f"{path}: malformed list {str(body)[:200]}"


class Load:
    """``clients`` threads, each looping over ENDPOINTS until stopped; every answer is recorded."""

    def __init__(self, base: str, clients: int, running: Any, pause: float = 0.0) -> None:
        self.base, self.running, self.pause = base, running, pause
        self.results: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._loop, args=(i,), daemon=True) for i in range(clients)]

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=60)

    def _loop(self, offset: int) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as client:
            i = offset
            while not self._stop.is_set():
                path = ENDPOINTS[i % len(ENDPOINTS)]
                i += 1
                before, started = self.running(), time.monotonic()
                try:
                    r = client.get(path)
                    error, body = problem(path, r), r
                except (httpx.HTTPError, ValueError) as e:
                    error, body = f"{path}: {type(e).__name__}: {e}", None
                seconds = time.monotonic() - started
                total = None
                if error is None and body is not None and path.startswith(("/api/overview", "/api/articles")):
                    total = body.json().get("articles", body.json().get("total"))
                self.results.append({"path": path, "error": error, "during": before and self.running(),
                                     "seconds": seconds, "articles": total})
                self._stop.wait(self.pause)


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("sitrep serve exited")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=5).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("sitrep serve did not answer")


def run_command(corpus: Path, db: Path, workers: int, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "sitrep", "-v", "run", str(corpus), "--db", str(db), "--workers", str(workers),
            "--batch-size", str(batch_size), "--no-progress"]


def writer_cost(stderr: str) -> dict[str, float]:
    """The engine's own account (sitrep.store.access, logged at the end of a run)."""
    m = re.search(r"let readers in (\d+) times, which cost the writer ([\d.]+) s", stderr)
    return {"let_readers_in": int(m.group(1)), "cost_s": float(m.group(2))} if m else {}


def children_cpu() -> float:
    """CPU seconds of the child processes reaped so far (a run and its workers, once it has ended)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_alone(corpus: Path, db: Path, workers: int, batch_size: int) -> dict[str, Any]:
    started, cpu = time.monotonic(), children_cpu()
    done = subprocess.run(run_command(corpus, db, workers, batch_size), check=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    return {"run_s": round(time.monotonic() - started, 2), "run_cpu_s": round(children_cpu() - cpu, 2),
            "writer": writer_cost(done.stderr), "store_mb": store_mb(db)}


def store_mb(db: Path) -> float:
    return round(sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file()) / 1e6, 1)


def stored_counts(db: Path) -> dict[str, int]:
    from sitrep.store import Store

    with Store(db, read_only=True) as s:
        return {t: s.count(t) for t in COUNTS}


def served_counts(base: str) -> dict[str, int]:
    overview = httpx.get(f"{base}/api/overview", timeout=30).json()
    totals = {path: httpx.get(f"{base}/api/{path}", timeout=30).json()["total"]
              for path in ("articles?limit=1", "events?modality=all&limit=1", "actors?limit=1")}
    return {"articles": overview["articles"], "sources": overview["sources"], "events": overview["events"],
            "actors": totals["actors?limit=1"], "articles_list": totals["articles?limit=1"],
            "events_list": totals["events?modality=all&limit=1"]}


def serve_while_run(corpus: Path, db: Path, *, workers: int = 1, batch_size: int = 64, clients: int = 3,
                    pause: float = 0.0, timeout: float = 900) -> dict[str, Any]:
    """Start ``sitrep serve`` on a new store at ``db``, then ``sitrep run`` under client load
    (``clients`` threads, each pausing ``pause`` s between requests; 0 clients: the server only waits)."""
    from sitrep.store import Store

    Store(db).close()  # an empty store to serve from the start
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port)
    run: subprocess.Popen[bytes] | None = None
    try:
        load = Load(base, clients, lambda: run is not None and run.poll() is None, pause)
        load.start()
        with tempfile.TemporaryFile() as err:
            started, cpu = time.monotonic(), children_cpu()
            run = subprocess.Popen(run_command(corpus, db, workers, batch_size), stdout=subprocess.DEVNULL, stderr=err)
            try:
                code = run.wait(timeout=timeout)
            finally:
                if run.poll() is None:
                    run.kill()
            run_s, run_cpu = time.monotonic() - started, children_cpu() - cpu
            time.sleep(0.5)  # a few answers after the run too
            load.stop()
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
        during = [r for r in load.results if r["during"]]
        latencies = sorted(r["seconds"] for r in during) or [0.0]
        return {
            "run_s": round(run_s, 2), "run_cpu_s": round(run_cpu, 2), "returncode": code, "stderr": stderr[-2000:] if code else "",
            "writer": writer_cost(stderr),
            "requests": len(load.results), "requests_during_run": len(during),
            "errors": [r["error"] for r in load.results if r["error"]],
            "latency_ms_during_run": {"p50": round(1000 * latencies[len(latencies) // 2]),
                                      "p95": round(1000 * latencies[int(len(latencies) * 0.95)]),
                                      "max": round(1000 * latencies[-1])},
            "article_counts_seen_during_run": sorted({r["articles"] for r in during if r["articles"] is not None}),
            "served": served_counts(base), "stored": stored_counts(db), "store_mb": store_mb(db),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--clients", type=int, default=3)
    ap.add_argument("--pause", type=float, default=0.0, help="seconds each client waits between requests")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    for i in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            alone = run_alone(args.corpus, Path(tmp) / "alone.duckdb", args.workers, args.batch_size)
            idle = serve_while_run(args.corpus, Path(tmp) / "idle.duckdb", workers=args.workers,
                                   batch_size=args.batch_size, clients=0)
            busy = serve_while_run(args.corpus, Path(tmp) / "busy.duckdb", workers=args.workers,
                                   batch_size=args.batch_size, clients=args.clients, pause=args.pause)
        seen = busy.pop("article_counts_seen_during_run")
        print(json.dumps({"repeat": i + 1, "run_alone_s": alone["run_s"], "run_cpu_alone_s": alone["run_cpu_s"],
                          "writer_alone": alone["writer"], "store_mb_alone": alone["store_mb"],
                          "run_idle_server_s": idle["run_s"], "run_cpu_idle_server_s": idle["run_cpu_s"],
                          "writer_idle_server": idle["writer"], "store_mb_idle_server": idle["store_mb"],
                          "run_busy_server_s": busy.pop("run_s"), "run_cpu_busy_server_s": busy.pop("run_cpu_s"),
                          "writer_busy_server": busy.pop("writer"),
                          "store_mb_busy_server": busy.pop("store_mb"), "clients": args.clients, "pause": args.pause,
                          "distinct_article_counts_during_run": len(seen), **busy,
                          "n_errors": len(busy["errors"])}))


if __name__ == "__main__":
    main()
