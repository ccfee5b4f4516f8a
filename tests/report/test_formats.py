"""The report as HTML (self-contained, nothing fetched), Markdown and PDF, and through the CLI."""

from __future__ import annotations

import base64
import html as htmllib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store import Store

from .conftest import ARTIFACTS, SINCE, UNTIL

pytestmark = pytest.mark.slow

URL_ATTRS = {"src", "href", "srcset", "poster", "action", "formaction", "data", "background", "xlink:href"}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(page: str) -> list[tuple[str, dict[str, str]]]:
    p = Tags()
    p.feed(page)
    return p.tags


def section(page: str, name: str) -> str:
    return page.split(f'<section id="{name}">')[1].split("</section>")[0]


def test_html_fetches_nothing_but_links_its_sources_with_noreferrer(store: Store, html: str) -> None:
    urls = {u for (u,) in store.con.execute("SELECT url FROM articles WHERE url IS NOT NULL").fetchall()}
    links = 0
    for tag, attrs in tags(html):
        assert tag not in ("script", "iframe", "object", "embed", "base"), tag
        for key in URL_ATTRS & attrs.keys():
            value = attrs[key].strip().lower()
            if tag == "img":
                assert value.startswith("data:image/"), attrs[key][:60]
            elif tag == "link":
                pytest.fail("the self-contained page links nothing")
            elif value.startswith(("http:", "https:", "//")):
                assert tag == "a" and key == "href" and attrs[key] in urls, attrs[key]
                assert "noreferrer" in attrs.get("rel", "").split()
                links += 1
            else:
                assert not re.match(r"^[a-z][a-z0-9+.-]*:", value), attrs[key]  # no javascript:, file:, ...
    assert links > 0
    style = html.split("<style>")[1].split("</style>")[0]
    assert "url(" not in style and "@import" not in style
    for uri in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html):
        svg = base64.b64decode(uri).decode("utf-8")
        assert not re.search(r'(href|src)="(https?:)?//', svg)  # the pictures load nothing either


def test_html_sections_show_the_report(report: Any, html: str) -> None:
    for heading in ("Scope and corpus", "Key developments", "Who moved", "Relations", "Where", "What did not happen",
                    "Caveats"):
        assert f"<h2>{heading}</h2>" in html
    scope = htmllib.unescape(section(html, "scope"))
    assert f"draws on {report.corpus['articles']} articles from {report.corpus['outlets']} named outlets" in scope
    assert f"{report.corpus['inferred']} articles were dated by inference" in scope
    devs = htmllib.unescape(section(html, "developments"))
    for d in report.developments:
        assert d["sentence"] in devs and d["quote"] in devs and f"({d['support']})" in devs
        for s in d["sources"]:
            assert s["doc"] in devs
    unreal = section(html, "unreal")
    for u in report.unreal:
        assert f'data-cluster="{u["cluster_id"]}"' in unreal and f'data-cluster="{u["cluster_id"]}"' not in devs
    assert section(html, "relations").count("<img") == 2 and section(html, "where").count("<img") == 1
    for m in report.movers:
        assert htmllib.escape(m["name"]) in section(html, "movers")


def test_markdown_has_every_section_and_keeps_hypotheses_apart(report: Any, markdown: str) -> None:
    heads = re.findall(r"^## (.+)$", markdown, re.M)
    assert heads == ["Scope and corpus", "Key developments", "Who moved", "Relations", "Where",
                     "What did not happen", "Caveats"]
    key = markdown.split("## Key developments")[1].split("## Who moved")[0]
    unreal = markdown.split("## What did not happen")[1].split("## Caveats")[0]
    plain = key.replace("\\", "")
    for d in report.developments:
        assert d["sentence"] in plain
    for u in report.unreal:
        assert u["sentence"] not in plain and u["sentence"] in unreal.replace("\\", "")
    assert "<script" not in markdown.lower()
    (ARTIFACTS / "report.md").parent.mkdir(exist_ok=True)
    (ARTIFACTS / "report.md").write_text(markdown, encoding="utf-8")


def test_pdf_is_a_pdf(report: Any) -> None:
    from sitrep.report import render

    pdf = render(report, "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page ") >= 3
    assert b"/Subtype /Image" in pdf  # the charts are in it
    (ARTIFACTS / "report.pdf").write_bytes(pdf)


def test_cli_writes_each_format(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in ("md", "html"):
        out = tmp_path / f"r.{fmt}"
        result = runner.invoke(app, ["report", "--db", str(db), "--about", "Russia", "--about", "Tripoli",
                                     "--since", SINCE, "--until", UNTIL, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text("utf-8")
        assert "Russia" in text and "Tripoli" in text
    result = runner.invoke(app, ["report", "--db", str(db), "-f", "md"])
    assert result.exit_code == 0 and result.stdout.startswith("# Situation report")
    result = runner.invoke(app, ["report", "--db", str(db), "--about", "Atlantis"])
    assert result.exit_code == 1 and "Atlantis" in result.output
    result = runner.invoke(app, ["report", "--db", str(db), "--format", "docx"])
    assert result.exit_code == 2


def test_an_empty_window_still_makes_every_format(store: Store) -> None:
    from sitrep.report import build, render

    r = build(store, since="1990", until="1991")
    assert r.corpus["articles"] == 0 and not r.developments
    assert "No asserted event in this window." in render(r, "html")
    assert "No asserted event in this window." in render(r, "md")
    assert render(r, "pdf").startswith(b"%PDF")
