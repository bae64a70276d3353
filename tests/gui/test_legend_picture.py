"""The legend keeps its picture between repaints of the canvas under it (a play step repaints the canvas),
and draws it again when what it shows changes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from explorer.gui.graph.legend import LegendWidget


def _grab(legend: LegendWidget) -> QImage:
    return legend.grab().toImage()


def test_the_legend_is_drawn_again_only_when_what_it_shows_changes(qtbot) -> None:
    legend = LegendWidget(None, header=False)
    qtbot.addWidget(legend)
    legend.set_entries(["country", "person"], [("Conflict", QColor("red"))])
    legend.resize(legend.sizeHint())
    first = _grab(legend)
    kept = legend._picture
    assert kept is not None
    assert _grab(legend) == first and legend._picture is kept  # the same picture, not drawn again
    legend.set_entries(["country", "person"], [("Conflict", QColor("blue"))])
    assert _grab(legend) != first  # another colour: drawn again
    legend.set_entries(["country", "person"], [("Conflict", QColor("red"))])
    assert _grab(legend) == first
