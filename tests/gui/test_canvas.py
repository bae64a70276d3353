"""The canvas of issue 16: one edge per pair (a click shows every relation, grouped by category), a wide
hit area, highlights in the category's own colour, the context menus, the view's own back/forward
history, and actors without claims hidden by default."""

from __future__ import annotations

import pytest
from gui_helpers import ACTOR, view_point
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QApplication, QMenu

from explorer.gui.editing import Editing
from explorer.gui.graph.nodes import NodeItem
from explorer.gui.main_window import MainWindow
from explorer.gui.style import category_colour

ARMENIA, AZERBAIJAN, TURKIYE, IRAQ, RUSSIA = (ACTOR + n for n in ("Armenia", "Azerbaijan", "Turkiye", "Iraq",
                                                                   "Russia"))


def pair_bundles(window: MainWindow, a: str, b: str) -> list:
    return [bu for bu in window.scene.bundles if {bu.a, bu.b} == {a, b}]


def edge_point(window: MainWindow, bundle) -> QPoint:
    """A point on the drawn edge that no actor covers and where the edge is the one picked."""
    from explorer.gui.graph.view import PICK_TOLERANCE_PX

    tolerance = PICK_TOLERANCE_PX / window.view.scale_factor()
    points = [view_point(window, bundle.point_at(t / 40)) for t in range(6, 35)]
    free = [p for p in points if not isinstance(window.view.itemAt(p), NodeItem)
            and window.scene.bundle_at(window.view.mapToScene(p), tolerance) is bundle]
    assert free, "some of the edge is free of actors and other edges"
    return free[len(free) // 2]


@pytest.fixture()
def menus(monkeypatch) -> list[QMenu]:
    """The context menus the window pops up (kept, not shown: a popup waits for the user)."""
    shown: list[QMenu] = []
    monkeypatch.setattr(Editing, "show_menu", lambda self, menu, where: shown.append(menu))
    return shown


def entries(menu: QMenu) -> dict[str, object]:
    return {a.text().replace("&", ""): a for a in menu.actions() if not a.isSeparator()}


def right_click(window: MainWindow, pos: QPoint) -> None:
    viewport = window.view.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)


# ---------------------------------------------------------------- one edge per pair


def test_one_edge_per_pair_by_default_and_its_click_shows_every_relation_grouped_by_category(
        qtbot, window: MainWindow, kb) -> None:
    assert window.canvas_menus.one_per_pair_action.isChecked()
    (bundle,) = pair_bundles(window, ARMENIA, AZERBAIJAN)
    assert bundle.count == 7 and len(bundle.categories) == 3
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=edge_point(window, bundle))
    between = {c.iri for c in kb.claims_between(ARMENIA, AZERBAIJAN)}
    assert set(window.session.selection.claims) == between
    assert set(window.evidence.model.claims()) == between
    assert "in 3 categories" in window.evidence.details.text()


def test_turning_the_option_off_draws_one_edge_per_category(qtbot, window: MainWindow) -> None:
    window.canvas_menus.one_per_pair_action.setChecked(False)
    split = pair_bundles(window, ARMENIA, AZERBAIJAN)
    assert len(split) == 3 and all(bu.categories is None for bu in split)
    conflict = max(split, key=lambda bu: bu.count)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=edge_point(window, conflict))
    assert set(window.session.selection.claims) == set(conflict.claims) and len(conflict.claims) == 5
    window.canvas_menus.one_per_pair_action.setChecked(True)
    assert len(pair_bundles(window, ARMENIA, AZERBAIJAN)) == 1


def test_a_click_a_little_beside_a_thin_edge_still_picks_it(qtbot, window: MainWindow) -> None:
    from explorer.gui.graph.view import PICK_TOLERANCE_PX

    scale = window.view.scale_factor()
    tolerance = PICK_TOLERANCE_PX / scale

    def beside(bundle) -> QPoint | None:
        """A point 8 screen pixels off a thin edge, where no actor is and no other edge is nearer."""
        for t in range(8, 33):
            on = view_point(window, bundle.point_at(t / 40))
            line = view_point(window, bundle.p1) - view_point(window, bundle.p0)
            length = (line.x() ** 2 + line.y() ** 2) ** 0.5 or 1
            across = QPoint(round(-line.y() / length * 8), round(line.x() / length * 8))
            for point in (on + across, on - across):
                where = window.view.mapToScene(point)
                if (window.view.itemAt(point) is None and bundle.distance(where) * scale > 7
                        and window.scene.bundle_at(where, tolerance) is bundle):
                    return point
        return None

    thin = [bu for bu in window.scene.bundles if bu.count == 1]
    bundle, point = next((bu, p) for bu in thin if (p := beside(bu)) is not None)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.scene.selected_bundles == [bundle]


