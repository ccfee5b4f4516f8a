"""The work a worker does, the same in this process (``--workers 1``), in a worker process and in
a Dask worker: read and clean a batch of inputs, analyse a batch of new articles.

Deduplication is not here: it depends on everything before it in input order, so the engine
(the one writer) decides it between the two tasks. Both tasks are pure functions of their
input, so the results do not depend on which process ran them or how many there were.

* :func:`clean_batch` takes inputs in order -- a file path (whole-file formats, read here), a
  RawDocument (read by the engine from a record file) or a Skipped record (passed through) --
  and returns a flat list of outcomes, in order, for the engine to replay into its report:
  ``("skipped", Skipped)``, ``("document", repairs)``, ``("article", Article, signature)``.
* :func:`analyse_batch` runs the configured analysis stages over new articles and drops the
  working state (the spaCy Doc) before the results cross a process boundary.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from ..clean import clean
from ..errors import Skip
from ..ingest import read_path
from ..models import Analysis, Article, RawDocument, Skipped
from ..nlp import memory_zone
from ..pipeline import Config, StageSpec, apply, build

if TYPE_CHECKING:
    from ..clean.dedupe import NearDuplicateIndex

log = logging.getLogger(__name__)

Item = Union[Path, RawDocument, Skipped]
Outcome = tuple[Any, ...]

# Formats read inside the worker (one document per file); record formats (JSON, JSONL, feeds)
# are read by the engine, which streams their records into batches.
WHOLE_FILE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})

# A tiny article run through the stages once at start-up, so that the spaCy pipeline, the
# knowledge base, the gazetteers and the lexicons are loaded before the first real batch.
_WARM_UP = ("Egypt's foreign minister met the UN envoy in Tripoli on Monday and urged Turkey to withdraw "
            "its troops from Libya, officials said.")


class _State:
    config: Config | None = None
    specs: list[StageSpec] = []
    signer: NearDuplicateIndex | None = None  # made by the first clean task: a worker that only
    # analyses (beside a run process that cleans) never imports datasketch, 0.4 s of its start-up


_state = _State()


def setup(config: Config, warm: bool = True) -> None:
    """Prepare this process for ``config``: resolve the stages and load their models once."""
    if _state.config == config:
        return
    _state.specs = build(config.stage_names())
    _state.config, _state.signer = config, None
    if warm:
        from ..models import Source

        raw = RawDocument(Source("<warm-up>", "warm-up", "txt"), _WARM_UP, title="Warm-up", published="2020-01-06")
        apply(_state.specs, [Analysis(clean(raw))])


def init_process(config: Config) -> None:
    """Initializer of a worker process: signals belong to the engine; then :func:`setup`.

    Ctrl-C at a terminal reaches the whole process group: workers ignore it and the engine
    stops them. A worker also dies with the engine (Linux), even when the engine is killed.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    setup(config)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return
    if os.getppid() == 1:  # the parent died before prctl
        os._exit(1)


def _config() -> Config:
    if _state.config is None:
        raise RuntimeError("sitrep.engines.work.setup() was not called in this process")
    return _state.config


def clean_batch(items: list[Item]) -> list[Outcome]:
    """Read (whole-file paths) and clean a batch; outcomes in input order (see the module doc)."""
    config = _config()
    if _state.signer is None:
        from ..clean.dedupe import NearDuplicateIndex

        _state.signer = NearDuplicateIndex(threshold=config.dedupe_threshold)
    signer = _state.signer
    out: list[Outcome] = []
    for item in items:
        if isinstance(item, Skipped):
            out.append(("skipped", item))
            continue
        docs = read_path(item, max_bytes=config.max_bytes) if isinstance(item, Path) else (item,)
        for doc in docs:
            if isinstance(doc, Skipped):
                out.append(("skipped", doc))
                continue
            out.append(("document", repairs(doc)))
            try:
                article = clean(doc)
            except Skip as s:
                out.append(("skipped", Skipped(doc.source.key, doc.source.label, s.reason)))
                continue
            out.append(("article", article, signer.signature(article.text)))
    return out


def repairs(raw: RawDocument) -> list[Skipped]:
    """What the reader repaired in a document, as report records."""
    out = []
    for flag in raw.flags:
        if flag.startswith("encoding_repaired"):
            enc = flag.partition(":")[2] or "fallback"
            out.append(Skipped(raw.source.key, raw.source.label, f"invalid UTF-8, decoded as {enc}"))
        elif flag == "nul_removed":
            out.append(Skipped(raw.source.key, raw.source.label, "NUL bytes removed"))
    return out


def analyse_batch(batch: list[Analysis], seconds: dict[str, float] | None = None) -> list[Analysis]:
    """The analysis stages over new articles, without their working state; ``seconds`` (if
    given) gains the wall time of each stage."""
    _config()
    with memory_zone([s.name for s in _state.specs]):  # the Docs die here: nothing may outlive them
        return [dataclasses.replace(a, work={}) for a in apply(_state.specs, batch, seconds)]


def analyse_timed(batch: list[Analysis]) -> tuple[list[Analysis], dict[str, float]]:
    """The ``analyse`` task: :func:`analyse_batch` and the seconds each stage took, for the
    run report."""
    seconds: dict[str, float] = {}
    return analyse_batch(batch, seconds), seconds


TASKS = {"clean": clean_batch, "analyse": analyse_timed}


def run_task(name: str, payload: Any) -> Any:
    return TASKS[name](payload)


def article_of(outcome: Outcome) -> tuple[Article, tuple[int, ...]]:
    return outcome[1], outcome[2]
