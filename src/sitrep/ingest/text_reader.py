"""Plain text and Markdown, with optional YAML front matter or ``Key: value`` headers."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

import yaml

from sitrep.errors import E, Skip
from sitrep.ingest import common
from sitrep.ingest.dates import published_fields
from sitrep.ingest.decode import Decoded
from sitrep.models import RawDocument, Skipped, Source

logger = logging.getLogger(__name__)

# Front matter is a few lines of metadata; anything bigger is not what we are looking for.
_MAX_FRONT_MATTER = 64 * 1024
_MAX_HEADER_LINES = 32
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADER = re.compile(
    r"(title|date|published|url|source|outlet|author)[ \t]*:[ \t]*(.*)", re.IGNORECASE
)


@dataclass
class _Header:
    text: str
    fields: dict[str, Any] = field(default_factory=dict)


def read_text(decoded: Decoded, whole: Source) -> Iterator[RawDocument | Skipped]:
    text = decoded.text
    header = _front_matter(text)
    if header is None and whole.fmt == "txt":
        header = _header_lines(text)
    if header is None:
        header = _Header(text=text)
    body, text_flags = common.finish_text(header.text)
    if not body.strip():
        raise Skip(E.E002)
    yield _document(whole, body, header.fields, common.merge_flags(decoded.flags, text_flags))


def _document(
    source: Source, text: str, fields: dict[str, Any], flags: tuple[str, ...]
) -> RawDocument:
    fields = dict(fields)
    title = common.take(fields, common.TITLE_KEYS)
    published, date_meta = published_fields(common.take_raw(fields, common.DATE_KEYS))
    url = common.take(fields, common.URL_KEYS)
    outlet = common.take(fields, common.OUTLET_KEYS)
    author = common.take(fields, common.AUTHOR_KEYS + ("authors",))
    meta = common.jsonable({**fields, **date_meta})
    return RawDocument(
        source=source,
        text=text,
        title=title,
        published=published,
        url=url,
        outlet=outlet,
        author=author,
        meta=meta,
        flags=flags,
    )


def _front_matter(text: str) -> _Header | None:
    if not text.startswith("---"):
        return None
    match = _FRONT_MATTER.match(text[: _MAX_FRONT_MATTER + 16])
    if match is None:
        return None
    fields = _safe_yaml(match.group(1) or "")
    if fields is None:
        return None
    return _Header(text=text[match.end() :].lstrip("\n"), fields=fields)


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader without anchors/aliases: a small "billion laughs" block would otherwise
    expand into a huge structure as soon as meta is serialised."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not allowed in front matter")
        return super().compose_node(parent, index)


def _safe_yaml(block: str) -> dict[str, Any] | None:
    try:
        data = yaml.load(block, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        logger.debug("front matter not read as YAML: %s", exc)
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        return None
    return {str(key).lower(): value for key, value in data.items()}


def _header_lines(text: str) -> _Header | None:
    fields: dict[str, Any] = {}
    # Split only the head: a header block is short and the file may be large.
    lines = text.split("\n", _MAX_HEADER_LINES)
    for index, line in enumerate(lines[:_MAX_HEADER_LINES]):
        if not line.strip():
            # Only a block closed by a blank line counts; a lone "Source: ..." paragraph
            # at the end of a file is article text.
            if index == 0:
                return None
            return _Header(text="\n".join(lines[index + 1 :]).lstrip("\n"), fields=fields)
        match = _HEADER.fullmatch(line.strip())
        if match is None:
            return None
        key, value = match[1].lower(), match[2].strip()
        if value:
            fields.setdefault(key, value)
    return None
