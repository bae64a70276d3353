"""The graph scene's drawing machinery: the spatial index of edge layers, legend, hover,
snapshots of large scenes while the view moves."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from gui_helpers import ACTOR
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage

from explorer.gui.graph import view as view_module
from explorer.gui.graph.edges import DETAIL_BUDGET
from explorer.gui.graph.items import elide
from explorer.gui.graph.picture import write_picture
from explorer.gui.graph.scene import GraphScene
from explorer.gui.main_window import MainWindow


def test_long_labels_are_elided_at_a_word_break() -> None:
    assert elide("Russia") == "Russia"
    short = elide("Baku summit of Russia, Iran and Azerbaijan (2016)")
    assert short.endswith("…") and len(short) <= 28 and "Baku summit of Russia" in short


def test_hovering_an_actor_highlights_its_neighbours(window: MainWindow) -> None:
    scene = window.scene
    scene.set_hover(ACTOR + "CSTO")
    neighbours = scene.neighbours(ACTOR + "CSTO")
    assert neighbours
    assert all(scene.node(n).emphasised for n in neighbours)
    assert {s.bundle.a for s in scene.overlay.strokes} | {s.bundle.b for s in scene.overlay.strokes} >= neighbours
    assert all(layer.opacity() < 1 for layer in scene.layers.values())
    scene.set_hover(None)
    assert not any(n.emphasised for n in scene.nodes.values())


def test_the_legend_lists_kinds_and_categories(window: MainWindow, kb) -> None:
    legend = window.view.legend
    assert legend.isVisible()
    assert set(legend.kinds) == {a.kind for a in kb.actors.values()}
    assert {label for label, _colour in legend.categories} == {
        kb.category_of(c).label for c in kb.claims.values()
    }
    window.legend_action.setChecked(False)
    assert not legend.isVisible()


def test_a_large_layer_finds_the_edges_near_the_view_from_its_index(qtbot, window: MainWindow, tmp_path: Path) -> None:
    rng = random.Random(3)
    actors = 600
    lines = [
        "@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
    ]
    lines += [f'<urn:a:{i}> a cx:Country ; rdfs:label "Actor {i}" .' for i in range(actors)]
    pairs = {(rng.randrange(actors), rng.randrange(actors)) for _ in range(DETAIL_BUDGET)}
    lines += [f"<urn:a:{a}> cx:cooperatesWith <urn:a:{b}> ." for a, b in pairs if a != b]
    data = tmp_path / "large.ttl"
    data.write_text("\n".join(lines), encoding="utf-8")
    with qtbot.waitSignal(window.graphShown, timeout=120000):
        window.open_files([data])
    layer = max(window.scene.layers.values(), key=lambda la: len(la.bundles))
    assert len(layer.bundles) > DETAIL_BUDGET // 2
    window.view.zoom_by(6)
    area = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    near = layer.bundles_near(area)
    expected = {id(b) for b in layer.bundles if b.bounds().intersects(area)}
    assert {id(b) for b in near} == expected
    assert 0 < len(near) < len(layer.bundles)
    picture = window.view.viewport().grab()
    assert not picture.isNull()


def _nodes_in_place(view, picture: QImage) -> float:
    """The share of actors, among those in view, whose colour is in ``picture`` at their centre."""
    hits = total = 0
    for node in view.scene().visible_nodes():
        centre = view.mapFromScene(node.pos())
        if node.radius * view.scale_factor() < 4 or not picture.rect().adjusted(5, 5, -5, -5).contains(centre):
            continue
        total += 1
        got, want = picture.pixelColor(centre), node.colour
        hits += abs(got.red() - want.red()) + abs(got.green() - want.green()) + abs(got.blue() - want.blue()) < 40
    assert total > 10
    return hits / total


def test_a_large_scene_moves_as_a_snapshot_that_matches_the_full_drawing(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(view_module, "SNAPSHOT_MIN_PARTS", 1)  # the seed graph counts as large
    view = window.view
    assert view.uses_snapshots()
    view.viewport().repaint()  # a full drawing, kept as the snapshot
    assert not view.is_moving()
    before = view.viewport().grab().toImage()
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 60)
    view.zoom_by(1.1)
    assert view.is_moving()
    moving = view.viewport().grab().toImage()
    view.scene().set_hover(window.session.kb.resolve_actor("Russia").iri)
    assert view.scene().hover_actor is None  # hover waits until the view stands still
    qtbot.waitUntil(lambda: not view.is_moving(), timeout=5000)
    settled = view.viewport().grab().toImage()
    # every actor is where the full drawing puts it (the picture before the move shows most elsewhere)
    assert _nodes_in_place(view, settled) > 0.9
    assert _nodes_in_place(view, moving) > 0.9
    assert _nodes_in_place(view, before) < 0.5


def test_a_graph_built_in_steps_is_the_graph_set_at_once(window: MainWindow, kb) -> None:
    scene = GraphScene()
    steps = list(scene.build_graph(kb, window.scene.positions(), window.session.visible))
    assert len(steps) > 3 and steps == sorted(steps) and steps[-1] == 1.0

    def picture(s: GraphScene) -> set:
        return {(b.a, b.b, b.category, tuple(b.claims), b.bend, b.p0.toTuple(), b.p1.toTuple()) for b in s.bundles}

    assert set(scene.nodes) == set(window.scene.nodes)
    assert picture(scene) == picture(window.scene)
    assert {c: len(la.bundles) for c, la in scene.layers.items()} == {
        c: len(la.bundles) for c, la in window.scene.layers.items()
    }
    again = list(scene.build_graph(kb, window.scene.positions(), window.session.visible))  # replaces, never adds
    assert again[-1] == 1.0 and len(scene.items()) == len(window.scene.items())


def test_a_snapshot_is_drawn_again_only_when_the_scene_looks_different(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(view_module, "SNAPSHOT_MIN_PARTS", 1)
    view, scene = window.view, window.scene
    view.viewport().repaint()
    kept = view._snapshot
    russia = window.session.kb.resolve_actor("Russia").iri
    scene.set_hover(russia)  # hovering and leaving again: the same picture
    scene.set_hover(None)
    view.zoom_by(1.1)
    assert view.is_moving() and view._snapshot is kept
    view.settle()
    view.viewport().repaint()
    kept = view._snapshot
    scene.select_actor(russia)  # a selection: a different picture
    view.zoom_by(1.1)
    assert view._snapshot is not kept


def test_the_graph_extent_covers_every_node_and_the_label_below_or_above_it(window: MainWindow) -> None:
    scene = window.scene
    for scale in (None, 0.5, 2.0):
        expected = QRectF()
        for node in scene.visible_nodes():
            expected = expected.united(node.mapRectToScene(node.shape().boundingRect()))
            if scale is not None:
                for slot in ("below", "above"):
                    expected = expected.united(node.mapRectToScene(node.label_rect(slot, scale)))
        got = scene.graph_rect(scale)
        for a, b in ((got.left(), expected.left()), (got.top(), expected.top()),
                     (got.right(), expected.right()), (got.bottom(), expected.bottom())):
            assert abs(a - b) < 1e-6
    right = scene.graph_rect().right()
    node = next(iter(scene.nodes.values()))
    node.setPos(right + 1e5, node.pos().y())
    scene.nodes_moved([node])  # the extent follows a moved node
    assert scene.graph_rect().right() > right + 9e4


def test_a_picture_of_the_graph_is_written_as_png_or_svg(qtbot, kb, positions, tmp_path: Path) -> None:
    scene = GraphScene()
    white = QColor("white")
    assert not write_picture(scene, tmp_path / "empty.png", "png", white, "explorer")  # nothing to draw
    scene.set_graph(kb, positions)
    png = tmp_path / "graph.png"
    assert write_picture(scene, png, "png", white, "explorer")
    shown = scene.graph_rect()
    image = QImage(str(png))  # the actors and the labels around them, at twice the scene's size
    assert (image.width(), image.height()) == (2 * math.ceil(shown.width() + 180), 2 * math.ceil(shown.height() + 100))
    assert image.pixelColor(0, 0) == white
    svg = tmp_path / "graph.svg"
    assert write_picture(scene, svg, "svg", white, "Caucasus")
    data = svg.read_bytes()
    assert b"<title>Caucasus</title>" in data and b"Russia" in data
    assert not write_picture(scene, tmp_path / "missing" / "graph.png", "png", white, "explorer")
