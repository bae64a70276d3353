"""The main window: graph in the middle, filters on the left, evidence on the right.

It owns the knowledge object and the filter state, runs long work through :class:`JobRunner`,
and passes plain core records to the panels. The knowledge object is anything with the
KnowledgeBase API; if it also has ``expand(actor_iri) -> bool`` (a lazily loaded remote source),
double-clicking an actor expands it in the background and then refreshes the picture.

Curation (a graph read from files): the Edit menu, the reader and the context menus turn the
user's edits into core commands on a :class:`CurationSession` (undo stack, save, autosave); after
each change the picture is refreshed in place, positions kept.

Start-up: the window is built and painted before any data is touched. Only Qt and the light core
modules are imported at the top; rdflib, networkx, igraph, the curation engine, validation and the
dialogs are imported where they are first used (the load job imports its own in the background).
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QCursor, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QCompleter,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QToolBar,
    QWidget,
)

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.filters import FilterState, Visible, find_paths, visible
from explorer.core.jobs import Progress, pause_gc, resume_gc
from explorer.gui.curation import CurationSession
from explorer.gui.evidence_panel import EvidencePanel
from explorer.gui.filters_panel import FiltersPanel
from explorer.gui.graph_items import node_radius
from explorer.gui.graph_view import GraphScene, GraphView
from explorer.gui.placement import spread
from explorer.gui.problems_panel import ProblemsPanel
from explorer.gui.reader import ADD_PASSAGE_KEY, NEW_CLAIM_KEY, ReaderDialog
from explorer.gui.style import category_colour
from explorer.gui.workers import JobRunner, Steps

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from explorer.core import curation as core
    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.network import PathStep
    from explorer.core.validate import Report
    from explorer.gui import curation_dialogs as dialogs

ORGANISATION = "explorer"
APPLICATION = "explorer"
LAYOUT_SEED = 7
MAX_RECENT = 8
#: A graph with more actors and claims than this is drawn in steps (see set_knowledge).
STEPPED_DRAWING = 6000
BUNDLED = "bundled graph"
#: A window that is never painted (shown minimised, say) still starts loading after this long.
START_FALLBACK_MS = 1500

Position = tuple[float, float]


def app_settings() -> QSettings:
    """The explorer's settings (tests point the default format's path at a temporary folder)."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def layout_scale(actors: int) -> float:
    """Mean neighbour distance in scene units: roomy, so that labels fit and, on a large graph, the
    nodes do not pile up (fitted to the window they are specks; zooming in separates them)."""
    return 190.0


def compute_layout(kb: KnowledgeBase, should_cancel: Callable[[], bool] | None = None) -> dict[str, Position]:
    from explorer.core.layout import force_layout

    edges = [c.ends for c in kb.claims.values()]
    positions = force_layout(
        list(kb.actors),
        edges,
        seed=LAYOUT_SEED,
        scale=layout_scale(len(kb.actors)),
        should_cancel=should_cancel,
    )
    if should_cancel is not None and should_cancel():
        raise Cancelled()
    radii = {a: node_radius(kb.degree(a)) for a in kb.actors}
    return spread({str(k): v for k, v in positions.items()}, radii)


@dataclass
class Loaded:
    kb: KnowledgeBase
    positions: dict[str, Position]
    sources: list[Path]


def load_and_layout(paths: Sequence[Path], progress: Progress, should_cancel: Callable[[], bool]) -> Loaded:
    """Background work for File > Open: parse, index, lay out. A failure leaves the window untouched."""
    from explorer.core.loading import load_knowledge

    pause_gc()
    try:
        kb = load_knowledge(
            list(paths), progress=lambda f, what: progress(0.85 * f, what), should_cancel=should_cancel
        )
    finally:
        resume_gc()
    progress(0.88, "laying out the graph")
    positions = compute_layout(kb, should_cancel)
    progress(1.0, "drawing")
    return Loaded(kb, positions, list(paths))


