"""View › Collapse Blocs (and the Blocs tab's button): the main canvas shows the blocs as group nodes
(explorer.gui.graph.group_layer) while the session says so, following filters, edits and the lens's method.
A click on a group edge selects its claims: the Evidence panel lists them with their passages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QWidget

from explorer.app.collapse import collapsed_of
from explorer.gui.graph.group_layer import GroupLayer, group_index

if TYPE_CHECKING:
    from explorer.app.blocs import GroupEdge
    from explorer.app.session import Change, Session
    from explorer.gui.bloc_panel import BlocPanel
    from explorer.gui.graph.scene import GraphScene
    from explorer.gui.graph.view import GraphView


class CollapseWindow(Protocol):
    """What the collapsed blocs need of the main window."""

    session: Session
    scene: GraphScene
    view: GraphView


class CollapseHost(Protocol):
    """What they need of the lenses (explorer.gui.lens_view.LensView, which makes this view)."""

    blocs: BlocPanel

    @property
    def window(self) -> CollapseWindow: ...

    def analysed(self) -> bool: ...


class CollapseView(QObject):
    """The action, and the group layer on the canvas."""

    def __init__(self, lenses: CollapseHost, parent: QObject, colour_of: Callable[[int | None], QColor]) -> None:
        super().__init__(parent)
        self.lenses = lenses
        self.colour_of = colour_of
        window = lenses.window
        self.action = QAction("Collapse &Blocs", cast(QWidget, window))
        self.action.setCheckable(True)
        self.action.setStatusTip("Show each signed bloc as one group node; a group edge gathers its members' claims")
        self.action.toggled.connect(window.session.set_collapsed_blocs)
        self.layer = GroupLayer(self._picked, self._colour)
        self._pending = False
        lenses.blocs.collapseToggled.connect(window.session.set_collapsed_blocs)
        window.session.changed.connect(self._on_change)

    @property
    def window(self) -> CollapseWindow:
        return self.lenses.window

    def _on_change(self, change: Change) -> None:
        session = self.window.session
        for switch in (self.action, self.lenses.blocs.collapse_button):
            if switch.isChecked() != session.collapsed_blocs:
                switch.blockSignals(True)
                switch.setChecked(session.collapsed_blocs)
                switch.blockSignals(False)
        again = change.blocs or (session.collapsed_blocs and (change.visible or change.edited or change.knowledge
                                                              or change.lens))
        if again and not self._pending:  # after the window has drawn what changed (the actors' places)
            self._pending = True
            QTimer.singleShot(0, self, self.refresh)

    def refresh(self) -> None:
        """Draw the collapsed blocs on the canvas, or take them away."""
        self._pending = False
        session, scene = self.window.session, self.window.scene
        if not session.collapsed_blocs or session.kb is None:
            self._remove()
            return
        if not self.lenses.analysed():
            return  # (the background analysis refreshes this when it is done)
        collapsed = collapsed_of(session)
        if collapsed is None:
            self._remove()
            return
        palette = self.window.view.viewport().palette()
        extent = scene.graph_rect()
        first = self.layer.scene() is None
        centres = collapsed.centres(scene.positions())
        self.layer.set_collapsed(collapsed, centres, extent if not extent.isEmpty() else QRectF(-100, -100, 200, 200),
                                 palette.color(self.window.view.viewport().backgroundRole()),
                                 palette.color(QPalette.ColorRole.Text),
                                 cover=scene.sceneRect())  # (the actors' labels reach past their extent)
        if first:
            scene.addItem(self.layer)
            scene.covers.append(self.layer)
            self.window.view.fitInView(self.layer.groups_rect(), Qt.AspectRatioMode.KeepAspectRatio)
        scene.lens_mark += 1
        scene.update()

    def _remove(self) -> None:
        scene = self.window.scene
        if self.layer.scene() is not None:
            scene.removeItem(self.layer)
        if self.layer in scene.covers:
            scene.covers.remove(self.layer)
            scene.lens_mark += 1
            scene.update()

    def _picked(self, edge: GroupEdge) -> None:
        self.window.session.select(claims=list(edge.claims))

    def _colour(self, group: str) -> QColor:
        return self.colour_of(group_index(group))
