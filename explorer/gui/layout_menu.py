"""View › Layout: the force layout, ForceAtlas2, circular by community or bloc, radial around the selected actor.

Each runs on the job runner (progress and Cancel in the status bar); pinned actors stay where the user put
them, and actors the filters hide stay where they were. What a layout is: explorer.core.layouts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QStatusBar, QWidget

from explorer.app.layouts import LAYOUTS, TITLES, layout_problem, layout_request

if TYPE_CHECKING:
    from explorer.app.session import Session
    from explorer.gui.graph.scene import GraphScene
    from explorer.gui.graph.view import GraphView
    from explorer.gui.workers import JobRunner

Position = tuple[float, float]


class LayoutHost(Protocol):
    """What the layout menu needs of the main window."""

    session: Session
    scene: GraphScene
    view: GraphView
    jobs: JobRunner

    def statusBar(self) -> QStatusBar: ...


class LayoutMenu(QObject):
    """The View › Layout submenu and the runs it starts."""

    def __init__(self, window: LayoutHost, menu: QMenu) -> None:
        """Fills ``menu``, the View › Layout submenu (made with the window's menus, before this)."""
        super().__init__(cast(QWidget, window))
        self.menu = menu
        self.actions: dict[str, QAction] = {}
        for name in TITLES:
            action = QAction(TITLES[name], self.menu)
            action.setStatusTip(LAYOUTS[name][:1].upper() + LAYOUTS[name][1:] + "; pinned actors stay put")
            action.triggered.connect(lambda _checked=False, chosen=name: self.run(chosen))
            self.menu.addAction(action)
            self.actions[name] = action
        self.last: str | None = None  # the layout last applied (for tests and the status line)

    @property
    def window(self) -> LayoutHost:
        return cast("LayoutHost", self.parent())

    def run(self, name: str) -> None:
        """Lay the shown actors out by ``name`` in the background (the status bar says why not, if not)."""
        window = self.window
        problem = layout_problem(window.session, name)
        if problem is not None:
            window.statusBar().showMessage(problem, 6000)
            return
        scene = window.scene
        pinned = {iri: (n.pos().x(), n.pos().y()) for iri, n in scene.nodes.items() if n.pinned}
        request = layout_request(window.session, name, scene.positions(), pinned)
        window.jobs.start(f"laying out ({TITLES[name].replace('&', '')})", request.work,
                          on_done=lambda positions: self._done(name, cast("dict[str, Position]", positions)),
                          on_failed=lambda err: window.statusBar().showMessage(f"Cannot lay out: {err}", 8000),
                          key="layout")

    def _done(self, name: str, positions: dict[str, Position]) -> None:
        window = self.window
        if window.session.kb is None:
            return
        window.scene.set_positions(positions, keep_pinned=True)
        window.view.fit()
        self.last = name
        window.statusBar().showMessage(f"Laid out: {TITLES[name].replace('&', '')}", 4000)
