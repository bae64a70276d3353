"""Help › Getting Started and Help › Keyboard Shortcuts: a short first tour, and every shortcut the window
has, read from its actions so the list is never out of date."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

GETTING_STARTED = """\
Every edge of the graph is a claim, and every claim rests on passages quoted from news articles.

1. Click an actor (a node): the Evidence dock lists every claim involving it, grouped by relation, each
   with the passage that supports it, highlighted in its paragraph, and who says so.
2. Click an edge for every claim between two actors, grouped by category (View › One Edge per Pair turns
   that off: one edge per category). Ctrl+click a second actor for the claims among the actors selected.
   Click the empty canvas to clear the selection. Right-click an actor, an edge or the canvas for more:
   focus, hide, show only, paths from and to an actor, compare sources, fit, export a picture.
   Alt+Left and Alt+Right go back and forward through your view changes (moves, hides, filters, focus),
   apart from Edit › Undo, which undoes changes to the data. Actors without claims are hidden
   (View › Show Actors Without Claims).
3. Click a passage to read the whole article, scrolled to the quote.
4. Find an actor by name or alias with Ctrl+F (words that name no actor are looked for in the passages);
   move between neighbours with the arrow keys or Tab, Enter to read the evidence; narrow the graph with
   the Filters dock (categories, actor types, sources and dates), or focus on the neighbourhood of the
   selected actor; find the shortest paths between two actors under Focus and path.
5. Select words in the reader and choose Edit › New Claim from Selection… to add a claim of your own;
   every edit can be undone. File › Save writes readable Turtle; File › Export writes RDF, GraphML, GEXF
   or a picture.

On a SPARQL endpoint's graph (File › Connect…), double-click an actor to fetch more of its claims."""

#: What the mouse does, which no menu action says.
GESTURES = (
    ("Select an actor or an edge", "Click"),
    ("Add an actor to the selection, or take it out", "Ctrl+Click"),
    ("Clear the selection (and the focus)", "Click on the empty canvas"),
    ("Menu of an actor, an edge, or the canvas", "Right-click"),
    ("Fetch more claims of an actor (endpoint graphs)", "Double-click"),
    ("Pin an actor where you put it", "Drag the actor"),
    ("Pan", "Drag the canvas, or arrow keys with nothing selected"),
    ("Go to the neighbour that way", "Arrow keys, an actor selected"),
    ("Go round the selected actor's neighbours (clockwise from twelve o'clock)", "Tab, Shift+Tab"),
    ("Read the selected actor's claims in the Evidence dock", "Enter"),
    ("Zoom", "Wheel, or pinch"),
    ("Add files to the graph (not open them instead)", "Drop them with Ctrl or Shift held"),
    ("Reader: the next or the previous passage of the article", "F8, Shift+F8"),
    ("Reader: find in the article; the next or the previous match", "Ctrl+F; F3 or Enter, Shift+F3 or Shift+Enter"),
)


def action_name(action: QAction) -> str:
    """An action's menu text as words: no accelerator ampersand, no trailing ellipsis."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action with a shortcut, by name, then the mouse gestures."""
    rows: dict[str, str] = {}
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys and action.text():
            rows.setdefault(action_name(action), ", ".join(keys))
    return sorted(rows.items(), key=lambda row: row[0].casefold()) + list(GESTURES)


class HelpDialog(QDialog):
    """A plain-text help page, or a two-column table of shortcuts."""

    def __init__(self, title: str, parent: QWidget | None = None, *, text: str = "",
                 rows: list[tuple[str, str]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.text: QLabel | None = None
        self.table: QTableWidget | None = None
        if rows is not None:
            table = self.table = QTableWidget(len(rows), 2, self)
            table.setHorizontalHeaderLabels(["Action", "Keys or mouse"])
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            for row, (what, keys) in enumerate(rows):
                table.setItem(row, 0, QTableWidgetItem(what))
                table.setItem(row, 1, QTableWidgetItem(keys))
            table.resizeColumnsToContents()
            table.horizontalHeader().setStretchLastSection(True)
            layout.addWidget(table)
            self.resize(560, 520)
        else:
            label = self.text = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
            self.resize(620, 380)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
