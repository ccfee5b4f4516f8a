"""A small store for the API and browser tests, built once per session from our own articles.

The articles are written for these tests: a few dated reports with clear events between
named actors, one exact duplicate, and one carrying script and onerror payloads in its title,
text and URL so the pages can be checked to render them inert.
"""

from __future__ import annotations

import json
from pathlib import Path

XSS_TITLE = "Payload check <script>alert(1)</script> in Rome"
XSS_IMG = "<img src=x onerror=alert(1)>"

ARTICLES: dict[str, str] = {
    "turkey_advisers.md": """---
title: "Turkey sends military advisers to Tripoli"
published: 2020-01-05
outlet: Test Wire
url: https://testwire.example/2020/turkey-advisers
---

Turkey sent military advisers to Tripoli on Sunday to support the Government of National Accord.

The Libyan National Army of Khalifa Haftar accused Turkey of invading Libya, and its spokesman said the advisers would be treated as enemy forces.

President Recep Tayyip Erdogan said the deployment would protect Libya's legitimate government.
""",
    "moscow_talks.json": json.dumps({
        "id": "tw-2020-0113-moscow",
        "title": "Russia and Turkey host Libyan rivals for ceasefire talks in Moscow",
        "date": "2020-01-13",
        "outlet": "Test Wire",
        "url": "https://testwire.example/2020/moscow-talks",
        "text": "Russia and Turkey held talks in Moscow on Monday with Fayez al-Sarraj and Khalifa Haftar on a ceasefire in Libya.\n\n"
                "Russian Foreign Minister Sergei Lavrov said Russia supported the ceasefire. Haftar left Moscow without signing the agreement.",
    }),
    "egypt_warning.txt": """Title: Egypt warns Turkey over Sirte
Date: 2020-06-21
Source: Nile Desk

Egyptian President Abdel Fattah el-Sisi warned Turkey that Sirte was a red line for Egypt.

Egypt threatened to send troops into Libya if forces backed by Turkey advanced on Sirte. Turkey rejected the warning.
""",
    "un_envoy_benghazi.txt": """UN envoy meets Haftar in Benghazi

The United Nations envoy met Khalifa Haftar in Benghazi on Tuesday to discuss elections.

The United Nations urged Libya's rival governments to agree on a date for the vote.
""",
    "payload.md": f"""---
title: "{XSS_TITLE}"
published: 2021-03-02
outlet: "Probe <b>Outlet</b>"
url: "javascript:alert(1)"
---

Italy criticised Russia in Rome on Tuesday over its forces in Libya. {XSS_IMG}

The statement, quoted as <script>alert(1)</script>, said Italy condemned the deployment.
""",
}
# The same report as turkey_advisers.md, arriving twice: stored once, the copy listed as a duplicate.
DUPLICATE = ("copies/turkey_advisers_copy.md", "turkey_advisers.md")


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    copy = folder / DUPLICATE[0]
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(ARTICLES[DUPLICATE[1]], encoding="utf-8")
    return folder


def build_store(base: Path) -> Path:
    """The fixture store under ``base``, built on first use (the browser and API tests share it)."""
    db = base / "fixture.duckdb"
    done = base / "fixture.done"
    if not done.exists():
        from sitrep.engines.local import run

        if db.exists():
            db.unlink()
        run([write_corpus(base / "corpus")], db)
        done.write_text("ok")
    return db
