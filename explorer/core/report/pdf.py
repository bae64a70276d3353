"""A briefing as PDF, with fpdf2 (pure Python, no system library): the same content as the HTML, as real
text (selectable, searchable), the figure drawn as vectors from the same geometry as the SVG. The text is
set in DejaVu Sans (Debian's fonts-dejavu-core), embedded, so every quote's characters print as they are.
A quote is never split across pages (a page break would put the page number inside it)."""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
from pathlib import Path

from explorer.core.errors import ExplorerError
from explorer.core.report.build import Briefing, Footnote, Section
from explorer.core.report.notes import markdown_plain
from explorer.core.report.svg import LEGEND_ROW, MARGIN, drawing, shape_points

FONT_FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
                Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts", Path("/Library/Fonts"),
                Path("C:/Windows/Fonts"))
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
PAGE_WIDTH_MM = 180.0  # A4 less 15 mm margins


def font_files() -> dict[str, Path]:
    """The DejaVu Sans files (regular, bold, oblique); ExplorerError saying what to install when missing."""
    for folder in FONT_FOLDERS:
        found = {style: folder / name for style, name in FONT_FILES.items()}
        if all(p.is_file() for p in found.values()):
            return found
    raise ExplorerError("a PDF briefing needs the DejaVu Sans fonts (Debian/Ubuntu: apt-get install "
                        "fonts-dejavu-core); the HTML briefing needs nothing")


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def render_pdf(brief: Briefing) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    for style, path in font_files().items():
        pdf.add_font("DejaVu", style, str(path))
    pdf.set_title(brief.title)
    pdf.set_creator("explorer")
    with contextlib.suppress(ValueError):  # (a date that is not ISO is printed, not stamped)
        pdf.set_creation_date(_dt.datetime.fromisoformat(brief.date).replace(tzinfo=_dt.UTC))
    pdf.alias_nb_pages()

    def footer() -> None:
        pdf.set_y(-12)
        pdf.set_font("DejaVu", "", 8)
        pdf.set_text_color(110, 110, 110)
        pdf.cell(0, 5, f"{brief.title} · {pdf.page_no()}/{{nb}}", align="C")
        pdf.set_text_color(0, 0, 0)

    pdf.footer = footer  # type: ignore[method-assign]
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 9, brief.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(85, 85, 85)
    pdf.multi_cell(0, 6, f"{brief.date} · {len(brief.footnotes)} quoted passages from {len(brief.sources)} "
                         "articles", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    _notes(pdf, brief.intro)
    for number, section in enumerate(brief.sections, 1):
        _section(pdf, section, number)
    if brief.contested:
        _heading(pdf, "Appendix: contested claims")
        for item in brief.contested:
            pdf.set_font("DejaVu", "B", 10)
            pdf.multi_cell(0, 5.5, item.text, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 10)
            for source, says in item.positions:
                pdf.multi_cell(0, 5.5, f"• {source}: {says}", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "Notes")
    for note in brief.footnotes:
        _footnote(pdf, note)
    if brief.unverified:
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5, f"{brief.unverified} passage(s) left out: the article does not hold the quote at its "
                             "recorded offsets.", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "Sources")
    pdf.set_font("DejaVu", "", 9)
    for src in brief.sources:
        line = f"{src.publisher}{', ' + src.date if src.date else ''}: {src.title}." + (f" {src.url}" if src.url
                                                                                         else "")
        pdf.multi_cell(0, 4.8, line, new_x="LMARGIN", new_y="NEXT", link=src.url or "")
    return bytes(pdf.output())


def _heading(pdf, text: str, size: float = 14) -> None:  # type: ignore[no-untyped-def]
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _notes(pdf, text: str) -> None:  # type: ignore[no-untyped-def]
    if not text:
        return
    pdf.ln(2)
    for style, line in markdown_plain(text):
        if style == "h":
            pdf.set_font("DejaVu", "B", 11)
        else:
            pdf.set_font("DejaVu", "", 10)
        pdf.set_fill_color(246, 246, 241)
        pdf.multi_cell(0, 5.5, ("• " if style == "li" else "") + line, new_x="LMARGIN", new_y="NEXT", fill=True)
    pdf.ln(2)


