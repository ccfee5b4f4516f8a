"""Measure the time stage on a gold file (format in docs/time.md).

``evaluate_dates(gold_path)`` returns a dict of rates; with ``seeds_dir`` it also dates the
seed reports named by the gold file's ``seed`` records (year only: their texts are read from
that folder, never stored in the project). The lead wires this to ``sitrep eval dates``.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.time.article import date_article
from sitrep.time.expressions import event_date
from sitrep.time.models import TenureWindow, parse_value

log = logging.getLogger(__name__)


def load_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    """The records of a gold JSONL file (blank lines and ``#`` comment lines skipped)."""
    records = []
    for number, line in enumerate(Path(gold_path).read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        record = json.loads(line)
        if record.get("kind") not in ("article", "event", "seed"):
            raise ValueError(f"{gold_path}:{number}: kind must be article, event or seed")
        records.append(record)
    return records


def windows_of(record: dict[str, Any]) -> tuple[TenureWindow, ...]:
    return tuple(
        TenureWindow(
            w["label"],
            date.fromisoformat(w["start"]),
            date.fromisoformat(w["end"]) if w.get("end") else None,
            bool(w.get("current", True)),
        )
        for w in record.get("windows", ())
    )


def _today(record: dict[str, Any]) -> date | None:
    return date.fromisoformat(record["today"]) if record.get("today") else None


def evaluate_dates(gold_path: str | Path, *, seeds_dir: str | Path | None = None) -> dict[str, Any]:
    """Article and event dating rates on ``gold_path`` (and the seeds, when a folder is given)."""
    records = load_gold(gold_path)
    result: dict[str, Any] = {
        "articles": _articles([r for r in records if r["kind"] == "article"]),
        "events": _events([r for r in records if r["kind"] == "event"]),
    }
    if seeds_dir is not None and Path(seeds_dir).is_dir():
        result["seeds"] = _seeds([r for r in records if r["kind"] == "seed"], Path(seeds_dir))
    return result


def _articles(records: list[dict[str, Any]]) -> dict[str, Any]:
    dated = [r for r in records if r.get("published")]
    undatable = [r for r in records if not r.get("published")]
    day = month = year = answered = 0
    errors: list[int] = []
    misses: list[str] = []
    by_method: dict[str, int] = {}
    year_by_method: dict[str, int] = {}
    for r in dated:
        got = date_article(r["text"], metadata=r.get("metadata"), windows=windows_of(r), today=_today(r))
        truth = r["published"]
        if got.value is None:
            misses.append(f"{r['id']}: none (want {truth})")
            continue
        answered += 1
        method = got.method or "none"
        by_method[method] = by_method.get(method, 0) + 1
        year += got.value[:4] == truth[:4]
        year_by_method[method] = year_by_method.get(method, 0) + (got.value[:4] == truth[:4])
        month += got.precision in ("day", "month") and got.value[:7] == truth[:7]
        day += got.precision == "day" and got.value == truth
        if got.precision == "day" and len(truth) == 10:
            errors.append(abs((date.fromisoformat(got.value) - date.fromisoformat(truth)).days))
        if got.value[:4] != truth[:4]:
            misses.append(f"{r['id']}: {got.value} (want {truth})")
    abstained = sum(
        date_article(r["text"], windows=windows_of(r), today=_today(r)).value is None for r in undatable
    )
    n = len(dated) or 1
    return {
        "n": len(dated),
        "answered": round(answered / n, 3),
        "exact_day": round(day / n, 3),
        "month": round(month / n, 3),
        "year": round(year / n, 3),
        "mae_days": round(sum(errors) / len(errors), 2) if errors else None,
        "n_with_day": len(errors),
        "by_method": by_method,
        "year_right_by_method": year_by_method,
        "undatable": len(undatable),
        "undatable_abstained": round(abstained / (len(undatable) or 1), 3),
        "year_misses": misses,
    }


def _events(records: list[dict[str, Any]]) -> dict[str, Any]:
    right = value_right = 0
    misses = []
    for r in records:
        parsed = parse_value(r["anchor"])
        if parsed is None:
            raise ValueError(f"event {r['id']}: bad anchor {r['anchor']!r}")
        anchor = parsed[0]
        value, precision = event_date(r["sentence"], anchor, r.get("anchor_precision", parsed[2]))
        value_right += value == r["value"]
        ok = value == r["value"] and precision == r["precision"]
        right += ok
        if not ok:
            misses.append(f"{r['id']}: {value}/{precision} (want {r['value']}/{r['precision']})")
    n = len(records) or 1
    return {
        "n": len(records),
        "accuracy": round(right / n, 3),
        "value_accuracy": round(value_right / n, 3),
        "misses": misses,
    }


def _seeds(records: list[dict[str, Any]], folder: Path) -> dict[str, Any]:
    results = {}
    for r in records:
        path = folder / r["file"]
        if not path.is_file():
            log.warning("seed %s not found in %s", r["file"], folder)
            continue
        got = date_article(path.read_text("utf-8"), windows=windows_of(r), today=_today(r))
        results[r["id"]] = {
            "want": r["year"],
            "got": got.value,
            "ok": bool(got.value) and got.value[:4] == str(r["year"]),
        }
    n = len(results) or 1
    return {"n": len(results), "year": round(sum(v["ok"] for v in results.values()) / n, 3), "items": results}
