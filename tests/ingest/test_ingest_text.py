from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from sitrep.ingest import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, read_path
from sitrep.models import RawDocument, Skipped

BODY = "The ferry to Harlow Island resumed service on Monday.\n\nThe operator said storms had damaged the pier.\n"


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {
        ".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"
    }
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize("name", ["story.txt", "story.md", "story.markdown", "STORY.TXT"])
def test_plain_text_is_read_as_is(write: Callable, read_one: Callable, name: str) -> None:
    path = write(name, BODY)
    doc = read_one(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == BODY
    assert doc.title is None
    assert doc.source.path == str(path.resolve())
    assert doc.source.doc == name
    assert doc.source.fragment == ""
    assert doc.flags == ()


@pytest.mark.parametrize("name", ["story.md", "story.txt"])
def test_yaml_front_matter_gives_metadata(write: Callable, read_one: Callable, name: str) -> None:
    front = (
        "---\n"
        "title: Ferry resumes\n"
        "date: 2024-03-05\n"
        "url: https://news.example/ferry\n"
        "site: Island Herald\n"
        "author: [Ann Lee, Bo Kim]\n"
        "tags: [transport]\n"
        "---\n\n"
    )
    doc = read_one(write(name, front + BODY))
    assert doc.text == BODY
    assert doc.title == "Ferry resumes"
    assert doc.published == "2024-03-05"
    assert doc.url == "https://news.example/ferry"
    assert doc.outlet == "Island Herald"
    assert doc.author == "Ann Lee, Bo Kim"
    assert dict(doc.meta) == {"tags": ["transport"]}


@pytest.mark.parametrize("raw_date", ["sometime in spring"])
def test_unreadable_date_is_kept_raw(write: Callable, read_one: Callable, raw_date: str) -> None:
    doc = read_one(write("a.md", f"---\ntitle: T\npublished: {raw_date}\n---\n{BODY}"))
    assert doc.published is None
    assert doc.meta["published_raw"] == raw_date


@pytest.mark.parametrize(
    "head",
    [
        "---\nnot: [closed\n---\n",  # invalid YAML: the block stays text
        "---\n- just\n- a list\n---\n",  # not a mapping
        "---\na: &x [1]\nb: *x\n---\n",  # aliases are refused
    ],
)
def test_unusable_front_matter_is_left_as_text(write: Callable, read_one: Callable, head: str) -> None:
    doc = read_one(write("a.md", head + BODY))
    assert doc.text == head + BODY
    assert doc.title is None


@pytest.mark.parametrize(
    "head",
    ["Title: Ferry resumes\nPublished: Tue, 05 Mar 2024 09:00:00 +0000\nSource: Island Herald\n"
     "URL: https://news.example/ferry\nAuthor: Ann Lee\n\n"],
)
def test_header_lines_give_metadata(write: Callable, read_one: Callable, head: str) -> None:
    doc = read_one(write("a.txt", head + BODY))
    assert doc.text == BODY
    assert (doc.title, doc.published, doc.outlet, doc.url, doc.author) == (
        "Ferry resumes", "2024-03-05", "Island Herald", "https://news.example/ferry", "Ann Lee"
    )


@pytest.mark.parametrize(
    "content",
    [
        "Title: Not a header block\nbecause this line is prose.\n\n" + BODY,
        "Ferry resumes\n\n" + BODY + "\nSource: Island Herald\n",
        "Title: Only a header and no blank line after it",
    ],
)
def test_header_like_lines_elsewhere_stay_text(write: Callable, read_one: Callable, content: str) -> None:
    doc = read_one(write("a.txt", content))
    assert doc.text == content
    assert doc.title is None


@pytest.mark.parametrize("name", ["a.md"])
def test_header_lines_are_not_read_in_markdown(write: Callable, read_one: Callable, name: str) -> None:
    content = "Title: Heading\n\n" + BODY
    assert read_one(write(name, content)).text == content


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf  \n", "---\ntitle: Only\n---\n"])
def test_empty_file_is_skipped(write: Callable, read_one: Callable, content: str | bytes) -> None:
    path = write("empty.txt", content)
    result = read_one(path)
    assert isinstance(result, Skipped)
    assert result.reason == "file is empty"
    assert result.key == str(path.resolve())
    assert result.label == "empty.txt"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encoding_is_repaired_and_flagged(write: Callable, read_one: Callable, encoding: str) -> None:
    text = "Der Bürgermeister äußerte sich am Dienstag über die Fähre nach Süderoog.\r\n"
    doc = read_one(write("a.txt", text.encode(encoding)))
    assert doc.text == text.replace("\r\n", "\n")
    assert doc.flags == ("encoding_repaired:cp1252",)


@pytest.mark.parametrize("data", [b"Stray\x00 NUL in text about the ferry service.\n"])
def test_stray_nuls_are_removed_and_flagged(write: Callable, read_one: Callable, data: bytes) -> None:
    doc = read_one(write("a.txt", data))
    assert doc.text == "Stray NUL in text about the ferry service.\n"
    assert doc.flags == ("nul_removed",)


@pytest.mark.parametrize(
    "name, data, detail",
    [
        ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG image"),
        ("noise.txt", bytes(range(256)) * 16, "control characters"),
        ("noise.json", b"\x00\x01\x02\x03" * 100, "NUL bytes"),
        ("noise.jsonl", b"\x00\x01\x02\x03" * 100, "NUL bytes"),
        ("page.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    ],
)
def test_binary_file_is_skipped(write: Callable, read_one: Callable, name: str, data: bytes, detail: str) -> None:
    result = read_one(write(name, data))
    assert isinstance(result, Skipped)
    assert result.reason == f"binary content, not text ({detail})"


@pytest.mark.parametrize("name", ["huge.txt", "huge.html"])
def test_file_over_the_limit_is_refused_by_size_without_reading(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    size = 30 * 1024 * 1024
    with path.open("wb") as handle:  # sparse: no 30 MB are written
        handle.seek(size - 1)
        handle.write(b"\n")
    results = list(read_path(path))
    assert results == [
        Skipped(
            key=str(path.resolve()),
            label=name,
            reason=f"file is larger than the limit ({size} > {DEFAULT_MAX_BYTES} bytes)",
        )
    ]


@pytest.mark.parametrize("limit", [10])
def test_max_bytes_can_be_lowered(write: Callable, read_one: Callable, limit: int) -> None:
    result = read_one(write("a.txt", BODY), max_bytes=limit)
    assert isinstance(result, Skipped)
    assert result.reason.startswith("file is larger than the limit")


@pytest.mark.parametrize("name, suffix", [("photo.jpg", ".jpg"), ("README", "(none)"), ("x.docx", ".docx")])
def test_unsupported_suffix_is_skipped(write: Callable, read_one: Callable, name: str, suffix: str) -> None:
    result = read_one(write(name, "text"))
    assert isinstance(result, Skipped)
    assert result.reason == f"unsupported file type '{suffix}'"


@pytest.mark.parametrize("name", ["gone.txt"])
def test_missing_file_is_skipped_not_raised(tmp_path: Path, name: str) -> None:
    (result,) = list(read_path(tmp_path / name))
    assert isinstance(result, Skipped)
    assert result.reason.startswith("unreadable file:")


@pytest.mark.parametrize("name", ["folder.txt"])
def test_folder_with_a_text_suffix_is_skipped(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()
    (result,) = list(read_path(tmp_path / name))
    assert isinstance(result, Skipped)
    assert result.reason == "unreadable file: not a regular file"
