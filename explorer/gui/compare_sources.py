"""Compare sources: what each independent source says about an edge or a pair, side by side (issue 13).

A window of its own (not modal: the graph stays usable), one column per source, drawn from
:func:`explorer.app.weighing.compare_sources`; every passage with its claim, factuality and quote.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from explorer.app import weighing
from explorer.gui.style import warning_colour

if TYPE_CHECKING:
    from explorer.core.model import Claim

COLUMN_WIDTH = 340


class CompareSourcesDialog(QDialog):
    """One column per independent source with its passages about the compared claims."""

    def __init__(self, kb: Any, claims: Sequence[Claim], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(weighing.compare_title(kb, claims))
        self.columns = weighing.compare_sources(kb, claims)
        w = weighing.weights(kb)
        outer = QVBoxLayout(self)
        summary = QLabel(f"{len(claims)} claims · {len(self.columns)} independent sources")
        summary.setAccessibleName("compare summary")
        outer.addWidget(summary)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        holder = QWidget()
        row = QHBoxLayout(holder)
        self.browsers: list[QTextBrowser] = []
        for column in self.columns:
            box = QVBoxLayout()
            grade = f" · graded {column.grade}" if column.grade else ""
            head = QLabel(f"<b>{html.escape(column.label)}</b>{grade}<br>{len(column.passages)} passages")
            head.setTextFormat(Qt.TextFormat.RichText)
            box.addWidget(head)
            browser = QTextBrowser()
            browser.setMinimumWidth(COLUMN_WIDTH)
            browser.setHtml(self._column_html(kb, w, column))
            browser.setAccessibleName(f"passages of {column.label}")
            self.browsers.append(browser)
            box.addWidget(browser)
            row.addLayout(box)
        area.setWidget(holder)
        outer.addWidget(area)

    @staticmethod
    def _column_html(kb: Any, w: Any, column: weighing.SourceColumn) -> str:
        from explorer.core.weight import NEGATED, factuality_name, factuality_of

        parts = []
        for line, ev in column.passages:
            art = kb.articles.get(ev.article)
            fact = factuality_of(ev)
            side = f"<b style='color:{warning_colour().name()}'>against</b>" if fact == NEGATED else "supports"
            where = html.escape(f"{art.title}, {art.date}" if art is not None and art.date else
                                art.title if art is not None else ev.article)
            parts.append(f"<p><i>{html.escape(line)}</i><br>{side} · {factuality_name(fact)}<br>"
                         f"“{html.escape(ev.exact)}”<br><small>— {where}</small></p>")
        return "".join(parts)
