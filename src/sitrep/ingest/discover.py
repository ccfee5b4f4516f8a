"""``discover``: the files to read under the paths a user gave."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Iterator, Sequence

from sitrep.errors import E, SitrepError
from sitrep.ingest.common import resolved

logger = logging.getLogger(__name__)


def discover(paths: Sequence[str | Path]) -> Iterator[Path]:
    """Files under ``paths`` (files as given, folders recursively), each once.

    Every path is checked before anything is yielded, so a typo in the last argument fails
    the run at once instead of after the others were read. Paths come in the order given;
    the files of a folder in order of their relative path. Hidden entries inside folders
    are ignored; unsupported files are not, so that the run report can name them.
    """
    given = [Path(p) for p in paths]
    for path in given:
        if not os.path.exists(path):
            raise SitrepError(E.E101, path=str(path))
    return _unique(given)


def _unique(given: list[Path]) -> Iterator[Path]:
    seen: set[str] = set()
    for path in given:
        files = _walk(path) if path.is_dir() else iter((path,))
        for file in files:
            key = resolved(file)
            if key not in seen:
                seen.add(key)
                yield file


def _walk(top: Path) -> Iterator[Path]:
    """Files below ``top`` sorted by relative path; symlinked folders are followed once."""
    found: list[Path] = []
    visited: set[str] = set()
    pending = [Path()]
    while pending:
        relative = pending.pop()
        folder = top / relative
        real = os.path.realpath(folder)
        if real in visited:  # a symlink back up the tree, or a second link to one folder
            logger.debug("not entering %s again", folder)
            continue
        visited.add(real)
        subfolders: list[Path] = []
        for entry in _entries(folder):
            if entry.name.startswith("."):
                continue
            child = relative / entry.name
            if _is_dir(entry):
                subfolders.append(child)
            elif _is_file(entry):
                found.append(child)
            else:
                logger.warning("ignoring %s: not a regular file", folder / entry.name)
        # Depth-first in name order, so which of two links to one folder wins is stable.
        pending.extend(sorted(subfolders, reverse=True))
    return (top / relative for relative in sorted(found))


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as exc:
        logger.warning("cannot list %s: %s", folder, exc.strerror or exc)
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=True)
    except OSError:
        return False
