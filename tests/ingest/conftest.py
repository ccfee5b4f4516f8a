"""Fixtures for the reader tests: every input is written here, in tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from sitrep.ingest import read_path
from sitrep.models import RawDocument, Skipped

Results = list[RawDocument | Skipped]


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (UTF-8) or bytes to ``tmp_path / name`` and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def read() -> Callable[..., Results]:
    def _read(path: Path, **kw: int) -> Results:
        return list(read_path(path, **kw))

    return _read


@pytest.fixture
def read_one(read: Callable[..., Results]) -> Callable[..., RawDocument | Skipped]:
    """Read a file expected to give exactly one record."""

    def _read_one(path: Path, **kw: int) -> RawDocument | Skipped:
        results = read(path, **kw)
        assert len(results) == 1, results
        return results[0]

    return _read_one
