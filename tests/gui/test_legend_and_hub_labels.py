"""The first screen: a legend that collapses to one line (by itself on a small canvas, and as the user chose)
while the fitted graph takes the room it leaves, and the hubs' labels at fit zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from explorer.gui import settings
from explorer.gui.graph.legend import EXPANDED_KEY
from explorer.gui.main_window import MainWindow

SIZES = pytest.mark.parametrize("size", [(1600, 1000), (1024, 700)], ids=["1600x1000", "1024x700"])


def _resize_and_fit(qtbot, window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0] and window.height() == size[1])
    window.fit_action.trigger()
    window.view.plan_labels()


def _under_legend(window: MainWindow) -> list[str]:
    """The actors whose shape or label the legend covers."""
    view = window.view
    covered = view.mapToScene(view.legend.geometry().adjusted(-2, -2, 2, 2)).boundingRect()
    lod = view.transform().m11()
    return [n.actor.label for n in window.scene.visible_nodes()
            if n.mapRectToScene(n.shape().boundingRect()).intersects(covered)
            or (n.label_visible and n.shows_label(n.isSelected(), lod)
                and n.mapRectToScene(n.label_rect()).intersects(covered))]


def test_the_legend_collapses_and_expands_and_the_fitted_graph_takes_the_room(qtbot, window: MainWindow) -> None:
    _resize_and_fit(qtbot, window, (1600, 1000))
    legend, view = window.view.legend, window.view
    assert legend.expanded and legend.toggle is not None  # a large canvas: expanded until the user chooses
    tall, scale = legend.height(), view.scale_factor()
    assert _under_legend(window) == []
    qtbot.mouseClick(legend.toggle, Qt.MouseButton.LeftButton)
    assert not legend.expanded
    assert legend.height() < 40 and legend.height() < tall / 3  # one line
    assert view.scale_factor() > scale  # the fitted view is fitted again, in the room the legend left
    assert _under_legend(window) == []
    qtbot.mouseClick(legend.toggle, Qt.MouseButton.LeftButton)
    assert legend.expanded and legend.height() == tall
    assert abs(view.scale_factor() - scale) < 1e-6
    assert _under_legend(window) == []


def test_the_legend_starts_collapsed_on_a_small_canvas_and_keeps_the_user_s_choice(qtbot, window: MainWindow,
                                                                                   kb, positions) -> None:
    legend = window.view.legend
    _resize_and_fit(qtbot, window, (1024, 700))
    assert not legend.expanded  # a canvas under 800x600: the legend would take the graph's room
    assert legend.height() < window.view.viewport().height() / 4
    _resize_and_fit(qtbot, window, (1600, 1000))
    assert legend.expanded
    qtbot.mouseClick(legend.toggle, Qt.MouseButton.LeftButton)  # the user collapses it...
    _resize_and_fit(qtbot, window, (1024, 700))
    _resize_and_fit(qtbot, window, (1600, 1000))
    assert not legend.expanded  # ...and it stays so, whatever the size
    assert str(settings.app_settings().value(EXPANDED_KEY)).lower() == "false"
    second = MainWindow()  # and the next window remembers it
    qtbot.addWidget(second)
    second.resize(1600, 1000)
    second.show()
    qtbot.waitExposed(second)
    second.set_knowledge(kb, positions)
    assert not second.view.legend.expanded


def test_a_picture_has_the_whole_legend_even_when_the_canvas_s_is_collapsed(window: MainWindow) -> None:
    legend = window.view.legend
    legend.set_expanded(False, chosen=True)
    key = legend.for_picture()
    assert key.expanded and key.toggle is None
    assert key.height() > 3 * legend.height()
    assert key.kinds == legend.kinds and key.categories == legend.categories


@SIZES
def test_the_hubs_are_labelled_at_fit_zoom(qtbot, kb, positions, size) -> None:
    window = MainWindow()  # opened at that size, as a user's first screen (the docks laid out for it)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.set_knowledge(kb, positions)
    _resize_and_fit(qtbot, window, size)
    labelled = {n.actor.label for n in window.scene.visible_nodes() if n.label_visible}
    assert {"Armenia", "Azerbaijan", "Russia"} <= labelled
    assert _under_legend(window) == []


def test_the_shell_s_picture_has_the_whole_legend_whatever_the_window_chose(qtbot, tmp_path) -> None:
    from explorer.cli import main

    first, second = tmp_path / "first.png", tmp_path / "second.png"
    assert main(["export", "-o", str(first)]) == 0
    settings.app_settings().setValue(EXPANDED_KEY, False)  # the window's legend collapsed
    assert main(["export", "-o", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
