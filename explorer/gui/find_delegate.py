"""Find's completion rows drawn on two lines (explorer.gui.find_completer installs it with the first
completions: the window's first frame needs neither the popup nor QStyle)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex


class SmallPrint(Protocol):
    """What the rows need of Find's completer (explorer.gui.find_completer, which imports this module)."""

    def small_print(self, index: AnyIndex) -> str: ...


class TwoLines(QStyledItemDelegate):
    """The name and type, and under it the other names in a smaller, quieter font."""

    def __init__(self, completer: SmallPrint, also_role: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.completer = completer
        self.also_role = also_role  # the rows' other names (a row with some is two lines high)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        also = self.completer.small_print(index)
        if not also:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text = option.text  # type: ignore[attr-defined]
        option.text = ""  # type: ignore[attr-defined]
        style = option.widget.style() if option.widget is not None else None  # type: ignore[attr-defined]
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)  # type: ignore[attr-defined]
        rect = option.rect.adjusted(4, 1, -4, -1)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        pen = palette.highlightedText().color() if selected else palette.text().color()
        painter.save()
        painter.setPen(pen)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        small = QFont(option.font)  # type: ignore[attr-defined]
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 6.0))
        painter.setFont(small)
        if not selected:
            pen = palette.placeholderText().color()
        painter.setPen(pen)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         painter.fontMetrics().elidedText(also, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(self.also_role):
            size.setHeight(int(size.height() * 1.8))
        return size
