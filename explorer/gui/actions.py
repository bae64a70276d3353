"""The window's menus, actions and Find bar: what each menu holds and which shortcut starts what. The
Edit menu is the editing flows' own (explorer.gui.editing); the actions call the window's flows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QLineEdit, QMenu, QToolBar, QWidget

from explorer.gui import settings
from explorer.gui.find_completer import ActorCompleter

#: The docks made after the window's first frame (hidden in it), in the order of their View menu entries.
LATE_DOCKS = ("problemsDock", "suggestionsDock", "metricsDock", "dyadDock")
#: The window being built: its actions are set on it here (typed loosely: this module must not import
#: the window module that imports it).
Window = Any


def make_action(
    parent: QWidget, text: str, slot: Callable[..., object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str | None = None,
) -> QAction:
    """A menu action calling ``slot()`` (without Qt's ``checked`` argument)."""
    action = QAction(text, parent)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_find_bar(window: Window) -> None:
    """The Find bar: a name box with one completion per actor (matched by any of its names); words that
    name no actor are looked for in the passages."""
    bar = window.find_bar = QToolBar("Find")
    bar.setObjectName("findBar")
    bar.setMovable(False)
    edit = window.find_edit = QLineEdit()
    edit.setPlaceholderText("Find an actor, or words in the passages (Ctrl+F)")
    edit.setClearButtonEnabled(True)
    edit.setAccessibleName("find actor")
    edit.setMaximumWidth(380)
    completer = window.completer = ActorCompleter(window, window.find_chosen)
    edit.setCompleter(completer)
    edit.returnPressed.connect(lambda: window.find_actor(edit.text()))
    bar.addWidget(QLabel(" Find: "))
    bar.addWidget(edit)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)


def build_menus(window: Window) -> None:
    """File, Edit (the editing flows'), View and Help, with the actions kept on the window."""
    key = QKeySequence.StandardKey
    w, act, exporting = window, make_action, window.exporting
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    w.open_action = act(w, "&Open…", w.ask_open, key.Open, "Open RDF files")
    file_menu.addAction(w.open_action)
    w.add_action = act(w, "&Add to Graph…", w.ask_add, "Ctrl+Alt+O",
                       "Merge RDF files into the graph on screen (or drop them with Ctrl or Shift held)")
    file_menu.addAction(w.add_action)
    w.recent_menu = QMenu("Open &Recent", w)
    w.recent_menu.aboutToShow.connect(w.fill_recent)
    file_menu.addMenu(w.recent_menu)
    w.bundled_action = act(w, "Open &Bundled Graph", w.load_bundled)
    file_menu.addAction(w.bundled_action)
    w.connect_action = act(w, "&Connect to SPARQL Endpoint…", w.ask_connect, "Ctrl+Shift+O",
                           "Explore a graph held by a SPARQL 1.1 store")
    file_menu.addAction(w.connect_action)
    file_menu.addSeparator()
    w.sources.add_file_actions(file_menu)
    file_menu.addSeparator()
    editing = w.editing
    for action in (editing.save_action, editing.save_as_action, editing.validate_action):
        file_menu.addAction(action)
    file_menu.addSeparator()
    export = file_menu.addMenu("&Export")
    w.export_turtle_action = act(w, "Whole Graph as &Turtle…", lambda: exporting.ask_turtle(False))
    w.export_shown_action = act(w, "&Shown Graph as Turtle…", lambda: exporting.ask_turtle(True), None,
                                "Only the claims the filters show, with their evidence")
    w.export_graphml_action = act(w, "Shown Graph as &GraphML…", lambda: exporting.ask_network("graphml"))
    w.export_gexf_action = act(w, "Shown Graph as G&EXF (Gephi)…", lambda: exporting.ask_network("gexf"))
    w.export_png_action = act(w, "Picture as &PNG…", lambda: exporting.ask_picture("png"))
    w.export_svg_action = act(w, "Picture as S&VG…", lambda: exporting.ask_picture("svg"))
    for action in (w.export_turtle_action, w.export_shown_action, w.export_graphml_action, w.export_gexf_action):
        export.addAction(action)
    w.export_briefing_action = act(w, "&Briefing (HTML or PDF)…", lambda: _briefing(w), None,
                                   "What the window shows, every relation with its quotes and sources")
    export.addSeparator()
    export.addAction(w.export_briefing_action)
    export.addSeparator()
    export.addAction(w.export_png_action)
    export.addAction(w.export_svg_action)
    export.addAction(exporting.legend_option)
    export.addAction(exporting.highlights_option)
    file_menu.addSeparator()
    w.cache_action = act(w, "Cac&he of Large Files…", lambda: _cache_box(w), None,
                         "How much the cache of large files holds on disk; empty it")
    file_menu.addAction(w.cache_action)
    w.quit_action = act(w, "&Quit", w.close, key.Quit)
    file_menu.addAction(w.quit_action)

    editing.build_edit_menu(bar)
    w.find_action = act(w, "&Find Actor…", w.focus_find, key.Find)
    editing.edit_menu.addAction(w.find_action)

    view_menu = bar.addMenu("&View")
    w.fit_action = act(w, "&Fit to Window", w.view.fit, "Ctrl+0")
    w.zoom_in_action = act(w, "Zoom &In", w.view.zoom_in, key.ZoomIn)
    w.zoom_out_action = act(w, "Zoom &Out", w.view.zoom_out, key.ZoomOut)
    w.reset_layout_action = act(w, "&Reset Layout", w.reset_layout, "Ctrl+L",
                                "Unpin every actor and lay the graph out again")
    w.reset_filters_action = act(w, "Reset &Filters", w.filters.reset, "Ctrl+Shift+R")
    for action in (w.fit_action, w.zoom_in_action, w.zoom_out_action, w.reset_layout_action,
                   w.reset_filters_action):
        view_menu.addAction(action)
    # View › Layout (issue 15): its entries are the layout menu's, made after the first frame (see
    # MainWindow.layout_menu), or when the submenu first opens
    w.layout_submenu = view_menu.addMenu("La&yout")
    w.layout_submenu.aboutToShow.connect(lambda: w.layout_menu)
    w.view_menu = view_menu
    w.collapse_blocs_before = view_menu.addSeparator()  # View › Collapse Blocs goes here (add_lens_actions)
    # Back, Forward (the view's own history) and the canvas options (issue 16) go here, made after the first
    # frame too (add_view_history_actions, add_canvas_options)
    w.canvas_options_before = view_menu.addSeparator()
    w.save_view_action = act(w, "&Save View…", w.saved_views.ask_save, "Ctrl+Alt+S",
                             "Keep filters, selection, positions and zoom under a name (Views dock)")
    view_menu.addAction(w.save_view_action)
    w.restore_last_action = QAction("Reopen Graphs as &Left", w)
    w.restore_last_action.setCheckable(True)
    w.restore_last_action.setStatusTip("Opening a graph again brings back its last filters, positions and zoom")
    w.restore_last_action.setChecked(settings.restore_last_view())
    w.restore_last_action.toggled.connect(settings.set_restore_last_view)
    view_menu.addAction(w.restore_last_action)
    view_menu.addSeparator()
    w.legend_action = QAction("Show &Legend", w)
    w.legend_action.setCheckable(True)
    w.legend_action.setChecked(True)
    w.legend_action.toggled.connect(w.view.legend.setVisible)
    view_menu.addAction(w.legend_action)
    from explorer.gui.theme import build_theme_menu

    w.theme_actions = build_theme_menu(w, view_menu)
    for dock in (w.filters_dock, w.evidence_dock, w.timebar_dock, w.views_dock):
        view_menu.addAction(dock.toggleViewAction())  # (the docks made later go next: add_dock_toggle)
    view_menu.addAction(w.find_bar.toggleViewAction())
    w.find_bar.addSeparator()
    for action in (w.fit_action, w.zoom_in_action, w.zoom_out_action, w.reset_layout_action):
        w.find_bar.addAction(action)

    help_menu = bar.addMenu("&Help")
    w.getting_started_action = act(w, "&Getting Started", lambda: show_help(w, "start"), key.HelpContents)
    w.shortcuts_action = act(w, "&Keyboard Shortcuts", lambda: show_help(w, "keys"))
    w.about_action = act(w, "&About explorer", w.show_about)
    for action in (w.getting_started_action, w.shortcuts_action):
        help_menu.addAction(action)
    help_menu.addSeparator()
    help_menu.addAction(w.about_action)


