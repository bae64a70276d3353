"""Parts hidden in the window's first frame are made after it (issue 19's first paint): the Metrics and
Dyad docks with the lenses, the Suggestions, Problems and Re-anchoring docks, the article reader, Back and
Forward, the canvas menus and options, and View › Layout's entries. They must end up where they were
before: in the View menu's places, in a saved layout's places, and in the first frame when the saved
layout shows them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from explorer.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    return win


def _view_menu_texts(win: MainWindow) -> list[str]:
    menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&View")
    return [a.text() for a in menu.actions() if not a.isSeparator()]


LATE = ("metricsDock", "dyadDock", "suggestionsDock", "problemsDock", "reanchorDock")
#: The View menu's entries from Layout to Save View, once the parts made after the first frame are there.
VIEW_MIDDLE = ["La&yout", "Collapse &Blocs", "&Back (View)", "F&orward (View)", "&One Edge per Pair",
               "Show Actors &Without Claims", "Show &Hidden Actors", "&Save View…"]


def test_the_lens_docks_the_suggestions_and_the_reader_are_made_after_the_first_frame(qtbot) -> None:
    win = _window(qtbot)
    assert [win.findChild(QDockWidget, name) for name in LATE] == [None] * len(LATE)
    assert win.reader_if_made() is None
    assert win.layout_submenu.actions() == [] and "&Back (View)" not in _view_menu_texts(win)
    with qtbot.waitSignal(win.windowPainted, timeout=20000):
        win.show()
    qtbot.waitUntil(lambda: None not in [win.findChild(QDockWidget, name) for name in LATE]
                    and win.reader_if_made() is not None, timeout=5000)
    qtbot.waitUntil(lambda: len(win.layout_submenu.actions()) == len(win.layout_menu.actions), timeout=5000)
    assert not win.problems_dock.isVisible() and not win.reanchoring.dock.isVisible()
    win.problems_dock.show()
    win.reanchoring.dock.show()  # (as when a changed text is found) a tab beside Problems
    assert win.reanchoring.dock in win.tabifiedDockWidgets(win.problems_dock)
    assert not win.sources.dock.isVisible()
    assert win.reader_if_made() is win.reader
    metrics, dyad = win.lenses.dock, win.lenses.dyad_dock
    assert not metrics.isVisible() and not dyad.isVisible()
    metrics.toggleViewAction().trigger()  # View › Metrics: a tab beside the Time dock, in front
    assert metrics.isVisible() and metrics in win.tabifiedDockWidgets(win.timebar_dock)
    texts = _view_menu_texts(win)
    # Collapse Blocs right after the Layout submenu, then Back, Forward and the canvas options; the late docks
    # after the others (Re-anchoring has no entry: it opens when a text changed), before Find
    start = texts.index("La&yout")
    assert texts[start:start + len(VIEW_MIDDLE)] == VIEW_MIDDLE
    docks = texts[texts.index("Views"):]
    assert docks == ["Views", "Problems", win.sources.dock.toggleViewAction().text(), "Metrics", "Dyad", "Find"]
    assert win.lenses.collapse.action in win.findChildren(QAction)  # (Help › Keyboard Shortcuts lists it)


DOCKS: dict[str, Callable[[MainWindow], QDockWidget]] = {
    "metricsDock": lambda win: win.lenses.dock, "dyadDock": lambda win: win.lenses.dyad_dock,
    "suggestionsDock": lambda win: win.sources.dock, "problemsDock": lambda win: win.problems_dock,
    "reanchorDock": lambda win: win.reanchoring.dock}


@pytest.mark.parametrize("name", ["metricsDock", "suggestionsDock", "problemsDock", "reanchorDock"])
def test_a_layout_saved_with_a_late_dock_open_shows_it_in_the_first_frame(qtbot, name: str) -> None:
    win = _window(qtbot)
    with qtbot.waitSignal(win.windowPainted, timeout=20000):
        win.show()
    DOCKS[name](win).show()
    DOCKS[name](win).raise_()
    win.save_settings()
    win.hide()

    again = _window(qtbot)
    dock = again.findChild(QDockWidget, name)
    assert dock is not None  # made with the window, before its layout was restored
    seen: list[bool] = []
    again.windowPainted.connect(lambda: seen.append(dock.isVisible()))
    with qtbot.waitSignal(again.windowPainted, timeout=20000):
        again.show()
    assert seen == [True]


@pytest.mark.parametrize("name", ["dyadDock", "suggestionsDock", "problemsDock"])
def test_a_late_dock_made_after_the_layout_takes_its_saved_place(qtbot, name: str) -> None:
    """A dock moved to the left and closed comes back on the left when it is made after the restore."""
    win = _window(qtbot)
    with qtbot.waitSignal(win.windowPainted, timeout=20000):
        win.show()
    dock = DOCKS[name](win)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    dock.hide()
    win.save_settings()
    win.hide()

    again = _window(qtbot)
    assert again.findChild(QDockWidget, name) is None  # closed when saved: made after the first frame
    with qtbot.waitSignal(again.windowPainted, timeout=20000):
        again.show()
    qtbot.waitUntil(lambda: again.findChild(QDockWidget, name) is not None, timeout=5000)
    assert again.dockWidgetArea(DOCKS[name](again)) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert not DOCKS[name](again).isVisible()


def test_explorer_alone_opens_the_window_without_the_command_line_modules(tmp_path: Path) -> None:
    """`explorer` with nothing after it goes straight to the window (explorer.start): the shell's
    parser and subcommands (explorer.cli) are not imported; anything after the command is theirs."""
    probe = ("import sys\nimport explorer.gui.app as app\n"
             "app.run = lambda *a, **k: print('window', a, k, 'explorer.cli' in sys.modules) or 0\n"
             "import explorer.start\nsys.argv = sys.argv[:1] + sys.argv[1:]\n"
             "raise SystemExit(explorer.start.main())\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    alone = subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True,
                           timeout=120)
    assert alone.returncode == 0, alone.stderr[-2000:]
    assert alone.stdout.strip() == "window (None,) {} False"
    version = subprocess.run([sys.executable, "-c", probe, "--version"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and version.stdout.startswith("explorer "), version.stdout + version.stderr


def test_finds_rows_are_drawn_on_two_lines_once_there_are_completions(qtbot, window: MainWindow) -> None:
    """Find's popup gets its two-line rows with the graph's completions (none in the first frame)."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from explorer.gui.find_completer import ALSO_ROLE

    window.completer.setCompletionPrefix("lavrov")
    popup = window.completer.popup()
    delegate = popup.itemDelegate()
    row = window.completer.completionModel().index(0, 0)
    assert row.data(ALSO_ROLE)  # Sergei Lavrov has other names: his row is two lines high
    option = QStyleOptionViewItem()
    option.font = popup.font()
    tall = delegate.sizeHint(option, row).height()
    assert tall >= 1.7 * popup.fontMetrics().height()
    window.completer.complete()  # the popup drawn with its rows (the delegate paints the small print)
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    assert popup.grab().width() > 0


