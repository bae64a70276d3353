"""The graph scene's drawing machinery: clipping, the spatial index of large layers, legend, hover."""

from __future__ import annotations

import random
from pathlib import Path

from gui_helpers import ACTOR
from PySide6.QtCore import QPointF, QRectF

from explorer.gui.graph_items import INDEX_MIN_BUNDLES, clip_segment, elide
from explorer.gui.main_window import MainWindow


def test_clip_segment() -> None:
    rect = QRectF(0, 0, 10, 10)
    inside = clip_segment(QPointF(1, 1), QPointF(9, 9), rect)
    assert inside == (QPointF(1, 1), QPointF(9, 9))
    across = clip_segment(QPointF(-10, 5), QPointF(20, 5), rect)
    assert across == (QPointF(0, 5), QPointF(10, 5))
    assert clip_segment(QPointF(-10, -10), QPointF(-1, 20), rect) is None


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
    assert {b.a for b, _c, _w in scene.overlay.strokes} | {
        b.b for b, _c, _w in scene.overlay.strokes
    } >= neighbours
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


def test_a_large_layer_paints_from_its_spatial_index(qtbot, window: MainWindow, tmp_path: Path) -> None:
    rng = random.Random(3)
    actors = 600
    lines = [
        "@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
    ]
    lines += [f'<urn:a:{i}> a cx:Country ; rdfs:label "Actor {i}" .' for i in range(actors)]
    pairs = {(rng.randrange(actors), rng.randrange(actors)) for _ in range(2 * INDEX_MIN_BUNDLES)}
    lines += [f"<urn:a:{a}> cx:cooperatesWith <urn:a:{b}> ." for a, b in pairs if a != b]
    data = tmp_path / "large.ttl"
    data.write_text("\n".join(lines), encoding="utf-8")
    with qtbot.waitSignal(window.graphShown, timeout=120000):
        window.open_files([data])
    layer = max(window.scene.layers.values(), key=lambda la: len(la.bundles))
    assert len(layer.bundles) > INDEX_MIN_BUNDLES
    assert layer._cells is not None
    window.view.zoom_by(6)
    area = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    near = layer.bundles_near(area)
    expected = {id(b) for b in layer.bundles if b.bounds().intersects(area)}
    assert {id(b) for b in near} == expected
    assert 0 < len(near) < len(layer.bundles)
    picture = window.view.viewport().grab()
    assert not picture.isNull()