def add_view_history_actions(window: Window, history: Any) -> None:
    """View › Back and Forward, after Collapse Blocs (the view history is made after the menus, see
    MainWindow.view_history)."""
    menu: QMenu = window.view_menu
    menu.insertActions(window.canvas_options_before, [history.back_action, history.forward_action])


def add_canvas_options(window: Window, canvas_menus: Any) -> None:
    """View › One Edge per Pair, Show Actors Without Claims, Show Hidden Actors, after Back and Forward (the
    canvas menus are made after the view history, see MainWindow.canvas_menus)."""
    menu: QMenu = window.view_menu
    menu.insertActions(window.canvas_options_before, canvas_menus.view_actions())


def add_lens_actions(window: Window, lenses: Any) -> None:
    """The lenses' Collapse Blocs in the View menu, after Layout (the lenses are made after the menus, see
    MainWindow.lenses; their docks' entries: add_dock_toggle)."""
    menu: QMenu = window.view_menu
    menu.insertAction(window.collapse_blocs_before, lenses.collapse.action)


def add_dock_toggle(window: Window, dock: QDockWidget) -> None:
    """A dock made after the menus (see MainWindow.add_late_dock): its View menu entry in its place among
    the docks (LATE_DOCKS), before the Find bar's."""
    menu: QMenu = window.view_menu
    later = LATE_DOCKS[LATE_DOCKS.index(dock.objectName()) + 1:]
    docks_later = (a for a in menu.actions() if isinstance(owner := a.parent(), QDockWidget)
                   and owner.objectName() in later)
    before = next(docks_later, window.find_bar.toggleViewAction())
    menu.insertAction(before, dock.toggleViewAction())


def _briefing(w: Window) -> None:
    """File › Export › Briefing (its dialog's module is imported when asked, not for the first frame)."""
    from explorer.gui.briefing_export import ask_briefing

    ask_briefing(w)


def show_help(window: Window, page: str) -> None:
    """Help › Getting Started ("start") or Help › Keyboard Shortcuts ("keys")."""
    from explorer.gui.help import GETTING_STARTED, HelpDialog, shortcut_rows

    if page == "keys":
        dialog = HelpDialog("Keyboard Shortcuts", window, rows=shortcut_rows(window.findChildren(QAction)))
    else:
        dialog = HelpDialog("Getting Started", window, text=GETTING_STARTED)
    window.help_dialog = dialog  # (the one on screen, for tests)
    dialog.exec()
    dialog.deleteLater()


def _cache_box(w: Window) -> None:
    """File › Cache of Large Files (imported when asked: the cache reads RDF, which the first frame must not)."""
    from explorer.gui.cache_dialog import show_cache_box

    show_cache_box(w)
