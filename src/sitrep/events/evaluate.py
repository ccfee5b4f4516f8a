"""Event evaluation against coded sentences: the OEDA PLOVER records and our own gold.

For each gold sentence the pipeline runs on the sentence alone (clean -> nlp -> actors ->
events). Scores:

* type recall: the gold type is among the sentence's predicted event types (any modality);
* source / target accuracy: a predicted event of the gold type has a source (target) whose
  code is one of the gold codes;
* precision: predicted events whose type is the gold type, over all predicted events;
* per type: recall of each gold type; a confusion table of gold type -> predicted types.

Codes are compared in PLOVER's country field: states by ISO3 (the OEDA records' few CAMEO
codes, JAP and ITL, are mapped), organisations by the kind PLOVER gives them (IGO, NGO, IMG).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..actors.kb import load_kb
from ..engines.local import analyse
from ..models import RawDocument, Source

OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "UNO": "IGO", "EUR": "IGO"}
_TITLE = "Gold sentence"  # a title keeps the cleaner from taking the sentence as a headline


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]
    modality: str = "asserted"


@dataclass
class Score:
    n: int = 0
    type_hits: int = 0
    source_hits: int = 0
    target_hits: int = 0
    target_n: int = 0
    predicted: int = 0
    predicted_right_type: int = 0
    per_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def rate(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "sentences": self.n, "type_recall": rate(self.type_hits, self.n),
            "source_accuracy": rate(self.source_hits, self.n),
            "target_accuracy": rate(self.target_hits, self.target_n),
            "precision": rate(self.predicted_right_type, self.predicted), "predicted_events": self.predicted,
            "per_type": {t: {"n": v[1], "recall": rate(v[0], v[1])} for t, v in sorted(self.per_type.items())},
            "confusion": {t: dict(c) for t, c in sorted(self.confusion.items())},
        }


def _codes(side: Any) -> frozenset[str]:
    if not isinstance(side, list):
        return frozenset()
    return frozenset(CAMEO_TO_ISO.get(a.get("code", ""), a.get("code", "")) for a in side if a.get("code"))


def load_plover(path: Path) -> list[GoldSentence]:
    out = []
    for r in json.loads(Path(path).read_text("utf-8")):
        etype = OLD_NAMES.get(r.get("event", ""), r.get("event", ""))
        if etype == "DOCUMENT" or not r.get("text"):
            continue
        out.append(GoldSentence(r["id"], r["text"], etype, _codes(r.get("source")), _codes(r.get("target"))))
    return out


def load_jsonl(path: Path) -> list[GoldSentence]:
    out = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        out.append(GoldSentence(r.get("id", f"line{n}"), r["text"], r["type"], frozenset(r.get("source", [])),
                                frozenset(r.get("target", [])), r.get("modality", "asserted")))
    return out


def plover_code(code: str | None) -> str | None:
    """Our principal code in PLOVER's country field."""
    if code is None:
        return None
    kb = load_kb()
    if code in kb.states:
        return code
    org = kb.org_by_code(code)
    return CAMEO_TO_ISO.get(kb.plover_country(org), kb.plover_country(org)) if org else "IGO"


def _same(code: str | None, gold: frozenset[str]) -> bool:
    """Our code (NATO, ISIS, LBY) or its PLOVER country field (IGO, IMG) is among the gold codes."""
    return code in gold or plover_code(code) in gold


def evaluate(gold: list[GoldSentence]) -> Score:
    docs = [RawDocument(Source(f"gold:{g.id}", g.id, "txt"), g.text, title=_TITLE) for g in gold]
    analyses = {a.article.source.doc: a for a in analyse(docs)}
    score = Score()
    for g in gold:
        score.n += 1
        events = list(analyses[g.id].events) if g.id in analyses else []
        types = [e["type"] for e in events]
        score.predicted += len(events)
        score.predicted_right_type += sum(1 for t in types if t == g.type)
        score.per_type[g.type][1] += 1
        score.confusion[g.type].update(set(types) or {"(none)"})
        right = [e for e in events if e["type"] == g.type]
        if right:
            score.type_hits += 1
            score.per_type[g.type][0] += 1
        src_ok = any(_same(e["source_code"], g.sources) for e in right)
        score.source_hits += src_ok
        if g.targets:
            score.target_n += 1
            score.target_hits += any(_same(e["target_code"], g.targets) for e in right)
        if not right or not src_ok:
            score.misses.append({"id": g.id, "text": g.text, "gold": g.type, "sources": sorted(g.sources),
                                 "predicted": [(e["type"], e["source_code"], e["target_code"], e["modality"]) for e in events]})
    return score


def format_report(result: dict[str, Any], title: str) -> str:
    lines = [f"{title}: {result['sentences']} sentences",
             (f"  type recall {result['type_recall']:.3f}  source accuracy {result['source_accuracy']:.3f}  "
              f"target accuracy {result['target_accuracy']:.3f}  precision {result['precision']:.3f} "
              f"({result['predicted_events']} events)"), "  per type:"]
    for t, v in result["per_type"].items():
        conf = ", ".join(f"{k} {n}" for k, n in sorted(result["confusion"][t].items(), key=lambda kv: -kv[1])[:4])
        lines.append(f"    {t:10} n={v['n']:3}  recall {v['recall']:.2f}   predicted: {conf}")
    return "\n".join(lines)
