"""sitrep: news articles in, a situation picture out.

The pipeline stages live in their own packages (ingest, clean, nlp, actors, events, time, geo,
store); ``sitrep.engines`` composes them; ``sitrep.cli`` is a thin shell over the library.
"""

from typing import Any

__version__ = "0.1.0"


def open(db: str) -> "Any":  # noqa: A001 - the public name users expect: sitrep.open("store.duckdb")
    """The store at ``db`` as DataFrames: ``.events()``, ``.actors()``, ``.articles()``, ``.relations()``."""
    from .query.frames import open_store

    return open_store(db)
