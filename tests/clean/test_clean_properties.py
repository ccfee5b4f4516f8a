"""Properties of the cleaner over arbitrary text: it never crashes, and cleaning is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.clean import clean
from sitrep.errors import Skip
from sitrep.models import RawDocument, Source

LINES = st.one_of(
    st.text(min_size=0, max_size=200),
    st.sampled_from([
        "Leave a Reply", "READ ALSO Something else entirely", "Via The Harbour Gazette", "%d bloggers like this:",
        "Share this:", "Original source: www.example.org", "\u202eevil\u202c", "\x00", "  ", "Ливия",
        "The minister said the talks would resume in Tunis next week, officials added.",
        "<script>alert(1)</script>", "Section Heading Here",
    ]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, min_size=1, max_size=12), st.one_of(st.none(), st.text(max_size=60)))
def test_cleaning_never_crashes_and_is_idempotent(lines: list[str], title: str | None) -> None:
    raw = RawDocument(Source("/p.txt", "p.txt", "txt"), "\n\n".join(lines), title=title)
    try:
        first = clean(raw)
    except Skip as s:
        assert s.reason and "\n" not in s.reason
        return
    assert first.text.strip() and "\x00" not in first.text and "\u202e" not in first.text
    for p in first.paragraphs:
        assert 0 <= p.start < p.end <= len(first.text)
    again = clean(RawDocument(Source("/p.txt", "p.txt", "txt"), first.text, title=first.title))
    assert again.text == first.text
    assert again.article_id == first.article_id
