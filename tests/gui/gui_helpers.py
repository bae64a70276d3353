"""Small helpers shared by the GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


def view_point(win, scene_pos: QPointF) -> QPoint:
    """Where a scene point is on the graph view's viewport."""
    return win.view.mapFromScene(scene_pos)


def linked_actors(kb) -> frozenset[str]:
    """The actors with a claim: those the window shows by default (the others are hidden until
    View › Show Actors Without Claims)."""
    return frozenset(end for c in kb.claims.values() for end in c.ends)


def shown_window(qtbot, kb, positions, size: tuple[int, int] = (1400, 900)):  # -> MainWindow
    """A main window shown at ``size``, painted, its parts made after the first frame made (they would
    otherwise be made in the middle of the test), with ``kb`` laid out at ``positions``."""
    from explorer.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.late_parts_made, timeout=20000)
    win.set_knowledge(kb, positions)
    return win
