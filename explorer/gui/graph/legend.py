"""The graph's legend: what shapes and colours mean, drawn over the view's top-left corner."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from explorer.app.weighing import CONTESTED_LEGEND, SUPPORT_LEGEND
from explorer.gui.graph.edges import draw_contested_mark, support_pen
from explorer.gui.style import KIND_ORDER, kind_colour, node_path, outline_colour

#: The third column: how an edge's line says the weight of its evidence.
WEIGHT_ROWS = [*(text for _support, text in SUPPORT_LEGEND), CONTESTED_LEGEND]
#: Under the categories: what an actor's size, an arrow head and a count badge say.
ENCODING_ROWS = ["size: number of claims", "arrow: directed relation", "count: claims on one edge"]


class LegendWidget(QWidget):
    """What shapes, colours and lines mean: actor kinds, relation categories, the weight of the evidence
    (line styles and the contested mark), and what sizes, arrows and count badges say."""

    ROW = 18

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.kinds: list[str] = []
        self.categories: list[tuple[str, QColor]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_entries(self, kinds: list[str], categories: list[tuple[str, QColor]]) -> None:
        self.kinds = [k for k in KIND_ORDER if k in kinds] + sorted(k for k in kinds if k not in KIND_ORDER)
        self.categories = categories
        self.resize(self.sizeHint())
        self.update()

    def _column_width(self, names: Iterable[str]) -> float:
        metrics = QFontMetricsF(self.font())
        return max((metrics.horizontalAdvance(n) for n in names), default=0) + 30

    def _first_width(self) -> float:
        """The first column: actor kinds, then the line styles of the weight of the evidence under them."""
        return max(self._column_width(self.kinds), self._column_width(WEIGHT_ROWS))

    def sizeHint(self) -> QSize:
        rows = max(len(self.kinds) + len(WEIGHT_ROWS), len(self.categories) + len(ENCODING_ROWS))
        width = self._first_width() + self._column_width([*(c for c, _ in self.categories), *ENCODING_ROWS]) + 16
        return QSize(int(width), rows * self.ROW + 12)

    def paintEvent(self, event: QEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        back = QColor(palette.color(QPalette.ColorRole.Window))
        back.setAlpha(225)
        painter.setPen(QPen(outline_colour(palette), 0.8))
        painter.setBrush(back)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        text = palette.color(QPalette.ColorRole.WindowText)
        y0 = 6 + self.ROW / 2
        for i, kind in enumerate(self.kinds):
            y = y0 + i * self.ROW
            painter.save()
            painter.translate(16, y)
            painter.setPen(QPen(outline_colour(palette), 1))
            painter.setBrush(kind_colour(kind))
            painter.drawPath(node_path(kind, 5.5))
            painter.restore()
            painter.setPen(text)
            painter.drawText(
                QRectF(28, y - self.ROW / 2, 200, self.ROW), int(Qt.AlignmentFlag.AlignVCenter), kind
            )
        x = 8 + self._first_width()
        for i, (label, colour) in enumerate(self.categories):
            y = y0 + i * self.ROW
            painter.setPen(QPen(colour, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(QPointF(x + 2, y), QPointF(x + 18, y))
            painter.setPen(text)
            painter.drawText(
                QRectF(x + 24, y - self.ROW / 2, 300, self.ROW), int(Qt.AlignmentFlag.AlignVCenter), label
            )
        for i, label in enumerate(ENCODING_ROWS):
            y = y0 + (len(self.categories) + i) * self.ROW
            self._paint_encoding(painter, i, x, y, text, palette)
            painter.setPen(text)
            painter.drawText(
                QRectF(x + 24, y - self.ROW / 2, 300, self.ROW), int(Qt.AlignmentFlag.AlignVCenter), label
            )
        x = 8
        for i, label in enumerate(WEIGHT_ROWS):
            y = y0 + (len(self.kinds) + i) * self.ROW
            if i < len(SUPPORT_LEGEND):
                painter.setPen(support_pen(text, 2.4, SUPPORT_LEGEND[i][0]))
                painter.drawLine(QPointF(x + 2, y), QPointF(x + 18, y))
            else:
                painter.setPen(support_pen(text, 1.4, "single"))
                painter.drawLine(QPointF(x + 2, y), QPointF(x + 18, y))
                draw_contested_mark(painter, QPointF(x + 10, y), 1.0)
            painter.setPen(text)
            painter.drawText(
                QRectF(x + 24, y - self.ROW / 2, 300, self.ROW), int(Qt.AlignmentFlag.AlignVCenter), label
            )
        painter.end()

    @staticmethod
    def _paint_encoding(painter: QPainter, row: int, x: float, y: float, text: QColor, palette: QPalette) -> None:
        """The sample of ENCODING_ROWS[row]: a small and a large actor, an arrow, a count badge."""
        painter.save()
        painter.setPen(QPen(outline_colour(palette), 1))
        painter.setBrush(kind_colour("country"))
        if row == 0:
            painter.drawEllipse(QPointF(x + 4, y + 2), 2.5, 2.5)
            painter.drawEllipse(QPointF(x + 13, y), 6.0, 6.0)
        elif row == 1:
            painter.setPen(QPen(text, 1.4))
            painter.drawLine(QPointF(x + 1, y), QPointF(x + 13, y))
            painter.setBrush(text)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon([QPointF(x + 19, y), QPointF(x + 11, y - 4), QPointF(x + 11, y + 4)])
        else:
            painter.setPen(QPen(text, 1.2))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.drawEllipse(QPointF(x + 10, y), 7.0, 7.0)
            font = painter.font()
            font.setPointSizeF(max(font.pointSizeF() - 2, 6))
            painter.setFont(font)
            painter.drawText(QRectF(x + 3, y - 7, 14, 14), int(Qt.AlignmentFlag.AlignCenter), "3")
        painter.restore()
