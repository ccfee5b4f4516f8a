"""Cleaning: from a RawDocument to an Article with the report kept and the furniture gone.

The cascade, in order (each step sees only what earlier steps kept):

1. Normalise characters (NFC, plain spaces, no invisible or bidi controls) and split the text
   into paragraph units (``normalize.split_units``).
2. Credits ("Via <outlet>", "Original source: <domain>", "© <outlet>") are removed and become
   the article's ``outlet`` / ``url`` when the metadata has none.
3. Teasers for other stories and interface text (comment forms, share bars, login lines,
   cookie banners) are removed; cues are data in ``furniture.yaml``.
4. Short non-sentence lines sandwiched in furniture, and the trailing run of such lines after
   the last paragraph of prose, are removed with it (a comment block is many short lines).
5. The title: the metadata title if any; else the first unit when it reads as a headline (short,
   no sentence-final full stop); else the opening sentence of the first paragraph, shortened
   at a clause boundary (flag ``title_derived``).
6. Repetitions: a unit that repeats the title, or an earlier unit, once or several times over.
7. Section headings: short title-case lines without final punctuation inside the body.
8. Language: each paragraph gets a language; non-English ones are kept and flagged so that
   later stages skip them (``language.detect``).

Everything removed is kept in ``Article.removed`` with its kind, and the raw text in
``Article.raw_text``: nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import E, Skip
from ..models import Article, Paragraph, RawDocument, Removed
from . import language
from .furniture import credit_of, is_teaser, is_ui
from .normalize import content_id, fingerprint, is_sentence_end, normalize_chars, split_units, word_count
from .outlets import outlet_from_credit

__all__ = ["clean", "content_id"]

_HEADLINE_MAX_WORDS = 25
_HEADING_MAX_WORDS = 10
_TAIL_SCRAP_WORDS = 10
_TITLE_MAX_WORDS = 20
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "vs", "over"}


def clean(raw: RawDocument) -> Article:
    """Clean one document. Raises ``Skip`` when no article text is left."""
    units = split_units(normalize_chars(raw.text))
    removed: list[Removed] = []
    outlet, url = raw.outlet, raw.url

    kinds = [_classify(u) for u in units]
    credits = [(u, k[1]) for u, k in zip(units, kinds) if k[0] == "credit"]
    for line, credit in credits:
        name, link = outlet_from_credit(credit)
        outlet = outlet or name
        url = url or link
    kinds = _smooth(units, [k[0] for k in kinds])

    body: list[str] = []
    for unit, kind in zip(units, kinds):
        if kind == "body":
            body.append(unit)
        else:
            removed.append(Removed(kind, unit))

    title, body, flags = _title(raw.title, body, removed)
    body = _drop_repeats(title, body, removed)
    body = _drop_headings(body, removed)
    if not body:
        raise Skip(E.E011)

    text, paragraphs, lang = _assemble(body)
    flags = list(raw.flags) + flags
    foreign = sum(1 for p in paragraphs if not p.english)
    if foreign:
        flags.append(f"non_english_paragraphs:{foreign}")
    if lang != "en":
        flags.append(f"non_english_article:{lang}")
    return Article(
        article_id=content_id(text),
        source=raw.source,
        title=title,
        text=text,
        paragraphs=paragraphs,
        language=lang,
        outlet=outlet,
        url=url,
        author=raw.author,
        published=raw.published,
        published_method="metadata" if raw.published else None,
        published_confidence=1.0 if raw.published else None,
        flags=tuple(flags),
        meta=dict(raw.meta),
        removed=tuple(removed),
        raw_text=raw.text,
    )


def _classify(unit: str) -> tuple[str, str | None]:
    credit = credit_of(unit)
    if credit:
        return "credit", credit
    if is_teaser(unit):
        return "teaser", None
    if is_ui(unit):
        return "furniture", None
    return "body", None


def _is_scrap(unit: str) -> bool:
    """A short line that is not prose: a label, an icon caption, a button."""
    return word_count(unit) <= 6 and not is_sentence_end(unit)


def _is_prose(unit: str) -> bool:
    return word_count(unit) >= 12 and is_sentence_end(unit)


def _smooth(units: list[str], kinds: list[str]) -> list[str]:
    """Steps 4: scraps between furniture, and the tail after the last prose paragraph."""
    kinds = list(kinds)
    for i, unit in enumerate(units):
        if kinds[i] != "body" or not _is_scrap(unit):
            continue
        prev = next((kinds[j] for j in range(i - 1, -1, -1) if kinds[j] != "body" or not _is_scrap(units[j])), None)
        nxt = next((kinds[j] for j in range(i + 1, len(units)) if kinds[j] != "body" or not _is_scrap(units[j])), None)
        if prev == "furniture" and nxt in ("furniture", None):
            kinds[i] = "furniture"
    last_prose = max((i for i, u in enumerate(units) if kinds[i] == "body" and _is_prose(u)), default=-1)
    tail = range(last_prose + 1, len(units))
    if any(kinds[i] == "furniture" for i in tail):
        # After the report ends and the furniture begins, short lines are furniture too.
        for i in tail:
            if kinds[i] == "body" and word_count(units[i]) <= _TAIL_SCRAP_WORDS:
                kinds[i] = "furniture"
    return kinds


def _title(given: str | None, body: list[str], removed: list[Removed]) -> tuple[str, list[str], list[str]]:
    given = " ".join(normalize_chars(given).split()) if given else ""
    if given:
        return given, body, []
    if not body:
        return "", body, []
    first = body[0]
    if word_count(first) <= _HEADLINE_MAX_WORDS and not first.endswith("."):
        removed.append(Removed("title", first))
        return first, body[1:], []
    return _derive_title(first), body, ["title_derived"]


_ABBREV = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bSgt)(?<!\bGov)(?<!\bSen)(?<!\bRep)(?<!\bNo)"
_SENTENCE_END = re.compile(_ABBREV + r"(?<![A-Z]\.[A-Z])[.!?](?=[\s”\"’']*\s+[\"“‘']?[A-Z0-9])")


def first_sentence(paragraph: str) -> str:
    m = _SENTENCE_END.search(paragraph)
    return paragraph[: m.start() + 1] if m else paragraph


def _derive_title(paragraph: str) -> str:
    """The lead sentence, cut at the first clause boundary after 8 words when it runs long."""
    sentence = first_sentence(paragraph).rstrip(" .")
    words = sentence.split()
    if len(words) > _TITLE_MAX_WORDS:
        for m in re.finditer(r"[,;:—–]\s|\s[-—–]\s", sentence):
            if len(sentence[: m.start()].split()) >= 8:
                return sentence[: m.start()].rstrip()
        return " ".join(words[:_TITLE_MAX_WORDS]) + "…"
    return sentence


def _drop_repeats(title: str, body: list[str], removed: list[Removed]) -> list[str]:
    """Step 6: units that say again what the title or an earlier unit said."""
    kept: list[str] = []
    seen: set[str] = set()
    title_fp = fingerprint(title)
    for unit in body:
        fp = fingerprint(unit)
        if fp in seen or _repeats(fp, title_fp):
            removed.append(Removed("repeat", unit))
            continue
        seen.add(fp)
        kept.append(unit)
    return kept


def _repeats(fp: str, of: str) -> bool:
    """True when ``fp`` is ``of`` written one or more times over."""
    if not of or len(fp) < len(of):
        return False
    squashed, unit = fp.replace(" ", ""), of.replace(" ", "")
    n, rest = divmod(len(squashed), len(unit))
    return rest == 0 and squashed == unit * n


def _is_heading(unit: str) -> bool:
    words = unit.split()
    if not 1 <= len(words) <= _HEADING_MAX_WORDS or len(unit) > 80 or unit[-1] in ".!?…:;,\"”’":
        return False
    content = [w for w in words if w.casefold() not in _SMALL_WORDS]
    if not content or not words[0][:1].isupper():
        return False
    capped = sum(1 for w in content if w[:1].isupper() or not w[:1].isalpha())
    return capped / len(content) >= 0.75


def _drop_headings(body: list[str], removed: list[Removed]) -> list[str]:
    """Step 7: headings between paragraphs. A lone unit is never a heading: it is the report."""
    if len(body) < 2:
        return body
    kept = []
    for unit in body:
        if _is_heading(unit):
            removed.append(Removed("heading", unit))
        else:
            kept.append(unit)
    return kept or body


def _assemble(units: Iterable[str]) -> tuple[str, tuple[Paragraph, ...], str]:
    paragraphs: list[Paragraph] = []
    parts: list[str] = []
    pos = 0
    weights: dict[str, int] = {}
    for unit in units:
        lang, english = language.detect(unit)
        paragraphs.append(Paragraph(pos, pos + len(unit), lang, english))
        weights[lang] = weights.get(lang, 0) + len(unit)
        parts.append(unit)
        pos += len(unit) + 2
    main = max(weights, key=lambda k: weights[k])
    if main != "en":
        # A foreign article: its paragraphs are in its own language; none is "English".
        paragraphs = [Paragraph(p.start, p.end, p.language, p.language == "en") for p in paragraphs]
    return "\n\n".join(parts), tuple(paragraphs), main
