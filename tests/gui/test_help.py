"""Help › Getting Started and Help › Keyboard Shortcuts: a newcomer is told what to click, and the
shortcut list is the window's own (read from its actions)."""

from __future__ import annotations

from explorer.gui.help import HelpDialog
from explorer.gui.main_window import MainWindow


def opened(monkeypatch, window: MainWindow, action) -> HelpDialog:
    monkeypatch.setattr(HelpDialog, "exec", lambda self: 0)  # a modal dialog would wait for the user
    action.trigger()
    return window.help_dialog


def test_getting_started_says_to_click_an_actor(qtbot, monkeypatch, window: MainWindow) -> None:
    dialog = opened(monkeypatch, window, window.getting_started_action)
    assert dialog.text is not None
    assert "Click an actor" in dialog.text.text() and "Ctrl+click" in dialog.text.text()
    assert window.getting_started_action.shortcut().toString()  # F1, or the platform's help key


def test_the_shortcut_list_is_read_from_the_actions(qtbot, monkeypatch, window: MainWindow) -> None:
    dialog = opened(monkeypatch, window, window.shortcuts_action)
    assert dialog.table is not None
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert window.find_action.shortcut().toString() in rows["Find Actor"].split(", ")
    assert rows["New Claim from Selection"] == "Ctrl+Shift+N"
    assert rows["Fit to Window"] == "Ctrl+0"
    assert "Undo" in rows and "Reset Layout" in rows
    assert rows["Add an actor to the selection, or take it out"] == "Ctrl+Click"
    assert not any("&" in name or name.endswith("…") for name in rows)
