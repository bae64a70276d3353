"""The Re-anchoring dock (tabbed with Problems): when a workspace opens with an article whose text no
longer has the hash recorded at import, each of its passages is listed as moved, changed (with its score,
old and new wording side by side) or lost. Accept All Moved gives the moved ones their new selectors in
one undoable step; a changed one is accepted (or rejected: dropped from the list, its selectors kept) one
by one, after comparing the recorded quote and the words now in the text side by side below the list
(removed words struck through, added ones marked; Show in Reader opens the new text at its new place);
lost ones stay listed. Nothing is rewritten without the user's word."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # (the anchoring and wording modules wait for a changed text to be shown)
    from explorer.core.anchoring import Anchor

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class WordingComparison(QWidget):
    """The recorded quote and the words now at its place, side by side, with the differences marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.old_label, self.new_label = QLabel("Recorded quote"), QLabel("Now in the text")
        self.old, self.new = QTextBrowser(), QTextBrowser()
        self.old.setAccessibleName("recorded quote")
        self.new.setAccessibleName("the words now in the text")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        lines = self.fontMetrics().lineSpacing()
        for label, view in ((self.old_label, self.old), (self.new_label, self.new)):
            view.setOpenLinks(False)
            view.setMinimumHeight(2 * lines + 12)
            view.setMaximumHeight(4 * lines + 12)  # a quote is a sentence or two: the list keeps the rest
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(view, 1)
            layout.addLayout(column, 1)

    def show_anchor(self, a: Anchor | None) -> None:
        if a is None:
            self.old_label.setText("Recorded quote")
            self.new_label.setText("Now in the text")
            self.old.clear()
            self.new.clear()
            return
        from explorer.app.wording import as_html, compare
        from explorer.core.anchoring import State

        self.old_label.setText(f"Recorded quote ({a.old_start}–{a.old_end})")
        if a.state is State.LOST or a.new_exact is None:
            self.new_label.setText("Now in the text: not found")
            self.old.setHtml(as_html(compare(a.exact, "")[0]))
            self.new.setPlainText("The words of this quote are no longer in the text: it stays listed "
                                  "until its passage is removed or the text restored.")
            return
        self.new_label.setText(f"Now in the text ({a.start}–{a.end}"
                               + (f", similarity {a.score:.2f})" if a.state is State.CHANGED else ")"))
        left, right = compare(a.exact, a.new_exact)
        self.old.setHtml(as_html(left))
        self.new.setHtml(as_html(right))


class ReanchorPanel(QWidget):
    acceptMovedRequested = Signal()
    acceptRequested = Signal(list)
    rejectRequested = Signal(list)
    readerRequested = Signal(int)

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
        self.in_reader = QPushButton("Show in &Reader")
        self.in_reader.setToolTip("Open the article's new text at the passage's new place")
        self.in_reader.clicked.connect(self._reader_requested)
        self.tree.itemDoubleClicked.connect(lambda *_: self._reader_requested())
        self.comparison = WordingComparison()
        self.anchors: list[Anchor] = []
        self.tree.currentItemChanged.connect(lambda *_: self._current_changed())
        row = QHBoxLayout()
        for button in (self.accept_moved, self.accept_one, self.reject_one, self.in_reader):
            row.addWidget(button)
        row.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.comparison)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        self.tree.setMinimumHeight(3 * self.fontMetrics().lineSpacing() + 36)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(row)

    def current(self) -> Anchor | None:
        item = self.tree.currentItem()
        row = item.data(0, ROW_ROLE) if item is not None else None
        return self.anchors[row] if row is not None and 0 <= row < len(self.anchors) else None

    def _current_changed(self) -> None:
        a = self.current()
        self.comparison.show_anchor(a)
        self.in_reader.setEnabled(a is not None and a.start is not None)

    def _reader_requested(self) -> None:
        item = self.tree.currentItem()
        if item is not None and self.in_reader.isEnabled():
            self.readerRequested.emit(item.data(0, ROW_ROLE))

    def set_anchors(self, anchors: list[Anchor], summary: str) -> None:
        from explorer.core.anchoring import State

        self.anchors = list(anchors)
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
        first = next((n for n, a in enumerate(anchors) if a.state is State.CHANGED), 0)
        top = self.tree.topLevelItem(first)
        if top is not None:  # a changed one first: its comparison is what needs a look
            self.tree.setCurrentItem(top)
        self._current_changed()

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
        window.add_late_dock(self.dock, Qt.DockWidgetArea.BottomDockWidgetArea, toggle=False)
        window.tabifyDockWidget(window.problems_dock, self.dock)
        self.dock.hide()
        self.anchors: list[Anchor] = []
        self.texts: dict[str, str] = {}
        self.panel.acceptMovedRequested.connect(self.accept_moved)
        self.panel.acceptRequested.connect(self.accept)
        self.panel.rejectRequested.connect(self.reject)
        self.panel.readerRequested.connect(self.show_in_reader)

    @property
    def window(self) -> Any:
        """The window: the Qt parent (no Python reference, so no cycle keeps the window alive)."""
        return self.parent()

    def check(self) -> None:
        """After a graph is shown: the passages of articles whose text changed since import."""
        from explorer.core.anchoring import State, anchor_all, stale_texts
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
        from explorer.core.anchoring import State

        counts = {s: sum(a.state is s for a in self.anchors) for s in (State.MOVED, State.CHANGED, State.LOST)}
        self.panel.set_anchors(self.anchors, (
            f"{len(self.texts)} article text(s) changed since import: {counts[State.MOVED]} passage(s) moved, "
            f"{counts[State.CHANGED]} changed, {counts[State.LOST]} lost. Nothing is rewritten until you accept."))
        self.dock.show()
        self.dock.raise_()
        self.anchorsShown.emit()

    def _apply(self, chosen: list[Anchor]) -> bool:
        from explorer.core.anchoring import State
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
        from explorer.core.anchoring import State

        return self._apply([a for a in self.anchors if a.state is State.MOVED])

    def accept(self, rows: list[int]) -> bool:
        return self._apply([self.anchors[r] for r in rows if 0 <= r < len(self.anchors)])

    def show_in_reader(self, row: int) -> bool:
        """Open the article's new text in the reader, the passage's new place marked."""
        if not 0 <= row < len(self.anchors):
            return False
        a = self.anchors[row]
        if a.start is None or a.end is None or a.article not in self.texts:
            return False
        kb = self.window.session.kb
        self.window.reader.show_passage(kb.articles.get(a.article), self.texts[a.article], a.start, a.end)
        return True

    def reject(self, rows: list[int]) -> None:
        gone = {self.anchors[r].evidence for r in rows if 0 <= r < len(self.anchors)}
        self.anchors = [a for a in self.anchors if a.evidence not in gone]
        self._show()
