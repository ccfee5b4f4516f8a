"""sitrep: news articles in, a situation picture out.

The pipeline stages live in their own packages (ingest, clean, nlp, actors, events, time, geo,
store); ``sitrep.engines`` composes them; ``sitrep.cli`` is a thin shell over the library.
"""

__version__ = "0.1.0"
