"""File › Import Article…'s form: the metadata of an article read from its file, for the user to confirm
or edit (explorer.gui.sources asks it; imported when an article is imported, not at start)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from explorer.gui.dialog_buttons import ok_cancel

if TYPE_CHECKING:
    from explorer.core.extraction import Extracted
    from explorer.core.importing import Metadata


class ImportDialog(QDialog):
    """The metadata of an article to import, read from its file, for the user to confirm or edit."""

    def __init__(self, path: Path, article: Extracted, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import {path.name}")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, value in (("title", "&Title:", article.title or path.stem),
                                   ("publisher", "&Publisher:", article.publisher),
                                   ("author", "&Author:", article.author),
                                   ("date", "&Date:", article.date), ("url", "&URL:", article.url)):
            edit = QLineEdit(value or "")
            edit.setAccessibleName(name)
            self.fields[name] = edit
            form.addRow(label, edit)
        self.fields["date"].setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        self.fields["publisher"].setPlaceholderText("unknown publisher")
        kind = {"html": "the article body of a web page", "pdf": "the text layer of a PDF",
                "text": "a plain text"}[article.kind]
        note = QLabel(f"{len(article.text):,} characters of text, from {kind}. The text is stored as it is "
                      "shown and never edited afterwards.")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = QPlainTextEdit(article.text[:4000])
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("article text preview")
        buttons = ok_cancel(self, "Import")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def metadata(self) -> Metadata:
        from explorer.core.importing import Metadata

        values = {name: edit.text().strip() or None for name, edit in self.fields.items()}
        return Metadata(**values)
