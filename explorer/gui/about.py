"""Help > About: what the explorer is, where its data comes from, and under which terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from explorer import __version__

if TYPE_CHECKING:
    from explorer.core.knowledge import KnowledgeBase

LICENCES = (
    "Code: MIT licence.\n"
    "Article texts are quoted for research under their publishers' rights; "
    "each passage names its article, publisher and date."
)


def about_text(kb: KnowledgeBase | None) -> str:
    lines = [
        f"explorer {__version__}",
        "Who relates to whom in South Caucasus politics, and who says so, where and when: "
        "every edge is a claim backed by verbatim passages of news articles.",
        "",
        "Data sources:",
    ]
    if kb is not None and kb.articles:
        for art in sorted(kb.articles.values(), key=lambda a: (a.date or "", a.title)):
            by = f", {art.author}" if art.author else ""
            lines.append(
                f"• {art.title} — {art.publisher or 'unknown publisher'}{by}, {art.date or 'undated'}"
            )
    else:
        lines.append("• (no graph loaded)")
    lines += ["", LICENCES]
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, kb: KnowledgeBase | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About explorer")
        self.text = QLabel(about_text(kb))
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, 360)