# ---------------------------------------------------------------- highlight colours


def test_a_selected_or_path_edge_keeps_its_category_colour(qtbot, window: MainWindow, kb) -> None:
    (bundle,) = pair_bundles(window, ARMENIA, AZERBAIJAN)
    window.scene.select_bundle(bundle)
    colour = category_colour(bundle.category)
    highlight = window.scene.colours["highlight"]
    strokes = [s for s in window.scene.overlay.strokes if s.bundle is bundle]
    assert strokes and all(s.colour == colour and s.glow > 0 for s in strokes)
    assert colour != highlight
    # and so it is painted: the pixels along the edge are the conflict red, not the highlight blue
    scene = window.scene
    rect = bundle.bounds().adjusted(-20, -20, 20, 20)
    image = QImage(int(rect.width() * 2), int(rect.height() * 2), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(2, 2)
    painter.translate(-rect.topLeft())
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    scene.overlay.paint(painter, QStyleOptionGraphicsItem())
    painter.end()
    point = bundle.point_at(0.3) - rect.topLeft()
    pixel = image.pixelColor(int(point.x() * 2), int(point.y() * 2))
    assert abs(pixel.hueF() - colour.hueF()) < 0.05 or abs(pixel.hueF() - colour.hueF()) > 0.95
    window.session.find_paths(TURKIYE, AZERBAIJAN)
    assert window.scene.path_bundles
    for stroke in window.scene.overlay.strokes:
        if stroke.bundle in window.scene.path_bundles:
            assert stroke.colour == category_colour(stroke.bundle.category)


# ---------------------------------------------------------------- context menus


def test_an_actor_s_menu_offers_the_ways_to_look_at_it_and_the_edits(qtbot, window: MainWindow, menus) -> None:
    right_click(window, view_point(window, window.scene.node(TURKIYE).scenePos()))
    (menu,) = menus
    found = entries(menu)
    for name in ("Focus Here", "Expand Neighbours", "Hide", "Show Only This and Its Neighbours", "Path from Here",
                 "Path to Here", "Open in Reader", "Copy Name", "Wikidata", "Edit Actor…"):
        assert any(k.startswith(name) for k in found), name
    found["Copy Name"].trigger()
    assert QApplication.clipboard().text() == "Türkiye"
    found["Hide"].trigger()
    assert TURKIYE not in window.session.visible.actors and not window.scene.node(TURKIYE).isVisible()


def test_focus_here_path_from_and_to_here_from_the_actor_menu(qtbot, window: MainWindow, menus) -> None:
    right_click(window, view_point(window, window.scene.node(TURKIYE).scenePos()))
    entries(menus[-1])["Path from Here"].trigger()
    right_click(window, view_point(window, window.scene.node(RUSSIA).scenePos()))
    assert entries(menus[-1])["Path to Here"].isEnabled()
    entries(menus[-1])["Path to Here"].trigger()
    assert window.session.paths and window.scene.path_bundles
    right_click(window, view_point(window, window.scene.node(ARMENIA).scenePos()))
    entries(menus[-1])["Focus Here"].trigger()
    assert window.session.focus_mode and window.session.focus_actor == ARMENIA
    assert window.filters.focus_box.isChecked()


def test_an_edge_s_menu_and_the_canvas_menu(qtbot, window: MainWindow, menus, kb) -> None:
    (bundle,) = pair_bundles(window, ARMENIA, AZERBAIJAN)
    right_click(window, edge_point(window, bundle))
    found = entries(menus[-1])
    assert window.scene.selected_bundles == [bundle]
    for name in ("Show Evidence", "Compare Sources", "Grade Source", "Set Credibility", "Deprecate Claim"):
        assert name in found, name
    window.session.hide([TURKIYE])
    far = QPoint(window.view.viewport().width() - 3, window.view.viewport().height() - 3)
    assert window.view.itemAt(far) is None
    right_click(window, far)
    found = entries(menus[-1])
    for name in ("Fit to Window", "Show Hidden Actors", "Reset Layout", "Picture as PNG…", "One Edge per Pair"):
        assert name in found, name
    found["Show Hidden Actors"].trigger()
    assert TURKIYE in window.session.visible.actors


# ---------------------------------------------------------------- view history


def test_back_and_forward_undo_view_changes_but_never_the_data(qtbot, window: MainWindow) -> None:
    history = window.view_history
    assert history.back_action.shortcut() == QKeySequence("Alt+Left")
    assert history.forward_action.shortcut() == QKeySequence("Alt+Right")
    undo_before = window.editing.undo_action.isEnabled()
    window.session.hide([TURKIYE])
    assert TURKIYE not in window.session.visible.actors
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert TURKIYE in window.session.visible.actors
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert TURKIYE not in window.session.visible.actors
    assert window.editing.undo_action.isEnabled() == undo_before  # the data's undo stack saw nothing


def test_back_puts_a_dragged_actor_where_it_was(qtbot, window: MainWindow) -> None:
    from PySide6.QtGui import QMouseEvent

    node = window.scene.node(TURKIYE)
    before = node.scenePos()
    start = view_point(window, before)
    end = start + QPoint(60, 40)
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        pos = start + (end - start) * step / 5
        QApplication.sendEvent(viewport, QMouseEvent(QMouseEvent.Type.MouseMove, pos, viewport.mapToGlobal(pos),
                                                     Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                                     Qt.KeyboardModifier.NoModifier))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert node.pinned and node.scenePos() != before
    assert window.view_history.back_action.isEnabled()
    window.view_history.back_action.trigger()
    assert node.scenePos() == before and not node.pinned
    window.view_history.forward_action.trigger()
    assert node.scenePos() != before and node.pinned


# ---------------------------------------------------------------- actors without claims


def test_actors_without_claims_are_hidden_until_the_toggle_shows_them(qtbot, window: MainWindow) -> None:
    assert not window.scene.node(IRAQ).isVisible()
    assert "3 actors without claims hidden" in window.counts.text()
    action = window.canvas_menus.unlinked_action
    assert not action.isChecked() and not window.filters.unlinked_box.isChecked()
    action.setChecked(True)
    assert window.scene.node(IRAQ).isVisible() and window.filters.unlinked_box.isChecked()
    assert "without claims" not in window.counts.text()
    window.filters.unlinked_box.setChecked(False)
    assert not window.scene.node(IRAQ).isVisible() and not action.isChecked()


# ---------------------------------------------------------------- the first screen


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 700)], ids=["1600x1000", "1024x700"])
def test_after_fit_the_legend_covers_no_actor_and_no_label(qtbot, window: MainWindow, size) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    window.fit_action.trigger()
    view = window.view
    view.plan_labels()
    legend = view.legend
    assert legend.isVisible()
    covered = view.mapToScene(legend.geometry().adjusted(-2, -2, 2, 2)).boundingRect()
    lod = view.transform().m11()
    under = [n.actor.label for n in window.scene.visible_nodes()
             if n.mapRectToScene(n.shape().boundingRect()).intersects(covered)
             or (n.label_visible and n.shows_label(n.isSelected(), lod)
                 and n.mapRectToScene(n.label_rect()).intersects(covered))]
    assert under == []


