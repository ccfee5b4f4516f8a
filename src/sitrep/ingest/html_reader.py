"""HTML pages: main text and metadata via trafilatura (given a string, it never fetches)."""

from __future__ import annotations

import logging
from typing import Any, Iterator

import trafilatura
from lxml import etree
from trafilatura.settings import Document

from sitrep.errors import E, Skip
from sitrep.ingest import common
from sitrep.ingest.dates import published_fields
from sitrep.ingest.decode import Decoded
from sitrep.ingest.htmltext import TEI_BLOCKS, TEI_LINES, element_text
from sitrep.models import RawDocument, Skipped, Source

logger = logging.getLogger(__name__)

# Page-level metadata worth keeping; "filedate" is left out on purpose (it is today's date,
# which would make the same input give different records on different days).
_META_FIELDS = ("description", "hostname", "categories", "tags", "language", "image", "license")


def read_html(decoded: Decoded, whole: Source) -> Iterator[RawDocument | Skipped]:
    markup = _as_document(decoded.text)
    flags = list(decoded.flags)
    extracted = _extract(markup, favor_precision=True)
    if extracted is None:
        # A short brief can fall below the precision heuristics; one recall pass is cheap
        # and only runs on pages that would otherwise be lost.
        extracted = _extract(markup, favor_precision=False)
        if extracted is not None:
            flags.append("html_recall_fallback")
    if extracted is None:
        raise Skip(E.E010)
    document, text = extracted
    text, text_flags = common.finish_text(text)
    yield _raw_document(whole, document, text, common.merge_flags(flags, text_flags))


def _as_document(text: str) -> str:
    # trafilatura treats input without an <html> tag near the top as "dubious" and rejects
    # single-block fragments; a saved article body is still an article.
    if "<html" in text[:4096].lower():
        return text
    return f"<html><body>{text}</body></html>"


def _extract(markup: str, *, favor_precision: bool) -> tuple[Document, str] | None:
    try:
        document = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=favor_precision,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, AttributeError, etree.LxmlError) as exc:
        # trafilatura is expected to return None on bad pages; anything it raises on odd
        # markup is still bad input, not a crash of the run.
        logger.warning("trafilatura failed: %s: %s", type(exc).__name__, exc)
        return None
    if not isinstance(document, Document) or document.body is None:
        return None
    text = element_text(document.body, TEI_BLOCKS, TEI_LINES, ("cell",))
    return (document, text) if text.strip() else None


def _raw_document(
    source: Source, document: Document, text: str, flags: tuple[str, ...]
) -> RawDocument:
    published, date_meta = published_fields(document.date)
    meta: dict[str, Any] = {}
    for name in _META_FIELDS:
        value = getattr(document, name, None)
        if value:
            meta[name] = value
    meta.update(date_meta)
    return RawDocument(
        source=source,
        text=text,
        title=common.scalar_text(document.title),
        published=published,
        url=common.scalar_text(document.url),
        outlet=common.scalar_text(document.sitename),
        author=common.scalar_text(document.author),
        meta=common.jsonable(meta),
        flags=flags,
    )
