"""The Dyad panel: a pair's coded claims per year, stacked by quad class, with the net-intensity line.

Select two actors (Ctrl+click) or an edge: the bars count the pair's visible coded claims per year
(verbal/material cooperation in greens, verbal/material conflict in oranges and reds); the line is the sum
of their intensities (PLOVER categories, -10…+10), its zero the dashed rule. Click a bar to list its
claims; double-click one to show its passages in the Evidence panel.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from explorer.app.lenses import Dyad
from explorer.core.quads import QUAD_LABELS
from explorer.gui.theme import current_theme

CLAIM_ROLE = Qt.ItemDataRole.UserRole


class DyadChart(QWidget):
    """Stacked bars per period and the net-intensity line; a click on a bar emits its index."""

    periodClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dyad: Dyad | None = None
        self.chosen: int | None = None
        self.setMinimumHeight(160)

    def set_dyad(self, dyad: Dyad | None) -> None:
        self.dyad, self.chosen = dyad, None
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(self.rect()).adjusted(36, 10, -10, -34)

    def bar_rect(self, index: int) -> QRectF:
        """Where bar ``index`` may be clicked (its whole column)."""
        plot = self._plot()
        n = len(self.dyad.periods) if self.dyad else 1
        step = plot.width() / max(n, 1)
        return QRectF(plot.left() + index * step + step * 0.15, plot.top(), step * 0.7, plot.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        plot = self._plot()
        if not self.dyad or not self.dyad.periods:
            painter.setPen(text)
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter),
                             "Select two actors (Ctrl+click) or an edge" if not self.dyad else
                             "No coded claims between these two")
            painter.end()
            return
        periods = self.dyad.periods
        theme = current_theme()
        top = max(sum(p.by_quad.values()) for p in periods) or 1
        swing = max(abs(p.net_intensity) for p in periods) or 1.0
        unit = plot.height() / top
        painter.setPen(QPen(text, 0.6))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawText(QRectF(0, plot.top() - 6, 32, 14), int(Qt.AlignmentFlag.AlignRight), str(top))
        points = []
        for i, period in enumerate(periods):
            bar = self.bar_rect(i)
            y = plot.bottom()
            for quad in (1, 2, 3, 4):
                h = period.by_quad.get(quad, 0) * unit
                if h:
                    painter.fillRect(QRectF(bar.left(), y - h, bar.width(), h), QColor(theme.quads[quad - 1]))
                    y -= h
            if i == self.chosen:
                painter.setPen(QPen(text, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(bar.left(), y, bar.width(), plot.bottom() - y))
            painter.setPen(text)
            painter.drawText(QRectF(bar.left() - 20, plot.bottom() + 2, bar.width() + 40, 16),
                             int(Qt.AlignmentFlag.AlignHCenter), period.period)
            points.append(QPointF(bar.center().x(), plot.center().y() - period.net_intensity / swing *
                                  plot.height() / 2))
        zero = QPen(text, 0.8, Qt.PenStyle.DashLine)
        painter.setPen(zero)
        painter.drawLine(QPointF(plot.left(), plot.center().y()), QPointF(plot.right(), plot.center().y()))
        painter.setPen(QPen(QColor(theme.trend), 2))
        for a, b in pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(QColor(theme.trend))
        for p in points:
            painter.drawEllipse(p, 3, 3)
        painter.setPen(text)
        painter.drawText(QRectF(plot.left(), plot.bottom() + 16, plot.width(), 16),
                         int(Qt.AlignmentFlag.AlignLeft),
                         "bars: claims by quad class · line: net intensity (dashed: 0, ±"
                         f"{swing:g} at the edges)")
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.dyad:
            for i in range(len(self.dyad.periods)):
                if self.bar_rect(i).contains(event.position()):
                    self.chosen = i
                    self.update()
                    self.periodClicked.emit(i)
                    return
        super().mousePressEvent(event)


class DyadPanel(QWidget):
    """The chart, its legend line and the claims of the clicked period."""

    claimActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = DyadChart()
        self.claims = QListWidget()
        self.legend = legend = QLabel()
        legend.setTextFormat(Qt.TextFormat.RichText)
        legend.setWordWrap(True)  # else its one line holds the dock (and the window) 600 pixels wide
        self._show_legend()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.chart, 2)
        layout.addWidget(legend)
        layout.addWidget(self.claims, 1)
        self.described: dict[str, str] = {}
        self.chart.periodClicked.connect(self._list)
        self.claims.itemActivated.connect(self._activated)

    def _show_legend(self) -> None:
        """The quad classes' and the line's colours, in the theme shown now."""
        theme = current_theme()
        self.legend.setText("&nbsp;&nbsp;".join(f'<span style="color:{theme.quads[q - 1]}">■</span> {label}'
                                                for q, label in QUAD_LABELS.items())
                            + f'&nbsp;&nbsp;<span style="color:{theme.trend}">●</span> net intensity')

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._show_legend()

    def _activated(self, item: QListWidgetItem) -> None:
        self.claimActivated.emit(item.data(CLAIM_ROLE))

    def show_dyad(self, dyad: Dyad | None, title: str, described: dict[str, str]) -> None:
        """Show ``dyad`` under ``title``; ``described`` gives each claim's line ('Armenia accuses Azerbaijan')."""
        self.described = described
        self.title.setText(title)
        self.chart.set_dyad(dyad)
        self.claims.clear()

    def _list(self, index: int) -> None:
        self.claims.clear()
        dyad = self.chart.dyad
        if dyad is None:
            return
        for iri in dyad.periods[index].claims:
            item = QListWidgetItem(f"{dyad.periods[index].period}: {self.described.get(iri, iri)}")
            item.setData(CLAIM_ROLE, iri)
            self.claims.addItem(item)
