"""Wiring of the lenses: the Metrics dock and the graph's node sizes and colours follow the session's lens.

The window makes one :class:`LensView`; it observes the session, and tells the session what the user
chose (a lens, rows of the table). The analysis runs only while the dock is open or a lens other than the
plain one is chosen: on the GUI thread for a small graph (the bundled graph's takes a few hundredths of a
second), on the job runner from explorer.app.lenses.BACKGROUND_CLAIMS visible claims (a 10k-actor graph's
betweenness takes seconds), the graph and table following when it is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDockWidget, QFileDialog, QStatusBar, QTabWidget, QWidget

from explorer.app import lenses
from explorer.app.lenses import (
    analysis_work,
    dyad_of,
    keep_analysis,
    kept_analysis,
    lens_values,
    metrics_csv,
    metrics_rows,
)
from explorer.core.palette import LIGHT
from explorer.gui.bloc_panel import BlocPanel
from explorer.gui.dyad_change import ChangePanel
from explorer.gui.dyad_panel import DyadPanel
from explorer.gui.graph.lens_nodes import quantised, restyle
from explorer.gui.metrics_panel import MetricsPanel
from explorer.gui.theme import current_theme

if TYPE_CHECKING:
    from explorer.app.lens import Lens
    from explorer.app.session import Change, Session
    from explorer.core.analysis import Analysis
    from explorer.gui.graph.lens_edges import LensEdgeLayer
    from explorer.gui.graph.scene import GraphScene
    from explorer.gui.graph.view import GraphView
    from explorer.gui.workers import JobRunner


class LensHost(Protocol):
    """What the lenses need of the main window (a protocol: the window imports this module)."""

    session: Session
    scene: GraphScene
    view: GraphView

    timebar_dock: QDockWidget
    jobs: JobRunner

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...
    def tabifyDockWidget(self, first: QDockWidget, second: QDockWidget) -> None: ...
    def resizeDocks(self, docks: list[QDockWidget], sizes: list[int], orientation: Qt.Orientation) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def height(self) -> int: ...

#: Colours of communities and blocs in the light theme (each theme has its own: Theme.groups), grey for none.
GROUP_COLOURS = LIGHT.groups
NO_GROUP = LIGHT.no_group
#: Node radius range under a size lens (scene units), smallest to largest value.
MIN_RADIUS, MAX_RADIUS = 5.0, 36.0


def group_colour(group: int | None) -> QColor:
    """A community's or bloc's colour in the theme shown now (grey: none)."""
    theme = current_theme()
    return QColor(theme.no_group if group is None else theme.groups[group % len(theme.groups)])


class LensView(QObject):
    """The Metrics dock and the lens on the graph."""

    def __init__(self, window: LensHost) -> None:
        widget = cast(QWidget, window)  # the main window itself
        super().__init__(widget)
        self.panel = MetricsPanel()
        dock = QDockWidget("Metrics", widget)
        dock.setObjectName("metricsDock")
        dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.dock = dock
        self._styled = False  # some actor is sized or coloured by a lens
        self._pending: set[str] = set()  # deferred refreshes already asked for
        self._kinds: list[str] = []  # the graph legend's kinds, while a lens colours by group
        self.edge_layer: LensEdgeLayer | None = None  # the edges while an edge lens colours them
        self._categories: list[tuple[str, QColor]] | None = None  # the legend's categories, meanwhile
        self._lens_rows: list[tuple[str, QColor]] = []  # what the legend shows instead
        #: per node size, node colour and theme: radii and colours, and the sizes and groups they are of
        self._style_of: dict[tuple[str, str, str], tuple[object, object, dict[str, float] | None,
                                                     dict[str, QColor] | None]] = {}
        self._kept_edges: LensEdgeLayer | None = None  # the edge lens's layer while no edge lens is on
        self._settling = False  # actors' bounding boxes are following a switch (lens_nodes.settle)
        self.dyad = DyadPanel()
        dyad_dock = QDockWidget("Dyad", widget)
        dyad_dock.setObjectName("dyadDock")
        self.change = ChangePanel()  # the pairs that warmed or cooled most
        tabs = QTabWidget()
        tabs.setObjectName("dyadTabs")
        tabs.addTab(self.dyad, "Pair")
        tabs.addTab(self.change, "Warmed / cooled")
        self.blocs = BlocPanel()  # the blocs collapsed into group nodes
        tabs.addTab(self.blocs, "Blocs")
        self.tabs = tabs
        dyad_dock.setWidget(tabs)
        self.blocs.claimsPicked.connect(lambda claims: window.session.select(claims=claims))
        self.blocs.claimActivated.connect(self._claim_picked)
        self.change.compareRequested.connect(self.show_changes)
        self.change.pairPicked.connect(lambda a, b: window.session.select([a, b]))
        tabs.currentChanged.connect(self._tab_shown)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dyad_dock)
        self.dyad_dock = dyad_dock
        dyad_dock.visibilityChanged.connect(self._dyad_shown)
        # Tabs beside the Time dock: side by side with it they held the window over 1,700 pixels wide.
        window.tabifyDockWidget(window.timebar_dock, dock)
        window.tabifyDockWidget(window.timebar_dock, dyad_dock)
        window.timebar_dock.raise_()
        dock.hide()
        dyad_dock.hide()
        for tabbed in (dock, dyad_dock):  # chosen from the View menu: in front of its tab group
            tabbed.toggleViewAction().triggered.connect(lambda on, d=tabbed: d.raise_() if on else None)
        self.dyad.claimActivated.connect(self._claim_picked)
        self.panel.lensChosen.connect(window.session.set_lens)
        self.panel.actorsPicked.connect(self._actors_picked)
        self.panel.exportRequested.connect(self.export_csv)
        dock.visibilityChanged.connect(self._dock_shown)
        window.session.changed.connect(self._on_change)
        from explorer.gui.lens_prepare import Preparer

        self.preparer = Preparer(self._preparation, self)  # what the next switch needs, in idle turns
        from explorer.gui.collapse_view import CollapseView

        self.collapse = CollapseView(self, self, group_colour)  # View › Collapse Blocs: group nodes on the canvas

    def _dock_shown(self, shown: bool) -> None:
        if shown:
            self.window.resizeDocks([self.dock], [min(260, self.window.height() // 3)], Qt.Orientation.Vertical)
            self.refresh()

    @property
    def active(self) -> bool:
        return self.dock.isVisible() or not self.window.session.lens.plain

    def _on_change(self, change: Change) -> None:
        if change.knowledge or change.visible or change.edited or change.lens:
            self._schedule(self.refresh)  # after the window has drawn what changed
            self._schedule(self.prepare)  # and then what the next switch needs
        elif change.selection and self.dock.isVisible():
            self.panel.select_actors(self.window.session.selection.actors)
        if (change.selection or change.visible or change.knowledge) and self.dyad_dock.isVisible():
            self._schedule(self.show_dyad)
        if (change.visible or change.knowledge or change.edited or change.lens) and self.dyad_dock.isVisible() \
                and self.tabs.currentIndex() == 2:
            self._schedule(self.show_blocs)

    def _schedule(self, work: Callable[[], None]) -> None:
        """Run ``work`` once on the next turn of the event loop, however many changes come before it."""
        if work.__name__ not in self._pending:
            self._pending.add(work.__name__)
            QTimer.singleShot(0, self, lambda: self._run(work))

    def _run(self, work: Callable[[], None]) -> None:
        self._pending.discard(work.__name__)
        work()

    @property
    def window(self) -> LensHost:
        """The window: the Qt parent (no Python reference to it, so no cycle to wait for the collector)."""
        return cast("LensHost", self.parent())

    @property
    def widget(self) -> QWidget:
        return cast(QWidget, self.parent())

    def _dyad_shown(self, shown: bool) -> None:
        if shown:
            self.show_dyad()

    def _claim_picked(self, claim: str) -> None:
        self.window.session.select(claims=[claim])

    def _actors_picked(self, actors: list[str]) -> None:
        if actors:
            self.window.session.select(actors)

    def show_dyad(self) -> None:
        """The Dyad panel, for the selected pair (or nothing)."""
        session = self.window.session
        if session.kb is not None and not self._analysed():
            return
        found = dyad_of(session)
        if found is None or session.kb is None:
            self.dyad.show_dyad(None, "Select two actors (Ctrl+click) or an edge", {})
            return
        kb = session.kb
        count = sum(len(p.claims) for p in found.periods)
        described = {iri: kb.describe(kb.claims[iri]) for p in found.periods for iri in p.claims}
        self.dyad.show_dyad(found, f"{kb.label(found.a)} – {kb.label(found.b)}: {count} coded "
                                   "claims by year (undated ones by their article's date)", described)

    def _tab_shown(self, index: int) -> None:
        if index == 1:
            self._suggest_periods()
        elif index == 2:
            self.show_blocs()

    def show_blocs(self) -> None:
        """The Blocs tab, from what the session shows."""
        from explorer.app.blocs import bloc_view

        session = self.window.session
        if session.kb is not None and not self._analysed():
            return
        found = bloc_view(session)
        kb = session.kb
        described = {} if found is None or kb is None else {
            iri: kb.describe(kb.claims[iri]) for edge in found.edges for iri in edge.claims if iri in kb.claims}
        self.blocs.show_blocs(found, described)

    def _suggest_periods(self) -> None:
        """Fill empty period boxes with the visible claims' years in two halves, and compare."""
        from explorer.app.dyad_change import suggested_periods

        if any(edit.text() for edit in self.change.bounds):
            return
        periods = suggested_periods(self.window.session)
        if periods is None:
            self.change.show_error("Fewer than two years of coded claims are shown: nothing to compare")
            return
        first, second = periods
        self.change.set_periods((first.start, first.end, second.start, second.end))
        self.show_changes(first.start, first.end, second.start, second.end)

    def show_changes(self, from1: str, to1: str, from2: str, to2: str) -> None:
        """Rank the visible pairs by how much they warmed or cooled between the two periods."""
        from explorer.app.dyad_change import changes_of
        from explorer.core.analysis.change import Period

        try:
            first, second = Period(from1, to1), Period(from2, to2)
        except ValueError as exc:
            self.change.show_error(str(exc))
            return
        self.change.show_changes(changes_of(self.window.session, first, second))

    def analysed(self) -> bool:
        """Whether the analysis of what the session shows is at hand (if not, it is started: see _analysed)."""
        return self._analysed()

    def _analysed(self) -> bool:
        """Whether the analysis of what the session shows is at hand; if not and the graph is large, start it on
        the job runner (the GUI thread would stop for seconds) and say False."""
        session = self.window.session
        if kept_analysis(session) is not None or len(session.visible.claim_set) < lenses.BACKGROUND_CLAIMS:
            return True
        self.window.jobs.start("analysing", analysis_work(session), on_done=self._analysis_done,
                               on_failed=lambda err: self.window.statusBar().showMessage(str(err), 8000),
                               key="lens-analysis")
        return False

    def _analysis_done(self, found: object) -> None:
        if keep_analysis(self.window.session, cast("tuple[tuple[object, ...], Analysis]", found)):
            self.refresh()
            self.prepare()
            if self.window.session.collapsed_blocs:
                self.collapse.refresh()
            if self.dyad_dock.isVisible():
                self.show_dyad()
                if self.tabs.currentIndex() == 2:
                    self.show_blocs()

    def refresh(self) -> None:
        """Table, legend and the graph's sizes and colours, from the session."""
        session = self.window.session
        if session.kb is None or not self.active:
            self.apply(None)
            self.apply_edges("category", {})
            return
        if not self._analysed():
            return  # (refreshed again when the background analysis is done)
        values = lens_values(session)
        self.panel.show_lens(session.lens, values.legend)
        if self.dock.isVisible():
            self.panel.show_rows(metrics_rows(session))
            self.panel.select_actors(session.selection.actors)
        self.apply(session.lens, values.size, values.group)
        self.apply_edges(session.lens.edge_colour, values.edge_key)

    def prepare(self) -> None:
        """Prepare, in idle turns, what a switch to another lens needs (see explorer.gui.lens_prepare)."""
        self.preparer.restart()

    def _preparation(self) -> Iterator[None]:
        """The steps: every claim's edge keys; the edge lens's lines for each mode; once the analysis is at hand,
        the values, radii and colours of each lens the user may pick next (lenses.candidate_lenses)."""
        from explorer.app.lens import EDGE_COLOURS
        from explorer.gui.graph import lens_nodes
        from explorer.gui.graph.lens_edges import LensEdgeLayer

        session, scene = self.window.session, self.window.scene
        if session.kb is None:
            return
        yield from lenses.edge_keys_steps(session)
        keys = lenses.kept_edge_keys(session)
        if keys is None:
            return
        layer = self.edge_layer or self._kept_edges
        if layer is None:
            layer = self._kept_edges = LensEdgeLayer("quad", keys["quad"])
        for mode in EDGE_COLOURS:
            if mode != "category":
                yield from layer.prepare_steps(scene, mode, keys[mode])
                yield
        if kept_analysis(session) is None:
            return  # (a switch to a node lens starts the analysis; prepared when it is done)
        for lens in lenses.candidate_lenses(session.lens):
            yield
            if kept_analysis(session) is None:
                return  # stale
            values = lens_values(session, lens)
            if not lens.plain:  # (an edge lens's prepares the usual sizes' outlines, for the way back)
                radii, colours = self._styles(lens, values.size, values.group)
                lens_nodes.prepare(scene, radii, colours)

    def apply(self, lens: Lens | None, size: dict[str, float] | None = None,
              group: dict[str, int | None] | None = None) -> None:
        """Size and colour the scene's actors by ``lens`` (None, or a lens that sizes and colours them as usual: by
        degree and kind; an edge lens alone leaves 40k actors untouched instead of comparing each)."""
        plain = lens is None or lens.plain_actors
        if plain and not self._styled:
            return  # nothing to undo: the usual drawing is left alone
        self._styled = not plain
        legend = self.window.view.legend
        by_group = not plain and lens is not None and lens.node_colour != "type"
        if by_group and legend.kinds:  # the graph's legend shows kinds' colours: not what the nodes have now
            self._kinds = legend.kinds
            legend.set_entries([], legend.categories)
        elif not by_group and not legend.kinds and self._kinds:
            legend.set_entries(self._kinds, legend.categories)
        if plain:
            restyle(self.window.scene, None, None)
        else:
            assert lens is not None
            radii, colours = self._styles(lens, size, group)
            restyle(self.window.scene, radii, colours)
        self._settle()

    def _styles(self, lens: Lens, size: dict[str, float] | None, group: dict[str, int | None] | None
                ) -> tuple[dict[str, float] | None, dict[str, QColor] | None]:
        """Each actor's radius and colour under ``lens`` (kept for the lens values they come from)."""
        styled = (lens.node_size, lens.node_colour, current_theme().name)
        kept = self._style_of.get(styled)
        if kept is not None and kept[0] is size and kept[1] is group:
            return kept[2], kept[3]
        radii = None
        if lens.node_size != "degree" and size is not None:
            span = MAX_RADIUS - MIN_RADIUS
            radii = {iri: quantised(MIN_RADIUS + span * size.get(iri, 0.0) ** 0.5) for iri in self.window.scene.nodes}
        colours = None
        if lens.node_colour != "type":
            by_group: dict[int | None, QColor] = {}  # one QColor per group, not per actor
            colours = {}
            for iri, key in (group or {}).items():
                colour = by_group.get(key)
                if colour is None:
                    colour = by_group[key] = group_colour(key)
                colours[iri] = colour
            missing = by_group.get(None) or group_colour(None)
            for iri in self.window.scene.nodes:
                if iri not in colours:
                    colours[iri] = missing
        if len(self._style_of) >= 40:
            self._style_of.clear()
        self._style_of[styled] = (size, group, radii, colours)
        return radii, colours

    def _settle(self) -> None:
        """The actors' bounding boxes follow their new sizes, a few thousand a turn (not in the switch's frame)."""
        from explorer.gui.graph.lens_nodes import settle

        if settle(self.window.scene, 0) and not self._settling:
            self._settling = True

            def step() -> None:
                if settle(self.window.scene):
                    QTimer.singleShot(0, self, step)
                else:
                    self._settling = False

            QTimer.singleShot(0, self, step)

    def apply_edges(self, mode: str, keys: dict[str, str]) -> None:
        """Colour the edges by the edge lens ``mode`` (by relation category: the scene's own layers), and
        make the graph's legend say what the colours mean."""
        from explorer.app.edge_lens import legend_rows
        from explorer.gui.graph.lens_edges import LensEdgeLayer

        scene, legend = self.window.scene, self.window.view.legend
        layer = self.edge_layer
        if mode == "category":
            if layer is None:
                return
            scene.removeItem(layer)
            scene.lens_edges = None
            scene.lens_mark += 1
            self._kept_edges = layer  # its lines by mode, for the next edge lens on the same picture
            scene.changed.disconnect(self._edges_moved)
            self.edge_layer = None
            scene.tint = None
            scene.update_highlights()
            for category_layer in scene.layers.values():
                category_layer.setVisible(True)
            if self._categories is not None:
                legend.set_entries(legend.kinds, self._categories)
                self._categories = None
            return
        if layer is None:
            layer = self.edge_layer = LensEdgeLayer(mode, keys) if self._kept_edges is None else self._kept_edges
            self._kept_edges = None
            scene.addItem(layer)
            scene.lens_edges = layer
            scene.changed.connect(self._edges_moved)
        elif legend.categories != self._lens_rows:  # the window showed another graph's categories meanwhile
            self._categories = legend.categories
        if self._categories is None:
            self._categories = legend.categories
        layer.set_lens(mode, keys)
        scene.lens_mark += 1  # (a large scene's view draws its picture again)
        lens_layer = layer
        scene.tint = lambda bundle: QColor(lens_layer.colour(bundle))
        scene.update_highlights()
        self._hide_category_layers()
        rows = legend_rows(mode, keys.values(), current_theme())
        self._lens_rows = [(label, QColor(colour)) for label, colour in rows]
        legend.set_entries(legend.kinds, self._lens_rows)

    def _hide_category_layers(self) -> None:
        for category_layer in self.window.scene.layers.values():
            if category_layer.isVisible():
                category_layer.setVisible(False)

    def _edges_moved(self, _regions: object = None) -> None:
        """The scene changed: the lens's edges follow moved actors and new bundles."""
        if self.edge_layer is not None:
            self._hide_category_layers()  # (a new graph or filter made new ones)
            self.edge_layer.sync()

    def export_csv(self) -> None:
        from explorer.core.export import write_atomically
        from explorer.gui.settings import last_folder

        path, _chosen = QFileDialog.getSaveFileName(self.widget, "Export metrics", str(Path(last_folder()) /
                                                                                      "metrics.csv"),
                                                    "CSV (*.csv)")
        if not path:
            return
        write_atomically(path, metrics_csv(metrics_rows(self.window.session)))
        self.window.statusBar().showMessage(f"wrote {path}", 6000)
