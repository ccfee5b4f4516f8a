"""The analysis pipeline: named stages, registered like spaCy components, composed from config.

Reading, cleaning and deduplication always run (they decide *what* is stored). After them,
each new article passes through the analysis stages listed in ``Config.stages``, in order. A
stage is a function ``(batch: list[Analysis]) -> list[Analysis]`` registered with
:func:`stage`, declaring the fields it requires and the fields it provides; :func:`build`
checks the chain before the first article is read, not halfway through a corpus.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import E, SitrepError
from .models import Analysis

StageFn = Callable[[list[Analysis]], list[Analysis]]

# What the fixed front of the pipeline (read -> clean -> dedupe) provides.
BASE_PROVIDES = ("article", "paragraphs", "signature")


@dataclass(frozen=True)
class StageSpec:
    name: str
    fn: StageFn
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()


REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, *, requires: Sequence[str] = (), provides: Sequence[str] = ()) -> Callable[[StageFn], StageFn]:
    """Register an analysis stage under ``name``."""

    def register(fn: StageFn) -> StageFn:
        REGISTRY[name] = StageSpec(name, fn, tuple(requires), tuple(provides))
        return fn

    return register


def build(names: Sequence[str]) -> list[StageSpec]:
    """Resolve stage names into specs, checking that every requirement is met upstream."""
    available = set(BASE_PROVIDES)
    specs = []
    for name in names:
        _import_stage(name)
        spec = REGISTRY.get(name)
        if spec is None:
            raise SitrepError(E.E104, name=name, known=", ".join(sorted(set(REGISTRY) | set(STAGE_MODULES))))
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise SitrepError(E.E105, name=name, needs=", ".join(missing))
        available.update(spec.provides)
        specs.append(spec)
    return specs


def apply(specs: Sequence[StageSpec], batch: list[Analysis], seconds: dict[str, float] | None = None) -> list[Analysis]:
    """Run the stages over a batch, in order; ``seconds`` (if given) gains each stage's wall time."""
    for spec in specs:
        if not batch:
            break
        started = time.perf_counter()
        batch = spec.fn(batch)
        if seconds is not None:
            seconds[spec.name] = seconds.get(spec.name, 0.0) + time.perf_counter() - started
    return batch


# Where each stage is registered: importing the module registers it (as spaCy factories do).
STAGE_MODULES: dict[str, str] = {
    "nlp": "sitrep.nlp",
    "actors": "sitrep.actors.stage",
    "events": "sitrep.events.stage",
}
# The default analysis pipeline, in order. Users change it with ``--stages`` or Config.stages.
DEFAULT_STAGES: tuple[str, ...] = ("nlp", "actors", "events")


def _import_stage(name: str) -> None:
    module = STAGE_MODULES.get(name)
    if module and name not in REGISTRY:
        importlib.import_module(module)


@dataclass(frozen=True)
class Config:
    """Settings of one run. Defaults are what ``sitrep run`` uses without options."""

    max_bytes: int = 20 * 1024 * 1024
    batch_size: int = 64
    stages: tuple[str, ...] | None = None  # None: DEFAULT_STAGES
    dedupe_threshold: float = 0.9
    workers: int | None = None  # processes that clean and analyse; None: one per core, 1: in-process

    def stage_names(self) -> tuple[str, ...]:
        return self.stages if self.stages is not None else DEFAULT_STAGES
