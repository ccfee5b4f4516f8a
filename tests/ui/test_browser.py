"""The pages in a real browser: every page renders, links lead through, nothing leaves 127.0.0.1,
and an article's script payloads are shown as text and never run."""

from __future__ import annotations

import re
from typing import Any

import pytest

from api.fixture import XSS_IMG, XSS_TITLE

from .conftest import ARTIFACTS

pytestmark = pytest.mark.slow


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def visit(page: Any, path: str) -> None:
    response = page.goto(page.base + path)
    assert response is not None and response.status == 200, (path, response and response.status)


def test_every_page_renders(page: Any) -> None:
    checks = {
        "/": ["Situation overview", "Events per quad class over time", "Top actors", "Latest events"],
        "/articles": ["Articles", "Egypt warns Turkey over Sirte"],
        "/actors": ["Actors", "Khalifa Haftar"],
        "/events?modality=all": ["Events", "hypothetical"],
        "/graph": ["Actor network", "actors"],
        "/map": ["Where events happen", "Moscow"],
        "/map?view=theatre": ["Where events happen"],
        "/search?q=ceasefire": ["Search", "Russia and Turkey host Libyan rivals"],
    }
    for path, texts in checks.items():
        visit(page, path)
        body = page.inner_text("body")
        for text in texts:
            assert text in body, (path, text)
        shot(page, "page" + re.sub(r"\W+", "-", path).rstrip("-"))
    visit(page, "/map")
    assert page.locator("svg.map path.land").count() > 10  # country outlines drawn from the packaged data
    assert page.locator("svg.map circle.point").count() >= 3
    visit(page, "/graph")
    assert page.locator("svg.graph .node").count() >= 3 and page.locator("svg.graph .edge").count() >= 2
    visit(page, "/")
    assert page.locator("svg.chart rect").count() >= 2


def test_click_through_actor_event_article(page: Any) -> None:
    visit(page, "/")
    page.click("table.list >> text=Khalifa Haftar")
    page.wait_for_url(re.compile(r"/actors/person(:|%3A)khalifa-haftar$"))
    assert page.locator("h1").inner_text().startswith("Khalifa Haftar")
    body = page.inner_text("body")
    for heading in ("Events over time", "Roles over time", "Relations", "Event timeline", "Articles"):
        assert heading in body
    shot(page, "flow-1-actor")
    event = page.locator("article.event", has=page.locator(".hl-cue")).first
    assert event.locator(".hl-source, .hl-target").count() >= 1  # source/target marked in the quote
    cue = event.locator(".hl-cue").first.inner_text()
    event.locator("a.article-link").click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{16}#ev-[0-9a-f]+$"))
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert cue in page.locator(".article-text").inner_text()
    assert page.locator(".article-text .hl-mention a").count() >= 2
    shot(page, "flow-2-article")
    mention = page.locator(".article-text .hl-mention a").first
    name = mention.locator("xpath=..").get_attribute("title") or ""
    mention.click()
    page.wait_for_url(re.compile(r"/actors/"))
    assert name and name in page.locator("h1").inner_text()
    visit(page, "/actors/person:khalifa-haftar")
    page.locator("table.partners a").first.click()
    page.wait_for_url(re.compile(r"/dyads/"))
    assert "↔" in page.locator("h1").inner_text() and page.locator("svg.chart").count() == 1
    assert page.locator("article.event").count() >= 1
    shot(page, "flow-3-dyad")


def test_payload_article_is_inert(page: Any) -> None:
    visit(page, "/search?q=Payload")
    page.click(f"text={XSS_TITLE}")
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("h1").inner_text() == XSS_TITLE
    text = page.locator(".article-text").inner_text()
    assert XSS_IMG in text and "<script>alert(1)</script>" in text
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert "Probe <b>Outlet</b>" in page.inner_text("dl.meta-grid")
    assert page.title().startswith("Payload check <script>")
    shot(page, "xss-article")
    # The page fixture asserts at teardown that no dialog opened and no console error occurred.


def test_filters_and_scripts(page: Any) -> None:
    visit(page, "/events")
    page.select_option("select[name=modality]", "all")  # app.js submits the form on change
    page.wait_for_url(re.compile(r"modality=all"))
    assert "hypothetical" in page.inner_text("main")
    page.click("form.filters summary")  # the type checkboxes sit in a collapsed <details>
    page.check("input[name=type][value=CONSULT]")
    page.wait_for_url(re.compile(r"type=CONSULT"))
    badges = page.locator("article.event .badge:not(.modality)").all_inner_texts()
    assert badges and all(b.startswith("CONSULT") for b in badges)
    visit(page, "/graph")
    page.locator("svg.graph .node circle").first.hover()
    assert "focus" in (page.locator("svg.graph").get_attribute("class") or "")
    visit(page, "/map?since=2020&until=2020")
    page.locator("svg.map a.place").first.click()
    page.wait_for_url(re.compile(r"/events\?place="))
    assert "since=2020" in page.url and page.locator("article.event").count() >= 1


def test_error_page_is_html(page: Any) -> None:
    response = page.goto(page.base + "/articles/0000000000000000")
    assert response is not None and response.status == 404
    assert "not found" in page.inner_text("main")
    # Chromium logs the 404 itself as a console error; that one is expected here.
    assert all("404" in e for e in page.watch.errors)
    page.watch.errors.clear()
