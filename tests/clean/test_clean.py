"""The cleaner keeps the report and removes furniture, by general rules."""

from __future__ import annotations

import pytest

from sitrep.clean import clean
from sitrep.errors import Skip
from sitrep.models import RawDocument, Source

BODY = [
    "The foreign ministers of three countries met in Valletta on Monday to discuss migration across the central Mediterranean.",
    "Officials said the talks focused on training coastguards and on the return of migrants to their countries of origin.",
    "A joint statement is expected later this week, according to two diplomats who asked not to be named.",
]


def doc(text: str, title: str | None = None, **kw: object) -> RawDocument:
    return RawDocument(Source("/tmp/x.txt", "x.txt", "txt"), text, title=title, **kw)  # type: ignore[arg-type]


def paragraphs(article) -> list[str]:
    return [article.text[p.start : p.end] for p in article.paragraphs]


def test_first_line_headline_becomes_title_and_leaves_body() -> None:
    a = clean(doc("Ministers meet on migration\n\n" + "\n\n".join(BODY)))
    assert a.title == "Ministers meet on migration"
    assert paragraphs(a) == BODY
    assert "title_derived" not in a.flags


@pytest.mark.parametrize("repeat", [
    "Ministers meet on migration Ministers meet on migration",
    "MINISTERS MEET ON MIGRATION",
    "Ministers  meet on migration Ministers meet on  migration Ministers meet on migration",
])
def test_repeated_headline_is_dropped(repeat: str) -> None:
    a = clean(doc(f"Ministers meet on migration\n\n{repeat}\n\n" + "\n\n".join(BODY)))
    assert paragraphs(a) == BODY
    assert any(r.kind == "repeat" for r in a.removed)


def test_long_first_paragraph_gives_a_derived_title_and_stays_in_body() -> None:
    lead = ("The foreign ministers of three countries met in Valletta on Monday, hoping to agree on a common plan "
            "for the coastguards of the central Mediterranean before the summer. More talks are planned.")
    a = clean(doc(lead + "\n" + BODY[1]))
    assert a.title == "The foreign ministers of three countries met in Valletta on Monday"
    assert paragraphs(a)[0] == lead
    assert "title_derived" in a.flags


@pytest.mark.parametrize("credit, outlet, url", [
    ("Via The Harbour Gazette", "The Harbour Gazette", None),
    ("Original source: www.harbourgazette.example", "harbourgazette.example", "www.harbourgazette.example"),
    ("This article first appeared in Coastal Times", "Coastal Times", None),
    ("Source: https://www.reuters.com/world/africa/some-story", "Reuters", "https://www.reuters.com/world/africa/some-story"),
    ("Originally published by Coastal Times — www.coastal.example/story", "Coastal Times", "www.coastal.example/story"),
])
def test_credit_lines_become_outlet_and_url(credit: str, outlet: str, url: str | None) -> None:
    for text in (f"Ministers meet\n\n{credit}\n\n" + "\n\n".join(BODY), "Ministers meet\n\n" + "\n\n".join(BODY) + f"\n\n{credit}"):
        a = clean(doc(text))
        assert (a.outlet, a.url) == (outlet, url)
        assert credit not in a.text


def test_metadata_outlet_wins_over_credit() -> None:
    a = clean(doc("Ministers meet\n\nVia Coastal Times\n\n" + BODY[0], outlet="Meta Outlet"))
    assert a.outlet == "Meta Outlet"


@pytest.mark.parametrize("teaser", [
    "READ ALSO  Shipping rates climb as canal traffic slows",
    "Related: Shipping rates climb as canal traffic slows",
    "Read more » Election results in the north",
    "SEE ALSO Farmers protest in the capital",
])
def test_teasers_are_dropped(teaser: str) -> None:
    a = clean(doc("Ministers meet\n\n" + BODY[0] + f"\n\n{teaser}\n\n" + BODY[1]))
    assert paragraphs(a) == BODY[:2]


