"""Saved views in the window: saving, opening, closing and reopening, and after the graph's Turtle is
exported and read again, the same actors come back on the same pixels with the same filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QFileDialog, QInputDialog

from explorer.core.export import export_to
from explorer.core.filters import FilterState
from explorer.gui.main_window import MainWindow

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
CX = "https://w3id.org/caucasus-explorer/vocab#"
RUSSIA, ARMENIA, CSTO = ACTOR + "Russia", ACTOR + "Armenia", ACTOR + "CSTO"


def _arrange(win: MainWindow) -> None:
    """A working state worth keeping: filters, a selection, dragged (pinned) actors, a zoom and a scroll."""
    state = FilterState(categories=frozenset({CX + "Cooperation", CX + "Membership", CX + "Leadership"}),
                        date_from="2014-06-23", date_to="2023-03-31", hops=2)
    win.filters.show_controls(state, False)  # the controls set as a user would, then applied
    win.timebar.show_controls(state)
    win.apply_filters(win.filters.state())
    assert win.session.controls == state
    win.session.select([ARMENIA])
    for i, actor in enumerate((RUSSIA, CSTO, ARMENIA)):
        node = win.scene.nodes[actor]
        node.setPos(node.pos() + QPointF(37.123456789 * (i + 1), -11.987654321 * (i + 2)))
        win.scene.nodes_moved([node])
    win.view.zoom_by(1.7321)
    win.view.horizontalScrollBar().setValue(win.view.horizontalScrollBar().value() + 23)
    win.view.verticalScrollBar().setValue(win.view.verticalScrollBar().value() - 17)


def _look(win: MainWindow) -> dict:
    """What must come back: each visible actor's scene position and pixel, the pins, filters, selection."""
    view = win.view
    shown = sorted(a for a, n in win.scene.nodes.items() if n.isVisible())
    return {
        "positions": {a: (n.pos().x(), n.pos().y()) for a, n in win.scene.nodes.items()},
        "pixels": {a: view.mapFromScene(win.scene.nodes[a].pos()).toTuple() for a in shown},
        "pinned": {a for a, n in win.scene.nodes.items() if n.pinned},
        "shown": shown,
        "controls": win.session.controls,
        "selection": win.session.selection,
        "panel": win.filters.state().categories,
    }


def _scramble(win: MainWindow) -> None:
    win.filters.reset()
    win.session.clear_selection()
    win.scene.set_positions({a: (0.0, 0.0) for a in win.scene.nodes}, keep_pinned=False)
    win.view.fit()


def test_opening_a_saved_view_restores_the_window_to_the_pixel(window: MainWindow, qtbot, monkeypatch) -> None:
    window.saved_views.graph_shown()  # (the fixture set the graph before the views were listed: list them)
    _arrange(window)
    before = _look(window)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Allies", True))
    window.save_view_action.trigger()
    assert window.saved_views.panel.names() == ["Allies"]
    _scramble(window)
    assert _look(window) != before
    with qtbot.waitSignal(window.saved_views.viewOpened):
        window.saved_views.panel.list.setCurrentRow(0)
        window.saved_views.panel.buttons["open"].click()
    after = _look(window)
    assert after["positions"] == before["positions"]  # exactly, not approximately
    assert after["pixels"] == before["pixels"]
    assert after == before


def test_rename_update_and_delete_from_the_dock(window: MainWindow, monkeypatch) -> None:
    views = window.saved_views
    views.graph_shown()
    views.save_view("one")
    views.save_view("two")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("three", True))
    views.ask_rename("one")
    assert views.panel.names() == ["three", "two"]
    window.view.zoom_by(2.0)
    views.update_view("two")
    assert views.store is not None and views.store.get("two").layout.zoom == window.view.transform().m11()
    views.delete_view("three")
    assert views.panel.names() == ["two"]


@pytest.fixture()
def graph_file(tmp_path: Path, kb) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    export_to(kb, folder / "graph.ttl", "turtle")
    return folder / "graph.ttl"


def _open(qtbot, files: list[Path]) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.graphShown, timeout=60000):
        win.open_files(files)
    return win


def test_the_window_reopens_a_graph_as_it_was_left(qtbot, graph_file: Path) -> None:
    win = _open(qtbot, [graph_file])
    _arrange(win)
    before = _look(win)
    win.close()
    again = _open(qtbot, [graph_file])
    assert _look(again) == before


def test_a_view_survives_the_graph_exported_and_read_again(qtbot, graph_file: Path) -> None:
    win = _open(qtbot, [graph_file])
    _arrange(win)
    before = _look(win)
    win.saved_views.save_view("Allies")
    assert win.session.kb is not None
    copy = graph_file.with_name("exported.ttl")  # File › Export › Whole Graph as Turtle, beside it
    export_to(win.session.kb, copy, "turtle")
    win.close()
    again = _open(qtbot, [copy])
    assert again.saved_views.panel.names() == ["Allies"]
    _scramble(again)
    with qtbot.waitSignal(again.saved_views.viewOpened):
        again.saved_views.open_view("Allies")
    assert _look(again) == before


def test_export_briefing_writes_what_the_window_shows(window: MainWindow, qtbot, monkeypatch,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "brief"  # no extension: the chosen filter's is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(out), "Briefing as HTML (*.html)"))
    window.session.set_filters(FilterState(categories=frozenset({CX + "Membership"})))
    window.export_briefing_action.trigger()
    written = out.with_suffix(".html")
    qtbot.waitUntil(written.exists, timeout=30000)
    page = written.read_text(encoding="utf-8")
    assert "<svg" in page and "<h4>Membership</h4>" in page and "<h4>Conflict</h4>" not in page
    assert page.count('class="quote"') > 0