def test_the_sources_article_rows_are_drawn_with_their_details(qtbot, window: MainWindow) -> None:
    """The Sources page's two-line rows (title, and date and claims in small print) are drawn with QStyle
    imported as they are drawn (explorer.gui.source_rows), not at start."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    view = window.filters.source_view
    model = view.model()
    pending, row = [QModelIndex()], None
    while pending and row is None:
        parent = pending.pop()
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            if "\n" in str(index.data() or ""):
                row = index
                break
            pending.append(index)
    assert row is not None  # an article's row: "title\ndetails"
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(row).adjusted(0, 0, 0, 40) if view.visualRect(row).isValid() else option.rect
    option.rect.setSize(option.rect.size().expandedTo(view.sizeHintForIndex(row)))
    picture = QImage(400, 80, QImage.Format.Format_ARGB32)
    picture.fill(0xFFFFFFFF)
    option.rect.moveTo(0, 0)
    option.rect.setWidth(400)
    painter = QPainter(picture)
    view.itemDelegate().paint(painter, option, row)
    painter.end()
    inked = {picture.pixel(x, y) for x in range(0, 400, 2) for y in range(0, 80, 2)}
    assert len(inked) > 2  # text in two colours over the background


def test_a_layout_saved_before_the_docks_came_late_gets_them_back_after_the_first_frame(qtbot) -> None:
    """A saved layout without the list of open late docks (an older version's): the Metrics dock it had
    open is made after the first frame, and shows in its saved place then."""
    from explorer.gui import settings
    from explorer.gui.main_window import LATE_DOCKS_SHOWN

    win = _window(qtbot)
    with qtbot.waitSignal(win.windowPainted, timeout=20000):
        win.show()
    win.lenses.dock.show()
    win.save_settings()
    settings.app_settings().remove(f"window/{win.screen_class()}/{LATE_DOCKS_SHOWN}")
    win.hide()

    again = _window(qtbot)
    assert again.findChild(QDockWidget, "metricsDock") is None
    with qtbot.waitSignal(again.windowPainted, timeout=20000):
        again.show()
    qtbot.waitUntil(lambda: again.findChild(QDockWidget, "metricsDock") is not None, timeout=5000)
    qtbot.waitUntil(again.lenses.dock.isVisible, timeout=5000)
    assert again.lenses.dock.toggleViewAction().isChecked()


def test_parts_made_after_the_first_frame_are_made_when_needed_before_it(qtbot, kb, positions) -> None:
    """A window never painted (or not yet) makes them when first needed: View › Layout's entries when the
    submenu opens, the canvas options and Back before a graph is drawn (One Edge per Pair as left, the view's
    history starting with that graph), the Re-anchoring check for a graph already shown."""
    from explorer.gui import settings

    settings.app_settings().setValue("view/onePerPair", False)
    try:
        win = _window(qtbot)
        win.layout_submenu.aboutToShow.emit()
        assert win.layout_submenu.actions()[0].text() == "&Force-Directed"
        win.set_knowledge(kb, positions)
        assert not win.scene.one_per_pair and not win.canvas_menus.one_per_pair_action.isChecked()
        assert "&Back (View)" in _view_menu_texts(win)
        assert len(win.view_history.history.steps) == 1  # started with the graph shown
        assert win.reanchoring.anchors == [] and not win.reanchoring.dock.isVisible()
    finally:
        settings.app_settings().remove("view/onePerPair")


def test_the_late_parts_are_made_a_part_per_turn_of_the_event_loop(qtbot) -> None:
    """The window answers between two parts (all of them in one turn took about 45 ms): in the turn after
    the one that made the lenses, the reader is still to come."""
    from PySide6.QtCore import QTimer

    win = _window(qtbot)
    seen: list[tuple[bool, bool]] = []

    def next_turn() -> None:  # queued after the window's own call for its first late part
        seen.append((win.findChild(QDockWidget, "metricsDock") is not None, win.reader_if_made() is not None))

    win.windowPainted.connect(lambda: QTimer.singleShot(0, next_turn))
    with qtbot.waitSignal(win.windowPainted, timeout=20000):
        win.show()
    qtbot.waitUntil(lambda: win.late_parts_made, timeout=5000)
    assert seen == [(True, False)]
