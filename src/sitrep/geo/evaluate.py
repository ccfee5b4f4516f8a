"""Scoring the resolver on a gold file of toponyms in context (``sitrep eval places``).

Gold format: one JSON object per line (tests/gold/places_dev.jsonl)::

    {"id": "tripoli-lbn-1", "kind": "ambiguous",
     "text": "Clashes broke out in Tripoli in northern Lebanon on Sunday.",
     "toponym": "Tripoli", "start": 21,            # start optional: first occurrence if absent
     "context_countries": ["LBN"],                 # optional: else the countries the text names
     "place": {"name": "Tripoli", "country": "LBN", "lat": 34.4335, "lon": 35.8442}}

``place.country`` is null for places over several countries (the Sahel, the Mediterranean).
Each record is resolved as the pipeline would: the hint from the text around the toponym
(:func:`~sitrep.geo.hints.hint_from_context`) and the countries in play (given, or those the
text names), then :func:`~sitrep.geo.resolve.resolve`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .hints import countries_in_text, hint_from_context
from .place import distance_km
from .resolve import resolve

log = logging.getLogger(__name__)

THRESHOLDS_KM = (25, 50, 161)  # 161 km = 100 miles, the customary geoparsing tolerance


class GoldFormatError(ValueError):
    """A gold record lacks a field or its toponym is not in its text."""


def read_gold(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            for field in ("text", "toponym", "place"):
                if field not in rec:
                    raise GoldFormatError(f"{path}:{n}: missing '{field}'")
            start = rec.get("start")
            if start is None:
                start = rec["text"].find(rec["toponym"])
            if start < 0 or rec["text"][start : start + len(rec["toponym"])] != rec["toponym"]:
                raise GoldFormatError(f"{path}:{n}: toponym {rec['toponym']!r} is not at {start} in the text")
            yield {**rec, "start": start, "line": n}


def _judge(rec: dict[str, Any]) -> dict[str, Any]:
    text, start = rec["text"], rec["start"]
    end = start + len(rec["toponym"])
    context = rec.get("context_countries")
    if context is None:
        context = countries_in_text(text)
    hint = hint_from_context(text, start, end)
    place = resolve(rec["toponym"], context_countries=context, hint_country=hint)
    gold = rec["place"]
    out: dict[str, Any] = {"id": rec.get("id", f"line {rec['line']}"), "kind": rec.get("kind", "other"),
                           "toponym": rec["toponym"], "gold": gold.get("name"), "hint": hint}
    if place is None:
        return {**out, "got": None, "km": None, "country_ok": False}
    km = distance_km(place.lat, place.lon, float(gold["lat"]), float(gold["lon"]))
    return {**out, "got": f"{place.name} ({place.country or '-'}, {place.precision})", "km": round(km, 1),
            "country_ok": place.country == gold.get("country")}


def _rates(judged: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(judged)
    rates: dict[str, Any] = {"n": n, "resolved": sum(j["got"] is not None for j in judged) / n if n else 0.0}
    for km in THRESHOLDS_KM:
        rates[f"acc@{km}km"] = sum(j["km"] is not None and j["km"] <= km for j in judged) / n if n else 0.0
    rates["country"] = sum(j["country_ok"] for j in judged) / n if n else 0.0
    return rates


def evaluate_places(gold_path: str | Path) -> dict[str, Any]:
    """Accuracy within 25/50/161 km and right-country rate on a gold file.

    Returns ``{"n", "resolved", "acc@25km", "acc@50km", "acc@161km", "country",
    "by_kind": {kind: same keys}, "errors": [records off by more than 25 km or in the wrong
    country]}``. An unresolved toponym counts as wrong at every distance.
    """
    judged = [_judge(rec) for rec in read_gold(gold_path)]
    kinds = sorted({j["kind"] for j in judged})
    result = _rates(judged)
    result["by_kind"] = {k: _rates([j for j in judged if j["kind"] == k]) for k in kinds}
    result["errors"] = [j for j in judged if j["km"] is None or j["km"] > THRESHOLDS_KM[0] or not j["country_ok"]]
    log.info("places: %d records, %.3f within %d km", result["n"], result[f"acc@{THRESHOLDS_KM[0]}km"],
             THRESHOLDS_KM[0])
    return result
