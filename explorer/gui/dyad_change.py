"""The Dyad dock's second tab: the pairs that warmed or cooled most between two periods.

Two periods (years or ISO dates; suggested from the visible claims), Compare, and a ranked tree: warmed most,
cooled most, each pair with its mean intensity before and after. Clicking a pair selects the two actors, so
the Pair tab shows its bars.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # (the analysis modules wait for a graph)
    from explorer.app.dyad_change import Changes

PAIR_ROLE = Qt.ItemDataRole.UserRole


class ChangePanel(QWidget):
    """Periods, a Compare button and the ranked pairs."""

    compareRequested = Signal(str, str, str, str)
    pairPicked = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bounds = [QLineEdit() for _ in range(4)]
        for edit, tip in zip(self.bounds, ("first period: from", "first period: to", "second period: from",
                                           "second period: to"), strict=True):
            edit.setPlaceholderText("YYYY")
            edit.setToolTip(tip + " (YYYY, YYYY-MM or YYYY-MM-DD, inclusive)")
            edit.setMaximumWidth(92)
            edit.returnPressed.connect(self._compare)
        self.compare_button = QPushButton("Compare")
        self.compare_button.clicked.connect(self._compare)
        grid = QGridLayout()  # two short rows: the dock stays narrow at 1024 pixels
        for r, title in enumerate(("First period", "Second period")):
            grid.addWidget(QLabel(title), r, 0)
            grid.addWidget(self.bounds[2 * r], r, 1)
            grid.addWidget(QLabel("–"), r, 2)
            grid.addWidget(self.bounds[2 * r + 1], r, 3)
        grid.addWidget(self.compare_button, 1, 4)
        grid.setColumnStretch(5, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["pair", "before", "after", "change"])
        self.tree.setRootIsDecorated(False)
        self.tree.itemClicked.connect(self._picked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(grid)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)

    def set_periods(self, bounds: tuple[str, str, str, str]) -> None:
        for edit, text in zip(self.bounds, bounds, strict=True):
            edit.setText(text)

    def _compare(self) -> None:
        self.compareRequested.emit(*(edit.text().strip() for edit in self.bounds))

    def show_error(self, message: str) -> None:
        self.tree.clear()
        self.note.setText(message)

    def show_changes(self, changes: Changes | None) -> None:
        self.tree.clear()
        if changes is None:
            self.note.setText("No coded claims to compare")
            return
        self.note.setText(f"{changes.compared} pairs have coded claims in both {changes.first} and "
                          f"{changes.second}. Mean intensity of their claims, -10 hostile to +10 cooperative; "
                          "click a pair to see its bars in the Pair tab.")
        for title, rows in (("warmed most", changes.warmed), ("cooled most", changes.cooled)):
            head = QTreeWidgetItem([f"{title} ({len(rows)})"])
            head.setFirstColumnSpanned(True)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            for r in rows:
                item = QTreeWidgetItem([f"  {r.text}", f"{r.before:+.2f}", f"{r.after:+.2f}", f"{r.change:+.2f}"])
                item.setData(0, PAIR_ROLE, (r.a, r.b))
                item.setToolTip(0, f"{len(r.claims)} coded claims")
                self.tree.addTopLevelItem(item)
        for column in range(4):
            self.tree.resizeColumnToContents(column)

    def _picked(self, item: QTreeWidgetItem, _column: int) -> None:
        pair = item.data(0, PAIR_ROLE)
        if pair:
            self.pairPicked.emit(*pair)
