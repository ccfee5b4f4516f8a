"""Reduce markup to plain text with paragraphs ("\\n\\n" between blocks).

Used for trafilatura's output tree and for the HTML snippets inside feed items. lxml only
parses here: nothing is fetched, no script runs, and script/style content is dropped.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from typing import Iterable

from lxml import etree
from lxml import html as lxml_html

logger = logging.getLogger(__name__)

HTML_BLOCKS = frozenset(
    "address article aside blockquote caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section "
    "summary table tbody thead tfoot tr ul".split()
)
HTML_LINES = frozenset({"br", "li"})
HTML_CELLS = frozenset({"td", "th"})
HTML_DROP = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg")

# trafilatura's own vocabulary (TEI-like) for its extracted tree.
TEI_BLOCKS = frozenset({"p", "head", "list", "quote", "code", "table", "row", "div"})
TEI_LINES = frozenset({"lb", "item"})

_SPACES = re.compile(r"[^\S\n]+")
_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
_TAG_LIKE = re.compile(r"<[A-Za-z!/?]")


def element_text(
    root: etree._Element,
    blocks: Iterable[str] = HTML_BLOCKS,
    lines: Iterable[str] = HTML_LINES,
    cells: Iterable[str] = HTML_CELLS,
) -> str:
    """Text of ``root`` with blocks as paragraphs and line elements as line breaks.

    Comments and processing instructions are stripped from ``root`` first (their tails are
    kept). Iterative (``iterwalk``), so deeply nested markup cannot exhaust the stack.
    """
    blocks, lines, cells = frozenset(blocks), frozenset(lines), frozenset(cells)
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    pieces: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = _local(element.tag)
        if event == "start":
            if tag in blocks:
                pieces.append("\n\n")
            if element.text:
                pieces.append(_inline(element.text))
        else:
            # A line element breaks after itself only, so list items stay one per line.
            pieces.append(_break(tag, blocks, lines, cells))
            if element.tail and element is not root:
                pieces.append(_inline(element.tail))
    return tidy("".join(pieces))


def html_to_text(markup: str) -> str:
    """Plain text of an HTML snippet; text without markup keeps its own line breaks."""
    if not _TAG_LIKE.search(markup):
        return tidy_plain(html_lib.unescape(markup) if "&" in markup else markup)
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.LxmlError, ValueError) as exc:
        logger.debug("HTML snippet not parsed (%s); stripping tags", exc)
        return tidy_plain(html_lib.unescape(re.sub(r"<[^>]*>", " ", markup)))
    etree.strip_elements(root, *HTML_DROP, with_tail=False)
    return element_text(root)


def tidy(text: str) -> str:
    """Trim spaces around line breaks and keep at most one blank line between blocks."""
    text = _AROUND_NEWLINE.sub("\n", text.replace("\xa0", " "))
    return _BLANK_LINES.sub("\n\n", text).strip()


def tidy_plain(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return tidy(_SPACES.sub(" ", text))


def _break(tag: str, blocks: frozenset[str], lines: frozenset[str], cells: frozenset[str]) -> str:
    if tag in blocks:
        return "\n\n"
    if tag in lines:
        return "\n"
    if tag in cells:
        return " "
    return ""


def _inline(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\n", " "))


def _local(tag: object) -> str:
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1].lower()
