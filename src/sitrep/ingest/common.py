"""Small helpers shared by the readers."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from sitrep.errors import Skip
from sitrep.models import Skipped, Source

# Metadata keys a reader maps onto RawDocument fields, by priority (first non-empty wins).
TITLE_KEYS = ("title",)
DATE_KEYS = ("published", "date")
URL_KEYS = ("url",)
OUTLET_KEYS = ("outlet", "source", "site")
AUTHOR_KEYS = ("author",)


def resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop; the absolute path still identifies it
        return os.path.abspath(path)


def skipped(source: Source, skip: Skip) -> Skipped:
    return Skipped(key=source.key, label=source.label, reason=skip.reason)


def record_source(whole: Source, doc: str, fragment: str) -> Source:
    return Source(path=whole.path, doc=doc, fmt=whole.fmt, fragment=fragment)


def finish_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Newlines as ``\\n`` and no NULs, also for text that came out of an escaped field."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        return text.replace("\x00", ""), ("nul_removed",)
    return text, ()


def merge_flags(*groups: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for flag in group:
            seen.setdefault(flag, None)
    return tuple(seen)


def one_line(value: str) -> str:
    return " ".join(value.split())


def scalar_text(value: Any) -> str | None:
    """A metadata value as one line of text, or None if it is not a usable scalar.

    Lists of strings (several authors) are joined; anything else structured is not a
    name or a title and stays in meta instead.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        text = one_line(value)
    elif isinstance(value, (int, float)):
        text = str(value)
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        text = ", ".join(one_line(v) for v in value if v.strip())
    else:
        return None
    return text or None


def take(fields: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """Pop the first key among ``keys`` that holds usable text; others stay for meta."""
    for key in keys:
        if key in fields:
            text = scalar_text(fields[key])
            if text is not None:
                del fields[key]
                return text
    return None


def take_raw(fields: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """Pop the first non-empty value among ``keys`` as it is (dates may be date objects)."""
    for key in keys:
        value = fields.get(key)
        if value is not None and value != "":
            del fields[key]
            return value
    return None


def jsonable(value: Any, depth: int = 0) -> Any:
    """Meta must survive JSON serialisation in the store; YAML hands us dates and such."""
    if depth > 20:
        return str(value)
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v, depth + 1) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)
