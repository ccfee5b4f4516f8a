from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

from sitrep.models import RawDocument, Skipped

RECORD = {
    "id": "vc-0042",
    "title": "Mill reopens",
    "text": "The old mill at Farrow reopened on Saturday as a museum.\r\n\r\nVolunteers restored the wheel.",
    "published": "2024-05-18T10:00:00Z",
    "url": "https://courier.example/mill",
    "source": "Valley Courier",
    "author": "Ivo Brandt",
    "section": "Local",
    "tags": ["heritage"],
}


@pytest.mark.parametrize("name", ["one.json"])
def test_single_object(write: Callable, read_one: Callable, name: str) -> None:
    path = write(name, json.dumps(RECORD))
    doc = read_one(path)
    assert isinstance(doc, RawDocument)
    assert doc.source.doc == name  # a single object is named after its file
    assert doc.source.fragment == ""
    assert doc.source.fmt == "json"
    assert doc.text == "The old mill at Farrow reopened on Saturday as a museum.\n\nVolunteers restored the wheel."
    assert (doc.title, doc.published, doc.url, doc.outlet, doc.author) == (
        "Mill reopens", "2024-05-18", "https://courier.example/mill", "Valley Courier", "Ivo Brandt"
    )
    assert dict(doc.meta) == {"id": "vc-0042", "section": "Local", "tags": ["heritage"]}


@pytest.mark.parametrize(
    "records, docs",
    [
        (
            [
                {"id": 7, "body": "First body."},
                {"url": "https://courier.example/b", "content": "Second body.", "date": "2024-05"},
                {"content": "Third body.", "site": "Courier"},
            ],
            ["7", "https://courier.example/b", "list.json#3"],
        )
    ],
)
def test_list_of_objects(write: Callable, read: Callable, records: list[Any], docs: list[str]) -> None:
    path = write("list.json", json.dumps(records))
    results = read(path)
    assert [r.source.doc for r in results] == docs
    assert [r.source.fragment for r in results] == ["item 1", "item 2", "item 3"]
    assert [r.text for r in results] == ["First body.", "Second body.", "Third body."]
    assert results[1].published == "2024-05"
    assert results[2].outlet == "Courier"
    assert results[0].source.key == f"{path.resolve()}#item 1"


@pytest.mark.parametrize(
    "records, expected",
    [
        (
            [{"text": "Good."}, "a string", [1], {"title": "no text"}, {"text": "   "}, {"text": 5}],
            [
                None,
                "JSON value is not an object (string)",
                "JSON value is not an object (array)",
                "JSON record has no text",
                "JSON record has no text",
                "JSON record has no text",
            ],
        )
    ],
)
def test_bad_list_elements_are_skipped_one_by_one(
    write: Callable, read: Callable, records: list[Any], expected: list[str | None]
) -> None:
    results = read(write("mixed.json", json.dumps(records)))
    assert [getattr(r, "reason", None) for r in results] == expected
    assert results[1].label == "mixed.json (item 2)"


@pytest.mark.parametrize(
    "content, reason",
    [
        ('{"text": "unclosed"', "malformed JSON: Expecting ',' delimiter (line 1, column 20)"),
        ("[{}, ]", "malformed JSON: Expecting value (line 1, column 6)"),
        ("[" * 100_000 + "]" * 100_000, "malformed JSON: RecursionError"),
        ("42", "JSON value is not an object (number)"),
        ("[]", "JSON file holds no records"),
        ('{"title": "x"}', "JSON record has no text"),
    ],
)
def test_unusable_json_file_gives_one_skip(write: Callable, read_one: Callable, content: str, reason: str) -> None:
    path = write("bad.json", content)
    result = read_one(path)
    assert isinstance(result, Skipped)
    assert result.reason == reason
    assert result.key == str(path.resolve())


