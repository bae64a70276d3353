"""A snapshot of a large (not batched) scene draws its edges and lays the actors' own picture over them; that
picture is kept while the actors look the same (a play step that shows and hides no actor) and drawn again
whenever they do not: a step that hides one, a selection, a hover, a lens colour, a move, a theme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from explorer.core.filters import Visible
from explorer.gui.graph import view as view_module
from explorer.gui.graph.edges import EdgeLayer
from explorer.gui.main_window import MainWindow


def _drawn(window: MainWindow) -> bytes:
    """The snapshot a full repaint draws now (with whatever actors' picture the view keeps)."""
    QApplication.processEvents()
    if window.view._plan_timer.isActive():  # labels planned now, not between two pictures compared
        window.view.plan_labels()
    window.view.viewport().repaint()
    snapshot = window.view._snapshot
    assert snapshot is not None
    return bytes(snapshot.constBits())


def _fresh(window: MainWindow) -> bytes:
    """The same snapshot with the actors drawn anew."""
    window.view._actors = None
    return _drawn(window)


@pytest.fixture()
def large(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The bundled graph drawn as a large scene is (from snapshots), its picture drawn once."""
    monkeypatch.setattr(view_module, "SNAPSHOT_MIN_PARTS", 1)
    assert window.view.uses_snapshots() and not window.scene.batched
    _drawn(window)
    return window


def _step_keeping_every_actor(window: MainWindow) -> Visible:
    """The shown set without one claim whose actors stay shown by others."""
    scene, kb = window.scene, window.session.kb
    shown = scene.visible
    ends = [end for c in shown.claims for end in kb.claims[c].ends]
    claim = next(c for c in shown.claims if all(ends.count(end) > 2 for end in kb.claims[c].ends)
                 and scene.bundles_of([c])[0].count == 1)  # (its edge goes)
    return Visible(shown.actors, tuple(c for c in shown.claims if c != claim), shown.faded)


def test_a_step_that_shows_and_hides_no_actor_keeps_their_picture(large: MainWindow) -> None:
    view, scene = large.view, large.scene
    kept = view._actors
    assert kept is not None
    before = _drawn(large)
    scene.set_visible(_step_keeping_every_actor(large))
    after = _drawn(large)
    assert view._actors is kept  # not drawn again
    assert after != before  # (the edge is gone)
    assert after == _fresh(large)


def test_a_step_that_hides_an_actor_draws_them_again(large: MainWindow) -> None:
    scene, kb = large.scene, large.session.kb
    shown = scene.visible
    gone = next(iri for iri in shown.actors if scene.node(iri).isVisible())
    claims = tuple(c for c in shown.claims if gone not in kb.claims[c].ends)
    actors = frozenset(end for c in claims for end in kb.claims[c].ends)
    before = _drawn(large)
    scene.set_visible(Visible(actors, claims))
    assert not scene.node(gone).isVisible()
    after = _drawn(large)
    assert after != before and after == _fresh(large)


@pytest.mark.parametrize("change", ["selection", "hover", "lens colour", "move", "pin", "labels"])
def test_whatever_changes_how_actors_look_draws_them_again(large: MainWindow, change: str) -> None:
    scene, kb = large.scene, large.session.kb
    busiest = max((iri for iri in scene.nodes if scene.node(iri).isVisible()), key=kb.degree)
    before = _drawn(large)
    if change == "selection":
        scene.select_actor(busiest)
    elif change == "hover":
        scene.set_hover(busiest)
    elif change == "lens colour":
        scene.node(busiest).apply_lens(None, QColor("#00ff00"))
    elif change == "move":
        x, y = scene.positions()[busiest]
        scene.set_positions({busiest: (x + 40, y + 25)}, keep_pinned=False)
    elif change == "pin":
        scene.node(busiest).pinned = True
    else:  # the labels planned for a corner of the view only (the view itself unmoved)
        x, y = scene.positions()[busiest]
        scene.plan_labels(large.view.scale_factor(), QRectF(x - 5, y - 5, 10, 10))
    after = _drawn(large)
    assert after != before
    assert after == _fresh(large), change


def test_a_theme_draws_the_actors_again(qtbot, large: MainWindow) -> None:
    before = _drawn(large)
    large.theme_actions["dark"].trigger()
    qtbot.waitUntil(lambda: large.view._background().name() != QColor("white").name())
    after = _drawn(large)
    assert after != before and after == _fresh(large)


def test_the_snapshot_draws_what_the_scene_draws(large: MainWindow) -> None:
    """Edges drawn item by item and the actors' picture laid over them: the same pixels as Qt's own render of
    the whole scene, within the rounding of laying one translucent picture over another."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    view, scene = large.view, large.scene
    scene.select_actor(max(scene.nodes, key=large.session.kb.degree))  # a glow and dimmed layers too
    view.viewport().repaint()
    snapshot = view._snapshot
    assert snapshot is not None
    source = view._snapshot_view.mapRect(QRectF(snapshot.rect()))
    image = QImage(snapshot.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(view._background())
    painter = QPainter(image)
    painter.setRenderHints(view.renderHints())
    scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    ours, qts = snapshot.constBits(), image.constBits()
    far = sum(1 for i in range(0, len(ours), 4)
              if max(abs(ours[i + k] - qts[i + k]) for k in range(4)) > 8)
    assert far < snapshot.width() * snapshot.height() / 1000


def test_a_dense_tangle_is_drawn_without_antialiasing_even_in_a_small_layer(large: MainWindow,
                                                                              monkeypatch) -> None:
    """A layer of a few lines in a scene of thousands: the frame is a tangle, drawn without antialiasing
    (Qt's line rasteriser, a fifth of the time), whatever the layer's own size."""
    from PySide6.QtGui import QPainter

    scene = large.scene
    layer = min((la for la in scene.layers.values() if la.bundles and la.isVisible()), key=lambda la: len(la.bundles))
    smooth: list[bool] = []
    draw = EdgeLayer._draw_lines

    def spy(self, painter, lines) -> None:
        draw(self, painter, lines)
        if self is layer:
            smooth.append(bool(painter.renderHints() & QPainter.RenderHint.Antialiasing))

    monkeypatch.setattr(EdgeLayer, "_draw_lines", spy)
    scene.update()
    _drawn(large)
    assert smooth and smooth[-1]  # the bundled graph: a few hundred edges, antialiased
    monkeypatch.setattr(type(scene), "edge_count", lambda self: 20_000)
    scene.update()
    large.view._snapshot_key = ((),)
    _drawn(large)
    assert smooth[-1] is False
