"""When things happened: the publication date of an article and the dates of its events.

Public API (pure functions over frozen dataclasses; see docs/time.md):

* :func:`date_article` -- the publication date, by a documented cascade (``article``);
* :func:`resolve_expression` -- the temporal expressions of a sentence, placed on the calendar
  against the article's date;
* :func:`event_date` -- the date of the event a clause reports, falling back to the article's
  date with precision ``article``; :func:`article_anchor` turns a :class:`PublicationDate`
  into that anchor;
* :func:`evaluate_dates` (``sitrep.time.evaluate``) -- rates on a gold file.
"""

from sitrep.time.article import date_article
from sitrep.time.expressions import article_anchor, event_date, resolve_expression
from sitrep.time.models import PublicationDate, TenureWindow, TimeExpression

__all__ = [
    "PublicationDate",
    "TenureWindow",
    "TimeExpression",
    "article_anchor",
    "date_article",
    "event_date",
    "resolve_expression",
]
