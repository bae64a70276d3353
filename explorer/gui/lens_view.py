"""Wiring of the lenses: the Metrics dock and the graph's node sizes and colours follow the session's lens.

The window makes one :class:`LensView`; it observes the session, and tells the session what the user
chose (a lens, rows of the table). The analysis runs on the GUI thread, and only while the dock is open or
a lens other than the plain one is chosen (the bundled graph's takes a few hundredths of a second; a
10k-actor graph's betweenness takes seconds: moving it to the job runner is left to do).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDockWidget, QFileDialog, QStatusBar, QWidget

from explorer.app.lenses import dyad_of, lens_values, metrics_csv, metrics_rows
from explorer.gui.dyad_panel import DyadPanel
from explorer.gui.metrics_panel import MetricsPanel

if TYPE_CHECKING:
    from explorer.app.lens import Lens
    from explorer.app.session import Change, Session
    from explorer.gui.graph.scene import GraphScene
    from explorer.gui.graph.view import GraphView


class LensHost(Protocol):
    """What the lenses need of the main window (a protocol: the window imports this module)."""

    session: Session
    scene: GraphScene
    view: GraphView

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...
    def resizeDocks(self, docks: list[QDockWidget], sizes: list[int], orientation: Qt.Orientation) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def height(self) -> int: ...

#: Colours of communities and blocs (a qualitative palette, Okabe-Ito then Tableau), grey for none.
GROUP_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#4E79A7",
                 "#59A14F", "#B07AA1", "#FF9DA7", "#9C755F")
NO_GROUP = "#BBBBBB"
#: Node radius range under a size lens (scene units), smallest to largest value.
MIN_RADIUS, MAX_RADIUS = 5.0, 36.0


def group_colour(group: int | None) -> QColor:
    return QColor(NO_GROUP if group is None else GROUP_COLOURS[group % len(GROUP_COLOURS)])


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
        dock.hide()
        self.dock = dock
        self._styled = False  # some actor is sized or coloured by a lens
        self._pending: set[str] = set()  # deferred refreshes already asked for
        self._kinds: list[str] = []  # the graph legend's kinds, while a lens colours by group
        self.dyad = DyadPanel()
        dyad_dock = QDockWidget("Dyad", widget)
        dyad_dock.setObjectName("dyadDock")
        dyad_dock.setWidget(self.dyad)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dyad_dock)
        dyad_dock.hide()
        self.dyad_dock = dyad_dock
        dyad_dock.visibilityChanged.connect(self._dyad_shown)
        self.dyad.claimActivated.connect(self._claim_picked)
        self.panel.lensChosen.connect(window.session.set_lens)
        self.panel.actorsPicked.connect(self._actors_picked)
        self.panel.exportRequested.connect(self.export_csv)
        dock.visibilityChanged.connect(self._dock_shown)
        window.session.changed.connect(self._on_change)

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
        elif change.selection and self.dock.isVisible():
            self.panel.select_actors(self.window.session.selection.actors)
        if (change.selection or change.visible or change.knowledge) and self.dyad_dock.isVisible():
            self._schedule(self.show_dyad)

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
        found = dyad_of(session)
        if found is None or session.kb is None:
            self.dyad.show_dyad(None, "Select two actors (Ctrl+click) or an edge", {})
            return
        kb = session.kb
        count = sum(len(p.claims) for p in found.periods)
        described = {iri: kb.describe(kb.claims[iri]) for p in found.periods for iri in p.claims}
        self.dyad.show_dyad(found, f"{kb.label(found.a)} – {kb.label(found.b)}: {count} coded "
                                   "claims by year (undated ones by their article's date)", described)

    def refresh(self) -> None:
        """Table, legend and the graph's sizes and colours, from the session."""
        session = self.window.session
        if session.kb is None or not self.active:
            self.apply(None)
            return
        values = lens_values(session)
        self.panel.show_lens(session.lens, values.legend)
        if self.dock.isVisible():
            self.panel.show_rows(metrics_rows(session))
            self.panel.select_actors(session.selection.actors)
        self.apply(session.lens, values.size, values.group)

    def apply(self, lens: Lens | None, size: dict[str, float] | None = None,
              group: dict[str, int | None] | None = None) -> None:
        """Size and colour the scene's actors by ``lens`` (None or the plain lens: by degree and kind)."""
        nodes = self.window.scene.nodes
        plain = lens is None or lens.plain
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
        for iri, node in nodes.items():
            if plain:
                node.apply_lens(None, None)
                continue
            assert lens is not None
            radius = None
            if lens.node_size != "degree" and size is not None:
                radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * size.get(iri, 0.0) ** 0.5
            colour = group_colour((group or {}).get(iri)) if lens.node_colour != "type" else None
            node.apply_lens(radius, colour)
        self.window.scene.actors_resized()
        self.window.scene.update()

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
