"""The window's own sources (issue 17): File › New Workspace, Open Workspace, Import Article… (with a
metadata form; or drop a file on the reader), and the Suggestions dock, whose suggestions the reader
shows as faint highlights. Accept opens the New Claim form filled in; Reject is remembered in the
workspace; Accept All Above makes each claim its own undoable step."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu

from explorer.app import sources as policy
from explorer.core.errors import ExplorerError

if TYPE_CHECKING:
    from explorer.core.suggest import Suggestion
    from explorer.gui.suggestions_panel import SuggestionsPanel

#: How opaque the reader's suggestion highlights are (0-255): faint, so the marked quote stands out.
HIGHLIGHT_ALPHA = 38


def merged_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one (overlapping highlights would darken where they stack)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class SourcesController(QObject):
    """Wires the own-sources actions, the Suggestions dock and the reader's highlights to the window."""

    suggestionsShown = Signal()  # the panel and the reader show the current article's suggestions

    def __init__(self, window: Any) -> None:  # the MainWindow (not imported: it imports this module)
        super().__init__(window)
        self._panel: SuggestionsPanel | None = None  # the dock and its panel: made after the first frame (dock)
        self._dock: QDockWidget | None = None
        self.suggestions: list[Suggestion] = []
        self.article: str | None = None
        self.pending_article: str | None = None
        self.new_workspace_action = QAction("New &Workspace…", window)
        self.new_workspace_action.setStatusTip("Make a folder the home of your own articles and claims")
        self.new_workspace_action.triggered.connect(lambda _c=False: self.ask_new_workspace())
        self.open_workspace_action = QAction("Open Wor&kspace…", window)
        self.open_workspace_action.triggered.connect(lambda _c=False: self.ask_open_workspace())
        self.import_action = QAction("&Import Article…", window)
        self.import_action.setShortcut("Ctrl+I")
        self.import_action.setStatusTip("Add a text, web page (HTML) or PDF to the workspace")
        self.import_action.triggered.connect(lambda _c=False: self.ask_import())
        window.graphShown.connect(self._graph_shown)

    @property
    def dock(self) -> QDockWidget:
        """The Suggestions dock (View › Suggestions): hidden in the window's first frame, so made after it
        or when first needed (the window places it: MainWindow.add_late_dock)."""
        if self._dock is None:
            from explorer.gui.suggestions_panel import SuggestionsPanel

            panel = self._panel = SuggestionsPanel()
            dock = QDockWidget("Suggestions", self.window)
            dock.setObjectName("suggestionsDock")
            dock.setWidget(panel)
            self._dock = dock
            self.window.add_late_dock(dock, Qt.DockWidgetArea.BottomDockWidgetArea)
            panel.acceptRequested.connect(self.accept)
            panel.rejectRequested.connect(self.reject)
            panel.acceptAllRequested.connect(self.accept_all)
            panel.suggestionActivated.connect(self.show_in_reader)
            dock.visibilityChanged.connect(lambda visible: self.refresh() if visible else None)
        return self._dock

    def dock_if_made(self) -> QDockWidget | None:
        """The Suggestions dock when it has been made."""
        return self._dock

    @property
    def panel(self) -> SuggestionsPanel:
        """The suggestions listed in the dock."""
        _ = self.dock
        assert self._panel is not None
        return self._panel

    def attach_reader(self, reader: Any) -> None:
        """Files dropped on the reader are imported, and its article's suggestions shown (the window makes
        its reader after the first frame)."""
        reader.setAcceptDrops(True)
        reader.text.setAcceptDrops(True)
        reader.text.viewport().setAcceptDrops(True)  # (read-only text refuses drops: files are taken here)
        reader.text.viewport().installEventFilter(self)
        reader.installEventFilter(self)
        reader.articleShown.connect(self.refresh)

    @property
    def window(self) -> Any:
        """The window: the Qt parent (no Python reference, so no cycle keeps the window alive)."""
        return self.parent()

    def add_file_actions(self, menu: QMenu) -> None:
        menu.addAction(self.new_workspace_action)
        menu.addAction(self.open_workspace_action)
        menu.addAction(self.import_action)

    # ---------------------------------------------------------------- workspaces

    def workspace(self) -> Path | None:
        return policy.workspace_of(self.window.session.sources)

    def ask_new_workspace(self) -> Path | None:
        from explorer.core import workspace as ws
        from explorer.gui import settings

        folder = QFileDialog.getExistingDirectory(self.window, "New Workspace: choose a new or empty folder",
                                                  settings.last_folder())
        if not folder:
            return None
        from PySide6.QtWidgets import QMessageBox

        start = QMessageBox.question(self.window, "New Workspace",
                                     "Start the workspace from a copy of the bundled graph (its actors, "
                                     "claims and five articles)?")
        try:
            made = ws.create(Path(folder), from_bundled=start == QMessageBox.StandardButton.Yes)
        except ExplorerError as exc:
            self.window.show_error("Cannot create the workspace", str(exc))
            return None
        self.open_workspace(made)
        return made

    def ask_open_workspace(self) -> None:
        from explorer.gui import settings

        folder = QFileDialog.getExistingDirectory(self.window, "Open Workspace", settings.last_folder())
        if folder:
            self.open_workspace(Path(folder))

    def open_workspace(self, folder: Path) -> None:
        from explorer.core import workspace as ws

        try:
            files = ws.data_files(folder)
        except ExplorerError as exc:
            self.window.show_error("Cannot open the workspace", str(exc))
            return
        self.window.open_files(files)

    # ---------------------------------------------------------------- importing

    def ask_import(self) -> None:
        from explorer.gui import settings

        paths, _chosen = QFileDialog.getOpenFileNames(self.window, "Import Article", settings.last_folder(),
                                                      policy.IMPORT_FILTER)
        if paths:
            settings.remember_folder(Path(paths[0]).parent)
            self.import_file(Path(paths[0]))

    def import_file(self, path: Path) -> str | None:
        """Read ``path``, let the user confirm its metadata, add it to the workspace (asking for one when
        none is open) and open the workspace with the article in the reader; the new article's IRI."""
        from PySide6.QtWidgets import QDialog, QMessageBox

        from explorer.core.extraction import extract
        from explorer.core.importing import import_files
        from explorer.gui.import_dialog import ImportDialog

        try:
            article = extract(path)
        except ExplorerError as exc:
            self.window.show_error("Cannot import the article", str(exc))
            return None
        dialog = ImportDialog(path, article, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        folder = self.workspace()
        if folder is None:
            QMessageBox.information(self.window, "Import Article", policy.NO_WORKSPACE)
            chosen = QFileDialog.getExistingDirectory(self.window, "Workspace for the article")
            if not chosen:
                return None
            folder = Path(chosen)
            if not any(folder.iterdir()):
                from explorer.core import workspace as ws

                try:
                    ws.create(folder, from_bundled=True)
                except ExplorerError as exc:
                    self.window.show_error("Cannot create the workspace", str(exc))
                    return None
        try:
            [done] = import_files(folder, [path], dialog.metadata())
        except ExplorerError as exc:
            self.window.show_error("Cannot import the article", str(exc))
            return None
        self.pending_article = done.iri
        self.window.statusBar().showMessage(policy.imported_message([done.article.title or path.name], folder), 8000)
        self.open_workspace(folder)
        return done.iri

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A file dropped on the reader is imported (not opened as a graph)."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            mime = event.mimeData()  # type: ignore[attr-defined]
            if mime.hasUrls() and all(u.isLocalFile() for u in mime.urls()):
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        if kind == QEvent.Type.Drop:
            mime = event.mimeData()  # type: ignore[attr-defined]
            paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
            if paths:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.import_file(paths[0])
                return True
        return super().eventFilter(watched, event)

    def _graph_shown(self) -> None:
        kb = self.window.session.kb
        if self.pending_article and kb is not None and self.pending_article in kb.articles:
            article, self.pending_article = self.pending_article, None
            self.show_dock()
            self.window.editing.open_article(article)

    # ---------------------------------------------------------------- suggestions

    def refresh(self, article: str | None = None) -> None:
        """Suggestions for the article in the reader (``article``), computed off the GUI thread, then
        listed and highlighted."""
        from explorer.core.suggest import rejected_keys, suggest

        self.article = article or self.article
        if self._dock is None or self._dock.isHidden():  # computed while their dock is open (View › Suggestions)
            reader = self.window.reader_if_made()
            if reader is not None:
                reader.set_extra("suggestions", [])
            return
        kb = self.window.session.kb
        if kb is None or self.article is None or self.article not in kb.articles:
            self.suggestions = []
            self.panel.set_rows([], "Open an article in the reader to see the claims it suggests.")
            return
        folder = self.workspace()
        wanted = self.article
        rejected = rejected_keys(folder) if folder else set()
        self.window.jobs.start("suggesting claims", lambda _p, _c: suggest(kb, wanted, rejected=rejected),
                               on_done=lambda found: self._suggested(kb, wanted, folder, found),  # type: ignore[arg-type]
                               on_failed=lambda exc: self.panel.set_rows([], f"No suggestions: {exc}"),
                               key="suggestions")

    def _suggested(self, kb: Any, article: str, folder: Path | None, found: list[Suggestion]) -> None:
        if article != self.article or kb is not self.window.session.kb:
            return  # the reader or the graph moved on meanwhile
        self.suggestions = found
        labels = {iri: a.label for iri, a in kb.actors.items()}
        rows = [(s.score, policy.describe(s, labels, kb.relations[s.predicate].label if s.predicate in kb.relations
                                          else s.predicate), s.factuality.lower(), s.date or "", s.quote)
                for s in self.suggestions]
        title = kb.articles[article].title
        where = f"; rejections are remembered in {folder}" if folder else "; open a workspace to remember rejections"
        self.panel.set_rows(rows, f"{len(rows)} suggested claim(s) in “{title}”, by score{where}.")
        self._highlight()
        self.suggestionsShown.emit()

    def _highlight(self) -> None:
        reader = self.window.reader
        if reader.positions is None or reader.article is None or reader.article.iri != self.article:
            return
        from PySide6.QtGui import QTextCharFormat, QTextCursor
        from PySide6.QtWidgets import QTextEdit

        colour = QColor(reader.palette().color(QPalette.ColorRole.Link))
        colour.setAlpha(HIGHLIGHT_ALPHA)
        selections = []
        for start, end in merged_spans((s.start, s.end) for s in self.suggestions):
            extra = QTextEdit.ExtraSelection()
            cursor = QTextCursor(reader.text.document())
            cursor.setPosition(reader.positions.position(start))
            cursor.setPosition(reader.positions.position(end), QTextCursor.MoveMode.KeepAnchor)
            extra.cursor = cursor  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            extra.format = fmt  # type: ignore[attr-defined]
            selections.append(extra)
        reader.set_extra("suggestions", selections)

    def show_dock(self) -> None:
        """Open the Suggestions dock (at a height that lists several suggestions)."""
        if self.dock.isHidden():
            self.dock.show()
            height = max(120, min(240, self.window.height() // 4))  # a small window keeps room for the graph
            self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)

    def show_in_reader(self, row: int) -> None:
        if 0 <= row < len(self.suggestions):
            s = self.suggestions[row]
            self.window.reader.select(s.start, s.end)
            self.window.reader.text.centerCursor()

    def accept(self, row: int) -> str | None:
        """The New Claim form, filled in with suggestion ``row``; the claim made, if the user creates it."""
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        if not 0 <= row < len(self.suggestions):
            return None
        s = self.suggestions[row]
        editing = self.window.editing
        doc = editing._document()
        if doc is None:
            return None
        kb = doc.kb
        dialog = dialogs.ClaimDialog(kb, core.curation_relations(kb), core.attribution_choices(doc), self.window,  # type: ignore[arg-type]
                                     quote=s.quote, article=kb.articles.get(s.article), span=(s.start, s.end))
        dialog.subject.set_actor(s.subject)
        dialog.object.set_actor(s.object)
        dialog.relation.set_relation(s.predicate)
        dialog.date_edit.setText(s.date or "")
        if not dialogs.run_dialog(dialog):
            return None
        made = editing._push_with_actors(editing_policy().new_claim_commands(kb, dialog.form(), s.article,
                                                                              s.start, s.end))
        self.refresh()
        return made

    def reject(self, rows: list[int]) -> None:
        from explorer.core.suggest import remember_rejections

        chosen = [self.suggestions[r] for r in rows if 0 <= r < len(self.suggestions)]
        folder = self.workspace()
        if not chosen:
            return
        if folder is None:
            self.window.show_error("Cannot remember the rejection", "Rejections are kept in a workspace: open "
                                   "one (File › Open Workspace) or import an article into a new one.")
            return
        try:
            remember_rejections(folder, chosen)
        except ExplorerError as exc:
            self.window.show_error("Cannot remember the rejection", str(exc))
            return
        self.refresh()

    def accept_all(self, threshold: float) -> list[str]:
        """A claim for every suggestion scoring ``threshold`` or more, each its own undoable step."""
        editing = self.window.editing
        made: list[str] = []
        for s in [s for s in self.suggestions if s.score >= threshold]:
            doc = editing._document()
            if doc is None:
                break
            result = editing._push_with_actors(editing_policy().new_claim_commands(
                doc.kb, policy.form_for(s), s.article, s.start, s.end))
            if result is None:
                break
            made.append(result)
        self.refresh()
        return made


def editing_policy():  # the application layer's curation rules (imported when first needed)
    from explorer.app import curation

    return curation
