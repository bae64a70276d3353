"""The reader: a whole article as plain text, every passage quoted from it marked (the active one
emphasised, with previous / next and the claims it supports), the page's text around the body greyed, the
article's link, and search within the text.

It is also where claims are curated: select the words that state a claim, then choose
New Claim from Selection (or add them as a passage of an existing claim). Offsets are counted in
the article's own characters, as oa:start and oa:end count them, not in Qt's UTF-16 positions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from explorer.app.reading import ReaderPassage, Reading, find_all
from explorer.gui.reader_keys import ADD_PASSAGE_KEY, NEW_CLAIM_KEY
from explorer.gui.reader_parts import NEXT_PASSAGE_KEY, PREVIOUS_PASSAGE_KEY, LinkBar, PassageBar, SearchBar

if TYPE_CHECKING:  # the curation engine is imported when an article is first shown, not at start
    from explorer.core.curation import TextPositions
    from explorer.core.model import Article


class ReaderDialog(QDialog):
    """Non-modal, reused for every passage the user opens."""

    newClaimRequested = Signal(str, int, int)  # article IRI, start, end (character offsets)
    addPassageRequested = Signal(str, int, int)
    articleShown = Signal(str)  # the IRI of the article now shown (explorer.gui.sources highlights its suggestions)
    claimActivated = Signal(str)  # a claim of the active passage, to show in the window

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
        self.link_bar = LinkBar()
        self.passage_bar = PassageBar()
        self.passage_bar.stepRequested.connect(self.step_passage)
        self.passage_bar.claimActivated.connect(self.claimActivated)
        self.search_bar = SearchBar()
        self.search_bar.hide()
        self.search_bar.searchChanged.connect(self.search)
        self.search_bar.stepRequested.connect(self.step_match)
        self.search_bar.closed.connect(self._search_closed)
        self.page_note = QLabel("Greyed: the page around the article (menus, links, share buttons), not part of it.")
        self.page_note.setTextFormat(Qt.TextFormat.PlainText)
        self.page_note.setWordWrap(True)
        self.page_note.setEnabled(False)
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
        layout.addWidget(self.link_bar)
        layout.addWidget(self.passage_bar)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.page_note)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(NEW_CLAIM_KEY), self, self.request_new_claim)
        QShortcut(QKeySequence(ADD_PASSAGE_KEY), self, self.request_add_passage)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search_bar.open_bar)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, lambda: self.step_match(True))
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, lambda: self.step_match(False))
        QShortcut(QKeySequence(NEXT_PASSAGE_KEY), self, lambda: self.step_passage(True))
        QShortcut(QKeySequence(PREVIOUS_PASSAGE_KEY), self, lambda: self.step_passage(False))
        self.resize(760, 680)
        self.article: Article | None = None
        self.source = ""  # the article's text exactly as its seed file holds it
        self.positions: TextPositions | None = None  # set with the article's text
        self.quote_start = 0
        self.quote_end = 0
        self.curation_enabled = False
        self.reading = Reading(None, "")
        self.matches: list[tuple[int, int]] = []  # where the searched words occur
        self.match: int | None = None  # the one selected
        self._extra: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._selection_changed()

    # ---------------------------------------------------------------- showing

    def show_passage(
        self, article: Article | None, text: str, start: int, end: int, claim: str | None = None
    ) -> None:
        """Show ``text`` with text[start:end] marked and centred (offsets in characters of ``text``): an
        article known only by this passage (the window gives :meth:`show_reading` all of them)."""
        passages = (ReaderPassage(start, end, ()),) if end > start else ()
        self.show_reading(Reading(article, text, passages, 0 if passages else None, claim))

    def show_article(self, article: Article, text: str) -> None:
        """The whole article, from its body's top, nothing active."""
        self.show_reading(Reading(article, text))

    def show_reading(self, reading: Reading) -> None:
        """The article with every passage marked, the active one emphasised and centred (else the top of
        the body in sight), the page around the body greyed."""
        article = reading.article
        title = article.title if article else "Article"
        self.article = article
        self.reading = reading
        self.setWindowTitle(title)
        self.heading.setText(title)
        parts = (
            [p for p in (article.publisher, article.date, f"by {article.author}" if article.author else None) if p]
            if article
            else []
        )
        if reading.note and not any(p.claims for p in reading.passages):  # (else the passage bar lists them)
            parts.append(f"supports: {reading.note}")
        self.meta.setText(" · ".join(parts))
        self.meta.setVisible(bool(parts))
        self.link_bar.set_url(article.url if article else None)
        from explorer.core.curation import TextPositions  # (the reader opens after the start)

        self.source = reading.text
        self.positions = TextPositions(reading.text)
        self.text.setPlainText(reading.text)
        body = reading.body
        self.page_note.setVisible(body != (0, len(reading.text)))
        self._mark()
        self._extra.pop("search", None)
        self.search(self.search_bar.edit.text() if self.search_bar.isVisible() else "", move=False)
        self._go_to_active(body[0])
        self.show()
        self.raise_()
        if article is not None:
            self.articleShown.emit(article.iri)

    def update_passages(self, reading: Reading) -> None:
        """The same article after an edit (a claim made from the selection, a passage removed): its
        passages marked anew, the text, the scroll and the selection left where the user had them."""
        if self.article is None or reading.article is None or reading.article.iri != self.article.iri \
                or reading.text != self.source:
            self.show_reading(reading)
            return
        bar = self.text.verticalScrollBar()
        scrolled, cursor = bar.value(), self.text.textCursor()
        self.article, self.reading = reading.article, reading
        self._mark()
        passage = reading.passages[reading.active] if reading.active is not None else None
        self.quote_start, self.quote_end = (passage.start, passage.end) if passage else (0, 0)
        self.passage_bar.show_reading(reading)
        self.text.setTextCursor(cursor)
        bar.setValue(scrolled)

    def step_passage(self, forward: bool = True) -> None:
        """Make the next (or previous) passage the active one, and show it and its claims."""
        index = self.reading.step(forward)
        if index is None:
            return
        self.set_active(index)

    def set_active(self, index: int | None) -> None:
        reading = self.reading
        self.reading = Reading(reading.article, reading.text, reading.passages, index, reading.note)
        self._mark()
        self._go_to_active(reading.body[0])

    def _go_to_active(self, otherwise: int) -> None:
        """The caret at the active passage (else at ``otherwise``), centred; the passage bar follows."""
        reading = self.reading
        passage = reading.passages[reading.active] if reading.active is not None else None
        self.quote_start, self.quote_end = (passage.start, passage.end) if passage else (0, 0)
        self.passage_bar.show_reading(reading)
        assert self.positions is not None
        caret = QTextCursor(self.text.document())
        caret.setPosition(self.positions.position(passage.start if passage else otherwise))
        self.text.setTextCursor(caret)
        if passage is not None:
            self.text.centerCursor()
        else:
            self.text.ensureCursorVisible()

    def _mark(self) -> None:
        """Grey the page outside the body, mark every passage, emphasise the active one (character formats
        of the document: the searched words and suggestions are extra selections over them)."""
        positions = self.positions
        if positions is None:
            return
        reading = self.reading
        whole = QTextCursor(self.text.document())
        whole.select(QTextCursor.SelectionType.Document)
        whole.setCharFormat(QTextCharFormat())
        body_start, body_end = reading.body
        page = QTextCharFormat()
        page.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for start, end in ((0, body_start), (body_end, len(reading.text))):
            self._format(start, end, page)
        passage_format = QTextCharFormat()
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(45)
        passage_format.setBackground(colour)
        active_format = QTextCharFormat()
        colour = QColor(colour)
        colour.setAlpha(110)
        active_format.setBackground(colour)
        active_format.setFontWeight(QFont.Weight.Bold)
        for i, passage in enumerate(reading.passages):
            self._format(passage.start, passage.end, active_format if i == reading.active else passage_format)

    def _format(self, start: int, end: int, char_format: QTextCharFormat) -> None:
        if end <= start or self.positions is None:
            return
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.positions.position(start))
        cursor.setPosition(self.positions.position(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(char_format)

    # ---------------------------------------------------------------- searching

    def search(self, words: str, move: bool = True) -> int:
        """Mark where ``words`` occur (case and accents aside) and select the first at or after the caret;
        how many times they occur."""
        self.matches = find_all(self.source, words) if words.strip() else []
        self.match = None
        if self.matches and move:
            here = self.positions.offset(self.text.textCursor().selectionStart()) if self.positions else 0
            self.match = next((i for i, (s, _e) in enumerate(self.matches) if s >= here), 0)
            self._select_match()
        self._show_matches()
        return len(self.matches)

    def step_match(self, forward: bool = True) -> None:
        """Select the next (or previous) place the searched words occur, round the ends."""
        if not self.search_bar.isVisible():
            self.search_bar.open_bar()
            return
        if not self.matches:
            return
        if self.match is None:
            self.match = 0 if forward else len(self.matches) - 1
        else:
            self.match = (self.match + (1 if forward else -1)) % len(self.matches)
        self._select_match()
        self._show_matches()

    def _select_match(self) -> None:
        if self.match is not None:
            self.select(*self.matches[self.match])
            self.text.centerCursor()

    def _show_matches(self) -> None:
        self.search_bar.show_count(self.match, len(self.matches))
        found = QColor("#ffd54a")
        found.setAlpha(150)
        current = QColor("#ff9800")
        selections = []
        for i, (start, end) in enumerate(self.matches):
            fmt = QTextCharFormat()
            fmt.setBackground(current if i == self.match else found)
            selections.append(self._extra_selection(start, end, fmt))
        self.set_extra("search", selections)

    def _search_closed(self) -> None:
        self.matches, self.match = [], None
        self.set_extra("search", [])
        self.text.setFocus()

    def _extra_selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        assert self.positions is not None
        extra = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.positions.position(start))
        cursor.setPosition(self.positions.position(end), QTextCursor.MoveMode.KeepAnchor)
        extra.cursor = cursor  # type: ignore[attr-defined]
        extra.format = fmt  # type: ignore[attr-defined]
        return extra

    def set_extra(self, layer: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Highlights drawn over the text, by layer (``search``, ``suggestions``), so that one owner's
        highlights never wipe another's."""
        self._extra[layer] = selections
        self.text.setExtraSelections([s for layer_selections in self._extra.values() for s in layer_selections])

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
