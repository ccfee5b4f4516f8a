"""JSON (one object or a list of objects) and JSON Lines (one object per line, streamed)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from sitrep.errors import E, Skip
from sitrep.ingest import common
from sitrep.ingest.dates import published_fields
from sitrep.ingest.decode import Decoded, check_binary, decode
from sitrep.models import RawDocument, Skipped, Source

logger = logging.getLogger(__name__)

_TEXT_KEYS = ("text", "body", "content")
_SNIFF = 8192
_DRAIN_CHUNK = 1024 * 1024


def read_json(decoded: Decoded, whole: Source) -> Iterator[RawDocument | Skipped]:
    if not decoded.text.strip():
        raise Skip(E.E002)
    try:
        data = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        raise Skip(E.E005, detail=f"{exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # too deeply nested, or an absurdly long number
        raise Skip(E.E005, detail=type(exc).__name__) from None
    if isinstance(data, dict):
        yield record_document(data, whole, decoded.flags)
        return
    if not isinstance(data, list):
        raise Skip(E.E013, kind=_kind(data))
    if not data:
        raise Skip(E.E018)
    for number, element in enumerate(data, start=1):
        yield _element(element, whole, f"item {number}", f"{whole.doc}#{number}", decoded.flags)


def read_jsonl(path: Path, whole: Source, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    """Stream the lines: the file as a whole may exceed ``max_bytes``, a single line may not."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise Skip(E.E012, detail=exc.strerror or type(exc).__name__) from None
    with handle:
        # One reason for a binary file, not one per "line" of it.
        check_binary(handle.read(_SNIFF))
        handle.seek(0)
        records = 0
        # Lines of one file share an encoding: once a line needed repair, try that first.
        hint: str | None = None
        for number, line in _lines(handle, max_bytes):
            records += 1
            if isinstance(line, int):
                source = common.record_source(whole, f"{whole.doc}#{number}", f"line {number}")
                yield common.skipped(source, Skip(E.E014, size=line, limit=max_bytes))
                continue
            result, encoding = _jsonl_line(line, whole, number, hint)
            hint = encoding or hint
            yield result
    if records == 0:
        raise Skip(E.E002)


def record_document(
    fields: dict[str, Any], source: Source, flags: tuple[str, ...]
) -> RawDocument:
    """One JSON object as a RawDocument; raises ``Skip(E007)`` if it holds no text."""
    fields = dict(fields)
    text = _take_text(fields)
    if text is None:
        raise Skip(E.E007)
    text, text_flags = common.finish_text(text)
    title = common.take(fields, common.TITLE_KEYS)
    published, date_meta = published_fields(common.take_raw(fields, common.DATE_KEYS))
    return RawDocument(
        source=source,
        text=text,
        title=title,
        published=published,
        url=common.take(fields, common.URL_KEYS),
        outlet=common.take(fields, common.OUTLET_KEYS),
        author=common.take(fields, common.AUTHOR_KEYS),
        meta={**fields, **date_meta},
        flags=common.merge_flags(flags, text_flags),
    )


def _take_text(fields: dict[str, Any]) -> str | None:
    for key in _TEXT_KEYS:
        value = fields.get(key)
        # Some exports store the body as a list of paragraphs.
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = "\n\n".join(value)
        if isinstance(value, str) and value.strip():
            del fields[key]
            return value
    return None


def _element(
    element: Any, whole: Source, fragment: str, fallback_doc: str, flags: tuple[str, ...]
) -> RawDocument | Skipped:
    if not isinstance(element, dict):
        source = common.record_source(whole, fallback_doc, fragment)
        return common.skipped(source, Skip(E.E013, kind=_kind(element)))
    source = common.record_source(whole, _record_doc(element, fallback_doc), fragment)
    try:
        return record_document(element, source, flags)
    except Skip as skip:
        return common.skipped(source, skip)


def _jsonl_line(
    line: bytes, whole: Source, number: int, hint: str | None
) -> tuple[RawDocument | Skipped, str | None]:
    """The record on one line, and the encoding it needed (None for UTF-8)."""
    fallback_doc = f"{whole.doc}#{number}"
    fragment = f"line {number}"
    try:
        decoded = decode(line, hint)
        value = json.loads(decoded.text)
    except Skip as skip:
        return common.skipped(common.record_source(whole, fallback_doc, fragment), skip), None
    except json.JSONDecodeError as exc:
        skip = Skip(E.E006, detail=f"{exc.msg} at column {exc.colno}")
        return common.skipped(common.record_source(whole, fallback_doc, fragment), skip), None
    except (ValueError, RecursionError) as exc:
        skip = Skip(E.E006, detail=type(exc).__name__)
        return common.skipped(common.record_source(whole, fallback_doc, fragment), skip), None
    return _element(value, whole, fragment, fallback_doc, decoded.flags), decoded.encoding


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """(physical line number, line) for non-blank lines; an over-long line gives its size.

    ``readline`` is bounded, so an over-long line is never held in memory as a whole.
    """
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            yield number, len(line) + _drain_line(handle)
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if line.strip():
            yield number, line


def _drain_line(handle: BinaryIO) -> int:
    size = 0
    while True:
        chunk = handle.readline(_DRAIN_CHUNK)
        size += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return size


def _record_doc(record: dict[str, Any], fallback: str) -> str:
    for key in ("id", "url"):
        value = common.scalar_text(record.get(key))
        if value:
            return value
    return fallback


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return type(value).__name__
