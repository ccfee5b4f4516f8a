"""Terminal rendering for the CLI (tables and summaries). The library never prints."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from .models import RunReport
from .store import Store


def print_summary(console: Console, report: RunReport, db: str | Path) -> None:
    """The end-of-run table: what was read, stored, merged and skipped, and why."""
    table = Table(title=f"sitrep run — {report.seconds:.1f} s", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("files read", report.files),
        ("documents found", report.documents),
        ("articles stored (new)", report.stored),
        ("already in the store", report.already_stored),
        ("exact duplicates merged", report.duplicates),
        ("near duplicates merged", report.near_duplicates),
        ("articles with non-English paragraphs", report.flagged_non_english),
        ("skipped", len(report.skipped)),
        ("repaired", len(report.repaired)),
    ]
    rows += [(f"stage {name}", f"{n} ({report.stage_seconds[name]:.1f} s)" if name in report.stage_seconds else n)
             for name, n in report.stage_counts.items()]
    for what, n in rows:
        table.add_row(what, str(n))
    with Store(db, read_only=True) as store:
        totals = {t: store.count(t) for t in ("articles", "sources", "actors", "events")}
    table.add_row("store: articles / sources", f"{totals['articles']} / {totals['sources']}")
    table.add_row("store: actors / events", f"{totals['actors']} / {totals['events']}")
    console.print(table)
    for title, items in (("Skipped", report.skipped), ("Repaired", report.repaired)):
        if items:
            console.print(f"{title}:")
            for s in items:
                console.print(f"  {s.label}: {s.reason}", highlight=False, markup=False)
    console.print(f"Store: {db}", highlight=False)
