"""Wrapped plain text for the evidence panel's rows, laid out once with QTextLayout.

A row is a few paragraphs: a passage with its quote marked, the citation, who made the claim, what is
wrong with it (or one line: a claim). Each paragraph is a QTextLayout that keeps its shaped glyphs, so
measuring a row and drawing it shape the text once (a QTextDocument shapes it again at every paint,
and this is most of what showing a passage costs). Text is only ever set as text, never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextCharFormat, QTextLayout, QTextOption

from explorer.app.present import attribution, citation, excerpt
from explorer.gui.style import warning_colour

if TYPE_CHECKING:  # (the model's module waits for a graph)
    from explorer.core.model import EvidenceContext

PASSAGE_MARGIN = 4
LINE_MARGIN = 2
LEAST_WIDTH = 80
LINE_BREAK = "\u2028"  # a new line within a paragraph

Span = tuple[int, int, QTextCharFormat]  # start, end, format


@dataclass
class RowText:
    """Laid-out paragraphs, one under the other, inside a margin."""

    paragraphs: list[QTextLayout]
    margin: int
    width: float  # including the margins
    height: float

    def draw(self, painter: QPainter, origin: QPointF) -> None:
        at = QPointF(origin.x() + self.margin, origin.y() + self.margin)
        for layout in self.paragraphs:
            layout.draw(painter, at)

    def text(self) -> str:
        return "\n".join(layout.text() for layout in self.paragraphs).replace(LINE_BREAK, "\n")

    def spans(self, paragraph: int = 0) -> list[tuple[str, QTextCharFormat]]:
        """The pieces of a paragraph with their formats (what tests look at)."""
        layout = self.paragraphs[paragraph]
        text = layout.text()
        pieces = []
        for r in layout.formats():
            pieces.append((text[r.start:r.start + r.length], QTextCharFormat(r.format)))
        return pieces


def _lay_out(paragraphs: list[tuple[str, QFont, list[Span]]], width: float, margin: int) -> RowText:
    width = max(width, LEAST_WIDTH)
    line_width = width - 2 * margin
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layouts = []
    y = 0.0
    for text, font, spans in paragraphs:
        layout = QTextLayout(text, font)
        layout.setCacheEnabled(True)  # keep the shaped glyphs for drawing
        layout.setTextOption(option)
        ranges = []
        for start, end, fmt in spans:
            if end > start:
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = start, end - start, fmt
                ranges.append(r)
        layout.setFormats(ranges)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(line_width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        layouts.append(layout)
    return RowText(layouts, margin, width, y + 2 * margin)


def _colour(palette: QPalette, selected: bool) -> QColor:
    return palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)


def passage_text(
    ctx: EvidenceContext, font: QFont, palette: QPalette, width: float, selected: bool = False, note: str = ""
) -> RowText:
    """The excerpt with its quote marked (bold, and tinted unless the row is selected), then the
    citation, the attribution, the weight ``note`` (factuality and grade) and any problem, smaller and in
    italics."""
    normal = QTextCharFormat()
    normal.setForeground(_colour(palette, selected))
    quote = QTextCharFormat(normal)
    quote.setFontWeight(QFont.Weight.Bold)
    if not selected:
        mark = QColor(palette.color(QPalette.ColorRole.Highlight))
        mark.setAlpha(60)
        quote.setBackground(mark)
    meta_font = QFont(font)
    meta_font.setItalic(True)
    if font.pointSizeF() > 0:
        meta_font.setPointSizeF(max(font.pointSizeF() - 1, 6))
    meta = QTextCharFormat()
    meta_colour = QColor(_colour(palette, selected))
    meta_colour.setAlpha(170)
    meta.setForeground(meta_colour)
    text, qs, qe = excerpt(ctx)
    # The lines under the passage are one paragraph broken by LINE SEPARATORs: one layout to make
    lines = "— " + citation(ctx)
    who = attribution(ctx)
    if who:
        lines += LINE_BREAK + who
    if note:
        lines += LINE_BREAK + note
    spans: list[Span] = [(0, len(lines), meta)]
    if ctx.problems:
        warn = QTextCharFormat(meta)
        warn.setForeground(warning_colour())
        lines += LINE_BREAK
        spans.append((len(lines), len(lines) + 2 + len("; ".join(ctx.problems)), warn))
        lines += "⚠ " + "; ".join(ctx.problems)
    return _lay_out([(text, font, [(0, qs, normal), (qs, qe, quote), (qe, len(text), normal)]),
                     (lines, meta_font, spans)], width, PASSAGE_MARGIN)


def line_text(text: str, font: QFont, palette: QPalette, width: float, selected: bool = False) -> RowText:
    """One wrapped line of plain text (a claim row)."""
    fmt = QTextCharFormat()
    fmt.setForeground(_colour(palette, selected))
    return _lay_out([(text, font, [(0, len(text), fmt)])], width, LINE_MARGIN)
