"""The graph's legend: what shapes, colours and lines mean, drawn over the view's top-left corner.

A "Legend" header collapses it to one line and expands it again (the choice is remembered); until the user
chooses, it is expanded on a large canvas and collapsed on a small one, where it would take the graph's room.
Its groups (actor kinds, relation categories, the weight of the evidence, what size, arrows and badges say)
sit side by side when the canvas is wide enough, else in three or two columns.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPaintEngine, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QToolButton, QWidget

from explorer.app.weighing import CONTESTED_LEGEND, SUPPORT_LEGEND
from explorer.gui import settings
from explorer.gui.graph.edges import draw_contested_mark, support_pen
from explorer.gui.style import KIND_ORDER, kind_colour, node_path, outline_colour

#: How an edge's line says the weight of its evidence.
WEIGHT_ROWS = [*(text for _support, text in SUPPORT_LEGEND), CONTESTED_LEGEND]
#: What an actor's size, an arrow head and a count badge say.
ENCODING_ROWS = ["size: number of claims", "arrow: directed relation", "count: claims on one edge"]
#: The setting that keeps the user's choice (expanded or collapsed); absent until the user chooses.
EXPANDED_KEY = "view/legendExpanded"
#: Below this canvas size the legend starts collapsed (until the user chooses).
SMALL_CANVAS = QSize(800, 600)

_PAD = 6  # inside the box, round the header and the rows
_GAP = 10  # between two groups side by side


class LegendWidget(QWidget):
    """What shapes, colours and lines mean: actor kinds, relation categories, the weight of the evidence
    (line styles and the contested mark), and what sizes, arrows and count badges say; only the kinds and
    categories in use. ``header``: the collapsing button (a picture's legend has none)."""

    ROW = 17
    #: Expanded or collapsed (by the user or by the canvas's size): the view leaves the legend room again.
    expandedChanged = Signal(bool)

    def __init__(self, parent: QWidget | None, header: bool = True) -> None:
        super().__init__(parent)
        self.kinds: list[str] = []
        self.categories: list[tuple[str, QColor]] = []
        #: the last picture drawn, and what it showed (see paintEvent)
        self._picture: tuple[tuple, QPixmap] | None = None
        self._columns = 2  # groups side by side: 4 on a wide canvas, else 3 or 2 (some over others)
        self._canvas: QSize | None = None  # the canvas it is drawn over (None in a picture)
        self.toggle: QToolButton | None = None
        self.expanded = True
        #: the user's choice, once made: else the canvas's size decides
        self.chosen: bool | None = None
        if header:
            stored = settings.app_settings().value(EXPANDED_KEY)
            if stored is not None:
                self.chosen = str(stored).lower() not in ("false", "0")
                self.expanded = self.chosen
            self.toggle = QToolButton(self)
            self.toggle.setObjectName("legendToggle")
            self.toggle.setText("Legend")
            self.toggle.setAutoRaise(True)
            self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.toggle.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.toggle.clicked.connect(self._clicked)
            self.toggle.move(_PAD // 2, _PAD // 2)
            self._show_state()
        else:  # (beside a picture's graph: tall rather than wide)
            self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    # ------------------------------------------------------------------ state

    def _clicked(self) -> None:
        self.set_expanded(not self.expanded, chosen=True)

    def set_expanded(self, expanded: bool, chosen: bool = False) -> None:
        """Expand or collapse; ``chosen`` when the user asked (remembered, and the canvas's size no longer
        decides)."""
        if chosen:
            self.chosen = expanded
            settings.app_settings().setValue(EXPANDED_KEY, expanded)
        if expanded == self.expanded:
            return
        self.expanded = expanded
        self._show_state()
        self.expandedChanged.emit(expanded)

    def follow_canvas(self, canvas: QSize) -> None:
        """The canvas's new size: the groups side by side if they fit its width, and (until the user
        chooses) expanded on a large canvas, collapsed on a small one."""
        self._canvas = QSize(canvas)
        self._show_state()
        if self.chosen is None:
            self.set_expanded(canvas.width() >= SMALL_CANVAS.width() and canvas.height() >= SMALL_CANVAS.height())

    def _show_state(self) -> None:
        if self._canvas is not None:  # (the entries' widths, or the canvas's, changed)
            fits = [n for n in (4, 3) if self._width_for(n) + 16 <= self._canvas.width()]
            self._columns = fits[0] if fits else 2
        if self.toggle is not None:
            self.toggle.setArrowType(Qt.ArrowType.DownArrow if self.expanded else Qt.ArrowType.RightArrow)
            self.toggle.setToolTip("Collapse the legend" if self.expanded else
                                   "Expand the legend: what shapes, colours, lines, sizes and badges mean")
            self.toggle.adjustSize()
        self.resize(self.sizeHint())
        self.update()

    def set_entries(self, kinds: list[str], categories: list[tuple[str, QColor]]) -> None:
        self.kinds = [k for k in KIND_ORDER if k in kinds] + sorted(k for k in kinds if k not in KIND_ORDER)
        self.categories = categories
        self._show_state()

    def for_picture(self) -> LegendWidget:
        """The whole legend (expanded, in two columns, no header) to draw beside the graph in a picture."""
        key = LegendWidget(None, header=False)
        key.setPalette(self.palette())
        key.setFont(self.font())
        key.set_entries(self.kinds, self.categories)
        return key

    # ------------------------------------------------------------------ geometry

    def _groups(self) -> list[list[str]]:
        return [self.kinds, [c for c, _ in self.categories], WEIGHT_ROWS, ENCODING_ROWS]

    def _column_width(self, names: Iterable[str]) -> float:
        metrics = QFontMetricsF(self.font())
        return max((metrics.horizontalAdvance(n) for n in names), default=0) + 28

    def _layout(self, columns: int) -> list[list[int]]:
        """The groups (by index) in each column: all side by side, or kinds and categories beside weights over
        encodings, or kinds over weights beside categories over encodings."""
        return {4: [[0], [1], [2], [3]], 3: [[0], [1], [2, 3]]}.get(columns, [[0, 2], [1, 3]])

    def _width_for(self, columns: int) -> float:
        groups = self._groups()
        widths = [self._column_width(n for g in column for n in groups[g]) for column in self._layout(columns)]
        return sum(widths) + _GAP * (len(widths) - 1) + 2 * _PAD

    def _header_height(self) -> int:
        return self.toggle.sizeHint().height() + _PAD // 2 if self.toggle is not None else 0

    def sizeHint(self) -> QSize:
        header = self._header_height()
        if self.toggle is not None and not self.expanded:
            return QSize(self.toggle.sizeHint().width() + _PAD, header + _PAD // 2)
        groups = self._groups()
        rows = max(sum(len(groups[g]) for g in column) for column in self._layout(self._columns))
        width = max(self._width_for(self._columns), self.toggle.sizeHint().width() + _PAD if self.toggle else 0)
        return QSize(int(width), header + rows * self.ROW + 2 * _PAD)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QEvent) -> None:
        """The legend's picture, drawn again only when what it shows or how changed: the canvas under it is
        repainted at every play step of the Time bar, and drawing the legend anew took ~2-3 ms of it."""
        palette = self.palette()
        painter = QPainter(self)
        engine = painter.paintEngine()
        if engine is None or engine.type() != QPaintEngine.Type.Raster:  # an SVG or a print gets vectors
            self._paint(painter, palette)
            painter.end()
            return
        ratio = self.devicePixelRatioF()
        key = (self.size().toTuple(), ratio, palette.cacheKey(), self.font().toString(), self.expanded,
               self.toggle is None, self._columns, tuple(self.kinds),
               tuple((c, colour.rgba()) for c, colour in self.categories),
               tuple(kind_colour(k).rgba() for k in (*self.kinds, "country")))
        if self._picture is None or self._picture[0] != key:
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            drawing = QPainter(picture)
            self._paint(drawing, palette)
            drawing.end()
            self._picture = (key, picture)
        painter.drawPixmap(0, 0, self._picture[1])
        painter.end()

    def _paint(self, painter: QPainter, palette: QPalette) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        back = QColor(palette.color(QPalette.ColorRole.Window))
        back.setAlpha(225)
        painter.setPen(QPen(outline_colour(palette), 0.8))
        painter.setBrush(back)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        if self.toggle is None or self.expanded:
            self._paint_rows(painter, palette)

    def _paint_rows(self, painter: QPainter, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.WindowText)
        groups = self._groups()
        x = float(_PAD)
        for column in self._layout(self._columns):
            y = self._header_height() + _PAD + self.ROW / 2
            for g in column:
                for i, label in enumerate(groups[g]):
                    self._paint_sample(painter, g, i, x, y, text, palette)
                    painter.setPen(text)
                    painter.drawText(QRectF(x + 24, y - self.ROW / 2, 400, self.ROW),
                                     int(Qt.AlignmentFlag.AlignVCenter), label)
                    y += self.ROW
            x += self._column_width(n for g in column for n in groups[g]) + _GAP

    def _paint_sample(self, painter: QPainter, group: int, row: int, x: float, y: float, text: QColor,
                      palette: QPalette) -> None:
        """The sample drawn before a row's words: a kind's shape, a category's colour, a line style, or an
        encoding's example."""
        painter.save()
        if group == 0:
            painter.translate(x + 10, y)
            painter.setPen(QPen(outline_colour(palette), 1))
            painter.setBrush(kind_colour(self.kinds[row]))
            painter.drawPath(node_path(self.kinds[row], 5.5))
        elif group == 1:
            painter.setPen(QPen(self.categories[row][1], 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(QPointF(x + 2, y), QPointF(x + 18, y))
        elif group == 2:
            if row < len(SUPPORT_LEGEND):
                painter.setPen(support_pen(text, 2.4, SUPPORT_LEGEND[row][0]))
                painter.drawLine(QPointF(x + 2, y), QPointF(x + 18, y))
            else:
                painter.setPen(support_pen(text, 1.4, "single"))
                painter.drawLine(QPointF(x + 2, y), QPointF(x + 18, y))
                draw_contested_mark(painter, QPointF(x + 10, y), 1.0)
        else:
            _paint_encoding(painter, row, x, y, text, palette)
        painter.restore()


def _paint_encoding(painter: QPainter, row: int, x: float, y: float, text: QColor, palette: QPalette) -> None:
    """The sample of ENCODING_ROWS[row]: a small and a large actor, an arrow, a count badge."""
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


