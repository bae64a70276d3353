"""The main window: graph in the middle, filters on the left, evidence on the right.

It wires widgets to one Qt-free :class:`~explorer.app.session.Session`: a widget tells the session what
the user did (``session.select(...)``, ``session.set_filters(...)``), the session works out what follows
and announces one change, and :meth:`MainWindow._on_change` redraws each part from the session once.
Long work (loading, layout, connecting, expanding, exporting) is a work function of explorer.app.opening
or the core, run by the :class:`JobRunner`; the menus are explorer.gui.actions', the editing flows
explorer.gui.editing's, the export flows explorer.gui.exporting's.

Start-up: the window is built and painted before any data is touched. Only Qt and the light core
modules are imported at the top; rdflib, networkx, igraph, the curation engine, validation and the
dialogs are imported where they are first used (the load job imports its own in the background).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu, QWidget

from explorer.app import present
from explorer.app.session import Change, FindResult, Session
from explorer.core.api import Expandable, RemoteSource
from explorer.core.errors import ExplorerError
from explorer.core.jobs import pause_gc, resume_gc, settle_large_heap
from explorer.core.timeline import when
from explorer.gui import actions, settings
from explorer.gui.curation import CurationSession
from explorer.gui.editing import Editing
from explorer.gui.evidence_panel import EvidencePanel
from explorer.gui.exporting import Exporting
from explorer.gui.filters_panel import FiltersPanel
from explorer.gui.find_completer import ActorCompleter
from explorer.gui.graph.scene import GraphScene
from explorer.gui.graph.view import GraphView
from explorer.gui.sources import SourcesController
from explorer.gui.style import category_colour
from explorer.gui.timebar import TimeBar
from explorer.gui.views_panel import SavedViews
from explorer.gui.workers import JobRunner, Steps

if TYPE_CHECKING:
    from explorer.app.opening import Opened, Position
    from explorer.app.reading import Reading
    from explorer.core.api import Knowledge
    from explorer.core.filters import FilterState
    from explorer.core.server_window import ServerWindow
    from explorer.gui.canvas_menus import CanvasMenus
    from explorer.gui.layout_menu import LayoutMenu
    from explorer.gui.lens_view import LensView
    from explorer.gui.problems_panel import ProblemsPanel
    from explorer.gui.reader import ReaderDialog
    from explorer.gui.reanchoring import ReanchorController
    from explorer.gui.view_history import ViewHistoryActions

#: A graph with more actors and claims than this is drawn in steps (see _draw).
STEPPED_DRAWING = 6000
#: A window that is never painted (shown minimised, say) still starts loading after this long.
START_FALLBACK_MS = 1500
LOADING = "loading"  # the job key of opening a graph: a newer one replaces it
#: The docks made after the first frame (explorer.gui.actions.LATE_DOCKS) that were open when the window's
#: layout was saved (kept beside each screen size's layout): those are made before the layout is restored,
#: so the first frame shows them as before.
LATE_DOCKS_SHOWN = "lateDocksShown"


class MainWindow(QMainWindow):
    windowPainted = Signal()  # the window's first frame, its graph view with it, is on screen
    graphPainted = Signal()  # the first frame showing a graph is on screen
    graphShown = Signal()  # a knowledge base is on screen
    loadFailed = Signal(str)
    filtersApplied = Signal()
    expanded = Signal(str)
    completer: ActorCompleter  # Find's list (explorer.gui.actions builds it)
    layout_submenu: QMenu  # View › Layout (explorer.gui.actions builds it; the layout menu fills it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("explorer")
        self.session = Session()
        #: docks being made after the restore, and whether the saved layout shows them (see _placing_late)
        self._placed_late: dict[QDockWidget, bool] | None = None
        self._positions: dict[str, Position] | None = None  # where the next graph's actors go
        self._window_painted = False
        self._late_parts_made = False
        self._graph_painted = False
        self._syncing = False  # the scene's selection is being set from the session
        self._drawing: Steps | None = None  # a large graph being drawn in steps

        self.scene = GraphScene(self)
        self.view = GraphView(self.scene, self)
        self.setCentralWidget(self.view)
        self._viewport = self.view.viewport()
        self._viewport.installEventFilter(self)  # to notice the first frames (see eventFilter)
        self.evidence = EvidencePanel()
        self.evidence_dock = self._dock("Evidence", "evidenceDock", self.evidence,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.filters = FiltersPanel()
        self.filters_dock = self._dock("Filters", "filtersDock", self.filters, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.timebar = TimeBar()
        self.timebar_dock = self._dock("Time", "timeDock", self.timebar, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._reader: ReaderDialog | None = None  # the article reader: made after the first frame (see reader)
        self.curation = CurationSession(settings.app_settings(), self)
        self._problems_dock: QDockWidget | None = None  # validation's problems: made after the first frame
        self.saved_views = SavedViews(self)
        self.views_dock = self._dock("Views", "viewsDock", self.saved_views.panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._lenses: LensView | None = None  # the Metrics and Dyad docks: made after the first frame (see lenses)
        self._state_restored = False  # a saved dock layout was restored (docks made later take their place in it)
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label = QLabel()
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.counts)
        self.statusBar().addWidget(self.source_label, 1)
        self.jobs = JobRunner(self.statusBar(), self)
        self.evidence.set_jobs(self.jobs)
        self.exporting = Exporting(self)
        self.editing = Editing(self)
        self.sources = SourcesController(self)  # workspaces, imported articles, claim suggestions (issue 17)
        self._reanchoring: ReanchorController | None = None  # texts changed since import: made after the first frame
        self._view_history: ViewHistoryActions | None = None  # made after the first frame (see view_history)
        self._canvas_menus: CanvasMenus | None = None  # made after the first frame (see canvas_menus)
        self._layout_menu: LayoutMenu | None = None  # made after the first frame (see layout_menu)
        actions.build_find_bar(self)
        actions.build_menus(self)
        self._connect()
        self.setAcceptDrops(True)
        self.resize(1500, 920)
        # Views share the left column with Filters as a tab: stacked, the two docks and the Time bar would
        # make the window too tall for a small screen
        self.tabifyDockWidget(self.filters_dock, self.views_dock)
        self.filters_dock.raise_()
        self.resizeDocks([self.timebar_dock], [150], Qt.Orientation.Vertical)
        self._docks_sized = False  # the docks' widths follow the window's until a saved layout says otherwise
        self._first_shown = False
        self._restore_settings()
        self._show_status()
        self.windowPainted.connect(lambda: QTimer.singleShot(0, self, self._after_first_frame))

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea | None) -> QDockWidget:
        """A dock holding ``widget``, added to ``area`` (None: not added, see add_late_dock)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
                             | Qt.DockWidgetArea.BottomDockWidgetArea)
        if area is not None:
            self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        self.session.changed.connect(self._on_change)
        self.scene.selectionChanged.connect(self._on_scene_selection)
        self.scene.edgeClicked.connect(lambda a, b, category: self.session.select_edge(a, b, category or None))
        self.scene.actorActivated.connect(self.expand_actor)
        self.view.actorStepped.connect(self.step_to_actor)
        self.view.evidenceRequested.connect(self.read_evidence)
        self.evidence.claimSelected.connect(lambda claim: self.scene.highlight_claims([claim]))
        self.evidence.passageActivated.connect(self.open_reader)
        self.editing.curated.connect(self._reread)
        self.filters.changed.connect(self.apply_filters)
        self.timebar.changed.connect(lambda: self.apply_filters(self.filters.state()))
        self.filters.resolve = self.session.actor_named
        self.filters.pathRequested.connect(self.session.find_paths)
        self.filters.pathChosen.connect(self.session.choose_path)
        self.graphShown.connect(self._check_anchors)
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

    def _after_first_frame(self) -> None:
        """What the first frame does not show, made once it is on screen (the load has started by then): a
        part per turn of the event loop, so that the window answers in between (together they take about
        45 ms; the lenses and the reader about 16 ms each)."""
        parts: list[Callable[[], object]] = [
            lambda: self.lenses, lambda: self.reader, lambda: self.sources.dock,
            lambda: self.reanchoring,  # (and the Problems dock it shares a tab with)
            lambda: self.canvas_menus,  # (and the view history)
            lambda: self.layout_menu]

        def next_part() -> None:
            parts.pop(0)()
            if parts:
                QTimer.singleShot(0, self, next_part)
            else:
                self._late_parts_made = True

        next_part()

    @property
    def reader(self) -> ReaderDialog:
        """The article reader (a dialog of its own, hidden in the first frame): made after that frame, or
        when first needed; the editing flows and the own sources wire themselves to it then."""
        if self._reader is None:
            from explorer.gui.reader import ReaderDialog

            reader = self._reader = ReaderDialog(self)
            reader.claimActivated.connect(self.editing.show_item)  # a passage's claim, shown in the window
            self.editing.attach_reader(reader)
            self.sources.attach_reader(reader)
        return self._reader

    @property
    def problems_dock(self) -> QDockWidget:
        """The Problems dock (validation's problems, hidden in the first frame): made after that frame, or
        when first needed."""
        if self._problems_dock is None:
            from explorer.gui.problems_panel import ProblemsPanel

            panel = ProblemsPanel()
            self._problems_dock = self._dock("Problems", "problemsDock", panel, None)
            self.add_late_dock(self._problems_dock, Qt.DockWidgetArea.BottomDockWidgetArea)
            panel.problemActivated.connect(self.editing.reveal)
        return self._problems_dock

    @property
    def problems(self) -> ProblemsPanel:
        """The problems listed in the Problems dock."""
        return cast("ProblemsPanel", self.problems_dock.widget())

    @property
    def reanchoring(self) -> ReanchorController:
        """Passages of article texts changed since import, in the Re-anchoring dock (hidden in the first
        frame, a tab beside Problems): made after that frame, or when first needed; made after a graph was
        shown, it checks that graph."""
        if self._reanchoring is None:
            from explorer.gui.reanchoring import ReanchorController

            self._reanchoring = ReanchorController(self)
            if self.session.kb is not None:
                self._reanchoring.check()
        return self._reanchoring

    @property
    def view_history(self) -> ViewHistoryActions:
        """View › Back and Forward, the view's own history (issue 16): made after the first frame (their menu
        entries are not in it), or when first needed, and before a graph is drawn (its history starts then)."""
        if self._view_history is None:
            from explorer.gui.view_history import ViewHistoryActions

            self._view_history = ViewHistoryActions(self)
            actions.add_view_history_actions(self, self._view_history)
        return self._view_history

    @property
    def canvas_menus(self) -> CanvasMenus:
        """The graph's context menus and the View menu's canvas options (issue 16): made after the first frame,
        or when first needed, and before a graph is drawn (One Edge per Pair draws it)."""
        if self._canvas_menus is None:
            _ = self.view_history  # (Back and Forward come before the canvas options in the View menu)
            from explorer.gui.canvas_menus import CanvasMenus

            self._canvas_menus = CanvasMenus(self)
            actions.add_canvas_options(self, self._canvas_menus)
        return self._canvas_menus

    @property
    def layout_menu(self) -> LayoutMenu:
        """View › Layout's entries and the runs they start (issue 15): made after the first frame, or when the
        submenu first opens."""
        if self._layout_menu is None:
            from explorer.gui.layout_menu import LayoutMenu

            self._layout_menu = LayoutMenu(self, self.layout_submenu)
        return self._layout_menu

    def _check_anchors(self) -> None:
        """A graph is shown: its passages whose article texts changed since import (Re-anchoring)."""
        if self._reanchoring is None:
            _ = self.reanchoring  # (made now, it checks the graph on screen)
        else:
            self._reanchoring.check()

    def reader_if_made(self) -> ReaderDialog | None:
        """The reader when it has been made (what only changes a reader on screen need not make one)."""
        return self._reader

    @property
    def lenses(self) -> LensView:
        """The Metrics and Dyad docks and the analysis lenses (issue 15). Both docks are hidden in the first
        frame, so they are made after it (their modules and widgets took a tenth of the time to that frame),
        or when first needed: before a graph is shown, or before a saved layout that shows them is restored."""
        if self._lenses is None:
            from explorer.gui.lens_view import LensView

            with self._placing_late():
                lenses = self._lenses = LensView(self)
            actions.add_lens_actions(self, lenses)
            for dock in (lenses.dock, lenses.dyad_dock):
                actions.add_dock_toggle(self, dock)
        return self._lenses

    @contextmanager
    def _placing_late(self) -> Iterator[None]:
        """Docks added meanwhile take their places in the saved layout restored before they were made, and
        show or hide as it has them (whatever their maker did meanwhile)."""
        placed = self._placed_late = {} if self._state_restored else None
        try:
            yield
        finally:
            self._placed_late = None
        for dock, shown in (placed or {}).items():
            dock.setVisible(shown)

    def add_late_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea, toggle: bool = True) -> None:
        """A dock made after the first frame (hidden in it): in its place in a restored layout, else in
        ``area``; hidden; with its View menu entry when ``toggle``."""
        with self._placing_late():
            self.addDockWidget(area, dock)
            dock.hide()
        if toggle:
            actions.add_dock_toggle(self, dock)

    def _late_docks(self) -> list[QDockWidget]:
        """The docks made after the first frame that have been made."""
        made = [self._lenses.dock, self._lenses.dyad_dock] if self._lenses is not None else []
        others = (self._problems_dock, self._reanchoring.dock if self._reanchoring is not None else None,
                  self.sources.dock_if_made())
        return made + [dock for dock in others if dock is not None]

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget, *orientation: Qt.Orientation) -> None:
        """A dock made after a saved layout was restored takes its place in that layout (Qt's
        restoreDockWidget), not the place its maker asks for; any other dock goes where asked."""
        if self._placed_late is not None and self.restoreDockWidget(dock):
            self._placed_late[dock] = not dock.isHidden()
            return
        super().addDockWidget(area, dock, *orientation)

    def tabifyDockWidget(self, first: QDockWidget, second: QDockWidget) -> None:
        """(A dock placed by the saved layout stays there: see addDockWidget.)"""
        if self._placed_late is not None and second in self._placed_late:
            return
        super().tabifyDockWidget(first, second)

    @property
    def painted(self) -> bool:
        """Whether the window's first frame has been drawn."""
        return self._window_painted

    @property
    def late_parts_made(self) -> bool:
        """Whether what the first frame does not show has been made (see _after_first_frame)."""
        return self._late_parts_made

    def start(self, files: Sequence[Path | str] = (), *, recover: bool = True, endpoint: object = None,
              limit: int | None = None, text_folders: Sequence[Path] = (),
              time_window: ServerWindow | None = None) -> None:
        """The window's first work, once its first frame is on screen (empty, saying what is loading):
        offer a crashed session's curation (when ``recover``), else open ``endpoint`` or load ``files``
        (the bundled graph when none) in the background. Nothing is read before the user sees the window."""
        paths = [Path(p) for p in files]
        self.statusBar().showMessage(self._loading_message(paths))
        begun = False

        def begin() -> None:
            nonlocal begun
            if begun:
                return
            begun = True
            if endpoint is not None:
                from explorer.gui.connect import connect_endpoint

                connect_endpoint(self, endpoint, limit=limit, text_folders=text_folders,  # type: ignore[arg-type]
                                 time_window=time_window)
            elif not (recover and self.editing.offer_recovery()):
                self.open_files(paths)

        if self._window_painted:
            QTimer.singleShot(0, self, begin)
        else:
            self.windowPainted.connect(begin)
            QTimer.singleShot(START_FALLBACK_MS, self, begin)

    # ================================================================ opening

    @staticmethod
    def _loading_message(files: Sequence[Path]) -> str:
        return "Loading " + (", ".join(p.name for p in files) or "the " + present.BUNDLED) + "…"

    def load_bundled(self) -> None:
        self.open_files([])

    def open_files(self, paths: Sequence[Path | str]) -> None:
        """Load ``paths`` (the bundled graph when empty) in the background; errors keep the current graph.

        Unsaved curation is offered for saving first (Cancel keeps everything as it is)."""
        from explorer.app.opening import check_files, load_and_layout

        if not self.editing.maybe_save("opening another graph"):
            return
        files = [Path(p) for p in paths]
        try:
            check_files(files)
        except ExplorerError as exc:
            self._load_failed(exc)
            return
        self.statusBar().showMessage(self._loading_message(files))
        self.jobs.start("loading", lambda progress, cancel: load_and_layout(files, progress, cancel),
                        on_done=self._loaded, on_failed=self._load_failed, key=LOADING)

    def _loaded(self, opened: Opened) -> None:
        self.show_opened(opened)
        if opened.sources:
            settings.remember_recent(opened.sources)
        self.statusBar().showMessage("Loaded " + present.source_name(self.session.sources), 4000)

    def _load_failed(self, error: ExplorerError) -> None:
        self.statusBar().clearMessage()
        self.show_error("Cannot open the file", str(error))
        self.loadFailed.emit(str(error))

    def show_opened(self, opened: Opened) -> None:
        """Show a graph that was opened (files, an endpoint's first screen, a recovered curation)."""
        self.set_knowledge(opened.kb, opened.positions, opened.sources, origin=opened.origin)
        if opened.notes:
            self.statusBar().showMessage("; ".join(opened.notes), 10000)

    def set_knowledge(self, kb: Knowledge, positions: dict[str, Position] | None = None,
                      sources: Sequence[Path] = (), *, origin: str = "") -> None:
        """Show a knowledge base (positions computed here when not given)."""
        self._positions = positions
        _ = self.lenses  # (they follow the session's changes: made before the graph is)
        self.session.set_knowledge(kb, sources, origin=origin)

    # ================================================================ drawing the session

    def _on_change(self, change: Change) -> None:
        """Redraw each part from the session, once, for what ``change`` says changed."""
        session = self.session
        self._syncing = True  # the scene's selection follows the session's: no echo back
        try:
            if change.knowledge:
                self._draw()
                return  # the panels follow when the graph is drawn
            if change.edited:
                self._redraw_in_place()
            elif change.visible and session.kb is not None:
                self.scene.set_visible(session.visible)
        finally:
            self._syncing = False
        if change.visible or change.edited:
            self.filters.show_session(session)
            self.view.set_empty_note(present.empty_canvas_line(session))
            self.timebar.show_session(session.controls)
        if change.lens:
            self.timebar.set_lens(session.lens)  # stacked by quad class under a coded edge lens
        if change.paths:
            self.filters.show_paths(session.paths)
        if change.selection or change.visible or change.edited:
            self._show_selection()
        if change.refit:
            self.view.fit()
        if change.report and session.report is not None:
            self.editing.show_report(session.report)
        self._show_status()
        if change.message:
            self.statusBar().showMessage(change.message, 6000)
        if change.visible:
            self.filtersApplied.emit()

    def _show_selection(self) -> None:
        """The scene's selection and highlights, the evidence panel and the Focus label, from the session."""
        session, scene = self.session, self.scene
        selection = session.selection
        self._syncing = True
        try:
            if set(scene.selected_actors()) != set(selection.actors):
                scene.select_actors(selection.actors)
            if not selection.claims and not selection.actors and scene.selected_bundles:
                scene.highlight_claims(())
        finally:
            self._syncing = False
        path = session.path
        if path is not None:
            actors = [path[0].source] + [s.target for s in path] if path else []
            scene.highlight_path(actors, [c.iri for s in path for c in s.claims])
        elif scene.path_actors or scene.path_bundles:
            scene.highlight_path((), ())
        self.evidence.show_view(present.evidence_view(session), session.kb, session.visible.articles)
        self.timebar.show_actors(selection.actors)
        self.filters.show_focus(present.focus_line(session))

    def _on_scene_selection(self) -> None:
        """The user (de)selected actors in the graph: the session learns it (Ctrl+click adds to them)."""
        if self._syncing:
            return
        chosen = set(self.scene.selected_actors())
        if chosen:
            kept = [a for a in self.session.selection.actors if a in chosen]
            self.session.select(kept + sorted(chosen.difference(kept)))
        elif not self.scene.selected_bundles:
            self.session.clear_selection()

    def _draw(self) -> None:
        """Draw the session's new graph: at once when small, in steps (the window answering) when large."""
        from explorer.app.opening import compute_layout

        _ = self.canvas_menus  # (one edge per pair or not; the view history starts with this graph)
        kb, visible = self.session.kb, self.session.visible
        positions, self._positions = self._positions, None
        if self._reader is not None:
            self._reader.hide()
        if self._drawing is not None:
            self._drawing.stop()
            self._drawing = None
            resume_gc()
        if kb is None:
            return
        steps = self.scene.build_graph(kb, positions if positions is not None else compute_layout(kb), visible)
        if len(kb.claims) + len(kb.actors) < STEPPED_DRAWING:
            for _done in steps:
                pass
            self._drawn(kb)
            return
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
            self._show_legend_and_names(kb)  # (each its own turn of the event loop: 50-120 ms at 10k actors)
            yield 0.97
            for _step in self.timebar.knowledge_steps(kb):  # (two turns: about 40 ms each at 50k claims)
                yield 0.98
            yield 1.0

        self._drawing = self.jobs.start_steps("drawing the graph", with_panels(),
                                              lambda: self._drawn(kb, panels=False))

    def _graph_parts(self) -> list[QWidget]:
        """What shows or acts on the graph: disabled while a large graph is being drawn."""
        return [self.view, self.filters_dock, self.evidence_dock, self.timebar_dock]

    def _drawn(self, kb: Knowledge, panels: bool = True) -> None:
        stepped = self._drawing is not None
        if stepped:
            settle_large_heap()
            resume_gc()
        self._drawing = None
        for part in self._graph_parts():
            part.setEnabled(True)
        if not stepped:
            self.view.viewport().setUpdatesEnabled(True)
        if panels:  # else done as steps of the drawing
            self.timebar.set_knowledge(kb)
            self.filters.set_knowledge(kb)
            self._show_legend_and_names(kb)
        from explorer.gui.server_time import show_server_window

        show_server_window(self)  # an endpoint opened in a time window (explorer.gui.server_time)
        self.filters.show_paths([])
        self._show_selection()
        self.view.legend.setVisible(self.legend_action.isChecked())
        self.view.set_empty_note(present.empty_canvas_line(self.session))
        self.editing.graph_shown()
        self._show_status()
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

    def _redraw_in_place(self) -> None:
        """Draw the session's changed graph where its actors are now (new ones where ``_positions`` puts
        them); pinned actors stay pinned."""
        from explorer.app.curation import positions_for_new_actors

        kb = self.session.kb
        assert kb is not None
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        placed = {**self.scene.positions(), **(self._positions or {})}
        positions = positions_for_new_actors(kb, placed, (centre.x(), centre.y()))
        self._positions = None
        pinned = {i for i, n in self.scene.nodes.items() if n.pinned}
        self.scene.set_graph(kb, positions, self.session.visible)
        for actor in pinned:
            if actor in self.scene.nodes:
                self.scene.nodes[actor].pinned = True
        self.filters.set_knowledge(kb)
        self.timebar.set_knowledge(kb)
        from explorer.gui.server_time import show_server_window

        show_server_window(self)
        self._show_legend_and_names(kb)

    def _show_legend_and_names(self, kb: Knowledge) -> None:
        """The legend's kinds and categories, and Find's completions, for what ``kb`` holds."""
        categories = sorted({kb.relations[c.predicate].category for c in kb.claims.values()}, key=kb.label)
        self.view.set_legend(sorted({a.kind for a in kb.actors.values()}),
                             [(kb.label(c), category_colour(c)) for c in categories])
        from explorer.app.finding import completions

        self.completer.set_completions(completions(kb))

    def _show_status(self) -> None:
        self.counts.setText(present.counts_line(self.session))
        self.source_label.setText(present.source_line(self.session))
        self.setWindowTitle(f"{present.source_name(self.session.sources, self.session.origin)}[*] — explorer")
        self.setWindowModified(self.curation.modified)

    # ================================================================ filters, selection, find

    def apply_filters(self, state: FilterState) -> None:
        """The filter controls changed (their focus box says whether focus mode is on)."""
        self.session.set_filters(self.timebar.apply_to(state), focus_mode=self.filters.focus_mode())
        from explorer.gui.server_time import fetch_in_window

        fetch_in_window(self)  # an endpoint's window moved: its claims among the actors shown

    def select_actor(self, iri: str) -> bool:
        """Select and centre an actor (as Find does); False when it is hidden or unknown."""
        if iri not in self.session.visible.actors:
            return False
        self.session.select([iri])
        self.view.centre_on_actor(iri)
        return True

    def step_to_actor(self, iri: str) -> None:
        """The keyboard moved to a neighbour: select it and keep it in sight (no jump to the centre)."""
        self.session.select([iri])
        node = self.scene.node(iri)
        if node is not None:
            self.view.ensureVisible(node, 60, 60)

    def read_evidence(self) -> None:
        """Enter on a selected actor: the keyboard goes to its claims in the evidence panel."""
        self.evidence_dock.show()
        self.evidence.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def find_chosen(self, iri: str) -> None:
        """An actor picked from Find's list: selected and centred, or the status bar says it is hidden."""
        if not self.select_actor(iri):
            self.statusBar().showMessage(self.session.why_hidden(iri), 6000)
        else:
            self.view.setFocus()

    def find_actor(self, text: str) -> str | None:
        """Find an actor by name: at once in a local graph, in the background for an endpoint's (whose
        search is a query); returns the IRI found at once, if any."""
        kb = self.session.kb
        if kb is None or not text.strip():
            return None
        if isinstance(kb, RemoteSource):
            self.jobs.start("finding", lambda _p, _c: self.session.find(text), on_done=self._found,
                            on_failed=lambda err: self.show_error("Cannot search", str(err)), key="find")
            return None
        return self._found(self.session.find(text))

    def _found(self, result: FindResult) -> str | None:
        if result.actor is None:
            if result.message:
                self.statusBar().showMessage(result.message, 4000)
            return None
        self.select_actor(result.actor)
        self.view.setFocus()
        return result.actor

    # ================================================================ layout and expansion

    def reset_layout(self) -> None:
        from explorer.app.opening import compute_layout

        kb = self.session.kb
        if kb is None:
            return
        self.jobs.start("laying out", lambda p, cancel: compute_layout(kb, cancel, p), on_done=self._layout_done,
                        key="layout")

    def _layout_done(self, positions: dict[str, Position]) -> None:
        self.scene.set_positions(positions, keep_pinned=False)
        self.view.fit()
        self.view_history.record_moves()

    def expand_actor(self, iri: str) -> None:
        """A lazily loaded source: fetch the next page of ``iri``'s claims, then redraw in place."""
        kb = self.session.kb
        if not isinstance(kb, Expandable):
            return
        self.jobs.start(
            "expanding", lambda progress, cancel: (iri, bool(kb.expand(iri, progress=progress, should_cancel=cancel))),
            on_done=self._expanded, on_failed=lambda err: self.show_error("Cannot expand", str(err)),
        )

    def _expanded(self, result: tuple[str, bool]) -> None:
        iri, changed = result
        kb = self.session.kb
        if changed and kb is not None:
            old = self.scene.positions()
            centre = old.get(iri, (0.0, 0.0))
            fresh = [a for a in kb.actors if a not in old]
            step = 2 * math.pi / max(len(fresh), 1)  # the new neighbours in a ring round the actor
            self._positions = {actor: (centre[0] + 140 * math.cos(i * step), centre[1] + 140 * math.sin(i * step))
                               for i, actor in enumerate(fresh)}
            self.session.replace_knowledge(kb, keep=iri)
        if isinstance(kb, Expandable):
            loaded, total, complete = kb.expansion_state(iri)
            name = kb.label(iri)
            text = (f"{name}: all {total:,} claims shown" if complete
                    else f"{name}: showing {loaded:,} of {total:,} claims — double-click again for more")
            self.statusBar().showMessage(text, 10000)
        self.expanded.emit(iri)

    # ================================================================ reader

    def open_reader(self, evidence: str, claim: str | None = None) -> None:
        """The passage highlighted in its article (in the background when the passage must be fetched)."""
        kb = self.session.kb
        if kb is None or evidence not in kb.evidence:
            return
        if isinstance(kb, RemoteSource):
            self.jobs.start("reading", lambda _p, _c: self._passage(kb, evidence, claim),
                            on_done=lambda shown: self.reader.show_reading(cast("Reading", shown)),
                            on_failed=lambda err: self.show_error("Cannot show the article", str(err)), key="reader")
            return
        try:
            shown = self._passage(kb, evidence, claim)
        except ExplorerError as exc:
            self.show_error("Cannot show the article", str(exc))
            return
        self.reader.show_reading(shown)

    def _reread(self, *_args: object) -> None:
        """After an edit, the article in the reader marks its passages as they now are."""
        kb, reader = self.session.kb, self._reader
        if kb is None or isinstance(kb, RemoteSource) or reader is None or not reader.isVisible() \
                or reader.article is None \
                or reader.article.iri not in kb.articles:
            return
        from explorer.app.reading import reading

        shown = reader.reading
        active = shown.passages[shown.active].evidence if shown.active is not None else ()
        try:
            fresh = reading(kb, reader.article.iri, next((e for e in active if e in kb.evidence), None), shown.note)
        except ExplorerError:
            return  # (the article's text is gone: the reader keeps what it shows)
        reader.update_passages(fresh)

    @staticmethod
    def _passage(kb: Knowledge, evidence: str, claim: str | None) -> Reading:
        """The passage's article for the reader, every passage of it marked, this one active."""
        from explorer.app.reading import reading

        description = f"{kb.describe(kb.claims[claim])} ({when(kb.claims[claim])})" if claim in kb.claims else None
        return reading(kb, kb.evidence[evidence].article, evidence, description)

    # ================================================================ open, recent, drop

    def ask_connect(self) -> None:
        from explorer.gui.connect import ask_connect

        ask_connect(self, self.editing)

    def ask_open(self) -> None:
        from explorer.core.formats import open_dialog_filter

        paths, _chosen = QFileDialog.getOpenFileNames(self, "Open RDF Files", settings.last_folder(),
                                                      open_dialog_filter())
        if paths:
            settings.remember_folder(Path(paths[0]).parent)
            self.open_files([Path(p) for p in paths])

    def ask_add(self) -> None:
        from explorer.core.formats import open_dialog_filter

        paths, _chosen = QFileDialog.getOpenFileNames(self, "Add RDF Files to the Graph", settings.last_folder(),
                                                      open_dialog_filter())
        if paths:
            settings.remember_folder(Path(paths[0]).parent)
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: Sequence[Path | str]) -> bool:
        """Merge ``paths`` into the graph on screen (File › Add to Graph, a drop with Ctrl or Shift): its
        actors keep their places; False when nothing is added (see explorer.app.adding)."""
        from explorer.app.adding import add_and_layout, files_on_screen, merged_files
        from explorer.app.opening import check_files

        current = files_on_screen(self.session.kb, self.session.sources)
        if current is None:
            self.show_error("Cannot add files", "Files can be added to a graph read from files, not to an "
                            "endpoint's graph: open them, or add them to the endpoint's store.")
            return False
        files, already = merged_files(current, [Path(p) for p in paths])
        if len(files) == len(current):
            self.statusBar().showMessage(f"Already in the graph: {', '.join(p.name for p in already)}", 6000)
            return False
        if not self.editing.maybe_save("adding files to the graph"):
            return False
        try:
            check_files(files)
        except ExplorerError as exc:
            self._load_failed(exc)
            return False
        placed = self.scene.positions()
        self.statusBar().showMessage("Adding " + ", ".join(p.name for p in files[len(current):]) + "…")
        self.jobs.start("adding", lambda progress, cancel: add_and_layout(files, placed, progress, cancel),
                        on_done=lambda opened: self._loaded(cast("Opened", opened)), on_failed=self._load_failed,
                        key=LOADING)
        return True

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        entries = settings.recent_files()
        for i, paths in enumerate(entries, 1):
            action = self.recent_menu.addAction(f"&{i} {', '.join(Path(p).name for p in paths)}")
            action.setStatusTip("\n".join(paths))
            action.triggered.connect(lambda _c=False, ps=paths: self.open_files([Path(p) for p in ps]))
        if not entries:
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", settings.clear_recent)

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            adding = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            (self.add_files if adding else self.open_files)(paths)  # Ctrl or Shift held: merged, not replaced

    # ================================================================ messages, about, settings

    def show_error(self, title: str, text: str) -> None:
        """A plain-text error box (file names and messages are never read as markup)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def show_about(self) -> None:
        from explorer.gui.about import AboutDialog

        AboutDialog(self.session.kb, self).exec()

    def dock_widths(self, width: int) -> list[int]:
        """The Filters and Evidence docks' widths for a window ``width`` wide: the canvas keeps at least
        half of it (at 1024 pixels, 205 + 287, and the canvas 532)."""
        return [min(max(int(width * 0.2), 180), 260), min(max(int(width * 0.28), 260), 420)]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()

    def _restyle(self) -> None:
        """A new theme: what holds colours of its own (legend, time bar, category swatches) takes the new
        theme's; the rest follows the palette by itself."""
        from explorer.gui.models import Role
        from explorer.gui.style import kind_icon, swatch_icon

        kb = self.session.kb
        if kb is None:
            return
        self._show_legend_and_names(kb)
        categories, kinds = self.filters.categories, self.filters.kinds
        for item in (categories.item(row) for row in range(categories.rowCount())):
            if item is not None and isinstance(item.data(Role.KEY), str):
                item.setIcon(swatch_icon(category_colour(item.data(Role.KEY))))
        for item in (kinds.item(row) for row in range(kinds.rowCount())):  # shapes outlined in the new text colour
            if item is not None and isinstance(item.data(Role.KEY), str):
                item.setIcon(kind_icon(item.data(Role.KEY), 16, self.filters.palette()))
        self.timebar.restyle()
        self.lenses.refresh()  # (a lens's community, bloc and edge colours are the theme's)
        if self.session.collapsed_blocs:
            self.lenses.collapse.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._first_shown:
            return
        self._first_shown = True
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the docks' widths as restored
        if not self._docks_sized or self.view.width() < self.width() // 2:
            # no saved layout, or one that leaves the canvas less than half the window: the default widths
            self._docks_sized = True
            self.resizeDocks([self.filters_dock, self.evidence_dock], self.dock_widths(self.width()),
                             Qt.Orientation.Horizontal)
            if layout is not None:
                layout.activate()  # now: a graph shown next is fitted to the canvas as it will be

    def screen_class(self) -> str:
        """The size class of the screen the window is on (see :func:`settings.size_class`)."""
        screen = self.screen()
        size = screen.availableGeometry().size() if screen is not None else self.size()
        return settings.size_class(size.width(), size.height())

    def _restore_settings(self) -> None:
        stored = settings.app_settings()
        where = f"window/{self.screen_class()}"  # geometry and docks as left on a screen of this size
        geometry = stored.value(f"{where}/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = stored.value(f"{where}/state")
        if state is not None:
            # (a layout saved before these docks came late says nothing: they are made after the first
            # frame, and an open one takes its saved place then)
            open_docks = set(str(stored.value(f"{where}/{LATE_DOCKS_SHOWN}", "")).split(","))
            if open_docks & {"metricsDock", "dyadDock"}:
                _ = self.lenses  # the layout shows the Metrics or Dyad dock: in the first frame as before
            if "suggestionsDock" in open_docks:
                _ = self.sources.dock
            if "problemsDock" in open_docks:
                _ = self.problems_dock
            if "reanchorDock" in open_docks:
                _ = self.reanchoring
            self.restoreState(state)
            self._docks_sized = True
            self._state_restored = True
        splitter = stored.value("window/evidenceSplitter")
        if splitter is not None:
            self.evidence.splitter.restoreState(splitter)
        legend = stored.value("view/legend", True)
        self.legend_action.setChecked(str(legend).lower() not in ("false", "0"))

    def save_settings(self) -> None:
        stored = settings.app_settings()
        where = f"window/{self.screen_class()}"
        stored.setValue(f"{where}/geometry", self.saveGeometry())
        stored.setValue(f"{where}/state", self.saveState())
        stored.setValue(f"{where}/{LATE_DOCKS_SHOWN}", ",".join(
            dock.objectName() for dock in self._late_docks() if dock.toggleViewAction().isChecked()))
        stored.setValue("window/evidenceSplitter", self.evidence.splitter.saveState())
        stored.setValue("view/legend", self.legend_action.isChecked())
        stored.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editing.maybe_save("closing"):
            event.ignore()
            return
        self.curation.close()
        self.jobs.shutdown()
        self.saved_views.remember_last()
        self.save_settings()
        if self._reader is not None:
            self._reader.close()
        super().closeEvent(event)
