"""A large scene's plain actors are stamped by one NodeLayer; an actor paints itself only when it
shows something of its own (a label, a selection, an emphasis, a pin). The seed graph stands in for
a large one here: the thresholds are lowered."""

from __future__ import annotations

import pytest
from gui_helpers import ACTOR, view_point
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsItem

from explorer.gui.graph import scene as scene_module
from explorer.gui.graph import view as view_module
from explorer.gui.main_window import MainWindow

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


@pytest.fixture()
def batched(window: MainWindow, kb, positions, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(scene_module, "NODE_CACHE_MAX", 1)
    monkeypatch.setattr(view_module, "NODE_CACHE_MAX", 1)  # (the view fits a large scene in fewer tries)
    monkeypatch.setattr(view_module, "SNAPSHOT_MIN_PARTS", 1)
    window.set_knowledge(kb, positions)
    assert window.scene.batched and window.view.uses_snapshots()
    return window


def _plain(window: MainWindow):
    """The visible actors drawn by the node layer alone, after zooming out until there are some."""
    for _ in range(6):
        plain = [n for n in window.scene.visible_nodes() if not n.paints_itself]
        if len(plain) > 5:
            return plain
        window.view.zoom_by(0.6)
        window.view.plan_labels()
    raise AssertionError("every actor paints itself")


def _picture(window: MainWindow, batched_drawing: bool) -> QImage:
    """The view's area drawn by GraphScene.draw_batched, or by Qt's own QGraphicsScene.render."""
    view, scene = window.view, window.scene
    port = view.viewport().rect()
    image = QImage(port.width(), port.height(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(view.renderHints())
    source = view.viewportTransform().inverted()[0].mapRect(QRectF(port))
    if batched_drawing:
        painter.setClipRect(QRectF(port))
        painter.setTransform(view.viewportTransform())
        scene.draw_batched(painter, source)
    else:
        scene.render(painter, QRectF(port), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image


def _differs(a: QImage, b: QImage, at: tuple[int, int]) -> bool:
    x, y = at
    ca, cb = a.pixelColor(x, y), b.pixelColor(x, y)
    return abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue()) > 60


def test_plain_actors_paint_nothing_and_the_node_layer_draws_them(qtbot, batched: MainWindow) -> None:
    scene = batched.scene
    plain = _plain(batched)
    assert all(n.flags() & NO_CONTENTS and n.zValue() < 2 for n in plain)
    own = [n for n in scene.visible_nodes() if n.paints_itself]
    assert all(n.label_visible or n.emphasised or n.pinned or n.isSelected() for n in own)
    assert not any(n.flags() & NO_CONTENTS for n in own)
    assert scene.node_layer.count() == len(scene.visible_nodes())  # none pinned yet
    view = batched.view
    view.viewport().repaint()
    assert not view.is_drawn()  # a large scene's picture is drawn over the next turns...
    qtbot.waitUntil(view.is_drawn, timeout=5000)  # ...edges first, then actors
    picture = view.viewport().grab().toImage()
    for node in plain:  # each plain actor's colour is on screen where it is
        centre = batched.view.mapFromScene(node.pos())
        if node.radius * batched.view.scale_factor() >= 3 and picture.rect().contains(centre):
            got = picture.pixelColor(centre)
            assert abs(got.red() - node.colour.red()) + abs(got.green() - node.colour.green()) < 60, node.actor.label


def test_the_batched_drawing_is_what_qt_draws(batched: MainWindow) -> None:
    """Edges, highlighted edges, dimmed layers, stamps and self-painting actors, stacked as Qt stacks them."""
    scene = batched.scene
    scene.set_hover(ACTOR + "CSTO")  # dims the layers, highlights CSTO's edges and neighbours
    batched.view.plan_labels()
    ours, qts = _picture(batched, True), _picture(batched, False)
    step = 3
    points = [(x, y) for x in range(0, ours.width(), step) for y in range(0, ours.height(), step)]
    differing = sum(_differs(ours, qts, p) for p in points)
    assert differing < 0.01 * len(points)  # stamps and vectors differ only at antialiased edges
    scene.set_hover(None)
    for layer in scene.layers.values():  # what the comparison can see: a lost layer shows
        layer.setVisible(False)
    without = _picture(batched, True)
    lost = sum(_differs(without, qts, p) for p in points)
    assert lost > 5 * max(differing, 10)


def test_selecting_emphasising_and_pinning_make_an_actor_paint_itself(qtbot, batched: MainWindow) -> None:
    scene, view = batched.scene, batched.view
    node = max(_plain(batched), key=lambda n: n.radius)
    qtbot.waitUntil(lambda: not scene.moving)  # (hovering is ignored while the view moves, as after a zoom)
    scene.select_actor(node.iri)
    assert node.paints_itself and not node.flags() & NO_CONTENTS and node.zValue() >= 2
    scene.select_actor(None)
    view.plan_labels()
    assert node.paints_itself == node.label_visible
    neighbour = next(iter(scene.neighbours(node.iri)))
    scene.set_hover(node.iri)
    assert scene.node(neighbour).paints_itself
    scene.set_hover(None)
    view.plan_labels()
    assert scene.node(neighbour).paints_itself == scene.node(neighbour).label_visible
    # a plain actor is still found by the mouse: dragging it pins it, and the layer lets it go
    node = max(_plain(batched), key=lambda n: n.radius)
    before = scene.node_layer.count()
    start = view_point(batched, node.scenePos())
    end = start + QPoint(30, 20)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 5):
        pos = start + (end - start) * step / 4
        QApplication.sendEvent(viewport, QMouseEvent(
            QMouseEvent.Type.MouseMove, pos, viewport.mapToGlobal(pos), Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        ))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert node.pinned and node.paints_itself
    assert scene.node_layer.count() == before - 1
    assert abs(node.scenePos().x() - view.mapToScene(end).x()) < 3 / view.scale_factor() + 1


def test_labels_follow_an_actor_that_moved(batched: MainWindow) -> None:
    """Label planning keeps the actors' places between moves: a move must reach it."""
    scene, view = batched.scene, batched.view
    node = next(n for n in scene.visible_nodes() if n.major)
    view.plan_labels()
    assert node.label_visible
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    far = seen.bottomRight() + (seen.bottomRight() - seen.topLeft())
    scene.set_positions({node.iri: (far.x(), far.y())}, keep_pinned=False)
    view.plan_labels()
    assert not node.label_visible  # now far outside the view


def test_a_large_scene_is_drawn_over_turns_and_again_when_the_view_changes(qtbot, batched: MainWindow) -> None:
    """No turn of the event loop draws a whole large scene: edges in one, actors in the next, the old
    picture shown meanwhile; a picture begun for a view that has changed since is drawn again."""
    view, scene = batched.view, batched.scene
    qtbot.waitUntil(view.is_drawn, timeout=5000)
    old, old_key = view._snapshot, view._snapshot_key
    steps: list[bool] = []  # each a timer event of its own: a turn of the event loop
    view._step_timer.timeout.connect(lambda: steps.append(view.is_drawn()))
    scene.select_actor(ACTOR + "Russia")  # a new look
    view.viewport().repaint()
    assert not view.is_drawn() and view._snapshot is old  # the old picture, until the new one is whole
    qtbot.waitUntil(view.is_drawn, timeout=5000)
    # a picture of the new look (by what it was drawn for: the view draws into its two images in turn, so a
    # picture drawn again meanwhile, its labels planned say, can be the old image object)
    assert view._snapshot_key != old_key and view._snapshot_key[0][2] == (ACTOR + "Russia",)
    assert len(steps) >= 2
    scene.select_actor(ACTOR + "Armenia")
    view.viewport().repaint()
    view._draw_step()  # half drawn...
    assert view._steps is not None and not view.is_drawn()
    view.zoom_by(1.3)  # ...when the view changes: that picture is dropped
    assert view._steps is None
    view.settle()
    qtbot.waitUntil(view.is_drawn, timeout=5000)
    assert view._snapshot_key == view._key()
