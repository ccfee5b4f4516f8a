"""The actors dev gold set (tests/gold/actors_dev.jsonl) and its evaluator (sitrep.actors.evaluate).

Three groups of tests:

1. the gold file is well formed: every article readable, every mention string found in the clean
   text, every code known to the KB (fast: the cleaner only, no spaCy);
2. the scorer itself on a hand-made article (fast);
3. the whole pipeline against the gold, with floors (slow: loads the spaCy model).

The floors are set a few points below the figures measured when the gold was written
(docs/evaluation.md, "Actors", gives the measured figures): they catch regressions, not small
movements. Raise them when the actors stage improves.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from sitrep.actors.evaluate import (
    evaluate_actors,
    format_report,
    gold_documents,
    gold_occurrences,
    load_gold,
    mention_text,
    occurrences,
    score_article,
)
from sitrep.actors.kb import KINDS, SECTORS, load_kb
from sitrep.clean import clean
from sitrep.ingest import read_path
from sitrep.models import ActorRef, Analysis, Article, Mention, Paragraph, RawDocument, Source

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "actors_dev.jsonl"
EXAMPLES = ROOT / "examples" / "corpus"

# Measured on 38 articles when the gold was written (see docs/evaluation.md); floors a few points below.
# 2026-11-24: states named only as places stopped counting as actors: state precision 0.79 -> 0.89,
# state recall 0.98 -> 0.93 (adjectives of things and "to/from X" now count as places); floors moved.
FLOORS = {
    ("actors", "precision"): 0.87,
    ("actors", "recall"): 0.86,
    ("actors", "f1"): 0.87,
    ("person", "precision"): 0.92,
    ("person", "recall"): 0.94,
    ("state", "precision"): 0.84,
    ("state", "recall"): 0.90,
    ("organisation", "precision"): 0.81,
    ("organisation", "recall"): 0.72,
}
PRINCIPAL_FLOOR = 0.89
MENTION_RECALL_FLOOR = 0.76
SECONDS_LIMIT = 60.0


# ------------------------------------------------------------------------------ the gold file
@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load_gold(GOLD)


@pytest.fixture(scope="module")
def clean_texts(gold: list[dict]) -> dict[str, str]:
    docs = gold_documents(gold, EXAMPLES)
    return {rec["id"]: clean(doc).text for rec, doc in zip(gold, docs)}


def test_gold_covers_the_sample_corpus_and_new_reports(gold: list[dict]) -> None:
    assert len(gold) >= 36
    referenced = {(r["file"], r.get("record")) for r in gold if "file" in r}
    corpus = set()
    for path in sorted(p for p in EXAMPLES.rglob("*") if p.is_file()):
        rel = path.relative_to(EXAMPLES).as_posix()
        for doc in read_path(path):
            if isinstance(doc, RawDocument):
                corpus.add((rel, doc.source.doc if rel.endswith((".jsonl", ".xml")) else None))
    # the 27 documents are 26 stories: the txt copy of the Geneva ceasefire repeats a JSONL record
    corpus.discard(("txt/geneva_ceasefire_meridian.txt", None))
    assert referenced == corpus
    inline = [r for r in gold if "text" in r]
    assert len(inline) >= 10
    for rec in inline:
        words = len(rec["text"].split())
        assert 100 <= words <= 250, f"{rec['id']}: {words} words"
        assert rec.get("title"), rec["id"]


def test_gold_records_are_well_formed(gold: list[dict]) -> None:
    kb = load_kb()
    codes = set(kb.states) | {o.code for o in kb.organisations.values()}
    for rec in gold:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["published"]), rec["id"]
        names = [a["name"] for a in rec["actors"]]
        assert len(names) == len(set(names)), f"{rec['id']}: an actor is listed twice"
        for actor in rec["actors"]:
            where = f"{rec['id']} / {actor['name']}"
            assert set(actor) <= {"name", "kind", "code", "sector", "mentions"}, where
            assert actor["kind"] in KINDS, where
            assert actor["code"] is None or actor["code"] in codes, f"{where}: unknown code {actor['code']}"
            assert actor.get("sector") is None or actor["sector"] in SECTORS, where
            texts = [mention_text(m) for m in actor["mentions"]]
            assert texts and len(texts) == len(set(map(repr, actor["mentions"]))), where
            for m in actor["mentions"]:
                assert isinstance(m, str) or set(m) == {"text", "in"}, where


def test_every_mention_occurs_in_the_clean_text(gold: list[dict], clean_texts: dict[str, str]) -> None:
    for rec in gold:
        text = clean_texts[rec["id"]]
        for actor in rec["actors"]:
            for m in actor["mentions"]:
                assert occurrences(text, m), f"{rec['id']}: {m!r} ({actor['name']}) is not in the clean text"
        # no span is claimed by two actors, and no two actors' mentions cross each other
        occ = gold_occurrences(text, rec["actors"])
        for i, a in enumerate(occ):
            for b in occ[i + 1:]:
                if b.start >= a.end or a.actor == b.actor:
                    continue
                nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
                same = (a.start, a.end) == (b.start, b.end)
                assert nested and not same, f"{rec['id']}: {a.text!r} and {b.text!r} overlap"


# ------------------------------------------------------------------------------ the scorer
TEXT = ("Turkish drones struck Tripoli on Monday, US Ambassador to the UN Susan Rice said. "
        "Misrata brigades withdrew, the alliance said, and he told Rice nothing.")


def _mention(text: str, sub: str, actor: ActorRef, nth: int = 0, how: str = "kb") -> Mention:
    start = [m.start() for m in re.finditer(re.escape(sub), text)][nth]
    return Mention(start, start + len(sub), sub, actor, how, 0, 0, 0)


def test_occurrences_respect_word_boundaries_and_context() -> None:
    assert occurrences("the UN said UNSMIL and the UN-backed body", "UN") == [(4, 6), (27, 29)]
    assert occurrences("he said the head", "he") == [(0, 2)]
    assert occurrences("Tripoli said; talks in Tripoli", {"text": "Tripoli", "in": "Tripoli said"}) == [(0, 7)]


def test_score_article_counts_matches_misses_false_positives_and_principals() -> None:
    gold = {"id": "t", "actors": [
        {"name": "Turkey", "kind": "state", "code": "TUR", "mentions": ["Turkish drones"]},
        {"name": "Susan Rice", "kind": "person", "code": "USA", "mentions": ["US Ambassador to the UN Susan Rice", "Rice"]},
        {"name": "Misrata brigades", "kind": "armed non-state group", "code": "LBY", "mentions": ["Misrata brigades"]},
        {"name": "NATO", "kind": "international organisation", "code": "NATO", "mentions": ["the alliance"]},
    ]}
    turkey_mil = ActorRef("agent:tur-mil", "Turkey (military)", "military", "TUR", "MIL")
    libya = ActorRef("state:LBY", "Libya", "state", "LBY")
    us_gov = ActorRef("agent:usa-gov", "United States (government)", "government body", "USA", "GOV")
    rice = ActorRef("person:susan-rice", "Susan Rice", "person", "USA", "GOV")
    misrata = ActorRef("org:misrata", "Misrata", "other", None)
    mentions = [
        _mention(TEXT, "Turkish drones", turkey_mil, how="agent"),
        _mention(TEXT, "Tripoli", libya),                      # a place: false positive
        _mention(TEXT, "US Ambassador", us_gov, how="agent"),  # a title fragment: false positive
        _mention(TEXT, "Susan Rice", rice),
        _mention(TEXT, "Rice", rice, nth=1, how="coref"),
        _mention(TEXT, "Misrata brigades", misrata, how="ner"),  # found, but without its principal
    ]
    article = Article("x", Source("gold:t", "t", "txt"), "t", TEXT, (Paragraph(0, len(TEXT), "en"),), "en")
    res = score_article(gold, Analysis(article, work={"mentions": mentions}))
    c = res["counts"]["all"]
    assert (c["gold"], c["gold_found"], c["predicted"], c["predicted_correct"]) == (4, 3, 5, 3)
    kinds = {e["type"]: e for e in res["errors"] if e["type"] != "false_positive"}
    assert kinds["miss"]["actor"] == "NATO"
    assert kinds["wrong_principal"]["actor"] == "Misrata brigades"
    fps = sorted(e["actor"] for e in res["errors"] if e["type"] == "false_positive")
    assert fps == ["Libya", "United States (government)"]
    assert res["extra"]["principal_correct"] == 2 and res["extra"]["principal_total"] == 3
    # 5 gold occurrences ("Rice" inside the titled mention is the same actor's, dropped); 4 covered
    assert (res["extra"]["mentions_covered"], res["extra"]["mentions_total"]) == (4, 5)


# ------------------------------------------------------------------------------ the pipeline
@pytest.mark.slow
def test_actors_stage_meets_the_floors_on_the_dev_gold() -> None:
    started = time.monotonic()
    result = evaluate_actors(GOLD, EXAMPLES)
    seconds = time.monotonic() - started
    report = format_report(result)
    assert result["articles"] == len(load_gold(GOLD)) and not result["skipped"], report
    for (group, measure), floor in FLOORS.items():
        figures = result["actors"] if group == "actors" else result["by_kind"][group]
        assert figures[measure] >= floor, f"{group} {measure} {figures[measure]} < {floor}\n{report}"
    assert result["principal"]["accuracy"] >= PRINCIPAL_FLOOR, report
    assert result["mentions"]["recall"] >= MENTION_RECALL_FLOOR, report
    assert {e["type"] for e in result["errors"]} <= {"false_positive", "miss", "wrong_principal", "split"}
    assert all(e["article"] for e in result["errors"])
    assert seconds < SECONDS_LIMIT, f"{seconds:.1f} s"
