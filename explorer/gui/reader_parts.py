"""The reader's bars: the article's link, the passages of the article (previous / next and the claims of
the one shown), and search within the text. Widgets only: what they show comes from
:mod:`explorer.app.reading`, and the reader (explorer.gui.reader) wires them to the text."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.app.reading import Reading

NEXT_PASSAGE_KEY = "F8"
PREVIOUS_PASSAGE_KEY = "Shift+F8"
CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1


class LinkBar(QWidget):
    """The article's URL: a link that opens the browser (or, where none opens, says so here and copies
    it), and a button that copies it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = ""
        self.link = QLabel()
        self.link.setTextFormat(Qt.TextFormat.RichText)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.link.setOpenExternalLinks(False)
        self.link.linkActivated.connect(self.open_link)
        self.link.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.copy_button = QPushButton("Copy Link")
        self.copy_button.setToolTip("Copy the article's address")
        self.copy_button.clicked.connect(self.copy_link)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.link, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.note)

    def set_url(self, url: str | None) -> None:
        self.url = url or ""
        self.note.hide()
        self.setVisible(bool(self.url))
        from html import escape  # (not on the way to the window's first frame)

        self.link.setText(f'<a href="{escape(self.url, quote=True)}">{escape(self.url)}</a>')
        self.link.setToolTip(self.url)

    def copy_link(self) -> None:
        QApplication.clipboard().setText(self.url)
        self._say(f"Copied {self.url}")

    def open_link(self, url: str | None = None) -> bool:
        """Open the article in the browser; where none opens it, say so here and copy the link."""
        url = url or self.url
        if QDesktopServices.openUrl(QUrl(url)):
            self.note.hide()
            return True
        QApplication.clipboard().setText(url)
        self._say(f"No web browser could open {url}: the link is copied, paste it into one.")
        return False

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()


class PassageBar(QWidget):
    """Which passage of the article is shown, previous / next, and the claims it supports (activating a
    claim asks for it to be shown in the window)."""

    stepRequested = Signal(bool)  # forward?
    claimActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous_button = QToolButton()
        self.previous_button.setText("◀ Previous")
        self.previous_button.setToolTip(f"The passage before ({PREVIOUS_PASSAGE_KEY})")
        self.previous_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.previous_button.clicked.connect(lambda: self.stepRequested.emit(False))
        self.next_button = QToolButton()
        self.next_button.setText("Next ▶")
        self.next_button.setToolTip(f"The next passage ({NEXT_PASSAGE_KEY})")
        self.next_button.clicked.connect(lambda: self.stepRequested.emit(True))
        self.position = QLabel()
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        self.claims = QListWidget()
        self.claims.setAccessibleName("claims of the passage")
        self.claims.setToolTip("The claims this passage supports: activate one to show it in the window")
        self.claims.setWordWrap(True)
        self.claims.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.claims.itemActivated.connect(self._activated)
        self.claims.itemClicked.connect(self._activated)
        self.caption = QLabel("Supports:")
        self.caption.setToolTip(self.claims.toolTip())
        self.caption.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.position, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        claims_row = QHBoxLayout()
        claims_row.setContentsMargins(0, 0, 0, 0)
        claims_row.addWidget(self.caption)
        claims_row.addWidget(self.claims, 1)
        layout.addLayout(claims_row)

    def show_reading(self, reading: Reading) -> None:
        many = len(reading.passages) > 0
        self.previous_button.setEnabled(many)
        self.next_button.setEnabled(many)
        self.position.setText(reading.position() + ("" if reading.active is not None or not many
                                                    else f": {NEXT_PASSAGE_KEY} steps through them"))
        self.claims.clear()
        passage = reading.passages[reading.active] if reading.active is not None else None
        for claim in passage.claims if passage is not None else ():
            item = QListWidgetItem(claim.words)
            item.setData(CLAIM_ROLE, claim.claim)
            item.setToolTip(f"{claim.words}\n{claim.claim}\nClick to show it in the window")
            self.claims.addItem(item)
        rows = self.claims.count()
        self.claims.setVisible(rows > 0)
        self.caption.setVisible(rows > 0)
        if rows:
            height = sum(self.claims.sizeHintForRow(r) for r in range(min(rows, 4)))
            self.claims.setFixedHeight(height + 2 * self.claims.frameWidth() + 4)

    def _activated(self, item: QListWidgetItem) -> None:
        claim = item.data(CLAIM_ROLE)
        if claim:
            self.claimActivated.emit(claim)


class SearchBar(QWidget):
    """Find in the article: the words typed, previous / next, and how many times they occur."""

    searchChanged = Signal(str)
    stepRequested = Signal(bool)  # forward?
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in the article")
        self.edit.setAccessibleName("find in the article")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.searchChanged)
        self.edit.returnPressed.connect(lambda: self.stepRequested.emit(True))
        QShortcut(QKeySequence("Shift+Return"), self.edit, lambda: self.stepRequested.emit(False),
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, self.close_bar,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.previous_button = QToolButton()
        self.previous_button.setText("▲")
        self.previous_button.setToolTip("Previous match (Shift+F3, Shift+Enter)")
        self.previous_button.clicked.connect(lambda: self.stepRequested.emit(False))
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (F3, Enter)")
        self.next_button.clicked.connect(lambda: self.stepRequested.emit(True))
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("999 of 999"))
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close the search (Esc)")
        close.setAutoRaise(True)
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count)
        layout.addWidget(close)

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, current: int | None, total: int) -> None:
        if not self.edit.text().strip():
            self.count.setText("")
        elif not total:
            self.count.setText("No match")
        else:
            self.count.setText(f"{(current or 0) + 1} of {total}")
