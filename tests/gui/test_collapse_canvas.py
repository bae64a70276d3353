"""View › Collapse Blocs: the main canvas shows each bloc as a group node; a click on a group edge lists its
members' claims with their passages in the Evidence panel; the filters are followed; Back expands again."""

from __future__ import annotations

from gui_helpers import view_point
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from explorer.app.collapse import collapsed_of
from explorer.core.filters import FilterState
from explorer.gui.main_window import MainWindow

CONFLICT = "https://w3id.org/caucasus-explorer/vocab#Conflict"


def _collapsed(window: MainWindow, qtbot) -> None:
    layer = window.lenses.collapse.layer
    qtbot.waitUntil(lambda: layer.scene() is window.scene and layer.collapsed is not None
                    and not window.lenses.collapse._pending)


def test_collapse_blocs_draws_group_nodes_and_a_group_edge_click_lists_its_claims(window: MainWindow, qtbot) -> None:
    action = window.lenses.collapse.action
    assert action in window.menuBar().actions()[2].menu().actions() or any(
        action in m.menu().actions() for m in window.menuBar().actions() if m.menu() is not None)
    action.trigger()
    _collapsed(window, qtbot)
    layer = window.lenses.collapse.layer
    expected = collapsed_of(window.session)
    assert expected is not None and layer.collapsed is not None
    assert set(layer.centres) == set(expected.groups)
    assert window.lenses.blocs.collapse_button.isChecked()  # the Blocs tab's button says so too
    window.view.fit()
    across = max((e for e in layer.collapsed.edges if e.a != e.b), key=lambda e: len(e.claims))
    a, b = layer.centres[across.a], layer.centres[across.b]  # halfway between the two group nodes' rims
    length = ((b.x() - a.x()) ** 2 + (b.y() - a.y()) ** 2) ** 0.5
    t = (layer.radius[across.a] + (length - layer.radius[across.a] - layer.radius[across.b]) / 2) / length
    middle = a + (b - a) * t
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view_point(window, middle))
    qtbot.waitUntil(lambda: window.session.selection.claims == across.claims)
    model = window.evidence.model
    qtbot.waitUntil(lambda: sorted(model.claims()) == sorted(across.claims))
    row = model.index_of_claim(across.claims[0])
    assert model.rowCount(row) >= 1  # the claim's passages, under it
    # a click on a group node: the claims among its members
    inner = next(e for e in layer.collapsed.edges if e.a == e.b)
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view_point(window, QPointF(layer.centres[inner.a])))
    qtbot.waitUntil(lambda: window.session.selection.claims == inner.claims)


def test_collapsed_blocs_follow_the_filters_and_back_expands_them(window: MainWindow, qtbot) -> None:
    window.lenses.blocs.collapse_button.click()  # from the Blocs tab
    _collapsed(window, qtbot)
    assert window.lenses.collapse.action.isChecked()
    layer = window.lenses.collapse.layer
    window.session.set_filters(FilterState(categories=frozenset({CONFLICT})))
    qtbot.waitUntil(lambda: layer.collapsed is not None and sorted(c for e in layer.collapsed.edges for c in e.claims)
                    == sorted(window.session.visible.claim_set))
    window.view_history.back()  # the filter
    window.view_history.back()  # the collapse
    qtbot.waitUntil(lambda: layer.scene() is None and layer not in window.scene.covers)
    assert not window.session.collapsed_blocs and not window.lenses.collapse.action.isChecked()
    assert not window.lenses.blocs.collapse_button.isChecked()
