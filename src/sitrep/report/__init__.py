"""``sitrep report``: the situation report an analyst sends on, built from the store.

:func:`render_report` is the one entry point for the CLI and the web server: it computes the
sections (:mod:`.build`) and writes them as a self-contained HTML page, Markdown or PDF.
See docs/report.md for what each section holds and how it is ranked.
"""

from __future__ import annotations

import logging

from ..store import Store
from .build import Report, build

log = logging.getLogger(__name__)

FORMATS = ("html", "md", "pdf")
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}

__all__ = ["FORMATS", "MEDIA_TYPES", "Report", "build", "render", "render_report"]


def render(report: Report, fmt: str = "html", css_href: str | None = None) -> str | bytes:
    """A built report in ``fmt``: ``html`` and ``md`` as text, ``pdf`` as bytes."""
    if fmt == "html":
        from .html import render as html

        return html(report, css_href=css_href)
    if fmt == "md":
        from .markdown import render as md

        return md(report)
    if fmt == "pdf":
        from .pdf import render as pdf

        return pdf(report)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_report(store: Store, about: tuple[str, ...] | list[str] = (), since: str | None = None,
                  until: str | None = None, fmt: str = "html", css_href: str | None = None) -> str | bytes:
    """The situation report over ``store`` for the window and terms given, in ``fmt``.

    ``about``: actor names/ids, principal codes or place names (events about any of them);
    ``since``/``until``: ``YYYY[-MM[-DD]]``, inclusive (default: the first and last dated event).
    Unknown terms and bad dates raise :class:`sitrep.query.report.ReportError` (a SitrepError).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    report = build(store, about=about, since=since, until=until)
    log.info("report: %d developments, %d movers, %d dyads, %d places", len(report.developments),
             len(report.movers), len(report.dyads), len(report.places))
    return render(report, fmt, css_href=css_href)