class MainWindow(QMainWindow):
    windowPainted = Signal()  # the window's first frame, its graph view with it, is on screen
    graphPainted = Signal()  # the first frame showing a graph is on screen
    graphShown = Signal()  # a knowledge base is on screen
    loadFailed = Signal(str)
    filtersApplied = Signal()
    exportDone = Signal(str)
    exportFailed = Signal(str)
    expanded = Signal(str)
    curated = Signal(object)  # the graph was refreshed after an edit (what it shows: an IRI or None)
    validated = Signal(object)  # a validation Report, after a save

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("explorer")
        self.kb: KnowledgeBase | None = None
        self.sources: list[Path] = []
        self.filter_state = FilterState()
        self.visible = Visible(frozenset())
        self.path_results: list[list[PathStep]] = []
        self._load_job = None
        self._messages: list[str] = []
        self._window_painted = False
        self._graph_painted = False

        self.scene = GraphScene(self)
        self.view = GraphView(self.scene, self)
        self.setCentralWidget(self.view)
        self._viewport = self.view.viewport()
        self._viewport.installEventFilter(self)  # to notice the first frames (see eventFilter)
        self.evidence = EvidencePanel()
        self.evidence_dock = self._dock(
            "Evidence", "evidenceDock", self.evidence, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.filters = FiltersPanel()
        self.filters_dock = self._dock(
            "Filters", "filtersDock", self.filters, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.reader = ReaderDialog(self)
        self.curation = CurationSession(app_settings(), self)
        self.problems = ProblemsPanel()
        self.problems_dock = self._dock(
            "Problems", "problemsDock", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.problems_dock.hide()
        self.report: Report | None = None
        self._validation = None
        self._validate_again = False
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label = QLabel()
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.counts)
        self.statusBar().addWidget(self.source_label, 1)
        self._drawing: Steps | None = None  # a large graph being drawn in steps
        self.jobs = JobRunner(self.statusBar(), self)
        self._build_find_bar()
        self._build_actions()
        self._connect()
        self.setAcceptDrops(True)
        self.resize(1500, 920)
        self.resizeDocks([self.filters_dock, self.evidence_dock], [235, 400], Qt.Orientation.Horizontal)
        self._restore_settings()
        self._update_status()

    # ================================================================ building

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea
            | Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_find_bar(self) -> None:
        self.find_bar = QToolBar("Find")
        self.find_bar.setObjectName("findBar")
        self.find_bar.setMovable(False)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("Find an actor by name or alias (Ctrl+F)")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setAccessibleName("find actor")
        self.find_edit.setMaximumWidth(380)
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.find_edit.setCompleter(self.completer)
        self.find_edit.returnPressed.connect(lambda: self.find_actor(self.find_edit.text()))
        self.completer.activated.connect(self.find_actor)
        self.find_bar.addWidget(QLabel(" Find: "))
        self.find_bar.addWidget(self.find_edit)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.find_bar)

    def _action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | str | None = None,
        tip: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = self._action("&Open…", self.ask_open, key.Open, "Open RDF files")
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addMenu(self.recent_menu)
        self.bundled_action = self._action("Open &Bundled Graph", self.load_bundled)
        file_menu.addAction(self.bundled_action)
        self.connect_action = self._action(
            "&Connect to SPARQL Endpoint…", self.ask_connect, "Ctrl+Shift+O",
            "Explore a graph held by a SPARQL 1.1 store",
        )
        file_menu.addAction(self.connect_action)
        file_menu.addSeparator()
        self.save_action = self._action("&Save", self.save, key.Save, "Write the changed files as readable Turtle")
        self.save_as_action = self._action(
            "Save &As…", self.save_as, key.SaveAs, "Write the whole curation as one Turtle file"
        )
        self.validate_action = self._action(
            "&Validate", self.validate_curation, "Ctrl+Shift+V", "Check quotes, offsets and shapes"
        )
        for action in (self.save_action, self.save_as_action, self.validate_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        export = file_menu.addMenu("&Export")
        self.export_turtle_action = self._action(
            "Whole Graph as &Turtle…", lambda: self.ask_export_turtle(False)
        )
        self.export_shown_action = self._action(
            "&Shown Graph as Turtle…",
            lambda: self.ask_export_turtle(True),
            None,
            "Only the claims the filters show, with their evidence",
        )
        self.export_graphml_action = self._action(
            "Shown Graph as &GraphML…", lambda: self.ask_export_network("graphml")
        )
        self.export_gexf_action = self._action(
            "Shown Graph as G&EXF (Gephi)…", lambda: self.ask_export_network("gexf")
        )
        self.export_png_action = self._action("Picture as &PNG…", lambda: self.ask_export_picture("png"))
        self.export_svg_action = self._action("Picture as S&VG…", lambda: self.ask_export_picture("svg"))
        for action in (
            self.export_turtle_action,
            self.export_shown_action,
            self.export_graphml_action,
            self.export_gexf_action,
        ):
            export.addAction(action)
        export.addSeparator()
        export.addAction(self.export_png_action)
        export.addAction(self.export_svg_action)
        file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, key.Quit)
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        self.edit_menu = edit_menu
        self.undo_action = self.curation.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(key.Undo)
        self.redo_action = self.curation.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(key.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.new_claim_action = self._action(
            "&New Claim from Selection…", self.new_claim_from_reader, NEW_CLAIM_KEY,
            "Create a claim stated by the words selected in the reader",
        )
        self.add_passage_action = self._action(
            "Add Selection to &Claim…", self.add_passage_from_reader, ADD_PASSAGE_KEY,
            "Add the words selected in the reader as another passage of a claim",
        )
        self.edit_claim_action = self._action("&Edit Claim…", self.edit_claim)
        self.delete_claim_action = self._action("&Delete Claim", self.delete_claim)
        self.remove_passage_action = self._action("Remove &Passage", self.remove_passage)
        self.new_actor_action = self._action("New &Actor…", self.new_actor)
        self.edit_actor_action = self._action("Edi&t Actor…", self.edit_actor)
        self.delete_actor_action = self._action("De&lete Actor", self.delete_actor)
        self.merge_actor_action = self._action("&Merge Actor Into…", self.merge_actor)
        for action in (
            self.new_claim_action,
            self.add_passage_action,
            self.edit_claim_action,
            self.delete_claim_action,
            self.remove_passage_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (
            self.new_actor_action,
            self.edit_actor_action,
            self.delete_actor_action,
            self.merge_actor_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        self.read_menu = QMenu("&Read Article", self)
        self.read_menu.aboutToShow.connect(self._fill_articles)
        edit_menu.addMenu(self.read_menu)
        self.find_action = self._action("&Find Actor…", self.focus_find, key.Find)
        edit_menu.addAction(self.find_action)
        edit_menu.aboutToShow.connect(self._update_curation_actions)
        for action in (self.undo_action, self.redo_action):
            self.reader.addAction(action)

        view_menu = bar.addMenu("&View")
        self.fit_action = self._action("&Fit to Window", self.view.fit, "Ctrl+0")
        self.zoom_in_action = self._action("Zoom &In", self.view.zoom_in, key.ZoomIn)
        self.zoom_out_action = self._action("Zoom &Out", self.view.zoom_out, key.ZoomOut)
        self.reset_layout_action = self._action(
            "&Reset Layout", self.reset_layout, "Ctrl+L", "Unpin every actor and lay the graph out again"
        )
        self.reset_filters_action = self._action("Reset &Filters", self.filters.reset, "Ctrl+Shift+R")
        for action in (
            self.fit_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.reset_layout_action,
            self.reset_filters_action,
        ):
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.legend_action = QAction("Show &Legend", self)
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(True)
        self.legend_action.toggled.connect(self.view.legend.setVisible)
        view_menu.addAction(self.legend_action)
        view_menu.addAction(self.filters_dock.toggleViewAction())
        view_menu.addAction(self.evidence_dock.toggleViewAction())
        view_menu.addAction(self.problems_dock.toggleViewAction())
        view_menu.addAction(self.find_bar.toggleViewAction())
        self.find_bar.addSeparator()
        for action in (self.fit_action, self.zoom_in_action, self.zoom_out_action, self.reset_layout_action):
            self.find_bar.addAction(action)

        help_menu = bar.addMenu("&Help")
        self.about_action = self._action("&About explorer", self.show_about)
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.scene.selectionChanged.connect(self._on_scene_selection)
        self.scene.bundleSelected.connect(self._on_bundle_selected)
        self.scene.actorActivated.connect(self.expand_actor)
        self.evidence.claimSelected.connect(self._on_claim_selected)
        self.evidence.passageActivated.connect(self.open_reader)
        self.filters.changed.connect(self.apply_filters)
        self.filters.pathRequested.connect(self.find_paths)
        self.filters.pathChosen.connect(self.show_path)
        self.view.zoomChanged.connect(lambda _z: None)
        self.view.actorMenuRequested.connect(self._actor_menu)
        self.evidence.menuRequested.connect(self._evidence_menu)
        self.reader.newClaimRequested.connect(self.new_claim_from)
        self.reader.addPassageRequested.connect(self.add_passage_from)
        self.curation.documentChanged.connect(self._curated)
        self.curation.modifiedChanged.connect(lambda _m: self._update_title())
        self.problems.problemActivated.connect(self.reveal)
        # keep the Edit menu's actions (and so their shortcuts) enabled exactly when they apply
        for signal in (
            self.reader.text.selectionChanged,
            self.reader.finished,
            self.scene.selectionChanged,
            self.evidence.tree.selectionModel().currentChanged,
            self.curated,
            self.graphShown,
        ):
            signal.connect(self._update_curation_actions)
        self.setTabOrder(self.find_edit, self.view)
        self.setTabOrder(self.view, self.filters)
        self.setTabOrder(self.filters, self.evidence)

    # ================================================================ start-up

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Notice the graph view's first frame, and its first frame with a graph: the signals follow
        once the frame is drawn (the queued call runs after the paint)."""
        if watched is self._viewport and event.type() == QEvent.Type.Paint:
            if not self._window_painted:
                self._window_painted = True
                QTimer.singleShot(0, self, self.windowPainted.emit)
            if not self._graph_painted and self.scene.nodes and self.view.is_drawn():
                self._graph_painted = True
                QTimer.singleShot(0, self, self.graphPainted.emit)
                self._viewport.removeEventFilter(self)
        return super().eventFilter(watched, event)

    @property
    def painted(self) -> bool:
        """Whether the window's first frame has been drawn."""
        return self._window_painted

    def start(self, files: Sequence[Path | str] = (), *, recover: bool = True) -> None:
        """The window's first work: once its first frame is on screen (empty, saying what is loading),
        offer a crashed session's curation (when ``recover``), else load ``files`` (the bundled graph
        when none) in the background. Nothing is read before the user sees the window."""
        files = [Path(p) for p in files]
        self.statusBar().showMessage(self._loading_message(files))
        begun = False

        def begin() -> None:
            nonlocal begun
            if begun:
                return
            begun = True
            if not (recover and self.offer_recovery()):
                self.open_files(files)

        if self._window_painted:
            QTimer.singleShot(0, self, begin)
        else:
            self.windowPainted.connect(begin)
            QTimer.singleShot(START_FALLBACK_MS, self, begin)

    # ================================================================ loading

    @staticmethod
    def _loading_message(files: Sequence[Path]) -> str:
        return "Loading " + (", ".join(p.name for p in files) or "the " + BUNDLED) + "…"

    def load_bundled(self) -> None:
        self.open_files([])

    def open_files(self, paths: Sequence[Path | str]) -> None:
        """Load ``paths`` (the bundled graph when empty) in the background; errors keep the current graph.

        Unsaved curation is offered for saving first (Cancel keeps everything as it is)."""
        if not self.maybe_save("opening another graph"):
            return
        files = [Path(p) for p in paths]
        for path in files:
            if not path.is_file():
                self._load_failed(
                    ExplorerError("no such file" if not path.exists() else "not a file", path=path)
                )
                return
        if self._load_job is not None:
            self._load_job.cancel()
        self.statusBar().showMessage(self._loading_message(files))
        self._load_job = self.jobs.start(
            "loading",
            lambda progress, cancel: load_and_layout(files, progress, cancel),
            on_done=self._loaded,
            on_failed=self._load_failed,
        )

    def _loaded(self, result: Loaded) -> None:
        self._load_job = None
        self.set_knowledge(result.kb, result.positions, result.sources)
        if result.sources:
            self._remember_recent(result.sources)
        self.statusBar().showMessage("Loaded " + self._source_name(), 4000)

    def _load_failed(self, error: ExplorerError) -> None:
        self._load_job = None
        self.statusBar().clearMessage()
        self.show_error("Cannot open the file", str(error))
        self.loadFailed.emit(str(error))

    def set_knowledge(
        self, kb: KnowledgeBase, positions: dict[str, Position] | None = None, sources: Sequence[Path] = ()
    ) -> None:
        """Show a knowledge base (positions computed here when not given)."""
        self.kb = kb
        self.sources = list(sources)
        self.path_results = []
        self.reader.hide()
        self.filter_state = FilterState()
        self.visible = visible(kb, self.filter_state)
        if self._drawing is not None:
            self._drawing.stop()
            self._drawing = None
            resume_gc()
        steps = self.scene.build_graph(kb, positions if positions is not None else compute_layout(kb), self.visible)
        if len(kb.claims) + len(kb.actors) < STEPPED_DRAWING:
            for _done in steps:
                pass
            self._knowledge_drawn(kb, sources)
            return
        # thousands of items: made a step per event-loop turn, the window answering in between
        for part in self._graph_parts():
            part.setEnabled(False)
        self.view.viewport().setUpdatesEnabled(False)  # painted once, whole, when drawn
        # Tens of thousands of new objects would set off full garbage collections (a few hundred ms
        # each, mid-step); they wait until the drawing is done, then the new scene is frozen out of them.
        pause_gc()

        def with_panels() -> Iterator[float]:
            for done in steps:
                yield 0.9 * done
            for done in self.filters.knowledge_steps(kb):
                yield 0.9 + 0.05 * done
            self.evidence.set_knowledge(kb)
            self._show_legend_and_names(kb)
            yield 1.0

        self._drawing = self.jobs.start_steps(
            "drawing the graph", with_panels(), lambda: self._knowledge_drawn(kb, sources, panels=False)
        )

    def _graph_parts(self) -> list[QWidget]:
        """What shows or acts on the graph: disabled while a large graph is being drawn."""
        return [self.view, self.filters_dock, self.evidence_dock]

    def _knowledge_drawn(self, kb: KnowledgeBase, sources: Sequence[Path], panels: bool = True) -> None:
        stepped = self._drawing is not None
        if stepped:
            gc.freeze()
            resume_gc()
        self._drawing = None
        for part in self._graph_parts():
            part.setEnabled(True)
        if not stepped:
            self.view.viewport().setUpdatesEnabled(True)
        if panels:  # else done as steps of the drawing
            self.filters.set_knowledge(kb)
            self.evidence.set_knowledge(kb)
            self._show_legend_and_names(kb)
        self.view.legend.setVisible(self.legend_action.isChecked())
        files, bundled = self._curation_source(kb, sources)
        self.curation.set_source(files or [], bundled, enabled=files is not None)
        self.reader.set_curation_enabled(self.curation.enabled)
        self._update_title()
        self._update_status()
        if stepped:  # a large graph is fitted in this turn, labelled in the next and painted after
            self.view.fit(plan=False)
            QTimer.singleShot(0, self, self._label_and_paint)
        else:
            self.view.fit()
        self.graphShown.emit()

    def _label_and_paint(self) -> None:
        if self._drawing is None:  # (else a newer graph is being drawn: it will be shown when done)
            self.view.plan_labels()
            self.view.viewport().setUpdatesEnabled(True)

    def _show_legend_and_names(self, kb: KnowledgeBase) -> None:
        """The legend's kinds and categories, and Find's completions, for what ``kb`` holds."""
        categories = sorted(
            {kb.relations[c.predicate].category for c in kb.claims.values()}, key=lambda c: kb.label(c)
        )
        self.view.set_legend(
            sorted({a.kind for a in kb.actors.values()}),
            [(kb.label(c), category_colour(c)) for c in categories],
        )
        names = sorted({n for a in kb.actors.values() for n in a.names()}, key=str.casefold)
        self.completer.model().setStringList(names)  # type: ignore[attr-defined]

    def _source_name(self) -> str:
        if not self.sources:
            return BUNDLED
        names = [p.name for p in self.sources]
        return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")

    def _update_status(self) -> None:
        if self.kb is None:
            self.counts.setText("no graph loaded")
            self.source_label.setText("")
            return
        kb = self.kb
        self.counts.setText(
            f"{len(self.visible.actors)} of {len(kb.actors)} actors · "
            f"{len(self.visible.claims)} of {len(kb.claims)} claims shown"
        )
        self.source_label.setText(
            f"  source: {self._source_name()} ({len(kb.articles)} articles, {len(kb.evidence)} passages)"
        )

    # ================================================================ filters, selection, paths

    def apply_filters(self, state: FilterState) -> None:
        if self.kb is None:
            return
        previous_focus = self.filter_state.focus
        self.filter_state = state
        self.visible = visible(self.kb, state)
        self.scene.set_visible(self.visible)
        self._update_status()
        actor = self.scene.selected_actor() or (self.evidence.actor.iri if self.evidence.actor else None)
        if actor is not None and actor in self.visible.actors:
            self._show_actor(actor)
        elif actor is not None:
            self.scene.select_actor(None)
            self.evidence.clear()
        if state.focus != previous_focus and self.visible.actors:
            self.view.fit()
        self.filtersApplied.emit()

    def _visible_claims_of(self, actor: str) -> list:
        assert self.kb is not None
        return [c for c in self.kb.claims_of(actor) if c.iri in self.visible.claim_set]

    def _show_actor(self, iri: str) -> None:
        assert self.kb is not None
        actor = self.kb.actors.get(iri)
        if actor is not None:
            self.evidence.show_actor(actor, self._visible_claims_of(iri))

    def _on_scene_selection(self) -> None:
        iri = self.scene.selected_actor()
        if iri is not None:
            self._show_actor(iri)
            self.filters.set_focus_actor(iri)
        elif not self.scene.selected_bundles and self.evidence.actor is not None:
            self.evidence.clear()

    def _on_bundle_selected(self, claims: list[str]) -> None:
        assert self.kb is not None
        kb = self.kb
        records = [kb.claims[c] for c in claims]
        if not records:
            return
        first = records[0]
        category = kb.category_of(first)
        self.evidence.show_claims(
            f"{kb.label(first.subject)} – {kb.label(first.object)}",
            records,
            f"{category.label} · {len(records)} claim{'s' if len(records) != 1 else ''}",
        )

    def _on_claim_selected(self, claim: str) -> None:
        self.scene.highlight_claims([claim])

    def select_actor(self, iri: str) -> bool:
        """Select and centre an actor (as Find does); False when it is hidden or unknown."""
        if self.kb is None or iri not in self.visible.actors:
            return False
        self.scene.select_actor(iri)
        self.view.centre_on_actor(iri)
        return True

    def focus_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def find_actor(self, text: str) -> str | None:
        if self.kb is None or not text.strip():
            return None
        exact = [a for a in self.kb.actors.values() if text in a.names()]
        matches = exact or self.kb.find_actors(text)
        if not matches:
            self.statusBar().showMessage(f"No actor is called {text!r}", 4000)
            return None
        actor = matches[0]
        if not self.select_actor(actor.iri):
            self.statusBar().showMessage(f"{actor.label} is hidden by the filters", 4000)
            return None
        self.view.setFocus()
        return actor.iri

    def find_paths(self, source: str, target: str) -> list[list[PathStep]]:
        assert self.kb is not None
        self.path_results = find_paths(self.kb, source, target, self.visible.claims)
        self.filters.show_paths(self.path_results)
        if not self.path_results:
            self.scene.highlight_path((), ())
        return self.path_results

    def show_path(self, row: int) -> None:
        if not 0 <= row < len(self.path_results):
            return
        path = self.path_results[row]
        actors = [path[0].source] + [s.target for s in path] if path else []
        self.scene.highlight_path(actors, [c.iri for s in path for c in s.claims])
        self.evidence.show_path(path)

    # ================================================================ layout and expansion

    def reset_layout(self) -> None:
        if self.kb is None:
            return
        kb = self.kb
        self.jobs.start(
            "laying out", lambda _p, cancel: compute_layout(kb, cancel), on_done=self._layout_done
        )

    def _layout_done(self, positions: dict[str, Position]) -> None:
        self.scene.set_positions(positions, keep_pinned=False)
        self.view.fit()

    def expand_actor(self, iri: str) -> None:
        """The hook for lazily loaded sources: ask the knowledge object for the next page of ``iri``'s claims."""
        expand = getattr(self.kb, "expand", None)
        if not callable(expand):
            return
        self.jobs.start(
            "expanding",
            lambda progress, cancel: (iri, bool(expand(iri, progress=progress, should_cancel=cancel))),
            on_done=self._expanded,
            on_failed=lambda err: self.show_error("Cannot expand", str(err)),
        )

    def _expanded(self, result: tuple[str, bool]) -> None:
        iri, changed = result
        if changed and self.kb is not None:
            kb = self.kb
            old = self.scene.positions()
            centre = old.get(iri, (0.0, 0.0))
            fresh = [a for a in kb.actors if a not in old]
            positions = dict(old)
            for i, actor in enumerate(fresh):
                angle = 2 * math.pi * i / max(len(fresh), 1)
                positions[actor] = (centre[0] + 140 * math.cos(angle), centre[1] + 140 * math.sin(angle))
            self._redraw_in_place(kb, positions)
            self._update_status()
            self.select_actor(iri)
        self._show_expansion(iri)
        self.expanded.emit(iri)

    def _redraw_in_place(self, kb: KnowledgeBase, positions: dict[str, Position]) -> None:
        """Draw a changed knowledge base where its actors are now: pinned actors stay pinned, and the
        filters start afresh so that the change shows."""
        pinned = {i for i, n in self.scene.nodes.items() if n.pinned}
        self.filter_state = FilterState()
        self.visible = visible(kb, self.filter_state)
        self.scene.set_graph(kb, positions, self.visible)
        for actor in pinned:
            if actor in self.scene.nodes:
                self.scene.nodes[actor].pinned = True
        self.filters.set_knowledge(kb)

    def _show_expansion(self, iri: str) -> None:
        """'X: showing 100 of 2,252 claims — double-click again for more' in the status bar."""
        state = getattr(self.kb, "expansion_state", None)
        if self.kb is None or not callable(state):
            return
        loaded, total, complete = state(iri)
        name = self.kb.label(iri)
        if complete:
            text = f"{name}: all {total:,} claims shown"
        else:
            text = f"{name}: showing {loaded:,} of {total:,} claims — double-click again for more"
        self.statusBar().showMessage(text, 10000)

    # ================================================================ reader

    def open_reader(self, evidence: str, claim: str | None = None) -> None:
        if self.kb is None or evidence not in self.kb.evidence:
            return
        kb = self.kb
        ctx = kb.context(evidence)
        try:
            text = kb.article_text(ctx.evidence.article)
        except ExplorerError as exc:
            self.show_error("Cannot show the article", str(exc))
            return
        start = ctx.paragraph_start + ctx.quote_start
        end = ctx.paragraph_start + ctx.quote_end
        if text[start:end] != ctx.paragraph[ctx.quote_start : ctx.quote_end]:
            start = end = 0
        description = kb.describe(kb.claims[claim]) if claim in kb.claims else None
        self.reader.show_passage(ctx.article, text, start, end, description)

    # ================================================================ export

    def _ask_save(self, title: str, name: str, file_filter: str) -> Path | None:
        folder = app_settings().value("lastDirectory", str(Path.home()))
        path, _chosen = QFileDialog.getSaveFileName(self, title, str(Path(str(folder)) / name), file_filter)
        if not path:
            return None
        app_settings().setValue("lastDirectory", str(Path(path).parent))
        return Path(path)

    def _base_name(self) -> str:
        return "caucasus-explorer" if not self.sources else self.sources[0].stem

    def ask_export_turtle(self, shown: bool) -> None:
        if self.kb is None:
            return
        name = self._base_name() + ("-shown.ttl" if shown else ".ttl")
        path = self._ask_save(
            "Export Shown Graph as Turtle" if shown else "Export Graph as Turtle", name, "Turtle (*.ttl)"
        )
        if path is not None:
            self.export(path, "turtle", list(self.visible.claims) if shown else None)

    def ask_export_network(self, fmt: str) -> None:
        if self.kb is None:
            return
        ext = {"graphml": ".graphml", "gexf": ".gexf"}[fmt]
        label = {"graphml": "GraphML (*.graphml)", "gexf": "GEXF (*.gexf)"}[fmt]
        path = self._ask_save(f"Export as {fmt.upper()}", self._base_name() + ext, label)
        if path is not None:
            self.export(path, fmt, list(self.visible.claims) if self.filter_state.active else None)

    def export(self, path: Path, fmt: str, claims: list[str] | None) -> None:
        """Write ``claims`` (all when None) with their evidence, in the background."""
        from explorer.core.export import export_to

        assert self.kb is not None
        kb = self.kb
        self.jobs.start(
            "exporting",
            lambda progress, _c: (export_to(kb, path, fmt, claims, progress=progress), path)[1],
            on_done=self._exported,
            on_failed=self._export_failed,
        )

    def _exported(self, path: Path) -> None:
        self.statusBar().showMessage(f"Wrote {path}", 6000)
        self.exportDone.emit(str(path))

    def _export_failed(self, error: ExplorerError) -> None:
        self.show_error("Cannot export", str(error))
        self.exportFailed.emit(str(error))

    def ask_export_picture(self, fmt: str) -> None:
        if self.kb is None:
            return
        label = "PNG image (*.png)" if fmt == "png" else "SVG drawing (*.svg)"
        path = self._ask_save(f"Export Picture as {fmt.upper()}", f"{self._base_name()}.{fmt}", label)
        if path is not None:
            self.export_picture(path, fmt)

    def export_picture(self, path: Path, fmt: str) -> bool:
        """Draw the graph as shown (filters, highlights) into a PNG or SVG file."""
        source = self.scene.graph_rect()
        if source.isEmpty():
            return False
        source = source.adjusted(-90, -40, 90, 60)
        width, height = math.ceil(source.width()), math.ceil(source.height())
        target = QRectF(0, 0, width, height)
        background = self.view.palette().color(QPalette.ColorRole.Base)
        ok = True
        if fmt == "svg":
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(QSize(width, height))
            generator.setViewBox(QRect(0, 0, width, height))
            generator.setTitle(self.windowTitle())
            generator.setDescription("Actors and claims drawn by explorer")
            painter = QPainter(generator)
            painter.fillRect(target, background)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.scene.render_picture(painter, target, source)
            painter.end()
        else:
            from PySide6.QtGui import QImage

            ratio = 2.0
            image = QImage(int(width * ratio), int(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
            image.fill(background)
            painter = QPainter(image)
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            self.scene.render_picture(painter, target, source)
            painter.end()
            ok = image.save(str(path), "PNG")
        self.view.plan_labels()
        if not ok or not path.exists():
            self.show_error("Cannot export", f"{path}: the picture could not be written")
            self.exportFailed.emit(str(path))
            return False
        self.statusBar().showMessage(f"Wrote {path}", 6000)
        self.exportDone.emit(str(path))
        return True

    # ================================================================ open, recent, drop

    def ask_connect(self) -> None:
        from explorer.gui.connect import ask_connect

        ask_connect(self)

    def ask_open(self) -> None:
        from explorer.core.formats import open_dialog_filter

        folder = str(app_settings().value("lastDirectory", str(Path.home())))
        paths, _chosen = QFileDialog.getOpenFileNames(self, "Open RDF Files", folder, open_dialog_filter())
        if paths:
            app_settings().setValue("lastDirectory", str(Path(paths[0]).parent))
            self.open_files([Path(p) for p in paths])

    def recent_files(self) -> list[list[str]]:
        value = app_settings().value("recentFiles", [])
        entries = [value] if isinstance(value, str) else list(value or [])
        return [str(e).split("\n") for e in entries if e]

    def _remember_recent(self, paths: Sequence[Path]) -> None:
        entry = "\n".join(str(p.resolve()) for p in paths)
        entries = ["\n".join(e) for e in self.recent_files()]
        entries = [entry] + [e for e in entries if e != entry]
        app_settings().setValue("recentFiles", entries[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        entries = self.recent_files()
        for i, paths in enumerate(entries, 1):
            names = ", ".join(Path(p).name for p in paths)
            action = self.recent_menu.addAction(f"&{i} {names}")
            action.setStatusTip("\n".join(paths))
            action.triggered.connect(lambda _c=False, ps=paths: self.open_files([Path(p) for p in ps]))
        if not entries:
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", lambda: app_settings().setValue("recentFiles", []))

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    # ================================================================ curation: state

    def _curation_source(self, kb: KnowledgeBase, sources: Sequence[Path]) -> tuple[list[Path] | None, bool]:
        """The files an edit of ``kb`` rewrites, and whether they are the bundled data; None when ``kb``
        is not read from files (a remote source), so it cannot be curated here."""
        from explorer.core.store import OxigraphStore, RdflibStore
        from explorer.resources import bundled_files

        if callable(getattr(kb, "expand", None)) or not isinstance(kb.store, OxigraphStore | RdflibStore):
            return None, False
        if sources:
            return [Path(p) for p in sources], False
        loaded = [Path(p).resolve() for p in getattr(kb, "sources", [])]
        if loaded and loaded == [p.resolve() for p in bundled_files()]:
            return [], True
        return (loaded or None), False

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self._source_name()}[*] — explorer")
        self.setWindowModified(self.curation.modified)

    def _document(self) -> core.Document | None:
        """The document being curated (read on first use), or None after telling the user why not."""
        if self.kb is None or not self.curation.enabled:
            self.statusBar().showMessage("This graph cannot be edited here: it is not read from files.", 6000)
            return None
        try:
            if self.curation.doc is None:
                self.setCursor(QCursor(Qt.CursorShape.WaitCursor))
                try:
                    return self.curation.document()
                finally:
                    self.unsetCursor()
            return self.curation.document()
        except ExplorerError as exc:
            self.show_error("Cannot edit this graph", str(exc))
            return None

    def _push(self, command: core.Command) -> str | None:
        """Run one command as an undoable step; an error is shown and changes nothing."""
        try:
            result = self.curation.push(command)
        except ExplorerError as exc:
            self.show_error(command.text.split(" “")[0] or "Cannot edit", str(exc))
            return None
        if result is not None:
            self.statusBar().showMessage(f"{command.text} (Edit > Undo takes it back)", 6000)
        return result

    def current_claim(self) -> str | None:
        claim = self.evidence.current_claim()
        if claim is None and len(self.scene.selected_bundles) == 1 and len(self.scene.selected_bundles[0].claims) == 1:
            claim = self.scene.selected_bundles[0].claims[0]
        return claim if self.kb is not None and claim in self.kb.claims else None

    def current_actor(self) -> str | None:
        actor = self.scene.selected_actor() or (self.evidence.actor.iri if self.evidence.actor else None)
        return actor if self.kb is not None and actor in self.kb.actors else None

    def _update_curation_actions(self, *_args: object) -> None:
        can = self.kb is not None and self.curation.enabled
        selected = self.reader.isVisible() and self.reader.selection() is not None
        claim, actor = self.current_claim(), self.current_actor()
        with_statement = claim is not None and self.kb is not None and self.kb.claims[claim].has_statement
        self.new_claim_action.setEnabled(can and selected)
        self.add_passage_action.setEnabled(can and selected)
        self.edit_claim_action.setEnabled(can and with_statement)
        self.delete_claim_action.setEnabled(can and claim is not None)
        self.remove_passage_action.setEnabled(can and self.evidence.current_evidence() is not None)
        self.new_actor_action.setEnabled(can)
        for action in (self.edit_actor_action, self.delete_actor_action, self.merge_actor_action):
            action.setEnabled(can and actor is not None)
        self.save_action.setEnabled(can)
        self.save_as_action.setEnabled(can)
        self.validate_action.setEnabled(self.kb is not None)

    # ================================================================ curation: after a change

    def _curated(self, focus: str | None) -> None:
        """Show the document's new state in place: positions, the reader and (where possible) the
        selection are kept; the filters start afresh so the change is visible."""
        doc = self.curation.doc
        if doc is None:
            return
        kb = doc.kb
        previous_actor = self.current_actor()
        old = self.scene.positions()
        positions = dict(old)
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        fresh = [a for a in kb.actors if a not in old]
        for i, actor in enumerate(fresh):
            near = [old[c.object if c.subject == actor else c.subject] for c in kb.claims_of(actor)
                    if (c.object if c.subject == actor else c.subject) in old]
            x, y = ((sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near))
                    if near else (centre.x(), centre.y()))
            angle = 2 * math.pi * (i + 1) / (len(fresh) + 1)
            positions[actor] = (x + 110 * math.cos(angle), y + 110 * math.sin(angle))
        filtered = self.filter_state.active
        self.kb = kb
        self.sources = [] if doc.bundled else list(doc.files)
        self.path_results = []
        self._redraw_in_place(kb, positions)
        self.evidence.set_knowledge(kb)
        self._show_legend_and_names(kb)
        self._update_title()
        self._update_status()
        if not self.show_item(focus) and previous_actor in kb.actors:
            self.scene.select_actor(previous_actor)
        if filtered:
            self.statusBar().showMessage("The filters were reset to show the change.", 6000)
        self.curated.emit(focus)

    def show_item(self, iri: str | None) -> bool:
        """Select and show an actor, a claim (its subject, the claim's row and its edge) or a passage."""
        kb = self.kb
        if kb is None or not iri:
            return False
        if iri in kb.evidence:
            claim = kb.evidence[iri].claim
            if self.show_item(claim):
                self.evidence.select_evidence(iri)
                return True
            return False
        if iri in kb.claims:
            claim = kb.claims[iri]
            if claim.subject not in self.visible.actors or iri not in self.visible.claim_set:
                self.filters.reset()
            if not self.select_actor(claim.subject):
                return False
            self.evidence.select_claim(iri)
            self.scene.highlight_claims([iri])
            return True
        if iri in kb.actors:
            if iri not in self.visible.actors:
                self.filters.reset()
            return self.select_actor(iri)
        return False

    def reveal(self, subject: str) -> None:
        """Show what a validation problem concerns (a passage also opens in the reader)."""
        if not self.show_item(subject):
            self.statusBar().showMessage(f"{subject} is not in the graph", 6000)
            return
        if self.kb is not None and subject in self.kb.evidence:
            self.open_reader(subject, self.kb.evidence[subject].claim)

    # ================================================================ curation: commands

    def new_claim_from_reader(self) -> None:
        self.reader.request_new_claim()

    def add_passage_from_reader(self) -> None:
        self.reader.request_add_passage()

    def new_claim_from(self, article: str, start: int, end: int) -> str | None:
        """The New Claim dialog for text[start:end] of ``article``; returns the new claim's IRI."""
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        doc = self._document()
        if doc is None:
            return None
        kb = doc.kb
        try:
            text = kb.article_text(article)
        except ExplorerError as exc:
            self.show_error("Cannot show the article", str(exc))
            return None
        dialog = dialogs.ClaimDialog(
            kb, core.curation_relations(kb), core.attribution_choices(doc), self,
            quote=text[start:end], article=kb.articles.get(article), span=(start, end),
        )
        if not dialogs.run_dialog(dialog):
            return None
        form = dialog.form()
        return self._push_with_actors(
            form.subject, form.object, f"New Claim “{self._form_text(kb, form)}”",
            lambda s, o: core.NewClaim(s, form.predicate, o, article, start, end, form.event_date, form.asserted_by),
        )

    @staticmethod
    def _form_text(kb: KnowledgeBase, form: dialogs.ClaimForm) -> str:
        from explorer.gui import curation_dialogs as dialogs

        def name(choice: dialogs.ActorChoice) -> str:
            return choice.label if isinstance(choice, dialogs.ActorSpec) else kb.label(choice)

        return f"{name(form.subject)} {kb.label(form.predicate)} {name(form.object)}"

    def _push_with_actors(self, subject: dialogs.ActorChoice, obj: dialogs.ActorChoice, text: str,
                          make: Callable[[str, str], core.Command]) -> str | None:
        """Create the new actors a dialog described, then the command that needs them, as one step."""
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        specs = list(dict.fromkeys(x for x in (subject, obj) if isinstance(x, dialogs.ActorSpec)))
        if not specs:
            return self._push(make(str(subject), str(obj)))
        stack = self.curation.undo_stack
        self.curation.begin(text)
        result, error = None, None
        try:
            made: dict[dialogs.ActorSpec, str] = {}
            for spec in specs:
                made[spec] = self.curation.push(
                    core.NewActor(spec.label, spec.kind, spec.aliases, spec.role, spec.description)
                ) or ""
            command = make(made.get(subject, subject), made.get(obj, obj))  # type: ignore[arg-type]
            result = self.curation.push(command)
        except ExplorerError as exc:
            error = exc
        finally:
            self.curation.end()
        if error is not None:
            stack.undo()
            self.show_error(text.split(" “")[0], str(error))
            return None
        self.statusBar().showMessage(f"{text} (Edit > Undo takes it back)", 6000)
        return result

    def add_passage_from(self, article: str, start: int, end: int) -> str | None:
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        doc = self._document()
        if doc is None:
            return None
        kb = doc.kb
        dialog = dialogs.PassageDialog(
            kb, core.attribution_choices(doc), kb.article_text(article)[start:end], self.current_claim(), self
        )
        if not dialogs.run_dialog(dialog):
            return None
        claim = dialog.claim()
        assert claim is not None
        return self._push(core.AddPassage(claim, article, start, end, dialog.asserted_by()))

    def edit_claim(self, claim: str | None = None) -> str | None:
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        claim = claim or self.current_claim()
        doc = self._document()
        if doc is None or claim is None or claim not in doc.kb.claims:
            return None
        kb = doc.kb
        dialog = dialogs.ClaimDialog(kb, core.curation_relations(kb), (), self, claim=kb.claims[claim])
        if not dialogs.run_dialog(dialog):
            return None
        form = dialog.form()
        return self._push_with_actors(
            form.subject, form.object, f"Edit Claim “{self._form_text(kb, form)}”",
            lambda s, o: core.EditClaim(claim, s, form.predicate, o, form.event_date or ""),
        )

    def delete_claim(self, claim: str | None = None) -> bool:
        from explorer.core import curation as core

        claim = claim or self.current_claim()
        if claim is None or self._document() is None:
            return False
        done = self._push(core.DeleteClaim(claim)) is not None
        if done:
            self.statusBar().showMessage("Claim deleted (Edit > Undo brings it back).", 6000)
        return done

    def remove_passage(self, evidence: str | None = None) -> bool:
        from explorer.core import curation as core

        evidence = evidence or self.evidence.current_evidence()
        if evidence is None or self._document() is None:
            return False
        return self._push(core.RemovePassage(evidence)) is not None

    def new_actor(self) -> str | None:
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        if self._document() is None:
            return None
        dialog = dialogs.ActorDialog(self)
        if not dialogs.run_dialog(dialog):
            return None
        spec = dialog.spec()
        return self._push(core.NewActor(spec.label, spec.kind, spec.aliases, spec.role, spec.description))

    def edit_actor(self, actor: str | None = None) -> str | None:
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        actor = actor or self.current_actor()
        doc = self._document()
        if doc is None or actor is None or actor not in doc.kb.actors:
            return None
        dialog = dialogs.ActorDialog(self, doc.kb.actors[actor])
        if not dialogs.run_dialog(dialog):
            return None
        spec = dialog.spec()
        return self._push(core.EditActor(actor, spec.label, spec.kind, spec.aliases, spec.role or "",
                                         spec.description or ""))

    def delete_actor(self, actor: str | None = None) -> bool:
        from explorer.core import curation as core

        actor = actor or self.current_actor()
        doc = self._document()
        if doc is None or actor is None:
            return False
        claims = doc.kb.degree(actor) if actor in doc.kb.actors else 0
        done = self._push(core.DeleteActor(actor)) is not None
        if done:
            self.statusBar().showMessage(
                f"Actor deleted with {claims} claim{'s' if claims != 1 else ''} (Edit > Undo brings them back).", 6000
            )
        return done

    def merge_actor(self, actor: str | None = None) -> str | None:
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        actor = actor or self.current_actor()
        doc = self._document()
        if doc is None or actor is None or actor not in doc.kb.actors:
            return None
        dialog = dialogs.MergeDialog(doc.kb, doc.kb.actors[actor], self)
        if not dialogs.run_dialog(dialog):
            return None
        keep = dialog.target()
        assert keep is not None
        return self._push(core.MergeActors(keep, actor))

    def _fill_articles(self) -> None:
        self.read_menu.clear()
        kb = self.kb
        articles = sorted(kb.articles.values(), key=lambda a: (a.date or "", a.title)) if kb else []
        for article in articles:
            action = self.read_menu.addAction(f"{article.title} ({article.date or 'undated'})")
            action.setEnabled(bool(article.seed_file))
            action.triggered.connect(lambda _c=False, iri=article.iri: self.open_article(iri))
        if not articles:
            self.read_menu.addAction("(no articles)").setEnabled(False)

    def open_article(self, article: str) -> bool:
        """The whole article in the reader, to select passages from."""
        if self.kb is None or article not in self.kb.articles:
            return False
        try:
            text = self.kb.article_text(article)
        except ExplorerError as exc:
            self.show_error("Cannot show the article", str(exc))
            return False
        self.reader.show_article(self.kb.articles[article], text)
        return True

    def _evidence_menu(self, where: QPoint, kind: str, claim: str, evidence: str) -> None:
        menu = QMenu(self)
        if evidence:
            menu.addAction("Open in Reader", lambda: self.open_reader(evidence, claim))
        if kind in ("claim", "passage"):
            menu.addAction(self.edit_claim_action)
            menu.addAction(self.delete_claim_action)
        if kind == "passage":
            menu.addAction(self.remove_passage_action)
        if self.evidence.actor is not None:
            menu.addSeparator()
            menu.addAction(self.edit_actor_action)
            menu.addAction(self.merge_actor_action)
            menu.addAction(self.delete_actor_action)
        menu.addSeparator()
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        self.show_menu(menu, where)

    def _actor_menu(self, actor: str, where: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.edit_actor_action, self.merge_actor_action, self.delete_actor_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.new_actor_action)
        self.show_menu(menu, where)

    def show_menu(self, menu: QMenu, where: QPoint) -> None:
        """Pop up a context menu (tests replace this: a popup menu waits for the user)."""
        menu.exec(where)
        menu.deleteLater()

    # ================================================================ curation: saving

    def save(self) -> bool:
        """File > Save: write the changed files where they are (Save As for the bundled data)."""
        if self.kb is None or not self.curation.enabled:
            return False
        if not self.curation.modified and self.curation.doc is None and not self.curation.bundled:
            self.statusBar().showMessage("Nothing to save: no file has changed.", 6000)
            return True
        if self.curation.needs_name():
            return self.save_as()
        try:
            written = self.curation.save()
        except ExplorerError as exc:
            self.show_error("Cannot save", str(exc))
            return False
        names = ", ".join(p.name for p in written)
        self.statusBar().showMessage(f"Saved {names}" if written else "Nothing to save: no file has changed.", 6000)
        if written:
            self.validate_curation()
        return True

    def save_as(self) -> bool:
        from explorer.core import curation as core

        if self.kb is None or self._document() is None:
            return False
        name = (self.sources[0].stem if self.sources else "curated-claims") + ".ttl"
        path = self._ask_save("Save Curation As", name, "Turtle (*.ttl)")
        if path is None:
            return False
        if not path.suffix:
            path = path.with_suffix(".ttl")
        if core.is_installed_bundle(path):
            self.show_error(
                "Cannot save here", "These are the data files of the installed program: choose another folder."
            )
            return False
        try:
            self.curation.save_as(path)
        except ExplorerError as exc:
            self.show_error("Cannot save", str(exc))
            return False
        self.sources = [path]
        self._remember_recent([path])
        self._update_title()
        self._update_status()
        self.statusBar().showMessage(f"Saved {path}", 6000)
        self.validate_curation()
        return True

    def validate_curation(self) -> None:
        """Check quotes, offsets and SHACL shapes in the background; list the problems found."""
        if self.kb is None:
            return
        if self._validation is not None:  # one check at a time: run again when this one is done
            self._validate_again = True
            return
        from explorer.core.validate import validate

        kb = self.kb  # a snapshot: edits made while the check runs do not change it
        self._validate_again = False
        self._validation = self.jobs.start(
            "validating", lambda _p, _c: validate(kb), on_done=self._validated,
            on_failed=self._validation_failed, on_cancelled=self._validation_ended,
        )

    def _validation_ended(self) -> None:
        self._validation = None
        if self._validate_again:
            self.validate_curation()

    def _validation_failed(self, error: ExplorerError) -> None:
        self._validation_ended()
        self.show_error("Cannot validate", str(error))

    def _validated(self, report: Report) -> None:
        self._validation_ended()
        if self._validation is not None:
            return  # a newer check is running: its report is the one to show
        self.report = report
        self.problems.show_problems(report.problems, report.checked)
        if report.problems:
            if not self.problems_dock.isVisible():
                self.problems_dock.show()
                self.resizeDocks([self.problems_dock], [190], Qt.Orientation.Vertical)
            self.problems_dock.raise_()
            n = len(report.problems)
            self.statusBar().showMessage(
                f"Validation found {n} problem{'s' if n != 1 else ''}: see the list below.", 8000
            )
        else:
            self.statusBar().showMessage("Validation found no problems.", 6000)
        self.validated.emit(report)

    def ask_unsaved(self, when: str) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel (tests replace this: a message box waits for the user)."""
        from PySide6.QtWidgets import QMessageBox

        names = ", ".join(p.name for p in (self.curation.doc.changed_files() if self.curation.doc else []))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved Changes",
            f"The curation has unsaved changes ({names or 'new claims'}). Save them before {when}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def maybe_save(self, when: str = "closing") -> bool:
        """True when it is fine to drop the current curation (saved, discarded, or nothing to save)."""
        if not self.curation.modified:
            return True
        from PySide6.QtWidgets import QMessageBox

        answer = self.ask_unsaved(when)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def offer_recovery(self) -> bool:
        """After a crash: offer the autosaved curation of the last session; True when it was restored."""
        found = self.curation.recoveries()
        if not found:
            return False
        import time as _time

        from PySide6.QtWidgets import QMessageBox

        recovery = found[0]
        when = _time.strftime("%d %b %Y %H:%M", _time.localtime(recovery.written))
        files = ", ".join(p.name for p in recovery.changed) or "the bundled graph"
        answer = QMessageBox.question(
            self,
            "Restore Unsaved Curation?",
            f"explorer did not close properly last time. Its curation of {files} "
            f"({recovery.claims} claims, autosaved {when}) was not saved.\n\nRestore it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            recovery.discard()
            return False
        try:
            doc = recovery.load()
        except ExplorerError as exc:
            self.show_error("Cannot restore the curation", str(exc))
            return False
        self.set_knowledge(doc.kb, None, [] if doc.bundled else doc.files)
        self.curation.set_document(doc)
        self._update_title()
        self.curation.autosave()
        recovery.discard()
        self.statusBar().showMessage("Restored the unsaved curation: save it to keep it.", 8000)
        return True

    # ================================================================ messages, about, settings

    def show_error(self, title: str, text: str) -> None:
        """A plain-text error box (file names and messages are never read as markup)."""
        from PySide6.QtWidgets import QMessageBox

        self._messages.append(text)
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def show_about(self) -> None:
        from explorer.gui.about import AboutDialog

        AboutDialog(self.kb, self).exec()

    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("window/evidenceSplitter")
        if splitter is not None:
            self.evidence.splitter.restoreState(splitter)
        legend = settings.value("view/legend", True)
        self.legend_action.setChecked(str(legend).lower() not in ("false", "0"))

    def save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/evidenceSplitter", self.evidence.splitter.saveState())
        settings.setValue("view/legend", self.legend_action.isChecked())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save("closing"):
            event.ignore()
            return
        self.curation.close()
        self.jobs.shutdown()
        self.save_settings()
        self.reader.close()
        super().closeEvent(event)
