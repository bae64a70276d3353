"""The window keeps its docks per screen size class, and a layout never leaves the canvas less than
half the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from explorer.gui import settings
from explorer.gui.main_window import MainWindow


def _window(qtbot, monkeypatch, size_class: str, size: tuple[int, int]) -> MainWindow:
    monkeypatch.setattr(MainWindow, "screen_class", lambda self: size_class)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win: MainWindow) -> None:
    win.save_settings()
    win.hide()


@pytest.mark.parametrize(("width", "height", "expected"), [
    (1024, 700, "small"), (1366, 768, "small"), (1600, 1000, "medium"), (1920, 1080, "large")])
def test_screen_size_classes(width: int, height: int, expected: str) -> None:
    assert settings.size_class(width, height) == expected


def test_each_screen_size_gets_back_its_own_docks(qtbot, monkeypatch) -> None:
    """Docks arranged on a big monitor and on a laptop are kept apart (by which docks show: their widths
    depend on the test platform's screen, which clamps the restored geometry)."""
    big = _window(qtbot, monkeypatch, "large", (1900, 1000))
    big.timebar_dock.hide()
    _close(big)

    small = _window(qtbot, monkeypatch, "small", (1024, 700))  # the laptop: not the monitor's layout
    assert small.timebar_dock.isVisible()
    small.filters_dock.hide()
    _close(small)

    again = _window(qtbot, monkeypatch, "large", (1900, 1000))  # the monitor's layout came back
    assert not again.timebar_dock.isVisible() and again.filters_dock.isVisible()
    _close(again)
    smaller = _window(qtbot, monkeypatch, "small", (1024, 700))
    assert smaller.timebar_dock.isVisible() and not smaller.filters_dock.isVisible()


def test_a_saved_layout_that_squeezes_the_canvas_is_not_restored_as_is(qtbot, monkeypatch) -> None:
    """At 1024×700 with docks saved wide on the same class of screen, the canvas still gets half."""
    win = _window(qtbot, monkeypatch, "small", (1024, 700))
    win.resizeDocks([win.filters_dock, win.evidence_dock], [330, 420], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: win.view.width() < 512)
    _close(win)
    again = _window(qtbot, monkeypatch, "small", (1024, 700))
    assert again.view.width() >= 512
    assert again.filters_dock.width() >= 180 and again.evidence_dock.width() >= 260
