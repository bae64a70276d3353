"""A large graph is drawn a step per event-loop turn: the window keeps answering, then shows it all."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QTimer

from explorer.app import opening
from explorer.gui import main_window as main_window_module
from explorer.gui.main_window import MainWindow


def test_a_large_graph_is_drawn_in_steps_while_the_event_loop_turns(
    qtbot, window: MainWindow, kb, positions, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_window_module, "STEPPED_DRAWING", 1)  # the seed graph counts as large
    ticks: list[bool] = []  # for each turn of the loop: was the graph still being drawn?
    timer = QTimer(window)
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(window._drawing is not None and window._drawing.is_running()))
    timer.start()
    with qtbot.waitSignal(window.graphShown, timeout=20000):
        window.set_knowledge(kb, positions)
        assert not window.view.isEnabled() and not window.evidence_dock.isEnabled()
        assert window.jobs.busy and window.jobs.bar.isVisible()
        assert not gc.isenabled()  # no full collections in the middle of a step
        drawing = window._drawing
    timer.stop()
    assert drawing is not None and drawing.turns > 3
    assert ticks.count(True) >= 3  # the loop turned between the steps, not only before or after
    assert window.view.isEnabled() and window.evidence_dock.isEnabled() and not window.jobs.busy
    assert gc.isenabled()
    assert set(window.scene.nodes) == set(kb.actors)
    assert sum(len(b.claims) for b in window.scene.bundles) == sum(
        1 for c in kb.claims.values() if c.subject != c.object
    )


def test_a_newer_graph_replaces_one_still_being_drawn(
    qtbot, window: MainWindow, kb, positions, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_window_module, "STEPPED_DRAWING", 1)
    shown: list[int] = []
    window.graphShown.connect(lambda: shown.append(len(window.scene.nodes)))
    window.set_knowledge(kb, positions)
    first = window._drawing
    with qtbot.waitSignal(window.graphShown, timeout=20000):
        window.set_knowledge(kb, positions)
    assert first is not None and not first.is_running()
    assert shown == [len(kb.actors)]  # shown once, whole
    assert gc.isenabled()
    assert len(window.scene.items()) == len(window.scene.nodes) + len(window.scene.layers) + 2  # + overlay, node layer


def test_the_collector_waits_while_a_graph_loads_and_comes_back(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading pauses Python's collector (its full walks stopped every thread, the window's too) and
    resumes it after, on success and on failure; pauses from loading and drawing nest."""
    from explorer.core import loading
    from explorer.core.errors import ExplorerError
    from explorer.core.jobs import pause_gc, resume_gc

    enabled_while_loading: list[bool] = []
    real = loading.load_knowledge

    def spy(*args, **kwargs):
        enabled_while_loading.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(loading, "load_knowledge", spy)
    loaded = opening.load_and_layout([], lambda _f, _what: None, lambda: False)
    assert loaded.kb.claims and enabled_while_loading == [False] and gc.isenabled()
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(ExplorerError):
        opening.load_and_layout([bad], lambda _f, _what: None, lambda: False)
    assert enabled_while_loading == [False, False] and gc.isenabled()
    pause_gc()
    pause_gc()
    resume_gc()
    assert not gc.isenabled()  # still paused by the other
    resume_gc()
    assert gc.isenabled()
