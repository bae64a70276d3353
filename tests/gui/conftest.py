"""Fixtures for the Qt layer: settings in a temporary folder, and main windows on the bundled graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from explorer.app.opening import compute_layout
from explorer.gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path) -> Path:
    """Every test gets its own, empty settings (never the user's)."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(scope="session")
def positions(kb) -> dict[str, tuple[float, float]]:
    return compute_layout(kb)


@pytest.fixture()
def window(qtbot, kb, positions) -> MainWindow:
    """A shown main window on the bundled graph (loaded once per session, laid out the same way)."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.set_knowledge(kb, positions)
    return win


def pytest_collection_modifyitems(config, items) -> None:
    """Qt's offscreen platform warns that it cannot pass size hints to a window manager: harmless."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))
