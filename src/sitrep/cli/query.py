"""``sitrep actors``, ``sitrep actor``, ``sitrep events``: tables over the store (``--json`` for rows)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from . import DbOption, app, fatal, open_store, out


def _print(rows: list[dict[str, Any]], columns: list[str], as_json: bool, title: str) -> None:
    if as_json:
        out.print_json(json.dumps(rows, default=str, ensure_ascii=False))
        return
    table = Table(title=title, title_justify="left")
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in columns])
    out.print(table)


def _cell(value: Any, width: int = 90) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


JsonOption = Annotated[bool, typer.Option("--json", help="Print rows as JSON.")]


@app.command("actors")
def actors_cmd(
    db: DbOption = Path("sitrep.duckdb"),
    kind: Annotated[Optional[str], typer.Option("--kind", help="Only this kind (person, state, ...).")] = None,
    code: Annotated[Optional[str], typer.Option("--code", help="Only this principal code (LBY, NATO, ...).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows to show.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Actors by mentions: name, kind, principal code, mentions, articles."""
    from ..query import actors

    rows = fatal(lambda: _with(db, lambda s: actors(s, kind=kind, code=code, limit=limit)))
    _print(rows, ["name", "kind", "code", "sector", "mentions", "articles"], as_json, "Actors")


@app.command("actor")
def actor_cmd(
    name: Annotated[str, typer.Argument(help="Actor id, name or alias.")],
    db: DbOption = Path("sitrep.duckdb"),
    as_json: JsonOption = False,
) -> None:
    """One actor: roles over time with evidence, aliases, and the articles that mention it."""
    from ..errors import E, SitrepError
    from ..query import actor_detail, find_actor

    def go(store: Any) -> dict[str, Any]:
        found = find_actor(store, name)
        if found is None:
            raise SitrepError(E.E108, name=name)
        return actor_detail(store, found["actor_id"])

    detail = fatal(lambda: _with(db, go))
    if as_json:
        out.print_json(json.dumps(detail, default=str, ensure_ascii=False))
        return
    out.print(f"[bold]{detail['name']}[/bold]  ({detail['kind']}, principal {detail['code']}, id {detail['actor_id']})", highlight=False)
    if detail["aliases"]:
        out.print("aliases: " + ", ".join(detail["aliases"]), highlight=False)
    _print(detail["roles"], ["role", "org_code", "start", "end", "source", "evidence"], False, "Roles")
    _print(detail["articles"], ["doc", "title", "published", "mentions"], False, "Articles")


@app.command("events")
def events_cmd(
    db: DbOption = Path("sitrep.duckdb"),
    actor: Annotated[Optional[str], typer.Option("--actor", help="Actor id or principal code, either side.")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Source actor id or code.")] = None,
    target: Annotated[Optional[str], typer.Option("--target", help="Target actor id or code.")] = None,
    etype: Annotated[Optional[str], typer.Option("--type", help="PLOVER type (ASSAULT, REQUEST, ...).")] = None,
    modality: Annotated[str, typer.Option("--modality", help="asserted, negated, hypothetical, future, historical or all.")] = "asserted",
    since: Annotated[Optional[str], typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Up to this date (YYYY[-MM[-DD]]).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows to show.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """Events, filtered; asserted ones unless --modality says otherwise."""
    from ..query import events

    rows = fatal(lambda: _with(db, lambda s: events(
        s, actor=actor, source=source, target=target, type=etype.upper() if etype else None,
        modality=None if modality == "all" else modality, since=since, until=until, limit=limit)))
    _print(rows, ["date", "type", "modality", "source_name", "source_code", "target_name", "target_code", "quote"],
           as_json, "Events")


def _with(db: Path, fn: Any) -> Any:
    with open_store(db) as store:
        return fn(store)


@app.command("timeline")
def timeline_cmd(
    actor: Annotated[str, typer.Argument(help="Actor id, name or principal code.")],
    db: DbOption = Path("sitrep.duckdb"),
    by: Annotated[str, typer.Option("--by", help="month or year.")] = "year",
    as_json: JsonOption = False,
) -> None:
    """An actor's events per period and type, with their summed intensity (asserted events)."""
    from ..query import find_actor, timeline

    def go(store: Any) -> list[dict[str, Any]]:
        found = find_actor(store, actor)
        return timeline(store, period=by, actor=found["actor_id"] if found else actor)

    rows = fatal(lambda: _with(db, go))
    _print(rows, ["period", "type", "events", "intensity"], as_json, f"Timeline: {actor}")


@app.command("relations")
def relations_cmd(
    a: Annotated[str, typer.Argument(help="Actor id, name or principal code.")],
    b: Annotated[Optional[str], typer.Argument(help="A second actor: only the A-B dyad.")] = None,
    db: DbOption = Path("sitrep.duckdb"),
    by: Annotated[str, typer.Option("--by", help="month or year.")] = "year",
    as_json: JsonOption = False,
) -> None:
    """Cooperation, conflict and net score of an actor's dyads per period (asserted events)."""
    from ..query import find_actor, relations

    def resolve(store: Any, name: str) -> str:
        found = find_actor(store, name)
        return found["actor_id"] if found else name

    def go(store: Any) -> list[dict[str, Any]]:
        first = resolve(store, a)
        filters = {"pair": (first, resolve(store, b))} if b else {"actor": first}
        return relations(store, period=by, limit=500, **filters)[0]

    rows = fatal(lambda: _with(db, go))
    _print(rows, ["period", "a_name", "b_name", "events", "cooperation", "conflict", "score"], as_json, "Relations")
