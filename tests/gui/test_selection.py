"""One owner of the selection: clicks go to the session, and every panel says the same thing after them."""

from __future__ import annotations

from gui_helpers import ACTOR, linked_actors, view_point
from PySide6.QtCore import QPoint, Qt

from explorer.app import present
from explorer.gui.graph.nodes import NodeItem
from explorer.gui.main_window import MainWindow

RUSSIA, ARMENIA, TURKIYE = ACTOR + "Russia", ACTOR + "Armenia", ACTOR + "Turkiye"


def click_actor(qtbot, win: MainWindow, iri: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    node = win.scene.node(iri)
    assert node is not None and node.isVisible()
    pos = view_point(win, node.scenePos())
    assert isinstance(win.view.itemAt(pos), NodeItem) and win.view.itemAt(pos).iri == iri
    qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, modifier, pos=pos)


def empty_point(win: MainWindow) -> QPoint:
    """A point of the view where no actor and no edge is drawn."""
    rect = win.view.viewport().rect()
    for x in range(5, rect.width(), 25):
        for y in range(5, rect.height(), 25):
            p = QPoint(x, y)
            if win.view.itemAt(p) is None and win.scene.bundle_at(win.view.mapToScene(p), 12) is None:
                return p
    raise AssertionError("no empty point in the view")


def test_ctrl_click_shows_the_claims_among_the_selected_actors(qtbot, window: MainWindow, kb) -> None:
    click_actor(qtbot, window, RUSSIA)
    click_actor(qtbot, window, ARMENIA, Qt.KeyboardModifier.ControlModifier)
    assert set(window.scene.selected_actors()) == {RUSSIA, ARMENIA}
    assert window.session.selection.actors == (RUSSIA, ARMENIA)
    assert window.evidence.title.text() == "Russia, Armenia"
    assert window.evidence.details.text().startswith("2 actors selected")
    between = {c.iri for c in kb.claims_between(RUSSIA, ARMENIA)}
    assert between and set(window.evidence.model.claims()) == between
    assert window.counts.text().endswith("· 2 selected")


def test_deselecting_clears_focus_evidence_and_status_together(qtbot, window: MainWindow, kb) -> None:
    window.filters.focus_box.setChecked(True)
    click_actor(qtbot, window, TURKIYE)
    assert window.filters.focus_label.text() == "around: Türkiye"
    assert len(window.session.visible.actors) < len(kb.actors)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=empty_point(window))
    assert window.scene.selected_actors() == []
    assert window.evidence.title.text() == present.NOTHING
    assert window.filters.focus_label.text() == "no actor selected"
    assert window.session.visible.actors == linked_actors(kb)
    assert window.counts.text() == present.counts_line(window.session)
    assert f"{len(linked_actors(kb))} of {len(kb.actors)} actors" in window.counts.text()


def test_in_focus_mode_one_click_fills_the_evidence_panel_once(qtbot, window: MainWindow) -> None:
    window.filters.focus_box.setChecked(True)
    fills: list[int] = []
    window.evidence.model.modelReset.connect(lambda: fills.append(1))
    click_actor(qtbot, window, ARMENIA)
    assert len(fills) == 1
    assert window.evidence.title.text() == "Armenia"
    # and what it was filled with is the new visible set: every claim listed is shown in the graph
    assert set(window.evidence.model.claims()) <= window.session.visible.claim_set
    assert window.filters.focus_label.text() == "around: Armenia"


def test_find_selects_through_the_session(qtbot, window: MainWindow) -> None:
    assert window.find_actor("Russia") == RUSSIA
    assert window.session.selection.actors == (RUSSIA,)
    assert window.scene.selected_actors() == [RUSSIA]
    assert window.evidence.title.text() == "Russia"
