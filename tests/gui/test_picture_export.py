"""File › Export › Picture: the legend beside the graph (an option, on by default) and no selection
dimming unless asked for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from explorer.gui.graph.picture import LEGEND_GAP, PNG_PIXEL_RATIO
from explorer.gui.main_window import MainWindow

RUSSIA = "https://w3id.org/caucasus-explorer/actor/Russia"


def _png(window: MainWindow, path: Path) -> QImage:
    assert window.exporting.picture(path, "png")
    return QImage(str(path))


def test_a_picture_shows_the_graph_undimmed_and_leaves_the_selection_alone(qtbot, window: MainWindow,
                                                                           tmp_path: Path) -> None:
    window.exporting.legend_option.setChecked(False)
    plain = _png(window, tmp_path / "plain.png")
    window.session.select([RUSSIA])
    assert any(layer.opacity() < 1 for layer in window.scene.layers.values())  # the window dims the rest
    chosen = _png(window, tmp_path / "chosen.png")
    assert chosen == plain  # ...the picture does not
    assert window.session.selection.actors == (RUSSIA,)  # and the selection stays as it was
    assert window.scene.selected_actor() == RUSSIA
    assert any(layer.opacity() < 1 for layer in window.scene.layers.values())
    window.exporting.highlights_option.setChecked(True)  # asked for: the highlights are in the picture
    assert _png(window, tmp_path / "highlighted.png") != plain


def test_the_legend_is_beside_the_graph_never_over_it(qtbot, window: MainWindow, tmp_path: Path) -> None:
    assert window.exporting.legend_option.isChecked()  # on by default
    with_legend = _png(window, tmp_path / "legend.png")
    window.exporting.legend_option.setChecked(False)
    without = _png(window, tmp_path / "bare.png")
    legend = window.view.legend.for_picture().size()  # (the whole legend, whatever the canvas shows)
    ratio = PNG_PIXEL_RATIO
    assert with_legend.width() == without.width() + int(ratio * (legend.width() + 2 * LEGEND_GAP))
    assert with_legend.copy(QRect(0, 0, without.width(), without.height())) == without  # the graph untouched
    strip = with_legend.copy(QRect(without.width(), 0, with_legend.width() - without.width(), with_legend.height()))
    background = strip.pixelColor(0, 0)
    assert sum(strip.pixelColor(x, y) != background for x in range(0, strip.width(), 3)
               for y in range(0, strip.height(), 3)) > 200  # something is drawn there


def test_an_svg_picture_carries_the_legend_as_text(qtbot, window: MainWindow, tmp_path: Path) -> None:
    svg = tmp_path / "graph.svg"
    assert window.exporting.picture(svg, "svg")
    text = svg.read_text()
    assert "conflict" in text and "country" in text and "2 sources" in text
    window.exporting.legend_option.setChecked(False)
    assert window.exporting.picture(svg, "svg")
    assert "2 sources" not in svg.read_text()
