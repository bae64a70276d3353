"""The list of validation problems shown after a save; clicking one shows what it concerns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from explorer.core.vocab import shorten
from explorer.gui.style import plain_tooltip

if TYPE_CHECKING:
    from explorer.core.validate import Problem

SUBJECT_ROLE = Qt.ItemDataRole.UserRole + 1


class ProblemsPanel(QWidget):
    """One row per problem: what it concerns, which check found it, and what is wrong."""

    problemActivated = Signal(str)  # the IRI the problem concerns

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Validation runs when you save.")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Concerns", "Check", "Problem"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("validation problems")
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.problems: list[Problem] = []

    def show_problems(self, problems: Sequence[Problem], checked: dict[str, int] | None = None) -> None:
        self.problems = list(problems)
        self.tree.clear()
        for problem in self.problems:
            item = QTreeWidgetItem([shorten(problem.subject), problem.check, problem.message])
            item.setData(0, SUBJECT_ROLE, problem.subject)
            item.setToolTip(2, plain_tooltip(problem.message))
            item.setToolTip(0, plain_tooltip(problem.subject))
            self.tree.addTopLevelItem(item)
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        what = ", ".join(f"{n} {k}" for k, n in (checked or {}).items())
        if self.problems:
            n = len(self.problems)
            self.summary.setText(f"{n} problem{'s' if n != 1 else ''} found (checked {what}). "
                                 "Click one to see what it concerns.")
        else:
            self.summary.setText(f"No problems: every quote is at its offsets and the shapes hold (checked {what}).")

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        subject = item.data(0, SUBJECT_ROLE)
        if subject:
            self.problemActivated.emit(subject)
