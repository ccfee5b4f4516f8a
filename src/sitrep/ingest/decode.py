"""Bytes to text: refuse binary files, repair legacy encodings, normalise line endings."""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

import charset_normalizer
from charset_normalizer.md import mess_ratio

from sitrep.errors import E, Skip

logger = logging.getLogger(__name__)

# Checked before any decoding: these formats can look "mostly text" to the ratio checks.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
)

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_UTF8_BOM = b"\xef\xbb\xbf"

# A few stray NULs from a bad export are repairable; more than this share (or count, in a
# short file) means a binary format.
_MAX_NUL_SHARE = 0.01
_FEW_NULS = 8
# Real text hardly ever holds C0 controls besides \t \n \r \f; random bytes hold ~11 %.
_MAX_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

# Enough text for the mess detector to judge a candidate decoding.
_SAMPLE = 64 * 1024

# A charset an HTML page or XML feed declares about itself, in its first bytes.
_DECLARED = re.compile(
    rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
    rb"""|<meta[^>]*?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)
_HEAD = 4096


@dataclass(frozen=True)
class Decoded:
    """Text of a file plus the repairs that were needed (as RawDocument flags)."""

    text: str
    encoding: str | None
    flags: tuple[str, ...]


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Return the text and, if it was not UTF-8, the fallback encoding used.

    Raises ``Skip(E003)`` for binary content.
    """
    decoded = decode(data)
    return decoded.text, decoded.encoding


def decode(data: bytes, hint: str | None = None) -> Decoded:
    """Like :func:`decode_bytes`, also reporting repairs as flags.

    ``hint`` is an encoding to try before guessing when the bytes are not UTF-8: one the
    file declares (see :func:`declared_charset`) or one that fitted an earlier line.
    """
    check_magic(data)
    bom_text = _decode_utf16_32(data)
    if bom_text is not None:
        text, encoding = bom_text
        return Decoded(normalize_newlines(text), encoding, (f"encoding_repaired:{encoding}",))
    data = data.removeprefix(_UTF8_BOM)
    flags: list[str] = []
    if b"\x00" in data:
        data = _remove_stray_nuls(data)
        flags.append("nul_removed")
    _check_controls(data)
    text, encoding = _decode_text(data, hint)
    if encoding is not None:
        flags.insert(0, f"encoding_repaired:{encoding}")
    return Decoded(normalize_newlines(text), encoding, tuple(flags))


def check_magic(data: bytes) -> None:
    """Raise ``Skip(E003)`` if ``data`` starts like a well-known binary format."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise Skip(E.E003, detail=kind)


def check_binary(sample: bytes) -> None:
    """Raise ``Skip(E003)`` if ``sample`` (the head of a file) looks binary."""
    check_magic(sample)
    if _decode_utf16_32(sample) is None:
        _check_nuls(sample)
        _check_controls(sample)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its head, if Python knows it."""
    match = _DECLARED.search(data[:_HEAD])
    if match is None:
        return None
    return _codec_name((match[1] or match[2]).decode("ascii"))


def _codec_name(name: str) -> str | None:
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # A declaration naming "hex" or "zlib" must not pick a bytes-to-bytes codec.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_utf16_32(data: bytes) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _check_nuls(data: bytes) -> None:
    if data.count(b"\x00") > max(_FEW_NULS, len(data) * _MAX_NUL_SHARE):
        raise Skip(E.E003, detail="NUL bytes")


def _remove_stray_nuls(data: bytes) -> bytes:
    _check_nuls(data)
    logger.debug("removing %d stray NUL bytes", data.count(b"\x00"))
    return data.replace(b"\x00", b"")


def _check_controls(data: bytes) -> None:
    if not data:
        return
    controls = len(data.translate(None, delete=_NOT_CONTROL))
    if controls > len(data) * _MAX_CONTROL_SHARE:
        raise Skip(E.E003, detail="control characters")


def _decode_text(data: bytes, hint: str | None) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    hint = _codec_name(hint) if hint else None
    if hint in ("iso8859-1", "ascii"):
        hint = "cp1252"  # as browsers do: pages that say Latin-1 are written in cp1252
    # A UTF-16/32 "declaration" on bytes without a BOM and NULs is a lie.
    if hint and not hint.startswith(("utf-8", "utf-16", "utf-32")):
        try:
            return data.decode(hint), hint
        except (UnicodeDecodeError, LookupError):
            logger.debug("declared or earlier encoding %s does not fit", hint)
    guess = _guess(data)
    if guess is not None:
        return guess
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1", errors="replace"), "latin-1"


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, biased towards cp1252 on a tie.

    On short Western text charset-normalizer often names a sibling code page (cp1250,
    cp775) or even UTF-16; cp1252 is by far the likeliest legacy encoding of news text, so
    it wins whenever it reads the bytes at least as cleanly as the guess does.
    """
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        best = None  # without a BOM that guess is wrong for a file with few NULs
    try:
        cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    if cp1252 is not None:
        best_chaos = best.chaos if best is not None else 1.0
        if best is None or str(best) == cp1252 or mess_ratio(cp1252[:_SAMPLE], 1.0) <= best_chaos:
            return cp1252, "cp1252"
    if best is None:
        return None
    return str(best), best.encoding
