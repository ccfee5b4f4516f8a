from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from sitrep.models import RawDocument, Skipped

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Lighthouse keeper retires</title>
    <link>https://gazette.example/lighthouse</link>
    <guid isPermaLink="false">hg-101</guid>
    <pubDate>Mon, 03 Jun 2024 06:15:00 +0000</pubDate>
    <dc:creator>Tomas Reyes</dc:creator>
    <category>People</category>
    <media:content url="https://gazette.example/photo.jpg"><media:description>A photo caption</media:description></media:content>
    <description>Short teaser about the keeper.</description>
    <content:encoded><![CDATA[<p>After forty years, the keeper of Cape Morrow light has retired.</p>
<p>He will stay in the village &amp; keep <b>bees</b>.</p><script>alert(1)</script>]]></content:encoded>
  </item>
  <item>
    <title>Tide tables</title>
    <link>https://gazette.example/tides</link>
    <description>&lt;p&gt;Spring tides are due this week.&lt;/p&gt;&lt;p&gt;Take care on the causeway.&lt;/p&gt;</description>
  </item>
  <item><title>Photo only</title></item>
  <item><description>Plain text without a link or id.</description></item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Fen Weekly</title>
  <entry>
    <title type="html">Dykes &lt;em&gt;raised&lt;/em&gt;</title>
    <link rel="self" href="https://fen.example/api/1"/>
    <link rel="alternate" href="https://fen.example/dykes"/>
    <id>tag:fen.example,2024:1</id>
    <updated>2024-06-05T12:00:00Z</updated>
    <published>2024-06-04T09:00:00+02:00</published>
    <author><name>Lena Voss</name></author>
    <summary>The dykes were raised.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The dykes near Holm were raised by a metre.</p><p>Farmers welcomed it.</p></div></content>
  </entry>
  <entry>
    <title>Second</title>
    <id>tag:fen.example,2024:2</id>
    <updated>2024-06-06</updated>
    <content type="html">&lt;p&gt;Second entry text.&lt;/p&gt;</content>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://moor.example/"><title>Moor Post</title></channel>
  <item rdf:about="https://moor.example/a">
    <title>Heather fire</title><link>https://moor.example/a</link>
    <description>A heather fire burned on the moor.</description><dc:date>2024-07-01</dc:date>
  </item>
