"""File > Cache of Large Files: the box names the cache folder and its size, and Clear empties it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from explorer.core import cache
from explorer.gui import cache_dialog
from explorer.resources import bundled_files


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user cache folder holding one entry (the bundled graph's)."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv(cache.ENV_FOLDER, str(folder))
    cache.open_knowledge(bundled_files(), folder=folder)
    cache.settle()  # (its store is written behind the open)
    return folder


def _answer(monkeypatch: pytest.MonkeyPatch, button_text: str | None) -> list[str]:
    """Make the box answer by clicking the button with ``button_text`` (None: Close); return its texts."""
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        chosen = next((b for b in box.buttons() if b.text() == button_text), None)
        monkeypatch.setattr(QMessageBox, "clickedButton", lambda _self: chosen)
        return 0
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def test_the_box_shows_the_folder_and_its_size(window, user_cache, monkeypatch):
    shown = _answer(monkeypatch, None)
    window.cache_action.trigger()
    used = cache.usage(user_cache)
    assert used.entries == 1
    assert str(user_cache) in shown[0] and "1 entry" in shown[0]
    assert cache_dialog.human(used.bytes) in shown[0]
    assert cache.usage(user_cache).entries == 1  # Close leaves it


def test_clear_empties_the_cache_off_the_gui_thread(window, user_cache, monkeypatch, qtbot):
    _answer(monkeypatch, "&Clear Cache")
    window.cache_action.trigger()
    qtbot.waitUntil(lambda: "Cache cleared" in window.statusBar().currentMessage(), timeout=10_000)
    assert cache.usage(user_cache).entries == 0
    assert "freed" in window.statusBar().currentMessage()