def _section(pdf, section: Section, number: int) -> None:  # type: ignore[no-untyped-def]
    d = drawing(section.figure)
    k = PAGE_WIDTH_MM / d.width
    height = d.total_height * k
    if pdf.get_y() + height + 20 > pdf.h - 18:
        pdf.add_page()
    _heading(pdf, section.title)
    _figure(pdf, d, pdf.l_margin, pdf.get_y(), k)
    pdf.set_y(pdf.get_y() + height + 2)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_text_color(85, 85, 85)
    relations = sum(e.count for e in section.figure.edges)
    pdf.multi_cell(0, 4.5, f"Figure {number}: {section.title} — {len(section.figure.nodes)} actors, {relations} "
                           "relations. Actors by type (shape and colour), edges by category (colour); a number on "
                           "an edge counts its claims.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    _notes(pdf, section.notes)
    if not section.groups:
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 5.5, "No relation is shown.", new_x="LMARGIN", new_y="NEXT")
    for group in section.groups:
        _heading(pdf, group.heading, 11.5)
        for category, sentences in group.categories:
            pdf.set_font("DejaVu", "B", 9.5)
            pdf.set_text_color(68, 68, 68)
            pdf.multi_cell(0, 5, category, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.set_font("DejaVu", "", 10)
            for s in sentences:
                marks = " [" + ", ".join(str(n) for n in s.notes) + "]" if s.notes else ""
                weight = (f" ({s.independent_sources} independent source{'' if s.independent_sources == 1 else 's'}"
                          + (f"; credibility {s.credibility}" if s.credibility else "") + ")"
                          if s.notes else " (no verified passage)")
                pdf.set_x(pdf.l_margin + 3)
                pdf.multi_cell(0, 5.2, f"• {s.text}{marks}{weight}", new_x="LMARGIN", new_y="NEXT")


def _footnote(pdf, note: Footnote) -> None:  # type: ignore[no-untyped-def]
    from fpdf.enums import MethodReturnValue

    said = f"Said by {note.said_by} · " if note.said_by else ""
    date = f", {note.date}" if note.date else ""
    grade = f" · credibility {note.credibility}" if note.credibility else ""
    source = (f"{said}{note.title}, {note.publisher}{date}." + (f" {note.url}" if note.url else "")
              + f" · {note.independent_sources} independent source{'' if note.independent_sources == 1 else 's'} "
              f"for the claim{grade}")
    quote = f"“{note.quote}”"
    width = PAGE_WIDTH_MM - 10
    pdf.set_font("DejaVu", "I", 9.5)
    needed = pdf.multi_cell(width, 4.8, quote, dry_run=True, output=MethodReturnValue.HEIGHT)
    pdf.set_font("DejaVu", "", 8.5)
    needed += pdf.multi_cell(width, 4.3, source, dry_run=True, output=MethodReturnValue.HEIGHT)
    if pdf.get_y() + needed + 3 > pdf.h - pdf.b_margin:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_font("DejaVu", "B", 9)
    pdf.cell(10, 4.8, f"{note.number}.")
    pdf.set_font("DejaVu", "I", 9.5)
    pdf.multi_cell(width, 4.8, quote, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_draw_color(78, 121, 167)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin + 9, top + 0.5, pdf.l_margin + 9, pdf.get_y() - 0.5)
    pdf.set_x(pdf.l_margin + 10)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_text_color(68, 68, 68)
    pdf.multi_cell(width, 4.3, source, new_x="LMARGIN", new_y="NEXT", link=note.url or "", align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _figure(pdf, d, left: float, top: float, k: float) -> None:  # type: ignore[no-untyped-def]
    """The figure's geometry (pixels) drawn at (left, top) in mm, ``k`` mm a pixel."""

    def at(x: float, y: float) -> tuple[float, float]:
        return left + x * k, top + y * k

    pdf.set_draw_color(221, 221, 221)
    pdf.set_line_width(0.2)
    pdf.rect(left, top, d.width * k, d.total_height * k)
    for ln in d.lines:
        pdf.set_draw_color(*_rgb(ln.colour))
        pdf.set_line_width(min(1.4 + 0.6 * (ln.count - 1), 5.0) * k)
        # the quadratic curve as a polyline (the same curve as the SVG's)
        points = [at((1 - t) ** 2 * ln.x1 + 2 * (1 - t) * t * ln.cx + t * t * ln.x2,
                     (1 - t) ** 2 * ln.y1 + 2 * (1 - t) * t * ln.cy + t * t * ln.y2)
                  for t in (i / 16 for i in range(17))]
        pdf.polyline(points)
    pdf.set_line_width(0.8 * k)
    pdf.set_draw_color(51, 51, 51)
    for ln in d.lines:
        if ln.count > 1:
            bx = 0.25 * ln.x1 + 0.5 * ln.cx + 0.25 * ln.x2
            by = 0.25 * ln.y1 + 0.5 * ln.cy + 0.25 * ln.y2
            _shape(pdf, "circle-badge", bx, by, 6.5, "#ffffff", at, ln.colour)
            pdf.set_font("DejaVu", "", 5.5)
            x, y = at(bx, by)
            pdf.text(x - pdf.get_string_width(str(ln.count)) / 2, y + 0.8, str(ln.count))
    for node in d.nodes:
        _shape(pdf, node.kind, node.x, node.y, node.r, _kind_colour(node.kind), at)
    pdf.set_font("DejaVu", "", 7)
    for node in d.nodes:
        x, y = at(node.x, node.y + node.r + 11)
        pdf.text(x - pdf.get_string_width(node.label) / 2, y, node.label)
    y = d.height + LEGEND_ROW * 0.5
    for row in d.legend_rows():
        x = MARGIN
        for what, label, colour in row:
            if what == "kind":
                _shape(pdf, label, x + 5, y - 3.5, 5, colour, at)
            else:
                pdf.set_draw_color(*_rgb(colour))
                pdf.set_line_width(3 * k)
                pdf.line(*at(x, y - 3.5), *at(x + 14, y - 3.5))
            pdf.set_font("DejaVu", "", 7)
            pdf.text(*at(x + 19, y), label)
            x += 19 + 7.0 * len(label) + 18
        y += LEGEND_ROW
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)


def _kind_colour(kind: str) -> str:
    from explorer.core.palette import kind_hex

    return kind_hex(kind)


def _shape(pdf, kind: str, x: float, y: float, r: float, fill: str, at, stroke: str = "#333333") -> None:  # type: ignore[no-untyped-def]
    points = shape_points(kind, x, y, r)
    if points is None:  # a circle, as a 24-gon
        points = [(x + r * math.cos(2 * math.pi * i / 24), y + r * math.sin(2 * math.pi * i / 24)) for i in range(24)]
    pdf.set_fill_color(*_rgb(fill))
    pdf.set_draw_color(*_rgb(stroke))
    pdf.set_line_width(0.8 * 0.236)
    pdf.polygon([at(px, py) for px, py in points], style="DF")
