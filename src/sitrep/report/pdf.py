"""The report as PDF, written by fpdf2 (pure Python) with matplotlib's PNG pictures.

The font is the DejaVu Sans that matplotlib ships in its own data folder: it covers the
accents, dashes and arrows of the text, and no system font has to be installed.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from . import text as t
from .build import Report
from .charts import all_charts, split_places

log = logging.getLogger(__name__)

FONT = "DejaVu"
GREY, INK, LINK = (95, 99, 104), (29, 29, 31), (26, 79, 139)


class _Doc(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self.footer_text = footer_text
        fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf")):
            self.add_font(FONT, style, str(fonts / name))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, 16)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self.footer_text} · page {self.page_no()}", align="C")
        self.set_text_color(*INK)


def _para(pdf: _Doc, text: str, size: float = 9.5, style: str = "", colour: tuple[int, int, int] = INK,
          gap: float = 1.5, indent: float = 0) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, size * 0.48, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.ln(gap)


def _heading(pdf: _Doc, text: str, level: int = 2) -> None:
    if pdf.get_y() > pdf.h - 45:  # never a heading alone at the foot of a page
        pdf.add_page()
    pdf.ln(3 if level == 2 else 1.5)
    _para(pdf, text, 13 if level == 2 else 10.5, "B", gap=0.5)
    if level == 2:
        pdf.set_draw_color(*INK)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)


def _item(pdf: _Doc, d: dict[str, Any], modality: bool = False) -> None:
    if pdf.get_y() > pdf.h - 40:
        pdf.add_page()
    head = (f"{d['modality'].upper()} · " if modality else "") + f"{d['date'] or 'undated'}: "
    flags = "".join(f"  [{f}]" for f in d["flags"])
    _para(pdf, f"{head}{d['sentence']} ({d['support']}){flags}", 9.5, "B", gap=0.5)
    _para(pdf, f"“{d['quote']}”", 8.5, "I", (60, 60, 60), gap=0.5, indent=4)
    pdf.set_font(FONT, "", 7.5)
    pdf.set_x(pdf.l_margin + 4)
    pdf.set_text_color(*GREY)
    pdf.write(3.8, "Sources: ")
    for i, s in enumerate(d["sources"]):
        pdf.write(3.8, ("; " if i else "") + s["doc"] + (f", {s['outlet']}" if s["outlet"] else ""))
        if t.safe_url(s["url"]):
            pdf.set_text_color(*LINK)
            pdf.write(3.8, f" {s['url']}", link=s["url"])
            pdf.set_text_color(*GREY)
    pdf.set_text_color(*INK)
    pdf.ln(6)


def _table(pdf: _Doc, head: list[str], rows: list[list[Any]], widths: tuple[float, ...]) -> None:
    pdf.set_font(FONT, "", 7.5)
    with pdf.table(col_widths=widths, headings_style=FontFace(emphasis="BOLD"), line_height=3.8,
                   first_row_as_headings=True, padding=0.8, text_align="LEFT") as table:
        for row in [head] + [[str(c) for c in r] for r in rows]:
            cells = table.row()
            for c in row:
                cells.cell(str(c))
    pdf.ln(2)


def _image(pdf: _Doc, png: bytes | None, caption: str, heading: str | None = None) -> None:
    """A picture with its caption, and its heading when given: kept together on one page."""
    if not png:
        return
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        w, h = im.size
    height = min(pdf.epw * h / w, 150)
    if pdf.get_y() + height + (14 if heading else 0) > pdf.h - 24:
        pdf.add_page()
    if heading:
        _heading(pdf, heading, 3)
    pdf.image(io.BytesIO(png), h=height, x=pdf.l_margin + (pdf.epw - height * w / h) / 2)
    _para(pdf, caption, 7.5, "", GREY, gap=2)


def render(r: Report) -> bytes:
    pdf = _Doc(f"{r.title}, {r.window}")
    pdf.set_title(f"{r.title} ({r.window})")
    pdf.set_creator(f"sitrep {r.version}")
    pdf.add_page()
    _para(pdf, r.title, 18, "B", gap=1)
    _para(pdf, t.window_line(r), 8.5, "", GREY, gap=2)
    images = all_charts(r, "png")
    _heading(pdf, "Scope and corpus")
    for p in t.scope_paragraphs(r):
        _para(pdf, p)
    _heading(pdf, "Key developments")
    if r.developments:
        _para(pdf, t.developments_intro(r), 8.5, "", GREY)
        for d in r.developments:
            _item(pdf, d)
    else:
        _para(pdf, "No asserted event in this window.")
    _heading(pdf, "Who moved")
    _para(pdf, t.movers_intro(r))
    if r.movers:
        _table(pdf, ["actor", "events before → now", "net before → now", "new counterparts", "counterparts gone"],
               [[m["name"] + (f" ({m['code']})" if m["code"] else ""), f"{m['prev_events']} → {m['events']}",
                 f"{t.signed(m['prev_net'])} → {t.signed(m['net'])}", ", ".join(m["gained"]), ", ".join(m["lost"])]
                for m in r.movers], (30, 16, 18, 40, 40))
    _heading(pdf, "Relations")
    if r.dyads:
        _para(pdf, t.relations_intro(r))
        _table(pdf, ["dyad", "events", "coop.", "conflict", "balance", "before", "change"],
               [[f"{d['a_name']} – {d['b_name']}", d["events"], t.num(d["cooperation"]), t.num(d["conflict"]),
                 t.signed(d["score"]), t.signed(d["prev_score"]), t.signed(d["change"])] for d in r.dyads],
               (64, 12, 12, 12, 12, 12, 12))
        _image(pdf, images["relations"], "Net balance per dyad (sum of PLOVER intensities of asserted events); "
                                         "hatched bars: the previous period.")
        _image(pdf, images["graph"], t.graph_caption(r), heading="Actor graph")
    else:
        _para(pdf, "No asserted event between two named actors in this window.")
    _heading(pdf, "Where")
    _para(pdf, t.where_intro(r))
    _image(pdf, images["map"], t.map_caption(r, split_places(r.places)[1]))
    _heading(pdf, "What did not happen")
    _para(pdf, t.unreal_intro(r))
    for d in r.unreal:
        _item(pdf, d, modality=True)
    _heading(pdf, "Caveats")
    for line in t.caveat_lines(r):
        _para(pdf, f"• {line}", gap=0.8)
    if r.caveats["inferred_dates"]:
        _heading(pdf, "Articles dated by inference", 3)
        _table(pdf, ["article", "title", "inferred date", "events"],
               [[a["doc"], a["title"], f"{a['published']} ({a['published_precision']})", a["events"]]
                for a in r.caveats["inferred_dates"]], (40, 90, 30, 14))
    if r.caveats["low_confidence"]:
        _heading(pdf, "Low-confidence events", 3)
        _table(pdf, ["date", "event", "conf.", "sentence"],
               [[e["date"], f"{e['type']}: {e['source_name'] or '?'} → {e['target_name'] or '?'}",
                 f"{e['confidence']:.2f}", e["quote"]] for e in r.caveats["low_confidence"][:12]], (18, 42, 10, 104))
    _para(pdf, t.footer(r), 7.5, "", GREY)
    log.info("report pdf: %d pages", pdf.page_no())
    return bytes(pdf.output())
