"""Small helpers shared by the GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


def view_point(win, scene_pos: QPointF) -> QPoint:
    """Where a scene point is on the graph view's viewport."""
    return win.view.mapFromScene(scene_pos)
