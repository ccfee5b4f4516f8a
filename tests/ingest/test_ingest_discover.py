from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.errors import E, SitrepError
from sitrep.ingest import discover


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def _rel(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


@pytest.mark.parametrize(
    "names, expected",
    [
        (
            ["b.txt", "a/z.json", "a/b/c.md", "A.txt", "c.html"],
            ["A.txt", "a/b/c.md", "a/z.json", "b.txt", "c.html"],
        ),
    ],
)
def test_folder_is_walked_recursively_in_relative_path_order(
    tmp_path: Path, names: list[str], expected: list[str]
) -> None:
    _tree(tmp_path, names)
    assert _rel(list(discover([tmp_path])), tmp_path) == expected


@pytest.mark.parametrize(
    "names, expected",
    [(["keep.txt", ".hidden.txt", ".git/config.txt", "sub/.DS_Store", "sub/ok.md"], ["keep.txt", "sub/ok.md"])],
)
def test_hidden_entries_inside_folders_are_ignored(
    tmp_path: Path, names: list[str], expected: list[str]
) -> None:
    _tree(tmp_path, names)
    assert _rel(list(discover([tmp_path])), tmp_path) == expected


@pytest.mark.parametrize("name", [".explicit.txt"])
def test_a_hidden_file_given_explicitly_is_kept(tmp_path: Path, name: str) -> None:
    _tree(tmp_path, [name])
    assert list(discover([tmp_path / name])) == [tmp_path / name]


def test_unsupported_files_are_listed_for_the_report(tmp_path: Path) -> None:
    _tree(tmp_path, ["photo.jpg", "story.txt"])
    assert _rel(list(discover([tmp_path])), tmp_path) == ["photo.jpg", "story.txt"]


def test_each_file_once_even_if_given_twice_or_in_two_folders(tmp_path: Path) -> None:
    _tree(tmp_path, ["a/one.txt", "a/sub/two.txt", "b.txt"])
    given = [tmp_path / "a" / "sub", tmp_path, tmp_path / "b.txt", tmp_path / "a" / "one.txt"]
    found = _rel(list(discover(given)), tmp_path)
    assert found == ["a/sub/two.txt", "a/one.txt", "b.txt"]


def test_paths_are_kept_in_the_order_given(tmp_path: Path) -> None:
    _tree(tmp_path, ["z.txt", "a.txt"])
    found = list(discover([str(tmp_path / "z.txt"), tmp_path / "a.txt"]))
    assert _rel(found, tmp_path) == ["z.txt", "a.txt"]


@pytest.mark.parametrize("missing", ["does-not-exist", "sub/nope.txt"])
def test_missing_path_is_a_fatal_error_before_anything_is_yielded(
    tmp_path: Path, missing: str
) -> None:
    _tree(tmp_path, ["ok.txt"])
    with pytest.raises(SitrepError) as info:
        discover([tmp_path / "ok.txt", tmp_path / missing])
    assert info.value.code is E.E101
    assert missing.split("/")[-1] in info.value.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_folder_loop_is_not_followed_forever(tmp_path: Path) -> None:
    _tree(tmp_path, ["a/one.txt"])
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "alias").symlink_to(tmp_path / "a", target_is_directory=True)
    found = list(discover([tmp_path]))
    assert [p.resolve() for p in found] == [(tmp_path / "a" / "one.txt").resolve()]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_file_is_deduplicated_with_its_target(tmp_path: Path) -> None:
    _tree(tmp_path, ["real.txt"])
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert len(list(discover([tmp_path]))) == 1