def test_the_legend_explains_size_arrows_and_count_badges(window: MainWindow) -> None:
    from explorer.gui.graph.legend import ENCODING_ROWS, LegendWidget

    assert [row.split(":")[0] for row in ENCODING_ROWS] == ["size", "arrow", "count"]
    legend = window.view.legend
    legend.set_expanded(True)
    for columns in (2, 4):  # (groups two by two, or side by side on a wide canvas)
        legend._columns = columns
        legend.resize(legend.sizeHint())
        rows = len(legend.categories) + len(ENCODING_ROWS) if columns == 2 else len(legend.categories)
        assert legend.height() >= rows * LegendWidget.ROW  # every row is drawn inside the box


def test_the_canvas_shows_a_focus_ring_while_the_keyboard_is_on_it(qtbot, window: MainWindow) -> None:
    view = window.view
    highlight = view.palette().color(view.palette().ColorRole.Highlight)

    def edge_pixel() -> QColor:
        return view.grab().toImage().pixelColor(0, view.height() // 2)

    window.find_edit.setFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    assert edge_pixel() != highlight
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert edge_pixel() == highlight


def test_back_and_forward_put_the_weight_filters_controls_back_too(qtbot, window: MainWindow) -> None:
    """The Filters panel says what the session filters by after a step back: the weight controls too."""
    weight = window.filters.weight
    weight.min_sources.setValue(2)  # the user asks for claims with two independent sources or more
    qtbot.waitUntil(lambda: window.session.filters.min_sources == 2)
    window.view_history.back_action.trigger()
    assert window.session.filters.min_sources == 0
    assert weight.min_sources.value() == 0
    window.view_history.forward_action.trigger()
    assert window.session.filters.min_sources == 2 and weight.min_sources.value() == 2