</rdf:RDF>
"""


@pytest.mark.parametrize("name", ["news.rss", "news.xml"])
def test_rss_items(write: Callable, read: Callable, name: str) -> None:
    path = write(name, RSS)
    first, second, no_text, plain = read(path)
    assert isinstance(first, RawDocument)
    assert first.source.doc == "hg-101"
    assert first.source.fragment == "item 1"
    assert first.source.fmt == "rss"
    assert first.source.key == f"{path.resolve()}#item 1"
    assert first.title == "Lighthouse keeper retires"
    assert first.url == "https://gazette.example/lighthouse"
    assert first.published == "2024-06-03"
    assert first.author == "Tomas Reyes"
    assert first.outlet == "Harbour Gazette"
    assert first.text == (
        "After forty years, the keeper of Cape Morrow light has retired.\n\n"
        "He will stay in the village & keep bees."
    )
    assert first.meta["summary"] == "Short teaser about the keeper."
    assert first.meta["categories"] == ["People"]

    assert second.source.doc == "https://gazette.example/tides"
    assert second.text == "Spring tides are due this week.\n\nTake care on the causeway."

    assert isinstance(no_text, Skipped)
    assert no_text.label == f"{name} (item 3)"
    assert no_text.reason == "feed item has no text"

    assert plain.source.doc == f"{name}#4"
    assert plain.text == "Plain text without a link or id."


@pytest.mark.parametrize("name", ["news.atom", "news.xml"])
def test_atom_entries(write: Callable, read: Callable, name: str) -> None:
    first, second = read(write(name, ATOM))
    assert first.source.fmt == "atom"
    assert first.source.doc == "tag:fen.example,2024:1"
    assert first.title == "Dykes raised"
    assert first.url == "https://fen.example/dykes"
    assert first.published == "2024-06-04"  # published wins over updated
    assert first.author == "Lena Voss"
    assert first.outlet == "Fen Weekly"
    assert first.text == "The dykes near Holm were raised by a metre.\n\nFarmers welcomed it."
    assert first.meta["summary"] == "The dykes were raised."
    assert second.text == "Second entry text."
    assert second.published == "2024-06-06"


@pytest.mark.parametrize("name", ["moor.rss"])
def test_rss1_rdf_items(write: Callable, read_one: Callable, name: str) -> None:
    doc = read_one(write(name, RDF))
    assert (doc.source.fmt, doc.title, doc.outlet, doc.published, doc.url) == (
        "rdf", "Heather fire", "Moor Post", "2024-07-01", "https://moor.example/a"
    )


@pytest.mark.parametrize(
    "content, reason",
    [
        (RSS[: len(RSS) // 2], "malformed XML feed: "),
        ("<rss><channel><item>", "malformed XML feed: "),
        ("<rss><channel><title>x</title></channel></rss>", "feed has no items"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>", "feed has no items"),
        ("<html><body><p>not a feed</p></body></html>", "not an RSS or Atom feed (root element <html>)"),
        ("<r>&nbsp;</r>", "malformed XML feed: undefined entity"),
    ],
)
def test_broken_feed_is_skipped(write: Callable, read_one: Callable, content: str, reason: str) -> None:
    result = read_one(write("broken.xml", content))
    assert isinstance(result, Skipped)
    assert result.reason.startswith(reason)
    assert result.label == "broken.xml"


def _secret(tmp_path: Path) -> tuple[Path, str]:
    marker = "TOPSECRET-7f3a"
    secret = tmp_path / "secret.txt"
    secret.write_text(marker, encoding="utf-8")
    return secret, marker


@pytest.mark.parametrize("target", ["/etc/passwd", "SECRET"])
def test_xxe_external_entity_is_refused(tmp_path: Path, write: Callable, read_one: Callable, target: str) -> None:
    secret, marker = _secret(tmp_path)
    uri = "file:///etc/passwd" if target == "/etc/passwd" else secret.as_uri()
    feed = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{uri}">]>\n'
        "<rss><channel><title>T</title><item><title>&xxe;</title>"
        "<description>Leak: &xxe;</description></item></channel></rss>"
    )
    result = read_one(write("xxe.rss", feed))
    assert isinstance(result, Skipped)
    assert result.reason == "XML feed refused: entity declarations are not allowed"
    assert marker not in repr(result) and "root:" not in repr(result)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss [<!ENTITY % ext SYSTEM "{uri}"> %ext;]>',
        '<!DOCTYPE rss SYSTEM "{uri}">',
    ],
    ids=["parameter-entity", "external-dtd"],
)
def test_external_dtd_tricks_never_read_the_file(
    tmp_path: Path, write: Callable, read: Callable, doctype: str
) -> None:
    secret, marker = _secret(tmp_path)
    feed = (
        '<?xml version="1.0"?>\n' + doctype.format(uri=secret.as_uri())
        + "<rss><channel><item><description>Harmless text.</description></item></channel></rss>"
    )
    results = read(write("dtd.rss", feed))
    assert marker not in repr(results)


@pytest.mark.parametrize("levels", [10])
def test_entity_expansion_bomb_is_refused(write: Callable, read_one: Callable, levels: int) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, levels)
    ]
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(entities)}]>'
        f"<rss><channel><item><description>&lol{levels - 1};</description></item></channel></rss>"
    )
    result = read_one(write("bomb.xml", feed))
    assert isinstance(result, Skipped)
    assert result.reason.startswith("XML feed refused:")


@pytest.mark.parametrize("declared", ["ISO-8859-1", "windows-1252"])
def test_feed_in_declared_legacy_encoding(write: Callable, read_one: Callable, declared: str) -> None:
    feed = (
        f'<?xml version="1.0" encoding="{declared}"?>'
        "<rss><channel><title>Gazette</title><item><description>Caf\xe9 on the p\xefer reopens.</description>"
        "</item></channel></rss>"
    )
    doc = read_one(write("legacy.rss", feed.encode("latin-1")))
    assert doc.text == "Café on the pïer reopens."
    assert doc.flags == ("encoding_repaired:cp1252",)
