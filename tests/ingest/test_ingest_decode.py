from __future__ import annotations

import random

import pytest

from sitrep.errors import E, Skip
from sitrep.ingest.decode import decode, decode_bytes

WESTERN = "Le café du port a rouvert mardi; « naïve » idée, dit-il — à Zürich aussi.\n"


@pytest.mark.parametrize(
    "data, text",
    [
        ("Plain UTF-8 – ok\n".encode(), "Plain UTF-8 – ok\n"),
        (b"\xef\xbb\xbfWith a BOM\n", "With a BOM\n"),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
    ],
)
def test_utf8_needs_no_repair(data: bytes, text: str) -> None:
    assert decode_bytes(data) == (text, None)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_text_is_repaired_and_named(encoding: str) -> None:
    text, used = decode_bytes(WESTERN.replace("«", '"').replace("»", '"').replace("—", "-").encode(encoding))
    assert "café" in text and "Zürich" in text and "naïve" in text
    assert used is not None
    flags = decode(WESTERN.encode("cp1252")).flags
    assert flags == ("encoding_repaired:cp1252",)


@pytest.mark.parametrize("encoding", ["cp1252"])
def test_curly_quotes_in_cp1252_survive(encoding: str) -> None:
    text, used = decode_bytes("The “plan” was the minister’s.".encode(encoding))
    assert text == "The “plan” was the minister’s."
    assert used == "cp1252"


@pytest.mark.parametrize("encoding", ["utf-16"])
def test_utf16_with_bom_is_read(encoding: str) -> None:
    text, used = decode_bytes("Ports reopen\r\n".encode(encoding))
    assert text == "Ports reopen\n"
    assert used and used.startswith("utf-16")


@pytest.mark.parametrize("data", [b"Stray\x00 NUL in a line of otherwise ordinary text that goes on.\n" * 3])
def test_a_few_stray_nuls_are_removed_and_flagged(data: bytes) -> None:
    decoded = decode(data)
    assert "\x00" not in decoded.text
    assert decoded.text.startswith("Stray NUL in a line")
    assert "nul_removed" in decoded.flags


def _random_bytes_with_nuls() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(4096)) + b"\x00" * 200


@pytest.mark.parametrize(
    "data, detail",
    [
        (_random_bytes_with_nuls(), "NUL"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"rest", "PNG"),
        (b"%PDF-1.7\nrest of a pdf", "PDF"),
        (b"PK\x03\x04zipped", "ZIP"),
        (b"\x1f\x8b\x08\x00gz", "gzip"),
        (b"\x7fELF\x02\x01\x01", "ELF"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG"),
        (b"GIF89a....", "GIF"),
        (bytes(range(1, 9)) * 50 + b"some text", "control"),
    ],
)
def test_binary_content_is_refused(data: bytes, detail: str) -> None:
    with pytest.raises(Skip) as info:
        decode_bytes(data)
    assert info.value.code is E.E003
    assert detail in info.value.reason


@pytest.mark.parametrize("data", [b"tab\tform\x0cfeed\r\nok\n"])
def test_allowed_controls_are_not_binary(data: bytes) -> None:
    assert decode_bytes(data)[0] == "tab\tform\x0cfeed\nok\n"
