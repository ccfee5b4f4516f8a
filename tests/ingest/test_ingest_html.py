from __future__ import annotations

from typing import Callable

import pytest

from sitrep.models import RawDocument, Skipped

PARAS = [
    "The council of Wrenford voted on Thursday to rebuild the old stone bridge over the river Ale.",
    "Engineers had warned for years that the arches were failing, and heavy lorries were banned last winter.",
    "Work is due to start in the autumn and should take two years, the council said in a statement.",
]

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Wrenford to rebuild bridge | Valley Courier</title>
<meta property="og:title" content="Wrenford to rebuild bridge">
<meta property="og:site_name" content="Valley Courier">
<meta name="author" content="Mara Quill">
<meta property="article:published_time" content="2024-04-11T08:30:00+01:00">
<link rel="canonical" href="https://courier.example/wrenford-bridge">
<script>document.write("tracking")</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Wrenford to rebuild bridge</h1>
<p>{0}</p>
<p>{1}</p>
<p>{2}</p>
</article>
<footer>Copyright Valley Courier. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
""".format(*PARAS)


@pytest.mark.parametrize("name", ["page.html", "page.htm"])
def test_html_main_text_and_metadata(write: Callable, read_one: Callable, name: str) -> None:
    doc = read_one(write(name, PAGE))
    assert isinstance(doc, RawDocument)
    assert doc.source.doc == name
    assert doc.source.fmt == "html"
    assert doc.title == "Wrenford to rebuild bridge"
    assert doc.published == "2024-04-11"
    assert doc.author == "Mara Quill"
    assert doc.outlet == "Valley Courier"
    assert doc.url == "https://courier.example/wrenford-bridge"
    # Paragraphs stay apart as blank lines; furniture and scripts are gone.
    assert "\n\n".join(PARAS) in doc.text
    assert "tracking" not in doc.text
    assert "Sport" not in doc.text
    assert "filedate" not in doc.meta


@pytest.mark.parametrize(
    "cut_after",
    [PARAS[2][:40], "<p>" + PARAS[2][:10], "</p>\n<p>"],
    ids=["mid-paragraph", "mid-sentence", "between-tags"],
)
def test_truncated_html_still_gives_its_text(write: Callable, read_one: Callable, cut_after: str) -> None:
    truncated = PAGE[: PAGE.rindex(cut_after) + len(cut_after)]
    doc = read_one(write("cut.html", truncated))
    assert isinstance(doc, RawDocument)
    assert f"{PARAS[0]}\n\n{PARAS[1]}" in doc.text
    assert doc.title == "Wrenford to rebuild bridge"


@pytest.mark.parametrize("fragment", ["<p>{0}</p><p>{1}</p>".format(*PARAS)])
def test_html_fragment_without_html_tag_is_read(write: Callable, read_one: Callable, fragment: str) -> None:
    doc = read_one(write("body.html", fragment))
    assert isinstance(doc, RawDocument)
    assert doc.text == f"{PARAS[0]}\n\n{PARAS[1]}"


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><script>var a = 1;</script><style>p { color: red }</style></body></html>",
        "<html><body><!-- nothing here --></body></html>",
    ],
)
def test_html_without_main_text_is_skipped(write: Callable, read_one: Callable, page: str) -> None:
    result = read_one(write("empty.html", page))
    assert isinstance(result, Skipped)
    assert result.reason == "no main text found in HTML"


@pytest.mark.parametrize("encoding", ["cp1252"])
def test_legacy_encoded_html_is_flagged(write: Callable, read_one: Callable, encoding: str) -> None:
    page = PAGE.replace('<meta charset="utf-8">', "").replace("old stone", "old café")
    doc = read_one(write("legacy.html", page.encode(encoding)))
    assert "old café bridge" in doc.text
    assert "encoding_repaired:cp1252" in doc.flags


@pytest.mark.parametrize("declared", ["windows-1251", "koi8-r"])
def test_declared_charset_is_used_when_not_utf8(write: Callable, read_one: Callable, declared: str) -> None:
    para = "Министр иностранных дел заявил в среду, что переговоры о мосте продолжатся на следующей неделе."
    page = f'<html><head><meta charset="{declared}"><title>Мост</title></head><body><article><p>{para}</p></article></body></html>'
    doc = read_one(write("ru.html", page.encode(declared)))
    assert para in doc.text
    assert doc.flags[0].startswith("encoding_repaired:")


@pytest.mark.parametrize("name", ["brief.html"])
def test_recall_pass_rescues_a_page_precision_drops(
    write: Callable, read_one: Callable, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from sitrep.ingest import html_reader

    real = html_reader.trafilatura.bare_extraction

    def precise_finds_nothing(markup: str, **kw: object) -> object:
        return None if kw.get("favor_precision") else real(markup, **kw)

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", precise_finds_nothing)
    doc = read_one(write(name, PAGE))
    assert PARAS[0] in doc.text
    assert doc.flags == ("html_recall_fallback",)
