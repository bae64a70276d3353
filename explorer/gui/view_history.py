"""View › Back and Forward (Alt+Left, Alt+Right): the window's side of explorer.app.view_history. Each
view change (filters, focus, Hide, a drag, Reset Layout, a saved view) is recorded once it is drawn; going
back puts the step's filters and hidden actors back through the session and moves the actors back. The
data's undo stack (Edit › Undo) is another history: neither touches the other."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from explorer.app.session import Change
from explorer.app.view_history import ViewHistory, ViewStep
from explorer.gui.actions import make_action


class ViewHistoryActions(QObject):
    """See the module docstring; ``window`` is the MainWindow (typed loosely: it imports this module)."""

    @property
    def window(self) -> Any:
        """The window: the Qt parent (no Python reference to it, so no cycle for the collector to break)."""
        return self.parent()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.history = ViewHistory()
        self._restoring = False
        #: where the actors were at the last drag, layout or drawing (a filter step moves none: the steps
        #: share this one mapping, so a time bar playing costs no copy of ten thousand positions a step)
        self._positions: dict[str, tuple[float, float]] = {}
        self._pinned: frozenset[str] = frozenset()
        self.back_action: QAction = make_action(window, "&Back (View)", self.back, "Alt+Left",
                                                "The view before the last move, hide, filter or focus change")
        self.forward_action: QAction = make_action(window, "F&orward (View)", self.forward, "Alt+Right",
                                                   "The view change undone with Back, again")
        window.session.changed.connect(self._on_change)
        window.graphShown.connect(self._started)
        window.view.nodesDropped.connect(self.record_moves)
        self._sync()

    def _step(self) -> ViewStep:
        step = self.window.session.view_step({}, ())
        return ViewStep(step.controls, step.focus_mode, step.focus_actor, step.hidden, step.show_unlinked,
                        self._positions, self._pinned, step.collapsed_blocs)

    def _read_positions(self) -> None:
        scene = self.window.scene
        self._positions = scene.positions()
        self._pinned = frozenset(iri for iri, node in scene.nodes.items() if node.pinned)

    def _started(self) -> None:
        """A graph was drawn: its history starts with the view as first shown."""
        self._read_positions()
        self.history.reset(self._step())
        self._sync()

    def _on_change(self, change: Change) -> None:
        if self._restoring or change.knowledge:
            return
        if change.edited:
            self._read_positions()  # (new actors were placed)
        if change.visible or change.edited or change.blocs:
            self.record()

    def record_moves(self) -> None:
        """Actors were dragged (and so pinned), or laid out again: one more step."""
        self._read_positions()
        self.record()

    def record(self) -> None:
        """The view changed (a filter moved, an actor was hidden, the focus moved): one more step."""
        if self._restoring or self.window.session.kb is None:
            return
        if self.history.record(self._step()):
            self._sync()

    def back(self) -> bool:
        return self._go(self.history.back())

    def forward(self) -> bool:
        return self._go(self.history.forward())

    def _go(self, step: ViewStep | None) -> bool:
        if step is None:
            return False
        window = self.window
        self._restoring = True
        try:
            window.session.restore_view_step(step)
            window.filters.show_controls(step.controls, step.focus_mode)
            scene = window.scene
            scene.set_positions(step.positions, keep_pinned=False)
            for iri in step.pinned:
                node = scene.nodes.get(iri)
                if node is not None:
                    node.pinned = True
            self._positions, self._pinned = dict(step.positions), step.pinned
        finally:
            self._restoring = False
        self._sync()
        return True

    def _sync(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back)
        self.forward_action.setEnabled(self.history.can_go_forward)
