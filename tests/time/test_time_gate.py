"""Gate: the dev gold's figures must not fall below the floors (set a little under measured).

Measured with `evaluate_dates("tests/gold/dates_dev.jsonl", seeds_dir=...)` (docs/time.md):
articles year 0.957, month 0.638, exact day 0.532, MAE 0.0 days on 25 day answers, both
undatable snippets left undated; events 1.0; seeds year 1.0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.time.evaluate import evaluate_dates, load_gold

GOLD = Path(__file__).resolve().parents[1] / "gold" / "dates_dev.jsonl"


@pytest.fixture(scope="module")
def figures() -> dict:
    return evaluate_dates(GOLD)


def test_the_gold_file_is_big_enough_and_well_formed() -> None:
    records = load_gold(GOLD)
    kinds = [r["kind"] for r in records]
    assert kinds.count("article") >= 40 and kinds.count("event") >= 40 and kinds.count("seed") == 5
    for r in records:
        if r["kind"] == "article":
            assert {"id", "text", "published", "windows"} <= set(r)
        elif r["kind"] == "event":
            assert {"id", "sentence", "anchor", "value", "precision"} <= set(r)


def test_article_floors(figures: dict) -> None:
    articles = figures["articles"]
    assert articles["year"] >= 0.90, articles["year_misses"]
    assert articles["month"] >= 0.58
    assert articles["exact_day"] >= 0.48
    assert articles["answered"] >= 0.95
    assert articles["mae_days"] is not None and articles["mae_days"] <= 2.0
    assert articles["undatable_abstained"] == 1.0


def test_event_floor(figures: dict) -> None:
    assert figures["events"]["accuracy"] >= 0.95, figures["events"]["misses"]


def test_figures_are_json(figures: dict) -> None:
    json.dumps(figures)


@pytest.mark.seeds
def test_seed_years_all_right(seeds_dir: Path) -> None:
    seeds = evaluate_dates(GOLD, seeds_dir=seeds_dir)["seeds"]
    assert seeds["n"] == 5 and seeds["year"] == 1.0, seeds["items"]
