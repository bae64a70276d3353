"""The Suggestions dock's panel: the claims suggested for the article in the reader, by score, with Accept,
Reject and Accept All Above (explorer.gui.sources wires it; made after the window's first frame, where
its dock is hidden)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.app import sources as policy

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class SuggestionsPanel(QWidget):
    """The suggestions of the article in the reader, by score."""

    acceptRequested = Signal(int)
    rejectRequested = Signal(list)
    acceptAllRequested = Signal(float)
    suggestionActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Open an article in the reader to see the claims it suggests.")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Score", "Suggested claim", "Factuality", "Date", "Quote"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.tree.setAccessibleName("claim suggestions")
        self.tree.itemActivated.connect(lambda item, _col: self.acceptRequested.emit(item.data(0, ROW_ROLE)))
        self.tree.currentItemChanged.connect(self._current)
        self.accept_button = QPushButton("&Accept…")
        self.accept_button.setToolTip("Open the New Claim form filled in with this suggestion")
        self.reject_button = QPushButton("&Reject")
        self.reject_button.setToolTip("Never suggest these again (remembered in the workspace)")
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(policy.DEFAULT_ACCEPT_ALL)
        self.threshold.setAccessibleName("accept all above this score")
        self.accept_all_button = QPushButton("Accept All &Above")
        self.accept_all_button.setToolTip("Create a claim for every suggestion scoring at least this much: "
                                          "each is its own step of Edit › Undo")
        self.accept_button.clicked.connect(self._accept)
        self.reject_button.clicked.connect(self._reject)
        self.accept_all_button.clicked.connect(lambda: self.acceptAllRequested.emit(self.threshold.value()))
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.reject_button)
        row.addStretch(1)
        row.addWidget(self.accept_all_button)
        row.addWidget(self.threshold)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.set_rows([], "")

    def set_rows(self, rows: list[tuple[float, str, str, str, str]], summary: str) -> None:
        self.tree.clear()
        for n, (score, claim, factuality, date, quote) in enumerate(rows):
            item = QTreeWidgetItem([f"{score:.2f}", claim, factuality, date, quote])
            item.setData(0, ROW_ROLE, n)
            item.setToolTip(4, quote)
            self.tree.addTopLevelItem(item)
        for col, width in enumerate((48, 300, 80, 80)):
            self.tree.setColumnWidth(col, width)
        if summary:
            self.summary.setText(summary)
        has = bool(rows)
        for button in (self.accept_button, self.reject_button, self.accept_all_button):
            button.setEnabled(has)

    def chosen(self) -> list[int]:
        return sorted(item.data(0, ROW_ROLE) for item in self.tree.selectedItems())

    def _current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.suggestionActivated.emit(item.data(0, ROW_ROLE))

    def _accept(self) -> None:
        rows = self.chosen()
        if rows:
            self.acceptRequested.emit(rows[0])

    def _reject(self) -> None:
        rows = self.chosen()
        if rows:
            self.rejectRequested.emit(rows)
