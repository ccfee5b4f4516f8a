from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.ingest import discover, read_path
from sitrep.models import RawDocument


@pytest.mark.seeds
@pytest.mark.parametrize("count", [5])
def test_seeds_give_one_raw_document_each(seeds_dir: Path, count: int) -> None:
    files = list(discover([seeds_dir]))
    results = [r for path in files for r in read_path(path)]
    assert len(files) == count
    assert all(isinstance(r, RawDocument) for r in results), results
    assert len(results) == count
    assert [r.source.doc for r in results] == sorted(p.name for p in files)
    assert all(r.text.strip() and r.source.fmt == "txt" for r in results)
