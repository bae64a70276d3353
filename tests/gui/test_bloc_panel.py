"""The Dyad dock's Blocs tab: group nodes, an edge per pair of groups; a click lists and selects its claims."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.gui.main_window import MainWindow


def test_clicking_a_group_edge_lists_and_selects_its_claims(window: MainWindow, qtbot) -> None:
    lenses = window.lenses
    lenses.dyad_dock.show()
    lenses.tabs.setCurrentIndex(2)
    panel = lenses.blocs
    qtbot.waitUntil(lambda: bool(panel.group_items))
    assert {"bloc:0", "bloc:1"} <= set(panel.group_items)
    across = next(item for item in panel.edge_items if {item.edge.a, item.edge.b} == {"bloc:0", "bloc:1"})
    view_point = panel.view.mapFromScene(across.path().pointAtPercent(0.5))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view_point)
    assert panel.picked is across.edge
    assert panel.claims.count() == len(across.edge.claims) > 5
    assert set(window.session.selection.claims) == set(across.edge.claims)
    inner = panel.group_items["bloc:0"]
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.view.mapFromScene(inner.scenePos() + inner.rect().topLeft() * 0.3))
    assert panel.picked is inner.inner and panel.picked.a == panel.picked.b == "bloc:0"
