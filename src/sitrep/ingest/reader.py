"""``read_path``: one file in, RawDocuments and Skipped records out, never an exception."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Callable, Iterator

from sitrep.errors import E, Skip
from sitrep.ingest import common
from sitrep.ingest.decode import Decoded, declared_charset, decode
from sitrep.ingest.feed_reader import read_feed
from sitrep.ingest.html_reader import read_html
from sitrep.ingest.json_reader import read_json, read_jsonl
from sitrep.ingest.text_reader import read_text
from sitrep.models import RawDocument, Skipped, Source

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_FORMATS)
# Formats that may name their own charset; that beats a statistical guess.
_DECLARING = frozenset({"html", "feed"})

Output = Iterator[RawDocument | Skipped]
_WHOLE_FILE_READERS: dict[str, Callable[[Decoded, Source], Output]] = {
    "txt": read_text,
    "md": read_text,
    "html": read_html,
    "json": read_json,
    "feed": read_feed,
}


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Output:
    """Read one file: a RawDocument per usable piece, a Skipped per unusable one.

    Never raises for bad input. The size is checked with ``stat`` before anything is
    read (E001); JSON Lines is streamed instead, so there the limit applies per line (E014).
    """
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    whole = Source(path=common.resolved(path), doc=path.name, fmt=fmt or path.suffix.lower())
    try:
        if fmt is None:
            raise Skip(E.E004, suffix=path.suffix or "(none)")
        size = _regular_file_size(path)
        if size == 0:
            raise Skip(E.E002)
        if fmt == "jsonl":
            yield from read_jsonl(path, whole, max_bytes)
            return
        if size > max_bytes:
            raise Skip(E.E001, size=size, limit=max_bytes)
        data = _read_bytes(path, max_bytes)
        hint = declared_charset(data) if fmt in _DECLARING else None
        decoded = decode(data, hint)
        if not decoded.text.strip():
            raise Skip(E.E002)
        yield from _WHOLE_FILE_READERS[fmt](decoded, whole)
    except Skip as skip:
        logger.info("skipped %s: %s", whole.label, skip.reason)
        yield common.skipped(whole, skip)


def _regular_file_size(path: Path) -> int:
    try:
        info = path.stat()
    except OSError as exc:
        raise Skip(E.E012, detail=_os_detail(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO or a device would block or never end.
        raise Skip(E.E012, detail="not a regular file")
    return info.st_size


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            # read(n) allocates n bytes up front: ask for the file's size, then for any growth since
            data = handle.read(min(size, max_bytes) + 1)
            if len(data) > size:
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise Skip(E.E012, detail=_os_detail(exc)) from None
    if len(data) > max_bytes:  # the file grew after stat
        raise Skip(E.E001, size=max(size, len(data)), limit=max_bytes)
    return data


def _os_detail(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
