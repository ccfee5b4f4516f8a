"""The ``sitrep`` command: a thin shell over the library. It parses, calls, and prints.

Exit codes: 0 when the command completed (bad input files are reported, not fatal), 1 for a
fatal error with a one-line message, 2 for usage errors, 130 when interrupted.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from .. import __version__
from ..errors import SitrepError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="sitrep: news articles in, a situation picture out (events, actors, time, place).")
err = Console(stderr=True)
out = Console()

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file.", dir_okay=False)]


def _version(value: bool) -> None:
    if value:
        out.print(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv for debug).")] = 0,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def fatal(fn: Callable[[], Any]) -> Any:
    """Run ``fn``; turn SitrepError into a one-line message and exit 1, Ctrl-C into exit 130."""
    try:
        return fn()
    except SitrepError as e:
        err.print(f"[red]error:[/red] {e.message}", highlight=False)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted: what was committed is kept; run the same command again to finish.")
        raise typer.Exit(130) from None


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive) of news articles.")],
    db: DbOption = Path("sitrep.duckdb"),
    max_size: Annotated[float, typer.Option("--max-size", help="Skip files larger than this many MB.", min=0.001)] = 20.0,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Articles per store transaction.", min=1)] = 64,
    stages: Annotated[Optional[str], typer.Option("--stages", help="Comma-separated analysis stages (default: all).")] = None,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-j", help="Worker processes that analyse (default: one per core); with a core to spare, the run process reads and cleans beside them.", min=1)] = None,
    engine: Annotated[str, typer.Option("--engine", help="local | dask (needs sitrep[dask]).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address to join (default: a local cluster).")] = None,
    out_spec: Annotated[Optional[str], typer.Option("--out", help="Dask engine: parquet:DIR keeps Parquet partitions in DIR as the store.")] = None,
) -> None:
    """Read, clean, deduplicate and analyse articles into the store, then print a summary."""
    from functools import partial

    from ..engines.interrupt import install as install_interrupts
    from ..engines.local import run as run_local
    from ..pipeline import Config

    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"unknown engine '{engine}'; choose local or dask", param_hint="--engine")
    if engine == "local" and (scheduler or out_spec):
        raise typer.BadParameter("--scheduler and --out need --engine dask", param_hint="--engine")
    if out_spec is not None and not (out_spec.startswith("parquet:") and len(out_spec) > len("parquet:")):
        raise typer.BadParameter("expected parquet:DIR", param_hint="--out")
    runner: Callable[..., Any] = run_local
    if engine == "dask":
        try:
            from ..engines.dask_engine import run as run_dask
        except ImportError:
            err.print("[red]error:[/red] the Dask engine needs its extra: pip install 'sitrep[dask]'", highlight=False)
            raise typer.Exit(1) from None
        runner = partial(run_dask, scheduler=scheduler, out=out_spec)

    config = Config(
        max_bytes=int(max_size * 1024 * 1024),
        batch_size=batch_size,
        stages=tuple(s.strip() for s in stages.split(",") if s.strip()) if stages is not None else None,
        workers=workers,
    )
    show_bar = err.is_terminal if progress is None else progress
    install_interrupts()
    with _progress(show_bar) as tick:
        report = fatal(lambda: runner(paths, db, config, progress=tick))
    from ..console import print_summary

    if out_spec is None:
        print_summary(out, report, db)
    else:
        out.print(f"{report.stored} new articles, {report.duplicates + report.near_duplicates} duplicates merged, "
                  f"{len(report.skipped)} skipped; Parquet store: {out_spec[len('parquet:'):]} ({report.seconds:.1f} s)",
                  highlight=False)


class _progress:
    """A rich progress bar on a terminal; otherwise a log line every few seconds."""

    def __init__(self, bar: bool) -> None:
        self.bar = bar
        self.last = 0.0
        self.started = time.monotonic()

    def __enter__(self) -> Callable[..., None]:
        if self.bar:
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self.p = Progress(TextColumn("{task.fields[articles]} articles"), BarColumn(),
                              TextColumn("{task.fields[rate]:.1f} articles/s"), TimeRemainingColumn(),
                              console=err, transient=True)
            self.p.start()
            self.task = self.p.add_task("run", total=None, articles=0, rate=0.0)
        return self.tick

    def tick(self, report: Any, done: int, total: int) -> None:
        n = report.stored + report.duplicates + report.near_duplicates + report.already_stored
        rate = n / max(time.monotonic() - self.started, 1e-6)
        if self.bar:
            self.p.update(self.task, completed=done, total=total or None, articles=n, rate=rate)
        elif time.monotonic() - self.last > 5:
            self.last = time.monotonic()
            pct = f"{100 * done / total:.0f}%" if total else "?"
            err.print(f"{pct} of input read, {n} articles, {rate:.1f} articles/s", highlight=False)

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.p.stop()


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="articles | actors | events | graph")],
    db: DbOption = Path("sitrep.duckdb"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | parquet")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file (default: stdout).", dir_okay=False)] = None,
    clusters: Annotated[bool, typer.Option("--clusters", help="Events: one row per real event, with its articles and outlets.")] = False,
    flavour: Annotated[Optional[str], typer.Option("--flavour", help="Events: 'cameo' adds CAMEO-style actor codes (USAGOV, LBYMIL); 'polecat' names columns as POLECAT does.")] = None,
) -> None:
    """Export a table of the store as JSONL, CSV or Parquet."""
    from ..store.export import export as do_export

    def go() -> int:
        with open_store(db) as store:
            return do_export(store, table, fmt, output, clusters=clusters, flavour=flavour)

    n = fatal(go)
    if output:
        err.print(f"{n} {table} rows written to {output}")


def open_store(db: Path) -> Any:
    """The store at ``db``, read-only; a missing file is a clear error, not a new empty store."""
    from ..errors import E
    from ..store import Store

    if not db.exists():
        raise SitrepError(E.E101, path=db)
    return Store(db, read_only=True)


def main() -> None:
    app()


from . import evaluate, query, report, serve  # noqa: E402,F401  (registers their commands)


if __name__ == "__main__":
    main()
