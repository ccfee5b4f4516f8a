"""The start-up build cache: used when good, rebuilt when missing, stale, corrupt or unwritable."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from sitrep import buildcache
from sitrep.buildcache import cached, fingerprint


class Built:
    def __init__(self, value: int) -> None:
        self.value = value


@pytest.fixture
def where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv(buildcache.ENV, str(d))
    return d


def _counting(value: int = 1):
    calls = []

    def build() -> Built:
        calls.append(1)
        return Built(value)

    return build, calls


def test_a_missing_entry_is_built_and_stored_then_loaded(where: Path) -> None:
    build, calls = _counting()
    assert cached("thing", "k1", build, Built).value == 1
    assert cached("thing", "k1", build, Built).value == 1
    assert len(calls) == 1
    assert [p.name.startswith("thing-k1") for p in where.iterdir()] == [True]


def test_a_stale_entry_is_replaced(where: Path) -> None:
    cached("thing", "k1", _counting(1)[0], Built)
    build, calls = _counting(2)
    assert cached("thing", "k2", build, Built).value == 2 and calls == [1]
    assert [p.name[:8] for p in where.iterdir()] == ["thing-k2"]  # the old entry is gone


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(("k1", "a string, not a Built")),
                                     pickle.dumps(("other key", Built(9)))])
def test_a_corrupt_or_foreign_entry_is_rebuilt(where: Path, content: bytes) -> None:
    where.mkdir()
    (where / "thing-k1.pickle").write_bytes(content)
    build, calls = _counting(3)
    assert cached("thing", "k1", build, Built).value == 3 and calls == [1]
    assert cached("thing", "k1", build, Built).value == 3 and calls == [1]  # and replaced


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_directory_only_means_building(where: Path) -> None:
    where.mkdir()
    where.chmod(0o500)
    try:
        build, calls = _counting()
        assert cached("thing", "k1", build, Built).value == 1
        assert cached("thing", "k1", build, Built).value == 1
        assert len(calls) == 2
    finally:
        where.chmod(0o700)


def test_a_path_that_is_a_file_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(buildcache.ENV, str(blocker / "cache"))
    build, calls = _counting()
    assert cached("thing", "k1", build).value == 1 and cached("thing", "k1", build).value == 1
    assert len(calls) == 2


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(buildcache.ENV, "off")
    monkeypatch.chdir(tmp_path)
    build, calls = _counting()
    cached("thing", "k1", build)
    cached("thing", "k1", build)
    assert len(calls) == 2 and buildcache.cache_dir() is None


def test_the_fingerprint_follows_the_bytes_of_the_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_text("one")
    first = fingerprint(files=[data], packages=["pyyaml"])
    assert fingerprint(files=[data], packages=["pyyaml"]) == first
    (data / "a.yaml").write_text("two")
    assert fingerprint(files=[data], packages=["pyyaml"]) != first
    (data / "a.yaml").write_text("one")
    (data / "b.yaml").write_text("")
    assert fingerprint(files=[data], packages=["pyyaml"]) != first


def test_the_shipped_structures_come_back_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.actors.kb import DATA_DIR, KnowledgeBase

    monkeypatch.setenv(buildcache.ENV, str(tmp_path))
    built = cached("kb", "test", lambda: KnowledgeBase.load(DATA_DIR), KnowledgeBase)
    loaded = cached("kb", "test", lambda: pytest.fail("should come from the cache"), KnowledgeBase)
    assert loaded is not built
    for table in ("states", "organisations", "offices", "people"):
        assert getattr(loaded, table) == getattr(built, table)
    assert loaded.people_by_name("Kerry") == built.people_by_name("Kerry")
    assert [o.id for o in loaded.orgs_by_anaphor("the alliance")] == [o.id for o in built.orgs_by_anaphor("the alliance")]
