"""The HTML report in Debian's Chromium: it renders, its pictures load from the page itself, and
opening it makes no request at all; a screenshot goes to test-artifacts/ (and docs/img/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.slow





def test_html_report_opens_offline_with_its_pictures(browser: Any, html: str, tmp_path: Path) -> None:
    page_file = tmp_path / "report.html"
    page_file.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    requests: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        requests.append(r.request.url)
        if r.request.url == page_file.as_uri():
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    assert [u for u in requests if u != page_file.as_uri()] == []  # data: images are not requests
    assert errors == []
    assert page.locator("h2").all_inner_texts() == ["Scope and corpus", "Key developments", "Who moved", "Relations",
                                                    "Where", "What did not happen", "Caveats"]
    widths = page.eval_on_selector_all("figure img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
    assert len(widths) == 3 and all(w > 100 for w in widths)
    assert page.locator("ol.dev > li").count() >= 3
    # Styles applied: the flags are boxed, not plain text (the stylesheet parsed).
    assert page.eval_on_selector(".flag", "e => getComputedStyle(e).borderTopStyle") == "solid"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / "report-top.png"))
    context.close()
