"""One error vocabulary for sitrep.

Two kinds of trouble are kept apart, as scrapy keeps ``DropItem`` apart from bugs:

* :class:`Skip` -- expected bad input (a binary file, a broken JSON line). It carries a
  one-line reason, is counted in the run report, and the run goes on.
* :class:`SitrepError` -- a fatal condition the user must fix (an unreadable store, a bad
  option). The CLI prints its message and exits 1. Anything else is a bug and surfaces.

Messages live in one catalogue (:class:`E`) with a code, so that docs, logs and tests can
refer to them by name.
"""

from __future__ import annotations

from enum import Enum


class E(str, Enum):
    """Catalogue of messages. Format with ``E.X.format(**kw)``."""

    # Input (reasons for Skip)
    E001 = "file is larger than the limit ({size} > {limit} bytes)"
    E002 = "file is empty"
    E003 = "binary content, not text ({detail})"
    E004 = "unsupported file type '{suffix}'"
    E005 = "malformed JSON: {detail}"
    E006 = "malformed JSON line: {detail}"
    E007 = "JSON record has no text"
    E008 = "malformed XML feed: {detail}"
    E009 = "feed has no items"
    E010 = "no main text found in HTML"
    E011 = "no article text left after cleaning"
    E012 = "unreadable file: {detail}"
    E013 = "JSON value is not an object ({kind})"
    E014 = "line is longer than the limit ({size} > {limit} bytes)"
    E015 = "XML feed refused: {detail}"
    E016 = "not an RSS or Atom feed (root element <{root}>)"
    E017 = "feed item has no text"
    E018 = "JSON file holds no records"
    # Fatal (SitrepError)
    E101 = "no such file or folder: {path}"
    E102 = "cannot open the store {path}: {detail}"
    E103 = "the store {path} was written by a newer sitrep (schema {found} > {known})"
    E104 = "unknown pipeline stage '{name}'; known stages: {known}"
    E105 = "stage '{name}' needs '{needs}', which no earlier stage provides"
    E106 = "unknown export table '{name}'; choose one of: {known}"
    E107 = "unknown export format '{name}'; choose one of: {known}"
    E108 = "no actor matches '{name}' (try `sitrep actors` for names and ids)"
    # Knowledge base (sitrep.actors.kb)
    E120 = "knowledge base {file}: entry '{entry}', field '{field}': {detail}"
    E121 = "knowledge base {file}: {detail}"

    def format(self, **kw: object) -> str:  # type: ignore[override]
        return self.value.format(**kw)


class SitrepError(Exception):
    """A fatal, user-facing error with a catalogue code."""

    def __init__(self, code: E, **kw: object) -> None:
        self.code = code
        self.message = code.format(**kw)
        super().__init__(f"[{code.name}] {self.message}")


class Skip(Exception):
    """Expected rejection of one input (a file, a JSON line, a feed item).

    ``reason`` is one line meant for the run report.
    """

    def __init__(self, code: E, **kw: object) -> None:
        self.code = code
        self.reason = " ".join(code.format(**kw).split())
        super().__init__(self.reason)
