"""Issue #9, item 3: `sitrep serve` keeps answering -- every response a well-formed 200 -- while
`sitrep run` writes to the same store, and serves exactly what the run stored once it is done.

The load generator is benchmarks/serve_while_run.py (the same code measures the figures in
docs/reliability.md on a bigger corpus).
"""

from __future__ import annotations

import importlib.util
import random
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import report

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("serve_while_run", ROOT / "benchmarks" / "serve_while_run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The examples corpus (long articles, duplicates, feeds) and 45 short generated reports."""
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "examples" / "corpus", folder / "examples")
    rng = random.Random(3)
    for i in range(45):
        (folder / f"r_{i:03d}.txt").write_text(report(rng, i), "utf-8")
    return folder


def test_serve_answers_without_error_while_run_writes(corpus: Path, tmp_path: Path) -> None:
    bench = _bench()
    # Batches of 3: about 25 commits, so requests overlap with many of them.
    out = bench.serve_while_run(corpus, tmp_path / "s.duckdb", workers=1, batch_size=3, clients=2, timeout=120)
    print({k: v for k, v in out.items() if k != "stderr"})
    assert out["returncode"] == 0, out["stderr"]
    assert out["errors"] == []
    # The requests overlapped the run -- not only its start-up: the readers saw the store grow.
    assert out["requests_during_run"] >= 30, out
    assert len(out["article_counts_seen_during_run"]) >= 3, out["article_counts_seen_during_run"]
    stored, served = out["stored"], out["served"]
    assert stored["articles"] > 40 and stored["events"] > 0
    assert {k: served[k] for k in stored} == stored
    assert served["articles_list"] == stored["articles"] and served["events_list"] == stored["events"]