@pytest.mark.parametrize(
    "lines",
    [
        [
            json.dumps({"id": "a1", "text": "Good line.", "date": "Sat, 18 May 2024 07:00:00 GMT"}),
            "",
            '{"id": "a2", "text": broken}',
        ]
    ],
)
def test_jsonl_keeps_good_lines_and_names_the_bad_one(write: Callable, read: Callable, lines: list[str]) -> None:
    path = write("feed.jsonl", "\n".join(lines) + "\n")
    good, bad = read(path)
    assert isinstance(good, RawDocument)
    assert (good.source.doc, good.source.fragment, good.text, good.published) == (
        "a1", "line 1", "Good line.", "2024-05-18"
    )
    assert isinstance(bad, Skipped)
    assert bad.label == "feed.jsonl (line 3)"  # physical line number, blank line counted
    assert bad.key == f"{path.resolve()}#line 3"
    assert bad.reason.startswith("malformed JSON line: Expecting value at column ")


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_jsonl_line_endings_and_bom(write: Callable, read: Callable, newline: str) -> None:
    content = "\ufeff" + newline.join(json.dumps({"text": f"Body {n}."}) for n in (1, 2))
    results = read(write("x.jsonl", content))
    assert [(r.source.doc, r.text) for r in results] == [("x.jsonl#1", "Body 1."), ("x.jsonl#2", "Body 2.")]


@pytest.mark.parametrize("limit", [200])
def test_jsonl_line_over_the_limit_is_refused(tmp_path: Path, read: Callable, limit: int) -> None:
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"text": "x" * (limit * 5)})
    path.write_text(f'{{"text": "short"}}\n{long_line}\n{{"text": "after"}}\n', encoding="utf-8")
    first, refused, after = read(path, max_bytes=limit)
    assert (first.text, after.text) == ("short", "after")
    assert after.source.fragment == "line 3"
    assert isinstance(refused, Skipped)
    assert refused.label == "long.jsonl (line 2)"
    assert refused.reason == f"line is longer than the limit ({len(long_line) + 1} > {limit} bytes)"


@pytest.mark.parametrize("limit", [100])
def test_jsonl_file_may_be_larger_than_the_limit(tmp_path: Path, read: Callable, limit: int) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": f"Record {n}."}) + "\n" for n in range(50)), encoding="utf-8")
    results = read(path, max_bytes=limit)
    assert len(results) == 50 and all(isinstance(r, RawDocument) for r in results)


@pytest.mark.parametrize(
    "content, reason",
    [("\n\n   \n", "file is empty"), ("", "file is empty")],
)
def test_jsonl_without_records(write: Callable, read_one: Callable, content: str, reason: str) -> None:
    assert read_one(write("blank.jsonl", content)).reason == reason


@pytest.mark.parametrize(
    "line, reason",
    [
        ("[1, 2]", "JSON value is not an object (array)"),
        ('{"title": "t"}', "JSON record has no text"),
    ],
)
def test_jsonl_bad_values(write: Callable, read: Callable, line: str, reason: str) -> None:
    (result,) = read(write("v.jsonl", line + "\n"))
    assert isinstance(result, Skipped)
    assert (result.reason, result.label) == (reason, "v.jsonl (line 1)")


@pytest.mark.parametrize("encoding", ["cp1252"])
def test_jsonl_legacy_line_is_repaired(write: Callable, read: Callable, encoding: str) -> None:
    texts = ["Die Fähre nach Süderoog fährt wieder.", "Ein „Neubeginn“ für die Insel.", "Plain."]
    lines = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
    docs = read(write("legacy.jsonl", lines.encode(encoding)))
    assert [d.text for d in docs] == texts
    assert [d.flags for d in docs] == [("encoding_repaired:cp1252",)] * 2 + [()]


@pytest.mark.parametrize("path_like", ["/etc/passwd", "../../secret.txt"])
def test_strings_are_data_not_paths(write: Callable, read_one: Callable, path_like: str) -> None:
    doc = read_one(write("p.json", json.dumps({"text": path_like, "url": path_like})))
    assert doc.text == path_like
    assert doc.url == path_like
