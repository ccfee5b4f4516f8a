"""Article text is data: script in a quote, a title or a URL is shown as text, never run or linked."""

from __future__ import annotations

import re
from datetime import date

from sitrep.query.report import Scope
from sitrep.report import render
from sitrep.report.build import Report

PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def payload_report() -> Report:
    scope = Scope(date(2020, 1, 1), date(2020, 12, 31))
    dev = {"cluster_id": "c1", "cluster_ids": ["c1"], "type": "ASSAULT", "mode": None, "modality": "asserted",
           "date": "2020-01-02", "day0": date(2020, 1, 2), "sentence": f"Russia attacked {PAYLOAD}",
           "support": "1 report, 1 outlet", "flags": ["single source"], "quote": f"He said {PAYLOAD}",
           "sources": [{"article_id": "a1", "doc": f"doc{PAYLOAD}.txt", "title": PAYLOAD, "outlet": PAYLOAD,
                        "url": "javascript:alert(3)"}]}
    corpus = {"articles": 1, "outlets": 1, "no_outlet": 0, "first_published": "2020-01-02", "last_published": "2020-01-02",
              "inferred": 0, "undated": 0, "outlet_names": [PAYLOAD], "events": {"asserted": 1}, "store_articles": 1,
              "store_events": 1, "store_undated_events": 0}
    caveats = {"low_confidence": [], "inferred_dates": [{"doc": PAYLOAD, "title": PAYLOAD, "published": "2020",
                                                         "published_precision": "year", "events": 1}],
               "facts": 1, "threshold": 0.6}
    return Report(scope=scope, previous=scope.previous(), corpus=corpus, developments=[dev], movers=[],
                  previous_events=0, dyads=[], graph={"nodes": [], "edges": []}, places=[], unplaced=1, unreal=[],
                  caveats=caveats)


def test_html_escapes_article_text_and_refuses_script_urls() -> None:
    page = render(payload_report(), "html")
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_markdown_escapes_article_text() -> None:
    md = render(payload_report(), "md")
    assert not re.search(r"(?<!\\)<(script|img)", md)  # every < of the article's text is escaped
    assert "javascript:" not in md  # a non-http URL is not shown as a link
