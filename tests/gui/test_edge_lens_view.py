"""An edge lens colours the graph's edges end to end: the lens layer replaces the category layers, the
legend explains its colours, edges follow moved actors, and the category colours come back."""

from __future__ import annotations

from PySide6.QtGui import QColor

from explorer.app.edge_lens import intensity_hex
from explorer.app.lens import Lens
from explorer.core.palette import LIGHT
from explorer.gui.main_window import MainWindow

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


def _conflict_bundle(window: MainWindow):
    return next(b for b in window.scene.bundles if {b.a, b.b} == {ACTOR + "Armenia", ACTOR + "Azerbaijan"}
                and b.category.endswith("Conflict"))


def test_quad_lens_colours_edges_and_the_legend_and_back(window: MainWindow, qtbot) -> None:
    categories = list(window.view.legend.categories)
    window.session.set_lens(Lens(edge_colour="quad"))
    qtbot.waitUntil(lambda: window.lenses.edge_layer is not None)
    layer = window.lenses.edge_layer
    assert all(not category_layer.isVisible() for category_layer in window.scene.layers.values())
    assert layer.colour(_conflict_bundle(window)) in (LIGHT.quads[2], LIGHT.quads[3])
    assert len(set(layer.colour_of.values())) >= 3 and len(layer.paths) >= 3
    assert [label for label, _c in window.view.legend.categories][:4] == [
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
    window.session.select([ACTOR + "Armenia"])  # the highlighted edges take the lens's colours too
    qtbot.waitUntil(lambda: bool(window.scene.overlay.strokes))
    stroke = window.scene.overlay.strokes[0]
    bundle, colour = stroke.bundle, stroke.colour
    assert colour == QColor(layer.colour(bundle))
    window.session.set_lens(Lens())
    qtbot.waitUntil(lambda: window.lenses.edge_layer is None)
    assert layer.scene() is None
    assert all(category_layer.isVisible() for category_layer in window.scene.layers.values())
    assert window.view.legend.categories == categories


def test_the_lens_edges_follow_a_moved_actor(window: MainWindow, qtbot) -> None:
    window.session.set_lens(Lens(edge_colour="intensity"))
    qtbot.waitUntil(lambda: window.lenses.edge_layer is not None)
    layer = window.lenses.edge_layer
    assert any(c == intensity_hex(-10) or int(c[1:3], 16) > int(c[5:7], 16) + 40 for c in layer.colour_of.values())
    armenia = window.scene.nodes[ACTOR + "Armenia"]
    before = layer.boundingRect()
    armenia.setPos(armenia.pos().x() + 5000, armenia.pos().y())
    window.scene.nodes_moved([armenia])
    qtbot.waitUntil(lambda: layer.boundingRect().right() > before.right() + 3000)


def test_the_metrics_dock_chooses_the_edge_lens_and_keeps_the_rest(window: MainWindow, qtbot) -> None:
    panel = window.lenses.panel
    window.lenses.dock.show()
    window.session.set_lens(Lens(node_size="betweenness", method="leiden"))
    qtbot.waitUntil(lambda: panel.method_box.currentText() == "leiden")
    panel.edge_box.setCurrentText("event")
    assert window.session.lens == Lens(node_size="betweenness", method="leiden", edge_colour="event")
    qtbot.waitUntil(lambda: window.lenses.edge_layer is not None and window.lenses.edge_layer.mode == "event")
    panel.colour_box.setCurrentText("bloc")  # another node lens keeps the edge lens
    assert window.session.lens.edge_colour == "event" and window.session.lens.node_colour == "bloc"
