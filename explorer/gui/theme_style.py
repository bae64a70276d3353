"""The style of the explorer's own themes (explorer.gui.theme applies it with a light or dark theme)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

from explorer.core.palette import Theme


class ThemeStyle(QProxyStyle):
    """Fusion, with check boxes and radio buttons outlined in a colour that stands out (3:1) from the
    panels and lists: Fusion outlines them in the window colour darkened, which a dark panel swallows
    (and which is 2.3:1 on white)."""

    INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
                  QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def __init__(self, theme: Theme) -> None:
        super().__init__("Fusion")
        self.edge = QColor(theme.control_edge)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in self.INDICATORS:
            return
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            side = min(rect.width(), rect.height())
            rect = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.edge, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()
