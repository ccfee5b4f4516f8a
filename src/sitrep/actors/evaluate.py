"""Score the actors stage against a hand-annotated gold set (``tests/gold/actors_dev.jsonl``).

The gold format and the annotation conventions are in ``docs/evaluation.md`` ("Actors"). In
short: one JSON object per article, the article either a file of the sample corpus
(``file`` relative to ``examples/corpus``, plus ``record`` for a JSON Lines record or a feed
item) or inline (``text``, ``title``), with ``published`` and a list of ``actors``, each with
``name``, ``kind``, ``code`` (a person's principal as of the article's date, an organisation's KB
code; null when the text gives none), optional ``sector`` and
``mentions``: surface strings of the clean text, each standing for all its occurrences (bounded
by non-word characters), or ``{"text": ..., "in": ...}`` for the occurrences of ``text`` inside
occurrences of the longer string ``in`` (when a string also occurs with another meaning).

Scoring, per article:

1. Gold occurrences: every occurrence of every mention string. An occurrence inside a longer
   occurrence of the same actor is dropped; one inside a longer occurrence of another actor
   ("UN" in "UN Secretary-General António Guterres") is kept for matching but is not counted in
   mention recall.
2. Each predicted mention (``analysis.work["mentions"]``) is assigned to the gold occurrence it
   overlaps with the highest overlap/union ratio (ties: the earlier occurrence). A mention that
   covers less than half of a gold occurrence counts for it only when both are of the same kind
   group (person, state, organisation): "Susan Rice" stands for "US Ambassador to the UN Susan
   Rice", but the agent "US Ambassador" or the place "Misrata" do not stand for "US Ambassador
   and Special Envoy Richard Norland" or "a businessman from Misrata".
3. Predicted actors are the mentions grouped by ``actor_id``. A predicted actor is correct when
   at least one of its mentions is assigned to a gold actor; a gold actor is found when at least
   one predicted mention is assigned to it. Precision = correct predicted / predicted, recall =
   found gold / gold (micro-averaged over articles). A gold actor found by several predicted
   actors (a state and its "(military)" agent) is a *split*, reported but not penalised.
4. For each found gold actor the best predicted actor is the one of the same kind group (person,
   state, organisation) with the highest summed overlap/union ratio of its assigned mentions, then
   any kind, then the earliest. Its ``code`` against the gold code gives principal accuracy; its
   kind group the kind accuracy; its sector the sector accuracy (only where the gold gives one).
5. Mention recall: gold occurrences (not nested, see 1) to which some predicted mention is
   assigned.

Per-kind figures use the gold actor's kind group for recall, and for precision the kind group of
the gold actor a predicted actor matched (its own kind group when it matched none).
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

from ..models import Analysis, Mention, RawDocument, Source

KIND_GROUPS = ("person", "state", "organisation")
ERROR_TYPES = ("false_positive", "miss", "wrong_principal", "split")  # split: informational, not scored


def kind_group(kind: str | None) -> str:
    """person / state / organisation (every other kind)."""
    return kind if kind in ("person", "state") else "organisation"


def default_examples_dir(gold_path: Path | None = None) -> Path:
    """``examples/corpus`` of the repository: next to the package, else above the gold file."""
    candidates = [Path(__file__).resolve().parents[3]]
    if gold_path is not None:
        candidates += list(Path(gold_path).resolve().parents)
    for root in candidates:
        if (root / "examples" / "corpus").is_dir():
            return root / "examples" / "corpus"
    raise FileNotFoundError("examples/corpus not found; pass examples_dir")


# ------------------------------------------------------------------------------------ gold
def load_gold(gold_path: Path) -> list[dict[str, Any]]:
    """The gold records, in file order (blank lines and lines starting with ``#`` skipped)."""
    records = []
    for n, line in enumerate(Path(gold_path).read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{gold_path}:{n}: not JSON: {e}") from None
        if "id" not in rec or "actors" not in rec or not (("file" in rec) ^ ("text" in rec)):
            raise ValueError(f"{gold_path}:{n}: needs id, actors and one of file/text")
        records.append(rec)
    ids = Counter(r["id"] for r in records)
    dup = [i for i, c in ids.items() if c > 1]
    if dup:
        raise ValueError(f"{gold_path}: duplicate ids {dup}")
    return records


def gold_documents(records: list[dict[str, Any]], examples_dir: Path) -> list[RawDocument]:
    """One RawDocument per gold record, in order; ``published`` from the gold when the file has none."""
    from ..ingest import read_path

    docs = []
    cache: dict[Path, list] = {}
    for rec in records:
        if "text" in rec:
            src = Source(path=f"gold:{rec['id']}", doc=rec["id"], fmt="txt")
            docs.append(RawDocument(src, rec["text"], title=rec.get("title"), published=rec.get("published")))
            continue
        path = (Path(examples_dir) / rec["file"]).resolve()
        if path not in cache:
            cache[path] = [d for d in read_path(path) if isinstance(d, RawDocument)]
        found = [d for d in cache[path] if "record" not in rec or d.source.doc == rec["record"]]
        if len(found) != 1:
            raise ValueError(f"gold {rec['id']}: {rec['file']} record {rec.get('record')!r} "
                             f"gives {len(found)} documents, expected 1")
        doc = found[0]
        if not doc.published and rec.get("published"):
            doc = dataclasses.replace(doc, published=rec["published"])
        docs.append(doc)
    return docs


def _pattern(s: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)")


def occurrences(text: str, mention: str | dict[str, str]) -> list[tuple[int, int]]:
    """Spans of a gold mention in ``text``: a string bounded by non-word characters, or
    ``{"text": t, "in": context}``: the occurrences of ``t`` inside occurrences of ``context``."""
    if isinstance(mention, str):
        return [m.span() for m in _pattern(mention).finditer(text)]
    inner, context = mention["text"], mention["in"]
    out = []
    for c in _pattern(context).finditer(text):
        for m in _pattern(inner).finditer(text, c.start(), c.end()):
            if m.end() <= c.end():
                out.append(m.span())
    return sorted(set(out))


def mention_text(mention: str | dict[str, str]) -> str:
    return mention if isinstance(mention, str) else mention["text"]


@dataclasses.dataclass
class _Occ:
    start: int
    end: int
    actor: int  # index into the record's actors
    text: str
    nested: bool = False


def gold_occurrences(text: str, actors: list[dict[str, Any]]) -> list[_Occ]:
    """All occurrences of all gold mentions, the same actor's nested ones removed (step 1)."""
    occ: list[_Occ] = []
    for i, actor in enumerate(actors):
        spans = sorted({s for m in actor["mentions"] for s in occurrences(text, m)}, key=lambda s: (s[0], -s[1]))
        kept: list[tuple[int, int]] = []
        for s in spans:
            if any(k[0] <= s[0] and s[1] <= k[1] for k in kept):
                continue
            kept = [k for k in kept if not (s[0] <= k[0] and k[1] <= s[1])]
            kept.append(s)
        occ += [_Occ(s, e, i, text[s:e]) for s, e in kept]
    for o in occ:
        o.nested = any(p.actor != o.actor and p.start <= o.start and o.end <= p.end and (p.end - p.start) > (o.end - o.start)
                       for p in occ)
    return sorted(occ, key=lambda o: (o.start, o.end))


# ------------------------------------------------------------------------------------ scoring
def _ratio(a0: int, a1: int, b0: int, b1: int) -> float:
    inter = min(a1, b1) - max(a0, b0)
    return inter / (max(a1, b1) - min(a0, b0)) if inter > 0 else 0.0


def _assign(mentions: list[Mention], occ: list[_Occ], actors: list[dict[str, Any]]) -> list[tuple[_Occ, float] | None]:
    """Each predicted mention's best-overlapping gold occurrence and its overlap/union ratio (step 2)."""
    out: list[tuple[_Occ, float] | None] = []
    for m in mentions:
        best, score = None, 0.0
        group = kind_group(m.actor.kind)
        for o in occ:
            inter = min(m.end, o.end) - max(m.start, o.start)
            if inter <= 0:
                continue
            # a fragment of another kind inside a longer gold mention does not stand for it
            if inter * 2 < o.end - o.start and group != kind_group(actors[o.actor]["kind"]):
                continue
            r = _ratio(m.start, m.end, o.start, o.end)
            if r > score:
                best, score = o, r
        out.append((best, score) if best is not None else None)
    return out


def _counts() -> dict[str, int]:
    return {"predicted": 0, "predicted_correct": 0, "gold": 0, "gold_found": 0}


def _prf(c: dict[str, int]) -> dict[str, Any]:
    p = c["predicted_correct"] / c["predicted"] if c["predicted"] else 0.0
    r = c["gold_found"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {**c, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_article(rec: dict[str, Any], analysis: Analysis) -> dict[str, Any]:
    """Counts and errors for one article (see the module docstring)."""
    text = analysis.article.text
    actors = rec["actors"]
    mentions: list[Mention] = list(analysis.work.get("mentions", []))
    occ = gold_occurrences(text, actors)
    pairs = _assign(mentions, occ, actors)
    assigned = [p[0] if p else None for p in pairs]

    pred: dict[str, list[int]] = defaultdict(list)  # actor_id -> mention indices
    for k, m in enumerate(mentions):
        pred[m.actor.actor_id].append(k)
    # gold actor -> predicted actor_id -> summed overlap/union ratio of the mentions assigned to it
    gold_hits: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    first_hit: dict[tuple[int, str], int] = {}
    for k, pair in enumerate(pairs):
        if pair is not None:
            o, ratio = pair
            aid = mentions[k].actor.actor_id
            gold_hits[o.actor][aid] += ratio
            first_hit.setdefault((o.actor, aid), mentions[k].start)

    c = {g: _counts() for g in ("all", *KIND_GROUPS)}
    extra: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    aid_ref = {aid: mentions[ks[0]].actor for aid, ks in pred.items()}

    for aid, ks in pred.items():
        ref = aid_ref[aid]
        matched = Counter(assigned[k].actor for k in ks if assigned[k] is not None)
        if matched:
            g = kind_group(actors[matched.most_common(1)[0][0]]["kind"])
            ok = 1
        else:
            g, ok = kind_group(ref.kind), 0
            errors.append({"article": rec["id"], "type": "false_positive", "actor": ref.name, "kind": ref.kind,
                           "predicted_code": ref.code, "mentions": sorted({mentions[k].text for k in ks}),
                           "how": sorted({mentions[k].how for k in ks})})
        for key in ("all", g):
            c[key]["predicted"] += 1
            c[key]["predicted_correct"] += ok

    for i, actor in enumerate(actors):
        g = kind_group(actor["kind"])
        hits = gold_hits.get(i)
        for key in ("all", g):
            c[key]["gold"] += 1
            c[key]["gold_found"] += 1 if hits else 0
        if not hits:
            errors.append({"article": rec["id"], "type": "miss", "actor": actor["name"], "kind": actor["kind"],
                           "gold_code": actor.get("code"),
                           "mentions": [mention_text(m) for m in actor["mentions"]]})
            continue
        extra["split"] += len(hits) > 1
        persons = [aid for aid in hits if aid_ref[aid].kind == "person"]
        if g == "person" and len(persons) > 1:
            errors.append({"article": rec["id"], "type": "split", "actor": actor["name"], "kind": actor["kind"],
                           "gold_code": actor.get("code"), "predicted_actors": sorted(aid_ref[a].name for a in persons)})
        best = max(hits, key=lambda aid: (kind_group(aid_ref[aid].kind) == g, hits[aid], -first_hit[(i, aid)]))
        ref = aid_ref[best]
        extra["principal_total"] += 1
        extra["kind_total"] += 1
        extra["kind_correct"] += kind_group(ref.kind) == g
        if ref.code == actor.get("code"):
            extra["principal_correct"] += 1
        else:
            errors.append({"article": rec["id"], "type": "wrong_principal", "actor": actor["name"], "kind": actor["kind"],
                           "gold_code": actor.get("code"), "predicted_code": ref.code, "predicted_actor": ref.name,
                           "mentions": sorted({mentions[k].text for k in pred[best] if assigned[k] is not None and assigned[k].actor == i})})
        if actor.get("sector"):
            extra["sector_total"] += 1
            extra["sector_correct"] += ref.sector == actor["sector"]

    counted = [o for o in occ if not o.nested]
    covered = {id(o) for o in assigned if o is not None}
    extra["mentions_total"] = len(counted)
    extra["mentions_covered"] = sum(1 for o in counted if id(o) in covered)
    return {"id": rec["id"], "counts": c, "extra": dict(extra), "errors": errors}


def evaluate_actors(gold_path: Path, examples_dir: Path | None = None) -> dict[str, Any]:
    """Run the default pipeline (``sitrep.engines.local.analyse``) on the gold articles and score it.

    Returns figures (``actors``, ``by_kind``, ``principal``, ``kind``, ``sector``, ``mentions``,
    ``splits``), ``per_article`` counts, the ``errors`` list (false positives, misses, wrong
    principals and person splits, each with its article id), ``top_errors`` (the most frequent
    specific errors) and ``error_classes`` (counts by coarse class).
    """
    from ..engines.local import analyse

    started = time.monotonic()
    gold_path = Path(gold_path)
    records = load_gold(gold_path)
    docs = gold_documents(records, Path(examples_dir) if examples_dir else default_examples_dir(gold_path))
    analyses = analyse(docs)
    by_key = {a.article.source.key: a for a in analyses}
    totals = {g: _counts() for g in ("all", *KIND_GROUPS)}
    extra: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    per_article = []
    skipped = []
    for rec, doc in zip(records, docs):
        analysis = by_key.get(doc.source.key)
        if analysis is None:
            skipped.append(rec["id"])
            continue
        res = score_article(rec, analysis)
        for g, c in res["counts"].items():
            for k, v in c.items():
                totals[g][k] += v
        extra.update(res["extra"])
        errors += res["errors"]
        a = res["counts"]["all"]
        per_article.append({"id": rec["id"], "gold": a["gold"], "found": a["gold_found"], "predicted": a["predicted"],
                            "correct": a["predicted_correct"]})

    def acc(k: str) -> dict[str, Any]:
        t, ok = extra[f"{k}_total"], extra[f"{k}_correct"]
        return {"correct": ok, "total": t, "accuracy": round(ok / t, 4) if t else 0.0}

    mt, mc = extra["mentions_total"], extra["mentions_covered"]
    return {
        "gold_path": str(gold_path),
        "articles": len(per_article),
        "skipped": skipped,
        "actors": _prf(totals["all"]),
        "by_kind": {g: _prf(totals[g]) for g in KIND_GROUPS},
        "principal": acc("principal"),
        "kind": acc("kind"),
        "sector": acc("sector"),
        "mentions": {"covered": mc, "total": mt, "recall": round(mc / mt, 4) if mt else 0.0},
        "splits": extra["split"],
        "per_article": per_article,
        "errors": errors,
        "top_errors": top_errors(errors),
        "error_classes": error_classes(errors),
        "seconds": round(time.monotonic() - started, 2),
    }


def error_key(e: dict[str, Any]) -> str:
    """A short label grouping errors of one kind: the type, what was (or should have been) said, the codes."""
    if e["type"] == "false_positive":
        return f"false positive: {e['kind']} {e['actor']!r} ({e['predicted_code']}) via {'/'.join(e['how'])}"
    if e["type"] == "miss":
        return f"miss: {e['kind']} {e['actor']!r} ({e['gold_code']})"
    if e["type"] == "split":
        return f"split: {e['actor']!r} as {' + '.join(repr(n) for n in e['predicted_actors'])}"
    return f"wrong principal: {e['actor']!r} {e['predicted_code']} for {e['gold_code']}"


def error_class(e: dict[str, Any]) -> str:
    """A coarse class: false positives by kind and finder, misses by kind group, principals by codes."""
    if e["type"] == "false_positive":
        return f"false positive: {e['kind']} via {'/'.join(e['how'])}"
    if e["type"] == "miss":
        return f"miss: {kind_group(e['kind'])}"
    if e["type"] == "split":
        return "split: one person found as several predicted persons"
    if e["gold_code"] is None:
        return "wrong principal: a code where the text gives none"
    if e["predicted_code"] is None:
        return "wrong principal: no code predicted"
    return "wrong principal: another code predicted"


def error_classes(errors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(error_class(e) for e in errors)
    return [{"class": k, "count": v} for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def top_errors(errors: Iterable[dict[str, Any]], n: int = 15) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in errors:
        groups[error_key(e)].append(e)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:n]
    return [{"error": k, "count": len(v), "articles": sorted({e["article"] for e in v})} for k, v in ranked]


def format_report(result: dict[str, Any], errors: int = 15) -> str:
    """A readable table of the figures, then the most frequent error types."""
    lines = [f"Actors: {result['articles']} articles, {result['actors']['gold']} gold actors, "
             f"{result['actors']['predicted']} predicted ({result['seconds']} s)", ""]
    lines.append(f"{'':14}{'precision':>10}{'recall':>9}{'F1':>8}{'gold':>7}{'found':>7}{'pred':>7}{'correct':>9}")
    rows = [("actors", result["actors"])] + [(g, result["by_kind"][g]) for g in KIND_GROUPS]
    for name, r in rows:
        lines.append(f"{name:14}{r['precision']:>10.3f}{r['recall']:>9.3f}{r['f1']:>8.3f}{r['gold']:>7}"
                     f"{r['gold_found']:>7}{r['predicted']:>7}{r['predicted_correct']:>9}")
    lines.append("")
    for name, key in (("principal", "principal"), ("kind group", "kind"), ("sector", "sector")):
        a = result[key]
        lines.append(f"{name + ' accuracy':24}{a['accuracy']:>7.3f}  ({a['correct']}/{a['total']} found actors)")
    m = result["mentions"]
    lines.append(f"{'mention recall':24}{m['recall']:>7.3f}  ({m['covered']}/{m['total']} gold occurrences)")
    lines.append(f"{'split gold actors':24}{result['splits']:>7}")
    if result["skipped"]:
        lines.append(f"skipped by the cleaner: {', '.join(result['skipped'])}")
    if errors and result["error_classes"]:
        lines += ["", "Errors by class:"]
        for c in result["error_classes"]:
            lines.append(f"{c['count']:>4}  {c['class']}")
    if errors and result["top_errors"]:
        lines += ["", "Most frequent errors:"]
        for e in result["top_errors"][:errors]:
            arts = ", ".join(e["articles"][:3]) + (" ..." if len(e["articles"]) > 3 else "")
            lines.append(f"{e['count']:>4}  {e['error']}  [{arts}]")
    return "\n".join(lines)
