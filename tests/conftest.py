"""Shared fixtures. Unit tests use hand-written text; the seeds are read from ../shared."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# Debian's chromium, driven by playwright; these flags keep it off the network (it would
# otherwise fetch components and sync).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless chromium for every browser test (the UI's and the report's)."""
    if not CHROMIUM.exists():
        if shutil.which("apt-get") is None:
            pytest.skip("/usr/bin/chromium is absent and apt-get is unavailable to install it")
        pytest.fail("/usr/bin/chromium is missing: run `apt-get install -y chromium` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