@pytest.mark.parametrize("sentence", [
    "Related talks will be held in Tunis next month, officials said, without giving a date.",
    "Watch towers along the border were reinforced after the attack, the army said.",
    "Egypt did not subscribe to the plan.",
    "The company said all rights reserved for the port operator would be reviewed by the ministry.",
])
def test_sentences_that_look_like_cues_are_kept(sentence: str) -> None:
    a = clean(doc("Ministers meet\n\n" + BODY[0] + f"\n\n{sentence}\n\n" + BODY[1]))
    assert sentence in paragraphs(a)


def test_comment_form_tail_is_removed() -> None:
    tail = ["Post a comment", "Log in to comment or fill in your name below.", "Twitter icon",
            "You are signed in with your Twitter account. Log out / Switch )", "Email", "%d readers like this", "Back to top ↑"]
    a = clean(doc("Ministers meet\n\n" + "\n\n".join(BODY + tail)))
    assert paragraphs(a) == BODY
    assert sum(r.kind == "furniture" for r in a.removed) == len(tail)


def test_section_headings_are_dropped_but_a_single_short_report_is_kept() -> None:
    a = clean(doc("Ministers meet\n\n" + BODY[0] + "\n\nCoastguard Training Plans\n\n" + BODY[1]))
    assert paragraphs(a) == BODY[:2]
    assert [r.text for r in a.removed if r.kind == "heading"] == ["Coastguard Training Plans"]


@pytest.mark.parametrize("foreign, lang", [
    ("Le ministre a déclaré que la France ne participera pas à cette opération militaire.", "fr"),
    ("Министр заявил, что Россия не будет участвовать в этой операции.", "ru"),
    ("وقال الوزير إن بلاده لن تشارك في هذه العملية العسكرية", "ar"),
])
def test_foreign_paragraphs_are_kept_and_flagged(foreign: str, lang: str) -> None:
    a = clean(doc("Ministers meet\n\n" + BODY[0] + f"\n\n{foreign}\n\n" + BODY[1]))
    assert foreign in a.text
    flagged = [p for p in a.paragraphs if not p.english]
    assert [a.text[p.start : p.end] for p in flagged] == [foreign]
    assert flagged[0].language == lang
    assert a.language == "en"
    assert "non_english_paragraphs:1" in a.flags


def test_invisible_and_bidi_characters_are_removed_and_spaces_normalised() -> None:
    a = clean(doc("Ministers\u00a0meet\n\nThe\u200b foreign\u202e ministers  met\u00a0in Valletta on Monday to talk about migration."))
    assert a.text == "The foreign ministers met in Valletta on Monday to talk about migration."
    assert a.title == "Ministers meet"


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = ("The foreign ministers of three countries met in Valletta on Monday to\n"
               "discuss migration across the central Mediterranean, officials said\n"
               "after the meeting ended.")
    a = clean(doc("Ministers meet\n\n" + wrapped))
    assert paragraphs(a) == [" ".join(wrapped.split("\n"))]


def test_nothing_left_is_a_skip_with_a_reason() -> None:
    with pytest.raises(Skip) as e:
        clean(doc("Leave a Reply\n\nLog Out / Change )\n\n%d bloggers like this:", title="Some title"))
    assert e.value.reason == "no article text left after cleaning"


def test_cleaning_clean_text_changes_nothing() -> None:
    first = clean(doc("Ministers meet\n\nVia Coastal Times\n\n" + "\n\n".join(BODY) + "\n\nShare this:\n\nFacebook"))
    again = clean(doc(first.text, title=first.title))
    assert again.text == first.text and again.article_id == first.article_id


def test_id_is_a_hash_of_the_normalised_text() -> None:
    a = clean(doc("Ministers meet\n\n" + BODY[0]))
    b = clean(doc("Other headline\n\n" + BODY[0].replace(" ", "  ").upper(), outlet="X"))
    assert a.article_id == b.article_id
    assert len(a.article_id) == 16
    assert clean(doc("Ministers meet\n\n" + BODY[1])).article_id != a.article_id


def test_removed_text_is_kept_for_audit() -> None:
    raw = "Ministers meet\n\nVia Coastal Times\n\n" + BODY[0] + "\n\nREAD ALSO Another story"
    a = clean(doc(raw))
    assert a.raw_text == raw
    assert {r.kind for r in a.removed} == {"title", "credit", "teaser"}
