"""The reader: a whole article as plain text, scrolled to a quote that is marked in place.

It is also where claims are curated: select the words that state a claim, then choose
New Claim from Selection (or add them as a passage of an existing claim). Offsets are counted in
the article's own characters, as oa:start and oa:end count them, not in Qt's UTF-16 positions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the curation engine is imported when an article is first shown, not at start
    from explorer.core.curation import TextPositions
    from explorer.core.model import Article

NEW_CLAIM_KEY = "Ctrl+Shift+N"
ADD_PASSAGE_KEY = "Ctrl+Shift+P"


class ReaderDialog(QDialog):
    """Non-modal, reused for every passage the user opens."""

    newClaimRequested = Signal(str, int, int)  # article IRI, start, end (character offsets)
    addPassageRequested = Signal(str, int, int)
    articleShown = Signal(str)  # the IRI of the article now shown (explorer.gui.sources highlights its suggestions)

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
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.text.selectionChanged.connect(self._selection_changed)
        self.hint = QLabel("Select the words that state a claim, then choose New Claim from Selection.")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.new_claim_button = QPushButton("New Claim from Selection…")
        self.new_claim_button.setToolTip(f"Create a claim stated by the selected words ({NEW_CLAIM_KEY})")
        self.add_passage_button = QPushButton("Add to Claim…")
        self.add_passage_button.setToolTip(
            f"Add the selected words as another passage of an existing claim ({ADD_PASSAGE_KEY})"
        )
        buttons.addButton(self.new_claim_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.add_passage_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.new_claim_button.clicked.connect(self.request_new_claim)
        self.add_passage_button.clicked.connect(self.request_add_passage)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.meta)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(NEW_CLAIM_KEY), self, self.request_new_claim)
        QShortcut(QKeySequence(ADD_PASSAGE_KEY), self, self.request_add_passage)
        self.resize(760, 680)
        self.article: Article | None = None
        self.source = ""  # the article's text exactly as its seed file holds it
        self.positions: TextPositions | None = None  # set with the article's text
        self.quote_start = 0
        self.quote_end = 0
        self.curation_enabled = False
        self._selection_changed()

    # ---------------------------------------------------------------- showing

    def show_passage(
        self, article: Article | None, text: str, start: int, end: int, claim: str | None = None
    ) -> None:
        """Show ``text`` with text[start:end] marked and centred (offsets in characters of ``text``)."""
        title = article.title if article else "Article"
        self.article = article
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
        from PySide6.QtGui import QTextCharFormat, QTextCursor  # (the reader opens after the start)

        from explorer.core.curation import TextPositions

        self.source = text
        self.positions = TextPositions(text)
        self.text.setPlainText(text)
        self.quote_start, self.quote_end = start, end
        doc = self.text.document()
        first, last = self.positions.position(start), self.positions.position(end)
        if last > first:
            cursor = QTextCursor(doc)
            cursor.setPosition(first)
            cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
            mark = QTextCharFormat()
            colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            colour.setAlpha(90)
            mark.setBackground(colour)
            mark.setFontWeight(QFont.Weight.Bold)
            cursor.mergeCharFormat(mark)
        caret = QTextCursor(doc)
        caret.setPosition(first)
        self.text.setTextCursor(caret)
        self.show()
        self.raise_()
        self.text.centerCursor()
        if article is not None:
            self.articleShown.emit(article.iri)

    def show_article(self, article: Article, text: str) -> None:
        """The whole article, from its top, nothing marked."""
        self.show_passage(article, text, 0, 0)

    def marked_text(self) -> str:
        return self.source[self.quote_start : self.quote_end]

    # ---------------------------------------------------------------- selecting

    def selection(self) -> tuple[int, int] | None:
        """The selected words as character offsets into the article (white space at the ends left out),
        or None when nothing but white space is selected."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection() or self.article is None or self.positions is None:
            return None
        from explorer.core.curation import trim_selection

        start = self.positions.offset(cursor.selectionStart())
        end = self.positions.offset(cursor.selectionEnd())
        start, end = trim_selection(self.source, start, end)
        return (start, end) if end > start else None

    def select(self, start: int, end: int) -> None:
        """Select the characters [start, end) of the article (as a user dragging over them would)."""
        if self.positions is None:  # no article shown: nothing to select
            return
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.positions.position(start))
        cursor.setPosition(self.positions.position(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    def set_curation_enabled(self, enabled: bool) -> None:
        self.curation_enabled = enabled
        self._selection_changed()

    def _selection_changed(self) -> None:
        ready = self.curation_enabled and self.selection() is not None
        self.new_claim_button.setEnabled(ready)
        self.add_passage_button.setEnabled(ready)
        self.hint.setVisible(self.curation_enabled)

    def request_new_claim(self) -> None:
        chosen = self.selection()
        if chosen is not None and self.article is not None and self.curation_enabled:
            self.newClaimRequested.emit(self.article.iri, *chosen)

    def request_add_passage(self) -> None:
        chosen = self.selection()
        if chosen is not None and self.article is not None and self.curation_enabled:
            self.addPassageRequested.emit(self.article.iri, *chosen)

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.text.createStandardContextMenu(pos)
        menu.addSeparator()
        ready = self.curation_enabled and self.selection() is not None
        new = menu.addAction("New Claim from Selection…", self.request_new_claim)
        new.setEnabled(ready)
        add = menu.addAction("Add Selection to Claim…", self.request_add_passage)
        add.setEnabled(ready)
        self.show_menu(menu, self.text.viewport().mapToGlobal(pos))

    def show_menu(self, menu: QMenu, where: QPoint) -> None:
        menu.exec(where)
        menu.deleteLater()
