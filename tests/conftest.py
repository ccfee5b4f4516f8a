"""Shared fixtures. Unit tests use hand-written text; the seeds are read from ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"


def _shared() -> Path | None:
    for cand in (os.environ.get("SITREP_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if cand and (Path(cand) / "seeds").is_dir():
            return Path(cand)
    return None


SHARED = _shared()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if SHARED is None:
        pytest.skip("../shared/seeds is not present")
    return SHARED / "seeds"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if SHARED is None:
        pytest.skip("../shared is not present")
    return SHARED
