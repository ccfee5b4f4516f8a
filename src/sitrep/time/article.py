"""When was an article published? ``date_article`` runs a cascade; a known date always wins
over an inference.

1. **metadata** -- the date the reader found in the file's metadata, already normalised to
   ``YYYY-MM-DD``/``YYYY-MM``/``YYYY``. Method ``metadata``. When it is coarser than a date
   written at the top of the text and agrees with it, the text's finer date is used.
2. **text** -- a labelled date ("Published: 12 May 2016"), an agency dateline ("TRIPOLI,
   March 3 (Reuters) -", "BENGHAZI, Libya, 12 May 2016 —") or a line opening with a full date
   ("Tuesday 4 April 2019 |"), near the top (``sitrep.time.dateline``). Method ``text``. A
   dateline without a year takes the year from step 3: the occurrence of that day inside the
   inferred range (the likeliest); if step 3 finds nothing, the dateline is not used.
3. **inferred** -- intersect the constraints the content gives (``sitrep.time.clues``): tenure
   windows of the office holders the actors stage found (current ones hold the article inside
   the tenure), years mentioned as past or as ahead, and datable events and entities from
   ``data/datable_events.yaml`` read with relative phrases ("six years ago", "last year's",
   "on Sunday", "the first since Donald Trump got to the White House"); then pick the most
   likely date inside the range (``sitrep.time.infer``: a prior decaying from the latest lower
   bound, cut at the upper bound; the year with the most mass). Method ``inferred``, usually at
   year precision, with ``earliest``/``latest`` the range and a confidence that falls as the
   range widens. Weekday phrases alone ("on Tuesday") never give a year.
4. **nothing** -- every field None, confidence 0.

Pure: no I/O beyond the bundled data file read once, no printing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from sitrep.time.dateline import DatelineHit, find_dateline, year_for
from sitrep.time.infer import Inference, infer
from sitrep.time.models import PublicationDate, TenureWindow, fmt, parse_value

log = logging.getLogger(__name__)

METADATA_CONFIDENCE = {"day": 0.95, "month": 0.9, "year": 0.85}
TEXT_CONFIDENCE = 0.85
TEXT_WEEKDAY_AGREES = 0.9
TEXT_WEEKDAY_DISAGREES = 0.6
YEARLESS_BASE = 0.45  # a yearless dateline: the day is read, the year is inferred


def date_article(
    text: str,
    *,
    metadata: str | None = None,
    windows: Sequence[TenureWindow] = (),
    today: date | None = None,
) -> PublicationDate:
    """The publication date of an article, by the cascade in this module's docstring."""
    hit = find_dateline(text, today)
    if metadata:
        result = _from_metadata(metadata, hit, today)
        if result is not None:
            return result
    if hit is not None and hit.day is not None:
        return _from_full_hit(hit)
    inference = infer(text, tuple(windows), today)
    if hit is not None:
        dated = year_for(hit, inference.earliest, inference.latest)
        if dated is not None:
            confidence = round(YEARLESS_BASE + 0.5 * inference.confidence, 2)
            clues = tuple(e for e in inference.evidence if not e.startswith("estimate:"))
            evidence = (f"dateline “{hit.text}”, year from content: first such day in the range",) + clues
            return PublicationDate(fmt(dated, "day"), "day", dated, dated, "text", confidence, evidence)
        log.debug("yearless dateline %r found no year in the inferred range", hit.text)
    return _from_inference(inference)


def _from_metadata(metadata: str, hit: DatelineHit | None, today: date | None) -> PublicationDate | None:
    parsed = parse_value(metadata)
    if parsed is None:
        log.info("metadata date %r is not YYYY[-MM[-DD]]; ignored", metadata)
        return None
    first, last, precision = parsed
    if today is not None and first > today:
        log.info("metadata date %s is after today (%s); ignored", metadata, today)
        return None
    evidence = (f"metadata date {metadata}",)
    if precision != "day" and hit is not None and hit.day is not None and first <= hit.day <= last:
        evidence += (f"{hit.how} “{hit.text}” refines it",)
        return PublicationDate(
            fmt(hit.day, "day"), "day", hit.day, hit.day, "metadata", METADATA_CONFIDENCE["day"], evidence
        )
    value = fmt(first, precision)
    return PublicationDate(
        value, precision, first, last, "metadata", METADATA_CONFIDENCE[precision], evidence
    )


def _from_full_hit(hit: DatelineHit) -> PublicationDate:
    day = hit.day
    assert day is not None
    confidence = TEXT_CONFIDENCE
    evidence = [f"{hit.how}: “{hit.text}”"]
    if hit.weekday_ok is True:
        confidence = TEXT_WEEKDAY_AGREES
    elif hit.weekday_ok is False:
        confidence = TEXT_WEEKDAY_DISAGREES
        evidence.append(f"the weekday written does not match {day} (a {day:%A})")
    return PublicationDate(fmt(day, "day"), "day", day, day, "text", confidence, tuple(evidence))


def _from_inference(inference: Inference) -> PublicationDate:
    if inference.value is None:
        return PublicationDate()
    return PublicationDate(
        inference.value,
        inference.precision,
        inference.earliest,
        inference.latest,
        "inferred",
        inference.confidence,
        inference.evidence,
    )
