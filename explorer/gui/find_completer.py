"""Find's completion list: one row per actor (its name and type, its other names in small print), matched
by any of its names, case and accents aside. A thin adapter over :mod:`explorer.app.finding`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QCompleter, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

if TYPE_CHECKING:  # the window's first frame has an empty list: Find's records are imported with a graph
    from explorer.app.finding import Completion

#: The actor's IRI, and every name it is matched by (the completion role).
IRI_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
ALSO_ROLE = Qt.ItemDataRole.UserRole + 3
LABEL_ROLE = Qt.ItemDataRole.UserRole + 4
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 5  # the Completion itself

AnyIndex = QModelIndex | QPersistentModelIndex


class CompletionModel(QAbstractListModel):
    """Find's rows over the plain :class:`Completion` records: a graph of 10k actors is offered at once
    (a QStandardItem per actor took 120 ms of the GUI thread), each row's folded names made when first
    asked for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[Completion] = []
        self._keys: dict[int, str] = {}

    def set_entries(self, entries: list[Completion]) -> None:
        self.beginResetModel()
        self.entries, self._keys = list(entries), {}
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries) or index.column() != 0:
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.text
        if role == KEY_ROLE:
            key = self._keys.get(index.row())
            if key is None:
                key = self._keys[index.row()] = entry.key
            return key
        if role == IRI_ROLE:
            return entry.iri
        if role == ALSO_ROLE:
            return entry.also
        if role == LABEL_ROLE:
            return entry.label
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(filter(None, (entry.text, entry.also)))
        return None


class ActorCompleter(QCompleter):
    """Completes over :data:`KEY_ROLE` and puts the actor's name, not the key, in the box."""

    def __init__(self, parent: QWidget, chosen: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.setModel(CompletionModel(self))
        self.setCompletionRole(KEY_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        popup = self.popup()
        if popup is not None:
            popup.setItemDelegate(_TwoLines(self, popup))
        self.activated[QModelIndex].connect(  # type: ignore[index]
            lambda index: chosen(index.data(IRI_ROLE)))

    def set_completions(self, entries: list[Completion]) -> None:
        model = self.model()
        assert isinstance(model, CompletionModel)
        model.set_entries(entries)

    def pathFromIndex(self, index: AnyIndex) -> str:
        return str(index.data(LABEL_ROLE) or "")

    def small_print(self, index: AnyIndex) -> str:
        """The row's other names, the one that matched what is typed first (explorer.app.finding)."""
        from explorer.app.finding import Completion

        entry = index.data(ENTRY_ROLE)
        if isinstance(entry, Completion):
            return entry.also_for(self.completionPrefix())
        return str(index.data(ALSO_ROLE) or "")


class _TwoLines(QStyledItemDelegate):
    """The name and type, and under it the other names in a smaller, quieter font."""

    def __init__(self, completer: ActorCompleter, parent: QWidget) -> None:
        super().__init__(parent)
        self.completer = completer

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
        if index.data(ALSO_ROLE):
            size.setHeight(int(size.height() * 1.8))
        return size
