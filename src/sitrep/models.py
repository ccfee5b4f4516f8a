"""The records that flow between stages.

Every stage takes one of these and returns one (frozen: a stage never edits what it was
given). The flow, numbered as in docs/architecture.md:

1. a reader (``sitrep.ingest``) turns a file into :class:`RawDocument` records, or a ``Skip``;
2. the cleaner (``sitrep.clean``) turns a RawDocument into an :class:`Article`;
3. the deduplicator decides whether the Article is new or another :class:`Source` of a stored one;
4. analysis stages (actors, events, time, place) add their records to an :class:`Analysis`;
5. the store commits one Analysis -- the article and everything derived from it -- at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Source:
    """Where one document came from.

    ``path`` is internal (resolved file path; never shown by the API); ``doc`` is the name users
    see: the file name, or for JSON/JSONL records and feed items their id, else their URL.
    ``fragment`` locates a record inside a file ("line 3", "item 2"); empty for whole files.
    """

    path: str
    doc: str
    fmt: str
    fragment: str = ""

    @property
    def key(self) -> str:
        """Stable identity of this source: the same input always gives the same key."""
        return f"{self.path}#{self.fragment}" if self.fragment else self.path

    @property
    def label(self) -> str:
        """Human label for reports: file name plus fragment."""
        name = self.path.rsplit("/", 1)[-1]
        return f"{name} ({self.fragment})" if self.fragment else name


@dataclass(frozen=True)
class RawDocument:
    """Text and metadata as a reader found them, before cleaning.

    ``title`` is None when the format has no title field; the cleaner then takes it from the
    text. ``published`` is the metadata date normalised by the reader (``YYYY-MM-DD``,
    ``YYYY-MM`` or ``YYYY``) or None.
    """

    source: Source
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the clean text: ``text[start:end]``.

    ``language`` is an ISO 639-1 code; paragraphs whose language is not the article's working
    language are kept in the text but later stages skip them.
    """

    start: int
    end: int
    language: str
    english: bool = True


@dataclass(frozen=True)
class Removed:
    """A piece of the raw text the cleaner left out, and why (kept for audit, never lost)."""

    kind: str  # furniture | teaser | credit | repeat | heading | title
    text: str


@dataclass(frozen=True)
class Article:
    """A clean article. ``article_id`` is a hash of its normalised text."""

    article_id: str
    source: Source
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    language: str
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    published_method: str | None = None
    published_earliest: str | None = None
    published_latest: str | None = None
    published_confidence: float | None = None
    flags: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    removed: tuple[Removed, ...] = ()
    raw_text: str = ""


@dataclass(frozen=True)
class ActorRef:
    """The actor a mention resolves to, with its principal as of the article's date."""

    actor_id: str
    name: str
    kind: str
    code: str | None
    sector: str | None = None


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in an article: ``text[start:end]``.

    ``how`` says what found it: ``kb`` (a knowledge-base name), ``ner`` (the NER model, checked),
    ``role`` (a role phrase resolved to its holder at the article's date), ``agent`` (a state
    adjective with a sector noun: "Russian warships"), ``coref`` (a later reference: "Mr
    Stoltenberg", "the alliance", "he"). ``role`` is the role the text or the KB gives at that
    date; ``historical`` marks a role no longer held ("former", "then").
    """

    start: int
    end: int
    text: str
    actor: ActorRef
    how: str
    sentence: int
    token_start: int
    token_end: int
    role: str | None = None
    historical: bool = False
    office: str | None = None  # the KB office the text's title names, if any


@dataclass(frozen=True)
class Analysis:
    """One article and everything derived from it; the unit the store commits atomically.

    ``duplicate_of`` is set when the article repeats a stored one (exactly or nearly); the store
    then records only the extra source. Later stages fill ``actors``, ``mentions`` and
    ``events`` with rows shaped as in the store schema.
    """

    article: Article
    duplicate_of: str | None = None
    similarity: float = 1.0
    signature: tuple[int, ...] = ()
    actors: tuple[Mapping[str, Any], ...] = ()
    mentions: tuple[Mapping[str, Any], ...] = ()
    events: tuple[Mapping[str, Any], ...] = ()
    roles: tuple[Mapping[str, Any], ...] = ()
    # Working state between stages (the spaCy Doc, ...); never stored, never sent between processes.
    work: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Skipped:
    """An input that was not stored, with a one-line reason."""

    key: str
    label: str
    reason: str


@dataclass
class RunReport:
    """What one ``sitrep run`` did. Mutable: the engine fills it as the run goes."""

    files: int = 0
    documents: int = 0
    stored: int = 0
    already_stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    repaired: list[Skipped] = field(default_factory=list)
    flagged_non_english: int = 0
    stage_counts: dict[str, int] = field(default_factory=dict)
    # Wall seconds in each analysis stage, summed over the workers (so more than ``seconds``
    # with several): where a run's time goes, without a profiler.
    stage_seconds: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    def add_stage(self, name: str, count: int, seconds: float | None = None) -> None:
        """Count ``count`` more items through stage ``name``, and the seconds they took if known."""
        self.stage_counts[name] = self.stage_counts.get(name, 0) + count
        if seconds is not None:
            self.stage_seconds[name] = self.stage_seconds.get(name, 0.0) + seconds

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "documents": self.documents,
            "stored": self.stored,
            "already_stored": self.already_stored,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "skipped": [s.__dict__ for s in self.skipped],
            "repaired": [s.__dict__ for s in self.repaired],
            "flagged_non_english": self.flagged_non_english,
            "stage_counts": dict(self.stage_counts),
            "stage_seconds": {name: round(s, 3) for name, s in self.stage_seconds.items()},
            "seconds": round(self.seconds, 3),
        }
