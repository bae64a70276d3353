"""What a lens switch needs, prepared ahead of the switch in idle turns of the event loop (issue 15).

The first switch to a lens used to compute its values, every claim's edge keys, the actors' radii and colours
and the edge lens's lines by colour (0.05-0.26 s at 10k actors). When a graph is shown or the visible claims,
the lens or the analysis change, :class:`Preparer` runs a generator of short steps (a few thousand claims or
bundles, or one lens, each), one per turn of the event loop (a zero timer), so the window keeps answering; a
newer change restarts it and drops what the older run had not kept. A switch takes what is ready and computes
the rest as before. The steps run on the GUI thread: the edge lens's lines are Qt objects, and the rest reads
the session and knowledge base, which the GUI thread may change between steps (each step checks it still holds).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QTimer


class Preparer(QObject):
    """Runs one generator of steps at a time, a step per idle turn; :meth:`restart` drops the running one."""

    def __init__(self, steps: Callable[[], Iterator[None]], parent: QObject) -> None:
        super().__init__(parent)
        self._make = steps
        self._run: Iterator[None] | None = None
        self._generation = 0
        self.finished = 0  # runs completed (tests wait for it)

    @property
    def busy(self) -> bool:
        return self._run is not None

    def restart(self) -> None:
        """Start preparing again from what is shown now (a newer change: the running preparation is stale)."""
        self._generation += 1
        self._run = self._make()
        generation = self._generation
        QTimer.singleShot(0, self, lambda: self._turn(generation))

    def _turn(self, generation: int) -> None:
        run = self._run
        if generation != self._generation or run is None:
            return  # restarted or stopped since
        try:
            next(run)
        except StopIteration:
            self._run = None
            self.finished += 1
            return
        QTimer.singleShot(0, self, lambda: self._turn(generation))

    def stop(self) -> None:
        self._generation += 1
        self._run = None
