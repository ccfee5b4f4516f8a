"""``sitrep eval events|actors|dates|places --gold FILE``: quality figures on a gold set.

Each evaluator runs the current pipeline over the gold texts in memory, so the figures are
always those of the code installed; no store is needed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from . import app, fatal, out

eval_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Measure quality on a gold set.")
app.add_typer(eval_app, name="eval")

GoldOption = Annotated[Path, typer.Option("--gold", help="Gold file (format: docs/evaluation.md).", exists=True, dir_okay=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")]


def _emit(result: dict[str, Any], text: str, as_json: bool) -> None:
    if as_json:
        out.print_json(json.dumps(result, default=str))
    else:
        out.print(text, highlight=False, markup=False)


@eval_app.command("events")
def eval_events(gold: GoldOption, as_json: JsonOption = False) -> None:
    """Event type, source, target and modality against coded sentences (PLOVER .json or our .jsonl)."""
    from ..events.evaluate import evaluate, format_report, load_jsonl, load_plover

    def go() -> dict[str, Any]:
        records = load_plover(gold) if gold.suffix == ".json" else load_jsonl(gold)
        return evaluate(records).as_dict()

    result = fatal(go)
    _emit(result, format_report(result, gold.name), as_json)


@eval_app.command("actors")
def eval_actors(gold: GoldOption, as_json: JsonOption = False) -> None:
    """Actor precision, recall and F1, and principal accuracy, on annotated articles."""
    from ..actors.evaluate import evaluate_actors, format_report

    result = fatal(lambda: evaluate_actors(gold))
    _emit({k: v for k, v in result.items() if k != "errors"}, format_report(result), as_json)


@eval_app.command("dates")
def eval_dates(gold: GoldOption, as_json: JsonOption = False) -> None:
    """Article dating (exact day / month / year, mean error) and event dating."""
    from ..time.evaluate import evaluate_dates

    result = fatal(lambda: evaluate_dates(gold))
    _emit(result, json.dumps(result, indent=2, default=str), as_json)


@eval_app.command("places")
def eval_places(gold: GoldOption, as_json: JsonOption = False) -> None:
    """Place accuracy within 25/50/161 km and right-country rate."""
    from ..geo.evaluate import evaluate_places

    result = fatal(lambda: evaluate_places(gold))
    _emit(result, json.dumps(result, indent=2, default=str), as_json)
