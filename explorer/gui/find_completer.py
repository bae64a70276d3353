"""Find's completion list: one row per actor (its name and type, its other names in small print), matched
by any of its names, case and accents aside. A thin adapter over :mod:`explorer.app.finding`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QCompleter, QWidget

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
        self._two_lines = False  # the popup's delegate is set with the first completions (set_completions)
        self.activated[QModelIndex].connect(  # type: ignore[index]
            lambda index: chosen(index.data(IRI_ROLE)))

    def set_completions(self, entries: list[Completion]) -> None:
        model = self.model()
        assert isinstance(model, CompletionModel)
        model.set_entries(entries)
        if not self._two_lines:
            # the popup and its delegate are made when there is something to pop up: the window's first
            # frame has no completions and does without both (QStyle's enums alone were 5 ms of it)
            from explorer.gui.find_delegate import TwoLines

            popup = self.popup()
            if popup is not None:
                popup.setItemDelegate(TwoLines(self, ALSO_ROLE, popup))
                self._two_lines = True

    def pathFromIndex(self, index: AnyIndex) -> str:
        return str(index.data(LABEL_ROLE) or "")

    def small_print(self, index: AnyIndex) -> str:
        """The row's other names, the one that matched what is typed first (explorer.app.finding)."""
        from explorer.app.finding import Completion

        entry = index.data(ENTRY_ROLE)
        if isinstance(entry, Completion):
            return entry.also_for(self.completionPrefix())
        return str(index.data(ALSO_ROLE) or "")
