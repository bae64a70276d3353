"""The Re-anchoring dock (tabbed with Problems): when a workspace opens with an article whose text no
longer has the hash recorded at import, each of its passages is listed as moved, changed (with its score,
old and new wording side by side) or lost. Accept All Moved gives the moved ones their new selectors in
one undoable step; a changed one is accepted (or rejected: dropped from the list, its selectors kept) one
by one; lost ones stay listed. Nothing is rewritten without the user's word."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.core.anchoring import Anchor, State

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class ReanchorPanel(QWidget):
    acceptMovedRequested = Signal()
    acceptRequested = Signal(list)
    rejectRequested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["State", "Passage", "Offsets", "Score", "Quote", "Now in the text"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.tree.setAccessibleName("re-anchored passages")
        self.accept_moved = QPushButton("Accept All &Moved")
        self.accept_moved.setToolTip("Give every moved passage its new offsets and context (one undoable step)")
        self.accept_one = QPushButton("A&ccept Selected")
        self.accept_one.setToolTip("Give the selected moved or changed passages their new place and wording")
        self.reject_one = QPushButton("Re&ject Selected")
        self.reject_one.setToolTip("Keep the selected passages as they are (dropped from this list)")
        self.accept_moved.clicked.connect(self.acceptMovedRequested.emit)
        self.accept_one.clicked.connect(lambda: self.acceptRequested.emit(self.chosen()))
        self.reject_one.clicked.connect(lambda: self.rejectRequested.emit(self.chosen()))
        row = QHBoxLayout()
        for button in (self.accept_moved, self.accept_one, self.reject_one):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)

    def set_anchors(self, anchors: list[Anchor], summary: str) -> None:
        self.tree.clear()
        for n, a in enumerate(anchors):
            where = f"{a.old_start}–{a.old_end}" + (f" → {a.start}–{a.end}" if a.start is not None else "")
            score = f"{a.score:.2f}" if a.state is State.CHANGED else ""
            item = QTreeWidgetItem([a.state.value, a.evidence.rsplit("/", 1)[-1], where, score, a.exact,
                                    (a.new_exact or "") if a.state is State.CHANGED else ""])
            item.setData(0, ROW_ROLE, n)
            item.setToolTip(4, a.exact)
            item.setToolTip(5, a.new_exact or "")
            self.tree.addTopLevelItem(item)
        for col, width in enumerate((70, 90, 150, 50, 320)):
            self.tree.setColumnWidth(col, width)
        self.summary.setText(summary)
        self.accept_moved.setEnabled(any(a.state is State.MOVED for a in anchors))

    def chosen(self) -> list[int]:
        return sorted(item.data(0, ROW_ROLE) for item in self.tree.selectedItems())


class ReanchorController(QObject):
    """Checks the open graph's imported texts against their hashes, and lists what moved."""

    anchorsShown = Signal()

    def __init__(self, window: Any) -> None:  # the MainWindow
        super().__init__(window)
        self.panel = ReanchorPanel()
        self.dock = QDockWidget("Re-anchoring", window)
        self.dock.setObjectName("reanchorDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.problems_dock, self.dock)
        self.dock.hide()
        self.anchors: list[Anchor] = []
        self.texts: dict[str, str] = {}
        self.panel.acceptMovedRequested.connect(self.accept_moved)
        self.panel.acceptRequested.connect(self.accept)
        self.panel.rejectRequested.connect(self.reject)
        window.graphShown.connect(self.check)

    @property
    def window(self) -> Any:
        """The window: the Qt parent (no Python reference, so no cycle keeps the window alive)."""
        return self.parent()

    def check(self) -> None:
        """After a graph is shown: the passages of articles whose text changed since import."""
        from explorer.core.anchoring import anchor_all, stale_texts
        from explorer.core.knowledge import KnowledgeBase

        kb = self.window.session.kb
        if not isinstance(kb, KnowledgeBase):  # nothing, or an endpoint's graph: no texts imported here
            return
        self.texts = stale_texts(kb)
        found = anchor_all(kb.evidence.values(), self.texts) if self.texts else []
        self.anchors = [a for a in found if a.state is not State.UNCHANGED]
        self._show()

    def _show(self) -> None:
        if not self.anchors:
            self.panel.set_anchors([], "")
            self.dock.hide()
            return
        counts = {s: sum(a.state is s for a in self.anchors) for s in (State.MOVED, State.CHANGED, State.LOST)}
        self.panel.set_anchors(self.anchors, (
            f"{len(self.texts)} article text(s) changed since import: {counts[State.MOVED]} passage(s) moved, "
            f"{counts[State.CHANGED]} changed, {counts[State.LOST]} lost. Nothing is rewritten until you accept."))
        self.dock.show()
        self.dock.raise_()
        self.anchorsShown.emit()

    def _apply(self, chosen: list[Anchor]) -> bool:
        from explorer.core.curation.reanchor import AcceptAnchors

        chosen = [a for a in chosen if a.state in (State.MOVED, State.CHANGED)]
        if not chosen:
            return False
        done = self.window.editing._push(AcceptAnchors(chosen, self.texts))
        if done is None:
            return False
        keys = {a.evidence for a in chosen}
        self.anchors = [a for a in self.anchors if a.evidence not in keys]
        self._show()
        return True

    def accept_moved(self) -> bool:
        return self._apply([a for a in self.anchors if a.state is State.MOVED])

    def accept(self, rows: list[int]) -> bool:
        return self._apply([self.anchors[r] for r in rows if 0 <= r < len(self.anchors)])

    def reject(self, rows: list[int]) -> None:
        gone = {self.anchors[r].evidence for r in rows if 0 <= r < len(self.anchors)}
        self.anchors = [a for a in self.anchors if a.evidence not in gone]
        self._show()
