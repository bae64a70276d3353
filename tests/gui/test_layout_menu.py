"""View › Layout: each layout runs in the background, keeps pinned actors where put, moves the others."""

from __future__ import annotations

import math

import pytest

from explorer.gui.main_window import MainWindow

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


def _node_at(window: MainWindow, iri: str) -> tuple[float, float]:
    pos = window.scene.nodes[iri].pos()
    return (pos.x(), pos.y())


@pytest.mark.parametrize("name", ["forceatlas2", "circular-community", "circular-bloc", "radial", "force"])
def test_a_layout_moves_the_free_actors_and_keeps_the_pinned(window: MainWindow, qtbot, name: str) -> None:
    menu = window.layout_menu
    armenia = window.scene.nodes[ACTOR + "Armenia"]
    armenia.setPos(4321.0, -1234.0)
    window.scene.nodes_moved([armenia])  # as a drag does: pinned
    assert armenia.pinned
    window.session.select([ACTOR + "Russia"])
    window.scene.set_positions({a: (y * 0.5, x * 0.5) for a, (x, y) in window.scene.positions().items()})
    before = window.scene.positions()
    menu.actions[name].trigger()
    qtbot.waitUntil(lambda: menu.last == name, timeout=20000)
    after = window.scene.positions()
    assert after[ACTOR + "Armenia"] == (4321.0, -1234.0) and armenia.pinned
    moved = [a for a in after if math.dist(after[a], before[a]) > 1.0]
    assert len(moved) > len(after) // 2
    if name == "radial":
        russia = _node_at(window, ACTOR + "Russia")
        georgia = _node_at(window, ACTOR + "Georgia")  # a neighbour of Russia: on the first ring
        assert russia == (0.0, 0.0)
        assert 0 < math.dist(russia, georgia) < 400


def test_radial_without_a_selection_says_what_to_do(window: MainWindow, qtbot) -> None:
    window.session.select([])
    before = window.scene.positions()
    window.layout_menu.actions["radial"].trigger()
    assert "Select the actor" in window.statusBar().currentMessage()
    assert window.scene.positions() == before and window.layout_menu.last is None
