"""How an article's row reads in the Sources page: its title on one line (elided, the tooltip has it all)
and, in small print under it, its date and how many claims it gives. Rows without a second line (the
publishers) are drawn as usual."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

AnyIndex = QModelIndex | QPersistentModelIndex


class TitleAndDetails(QStyledItemDelegate):
    """Paints "title\\ndetails" as the title and, under it, the details in a smaller, quieter font."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        text = str(index.data() or "")
        if "\n" not in text:
            super().paint(painter, option, index)
            return
        title, details = text.split("\n", 1)
        # (QStyle is imported when a row is drawn: its enums took 5 ms of the window's first frame)
        from PySide6.QtWidgets import QStyle

        self.initStyleOption(option, index)
        option.text = ""  # type: ignore[attr-defined]
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        rect: QRect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        rect = rect.adjusted(2, 1, -2, -1)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        painter.save()
        painter.setPen(palette.highlightedText().color() if selected else palette.text().color())
        metrics = painter.fontMetrics()
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        small = QFont(option.font)  # type: ignore[attr-defined]
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 6.0))
        painter.setFont(small)
        if not selected:
            painter.setPen(palette.placeholderText().color())
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         painter.fontMetrics().elidedText(details, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        text = str(index.data() or "")
        if "\n" not in text:
            return super().sizeHint(option, index)
        line = option.fontMetrics.height()  # type: ignore[attr-defined]
        return QSize(120, int(line * 1.9) + 4)  # (narrow: the title is elided to the dock's width)
