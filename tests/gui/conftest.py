"""Fixtures for the Qt layer: main windows on the bundled graph (settings go to a temporary folder:
see tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import shown_window

from explorer.app.opening import compute_layout
from explorer.gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def empty_clipboard(qapp):
    """The clipboard is emptied after each test: Qt's offscreen platform crashes at exit while its clipboard
    holds a QMimeData made from Python (under X11 it does not; the app copies with text and HTML there)."""
    yield
    qapp.clipboard().clear()


@pytest.fixture(autouse=True)
def system_theme_after(qapp):
    """A test (or the monkey) that chose View › Theme › Light or Dark leaves the next one the system's: the
    application's palette and style are the process's, not the test's."""
    yield
    from explorer.gui import theme

    if theme.themed():
        theme.apply_theme("system")


@pytest.fixture(autouse=True)
def private_settings(settings_dir: Path) -> Path:
    """Every test here gets its own, empty Qt settings (tests/conftest.py)."""
    return settings_dir


@pytest.fixture(scope="session")
def positions(kb) -> dict[str, tuple[float, float]]:
    return compute_layout(kb)


@pytest.fixture()
def window(qtbot, kb, positions) -> MainWindow:
    """A shown main window on the bundled graph (loaded once per session, laid out the same way)."""
    return shown_window(qtbot, kb, positions)


def pytest_collection_modifyitems(config, items) -> None:
    """Qt's offscreen platform warns that it cannot pass size hints to a window manager: harmless."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))
