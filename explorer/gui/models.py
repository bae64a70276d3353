"""Qt item models: thin adapters over the core's lists of claims, passages, paths and choices.

They hold plain core records and answer Qt's questions about them; nothing here reads RDF.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from explorer.gui.style import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.network import PathStep

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # the default 'parent' argument of Qt's model methods


class Role(IntEnum):
    KIND = Qt.ItemDataRole.UserRole + 1  # "group", "claim" or "passage"
    CLAIM = Qt.ItemDataRole.UserRole + 2  # claim IRI (claim and passage rows)
    CONTEXT = Qt.ItemDataRole.UserRole + 3  # EvidenceContext (passage rows)
    EVIDENCE = Qt.ItemDataRole.UserRole + 4  # evidence IRI (passage rows)
    QUOTE = Qt.ItemDataRole.UserRole + 5  # the quoted words, verbatim (passage rows)
    KEY = Qt.ItemDataRole.UserRole + 6  # IRI or key of a checkable choice / path index


class PathListModel(QAbstractListModel):
    """The shortest chains found between two actors, one row each."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.paths: list[list[PathStep]] = []
        self._titles: list[str] = []

    def set_paths(self, kb: KnowledgeBase | None, paths: list[list[PathStep]]) -> None:
        self.beginResetModel()
        self.paths = paths
        self._titles = []
        for path in paths:
            names = [kb.label(path[0].source)] + [kb.label(s.target) for s in path] if kb and path else []
            claims = sum(len(s.claims) for s in path)
            self._titles.append(
                " → ".join(names) + f"  ({len(path)} step{'s' if len(path) != 1 else ''}, "
                f"{claims} claim{'s' if claims != 1 else ''})"
            )
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.paths)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.paths):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._titles[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._titles[index.row()])
        if role == Role.KEY:
            return index.row()
        return None


class ChoiceModel(QStandardItemModel):
    """Checkable choices (categories, kinds, publishers > articles): every item starts checked.

    ``checked_keys`` returns None when everything is checked, which the filters read as 'no filter'.
    """

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        value = super().data(index, role)
        if role == Qt.ItemDataRole.CheckStateRole and isinstance(value, int):
            return Qt.CheckState(value)  # the stored int, as the enum views and testers expect
        return value

    def add_choice(
        self,
        key: str,
        text: str,
        icon: QIcon | None = None,
        tooltip: str | None = None,
        parent: QStandardItem | None = None,
    ) -> QStandardItem:
        item = QStandardItem(text)
        item.setData(key, Role.KEY)
        item.setEditable(False)
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Checked)
        if icon is not None:
            item.setIcon(icon)
        if tooltip:
            item.setToolTip(plain_tooltip(tooltip))
        (parent or self.invisibleRootItem()).appendRow(item)
        return item

    def add_group(self, text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setCheckable(True)
        item.setAutoTristate(True)
        item.setCheckState(Qt.CheckState.Checked)
        self.invisibleRootItem().appendRow(item)
        return item

    def leaves(self) -> list[QStandardItem]:
        out: list[QStandardItem] = []

        def walk(item: QStandardItem) -> None:
            for row in range(item.rowCount()):
                child = item.child(row)
                if child.hasChildren():
                    walk(child)
                else:
                    out.append(child)

        walk(self.invisibleRootItem())
        return out

    def checked_keys(self) -> frozenset[str] | None:
        leaves = self.leaves()
        chosen = frozenset(i.data(Role.KEY) for i in leaves if i.checkState() == Qt.CheckState.Checked)
        return None if len(chosen) == len(leaves) else chosen

    def set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.rowCount()):
            self.item(row).setCheckState(state)
            for leaf in range(self.item(row).rowCount()):
                self.item(row).child(leaf).setCheckState(state)

    def follow_children(self, group: QStandardItem) -> None:
        """A group's box says what its choices are: checked when all are (its only one, say), unchecked
        when none is, partly checked otherwise. (QStandardItemModel leaves auto-tristate to the view
        classes that implement it, which QTreeView does not.)"""
        states = {group.child(row).checkState() for row in range(group.rowCount())}
        if not states:
            return
        state = states.pop() if len(states) == 1 else Qt.CheckState.PartiallyChecked
        if state != group.checkState():
            group.setCheckState(state)

    def follow_all_children(self) -> None:
        for row in range(self.rowCount()):
            if self.item(row).hasChildren():
                self.follow_children(self.item(row))

    def set_checked(self, key: str, checked: bool) -> bool:
        for leaf in self.leaves():
            if leaf.data(Role.KEY) == key:
                leaf.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return True
        return False
