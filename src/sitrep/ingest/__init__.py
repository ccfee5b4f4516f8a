"""Readers: turn files into :class:`~sitrep.models.RawDocument` records (stage 1).

``discover`` lists the files under the paths a user gave; ``read_path`` reads one file and
yields a RawDocument per usable piece (a file, a JSON record, a feed item) or a
:class:`~sitrep.models.Skipped` with a one-line reason; bad input never raises.

Helpers other stages may use: :func:`sitrep.ingest.dates.normalize_published` and
:func:`sitrep.ingest.decode.decode_bytes`.
"""

from __future__ import annotations

from sitrep.ingest.discover import discover
from sitrep.ingest.reader import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, read_path

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "discover", "read_path"]
