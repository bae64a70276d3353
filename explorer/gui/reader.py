"""The reader: a whole article as plain text, scrolled to a quote that is marked in place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from explorer.core.model import Article


class ReaderDialog(QDialog):
    """Non-modal, reused for every passage the user opens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setWindowTitle("Article")
        self.setModal(False)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.meta = QLabel()
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setAccessibleName("article text")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.meta)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        self.resize(720, 640)
        self.quote_start = 0
        self.quote_end = 0

    def show_passage(
        self, article: Article | None, text: str, start: int, end: int, claim: str | None = None
    ) -> None:
        """Show ``text`` with text[start:end] marked and centred."""
        title = article.title if article else "Article"
        self.setWindowTitle(title)
        self.heading.setText(title)
        parts = (
            [
                p
                for p in (
                    article.publisher,
                    article.date,
                    f"by {article.author}" if article.author else None,
                    article.url,
                )
                if p
            ]
            if article
            else []
        )
        if claim:
            parts.append(f"supports: {claim}")
        self.meta.setText(" · ".join(parts))
        self.meta.setVisible(bool(parts))
        self.text.setPlainText(text)
        self.quote_start, self.quote_end = start, end
        doc = self.text.document()
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        mark = QTextCharFormat()
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(90)
        mark.setBackground(colour)
        mark.setFontWeight(QFont.Weight.Bold)
        cursor.mergeCharFormat(mark)
        caret = QTextCursor(doc)
        caret.setPosition(start)
        self.text.setTextCursor(caret)
        self.show()
        self.raise_()
        self.text.centerCursor()

    def marked_text(self) -> str:
        return self.text.toPlainText()[self.quote_start : self.quote_end]
