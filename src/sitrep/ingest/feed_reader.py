"""RSS 2.0 / RSS 1.0 (RDF) / Atom feeds, parsed with defusedxml.

No entity declarations and no external references are accepted, so a feed cannot make us
read a local file or expand an entity bomb; such a feed is refused as a whole (E015).
"""

from __future__ import annotations

import copy
import logging
from typing import Any, Iterator
from xml.etree.ElementTree import Element, ParseError, tostring

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from sitrep.errors import E, Skip
from sitrep.ingest import common
from sitrep.ingest.dates import published_fields
from sitrep.ingest.decode import Decoded
from sitrep.ingest.htmltext import html_to_text
from sitrep.models import RawDocument, Skipped, Source

logger = logging.getLogger(__name__)

_ROOT_FORMATS = {"rss": "rss", "feed": "atom", "rdf": "rdf"}
# Full body first, summary last: content:encoded / Atom content over description / summary.
_TEXT_TAGS = ("encoded", "content", "description", "summary")
_DATE_TAGS = ("pubdate", "published", "date", "issued", "updated", "modified")
_ID_TAGS = ("guid", "id")
# Media RSS reuses "content"/"description" for photo captions, which are not the article.
_MEDIA_NS = ("{http://search.yahoo.com/mrss/", "{http://search.yahoo.com/mrss}")


def read_feed(decoded: Decoded, whole: Source) -> Iterator[RawDocument | Skipped]:
    if not decoded.text.strip():
        raise Skip(E.E002)
    root = _parse(decoded.text)
    fmt = _ROOT_FORMATS.get(_local(root.tag))
    if fmt is None:
        raise Skip(E.E016, root=_local(root.tag) or "?")
    channel = _channel(root, fmt)
    outlet = common.scalar_text(_child_text(channel, ("title",))) if channel is not None else None
    items = [el for el in root.iter() if _local(el.tag) == ("entry" if fmt == "atom" else "item")]
    if not items:
        raise Skip(E.E009)
    feed_source = Source(path=whole.path, doc=whole.doc, fmt=fmt)
    for number, item in enumerate(items, start=1):
        yield _item(item, number, feed_source, outlet, decoded.flags)


def _parse(text: str) -> Element:
    try:
        return safe_et.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise Skip(E.E015, detail=_defused_detail(exc)) from None
    except ParseError as exc:
        raise Skip(E.E008, detail=str(exc)) from None
    except (ValueError, RecursionError) as exc:
        raise Skip(E.E008, detail=type(exc).__name__) from None


def _defused_detail(exc: DefusedXmlException) -> str:
    name = type(exc).__name__
    if name == "EntitiesForbidden":
        return "entity declarations are not allowed"
    if name == "ExternalReferenceForbidden":
        return "external references are not allowed"
    if name == "DTDForbidden":
        return "DTDs are not allowed"
    return name


def _channel(root: Element, fmt: str) -> Element | None:
    if fmt == "atom":
        return root
    for child in root:
        if _local(child.tag) == "channel":
            return child
    return None


def _item(
    item: Element, number: int, feed: Source, outlet: str | None, flags: tuple[str, ...]
) -> RawDocument | Skipped:
    url = _link(item)
    guid = common.scalar_text(_child_text(item, _ID_TAGS))
    doc = guid or url or f"{feed.doc}#{number}"
    source = common.record_source(feed, doc, f"item {number}")
    body, body_tag = _body(item)
    if not body:
        return common.skipped(source, Skip(E.E017))
    text, text_flags = common.finish_text(body)
    published, date_meta = published_fields(_child_text(item, _DATE_TAGS))
    meta: dict[str, Any] = {**date_meta}
    if guid:
        meta["id"] = guid
    categories = _categories(item)
    if categories:
        meta["categories"] = categories
    summary = _summary(item, body_tag)
    if summary and summary != text:
        meta["summary"] = summary
    return RawDocument(
        source=source,
        text=text,
        title=common.scalar_text(_markup_text(_child(item, ("title",)))),
        published=published,
        url=url,
        outlet=outlet,
        author=_author(item),
        meta=meta,
        flags=common.merge_flags(flags, text_flags),
    )


def _body(item: Element) -> tuple[str, str | None]:
    for tag in _TEXT_TAGS:
        for child in _children(item, (tag,)):
            if _is_media(child):
                continue
            text = _markup_text(child)
            if text:
                return text, tag
    return "", None


def _summary(item: Element, body_tag: str | None) -> str | None:
    if body_tag not in ("encoded", "content"):
        return None
    for child in _children(item, ("description", "summary")):
        if _is_media(child):
            continue
        text = _markup_text(child)
        if text:
            return text
    return None


def _markup_text(element: Element | None) -> str:
    """Plain text of an element that may carry HTML (escaped, CDATA or inline XHTML)."""
    if element is None:
        return ""
    if len(element):
        # Atom type="xhtml": the markup is real child elements, not escaped text.
        try:
            inner = (element.text or "") + "".join(
                tostring(_without_namespaces(child), encoding="unicode") for child in element
            )
        except RecursionError:
            logger.warning("XHTML content nested too deeply; ignored")
            return ""
        return html_to_text(inner)
    return html_to_text(element.text or "")


def _without_namespaces(element: Element) -> Element:
    # Serialised XHTML would otherwise carry "html:p" prefixes that an HTML parser
    # does not recognise as paragraphs.
    element = copy.deepcopy(element)
    for node in element.iter():
        node.tag = _local(node.tag) or "span"
        node.attrib.clear()
    return element


def _is_media(element: Element) -> bool:
    return isinstance(element.tag, str) and element.tag.startswith(_MEDIA_NS)


def _link(item: Element) -> str | None:
    fallback = None
    for child in _children(item, ("link",)):
        href = child.get("href")
        if href is None:
            text = common.scalar_text(child.text)
            if text:
                return text
            continue
        rel = child.get("rel", "alternate")
        if rel == "alternate":
            return common.scalar_text(href)
        fallback = fallback or common.scalar_text(href)
    return fallback


def _author(item: Element) -> str | None:
    names: list[str] = []
    for child in _children(item, ("author", "creator")):
        name_el = _child(child, ("name",))
        name = common.scalar_text((name_el if name_el is not None else child).text)
        if name and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _categories(item: Element) -> list[str]:
    found: list[str] = []
    for child in _children(item, ("category", "subject")):
        value = common.scalar_text(child.get("term") or child.text)
        if value and value not in found:
            found.append(value)
    return found


def _children(element: Element, names: tuple[str, ...]) -> Iterator[Element]:
    for child in element:
        if _local(child.tag) in names:
            yield child


def _child(element: Element, names: tuple[str, ...]) -> Element | None:
    """First direct child by local name, honouring the order of ``names``."""
    for name in names:
        for child in _children(element, (name,)):
            return child
    return None


def _child_text(element: Element, names: tuple[str, ...]) -> str | None:
    for name in names:
        for child in _children(element, (name,)):
            text = common.scalar_text(child.text)
            if text:
                return text
    return None


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()
