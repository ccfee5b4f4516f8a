"""Whatever bytes a file holds, ``read_path`` yields records and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.ingest import read_path
from sitrep.models import RawDocument, Skipped

# Random bytes alone rarely look like any format, so mix in format-shaped fragments.
_SHAPES = [
    b"",
    b"\xef\xbb\xbf",
    b"---\ntitle: x\n---\n",
    b"Title: t\n\n",
    b'{"text": "',
    b'[{"id": 1, "text": "a"}, ',
    b"\n",
    b"<html><body><p>",
    b"</p>",
    b'<?xml version="1.0"?><rss><channel><item><description>',
    b"</description></item>",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"><div>',
    b"<!DOCTYPE r [<!ENTITY e 'x'>]>",
    b"\x00",
    b"\r\n",
    "é ü “”".encode("cp1252"),
]
_content = st.lists(st.one_of(st.binary(max_size=64), st.sampled_from(_SHAPES)), max_size=12).map(b"".join)


def _check(results: list[RawDocument | Skipped]) -> None:
    for result in results:
        assert isinstance(result, (RawDocument, Skipped))
        if isinstance(result, Skipped):
            assert result.reason.strip() and "\n" not in result.reason
            assert result.key and result.label
        else:
            assert result.text.strip()
            assert "\r" not in result.text and "\x00" not in result.text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".json", ".jsonl", ".xml", ".html"])
@settings(max_examples=100, deadline=None)
@given(data=_content)
def test_read_path_never_raises(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        _check(list(read_path(path, max_bytes=4096)))
