"""``sitrep report``: write the situation report (HTML, Markdown or PDF) over a window of the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import DbOption, app, err, fatal, open_store


@app.command()
def report(
    db: DbOption = Path("sitrep.duckdb"),
    about: Annotated[Optional[list[str]], typer.Option(
        "--about", help="Actor (name, alias or id), principal code or place; repeat for several (events about any).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="From this date, YYYY[-MM[-DD]] (default: the first event).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Up to this date, inclusive (default: the last event).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="html | md | pdf")] = "html",
    output: Annotated[Optional[Path], typer.Option(
        "-o", "--output", help="Output file (default: stdout; PDF needs -o).", dir_okay=False)] = None,
) -> None:
    """Write a situation report: key developments, who moved, relations, where, what did not happen, caveats."""
    from ..report import FORMATS, render_report

    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}", highlight=False)
        raise typer.Exit(2)
    if fmt == "pdf" and output is None and sys.stdout.isatty():
        err.print("[red]error:[/red] a PDF is not for a terminal: give -o FILE (or redirect stdout)", highlight=False)
        raise typer.Exit(2)

    def go() -> str | bytes:
        with open_store(db) as store:
            return render_report(store, about=tuple(about or ()), since=since, until=until, fmt=fmt)

    body = fatal(go)
    data = body.encode("utf-8") if isinstance(body, str) else body
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    output.write_bytes(data)
    err.print(f"{fmt} report written to {output} ({len(data) // 1024 + 1} KiB)", highlight=False)
