"""The graph's context menus (an actor, an edge, the empty canvas) and the View menu's canvas options: one
edge per pair, actors without claims, hidden actors. Every entry calls the session (the rules are
explorer.app.canvas_menu's and the session's); the edit entries are the editing flows' own actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, QPointF
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from explorer.app import canvas_menu
from explorer.app.session import Change
from explorer.core.api import Expandable
from explorer.gui import settings
from explorer.gui.actions import make_action

if TYPE_CHECKING:
    from explorer.gui.graph.bundles import Bundle

#: Claims listed by name in an edge's grading submenus (a pair rarely has more).
MENU_CLAIMS = 12


class CanvasMenus(QObject):
    """See the module docstring; ``window`` is the MainWindow (typed loosely: it imports this module)."""

    @property
    def window(self) -> Any:
        """The window: the Qt parent (no Python reference to it, so no cycle for the collector to break)."""
        return self.parent()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        session, view = window.session, window.view
        self.one_per_pair_action = QAction("&One Edge per Pair", window)
        self.one_per_pair_action.setCheckable(True)
        self.one_per_pair_action.setStatusTip("Draw one edge between two actors, whatever the categories of "
                                              "their claims; a click shows them all, grouped by category")
        stored = settings.app_settings().value("view/onePerPair", True)
        self.one_per_pair_action.setChecked(str(stored).lower() not in ("false", "0"))
        window.scene.one_per_pair = self.one_per_pair_action.isChecked()
        self.one_per_pair_action.toggled.connect(self._one_per_pair)
        self.unlinked_action = QAction("Show Actors &Without Claims", window)
        self.unlinked_action.setCheckable(True)
        self.unlinked_action.setStatusTip("Actors no visible claim links to are hidden unless this is on")
        self.unlinked_action.toggled.connect(self._show_unlinked)
        self.show_hidden_action = make_action(window, "Show &Hidden Actors", session.show_hidden, "Ctrl+Shift+H",
                                              "Bring back the actors hidden with Hide or Show Only This")
        window.filters.unlinkedToggled.connect(session.set_show_unlinked)
        view.actorMenuRequested.connect(self.actor_menu)
        view.edgeMenuRequested.connect(self.edge_menu)
        view.canvasMenuRequested.connect(self.canvas_menu)
        session.changed.connect(self._sync)
        self._sync(Change())

    def view_actions(self) -> list[QAction]:
        """The View menu's canvas options, in menu order."""
        return [self.one_per_pair_action, self.unlinked_action, self.show_hidden_action]

    def _sync(self, _change: Change) -> None:
        session = self.window.session
        if self.unlinked_action.isChecked() != session.show_unlinked:
            self.unlinked_action.blockSignals(True)
            self.unlinked_action.setChecked(session.show_unlinked)
            self.unlinked_action.blockSignals(False)
        self.show_hidden_action.setEnabled(bool(session.hidden))

    def _one_per_pair(self, on: bool) -> None:
        settings.app_settings().setValue("view/onePerPair", on)
        self.window.scene.set_one_per_pair(on)
        self.window.session.select(())  # the edges changed: a selected edge is another one now

    def _show_unlinked(self, on: bool) -> None:
        self.window.session.set_show_unlinked(on)

    # ---------------------------------------------------------------- the menus

    def actor_menu(self, actor: str, where: QPoint) -> None:
        """Right-click on an actor: look at it, hide it, paths, read, copy, Wikidata, then the edits."""
        window, session = self.window, self.window.session
        kb = session.kb
        if kb is None:
            return
        can = canvas_menu.actor_menu(session, actor)
        menu = QMenu(window)
        menu.addAction("&Focus Here", lambda: session.focus_on(actor))
        expand = menu.addAction("&Expand Neighbours", lambda: self._expand(actor))
        expand.setEnabled(can.expand)
        hide = menu.addAction("&Hide", lambda: session.hide(canvas_menu.hidden_targets(session, actor)))
        hide.setEnabled(can.hide)
        menu.addAction("Show &Only This and Its Neighbours", lambda: session.show_only(actor))
        menu.addSeparator()
        menu.addAction("Path &from Here", lambda: session.path_from(actor))
        path_to = menu.addAction("Path &to Here", lambda: self._path_to(actor))
        path_to.setEnabled(can.path_to)
        menu.addSeparator()
        read = menu.addAction("Open in &Reader", lambda: window.open_reader(*can.read) if can.read else None)
        read.setEnabled(can.read is not None)
        menu.addAction("&Copy Name", lambda: QApplication.clipboard().setText(kb.label(actor)))
        wikidata = menu.addAction("&Wikidata", lambda: window.evidence.open_link(can.wikidata)
                                  if can.wikidata else None)
        wikidata.setEnabled(can.wikidata is not None)
        editing = window.editing
        editing.update_actions()
        menu.addSeparator()
        for action in (editing.edit_actor_action, editing.merge_actor_action, editing.delete_actor_action,
                       editing.new_actor_action):
            menu.addAction(action)
        editing.show_menu(menu, where)

    def edge_menu(self, bundle: Bundle, where: QPoint) -> None:
        """Right-click on an edge (already selected): its evidence, its sources compared, its grading."""
        from explorer.gui import judging  # (its dialogs: imported with the first menu, not for the first frame)

        window = self.window
        kb = window.session.kb
        if kb is None:
            return
        claims = [c for c in window.session.selection.claims if c in kb.claims]
        menu = QMenu(window)
        menu.addAction("Show &Evidence", window.read_evidence)
        editing = window.editing
        editing.update_actions()
        menu.addAction("&Compare Sources", lambda: judging.compare_sources(editing))
        # ---- grading (issue 13's judgements; helper "weigh2" adds its grading actions here) ----
        menu.addSeparator()
        judgements = (("&Grade Source", judging.grade_source), ("Set C&redibility", judging.override_credibility),
                      ("&Deprecate Claim", judging.deprecate_claim), ("Re&store Claim", judging.restore_claim))
        for title, judge in judgements:
            self._per_claim(menu, title, claims, lambda claim, judge=judge: judge(editing, claim))
        editing.show_menu(menu, where)

    def _per_claim(self, menu: QMenu, title: str, claims: list[str], act: Any) -> None:
        """An entry acting on the edge's one claim, or a submenu naming each of its claims."""
        kb = self.window.session.kb
        enabled = self.window.editing.curation.enabled
        if len(claims) == 1:
            action = menu.addAction(title, lambda: act(claims[0]))
            action.setEnabled(enabled)
            return
        sub = menu.addMenu(title)
        sub.setEnabled(enabled and bool(claims))
        for claim in claims[:MENU_CLAIMS]:
            sub.addAction(kb.describe(kb.claims[claim]), lambda claim=claim: act(claim))

    def canvas_menu(self, _pos: QPointF, where: QPoint) -> None:
        """Right-click on the empty canvas: fit, hidden actors, layout, picture, and the canvas options."""
        window = self.window
        menu = QMenu(window)
        for action in (window.fit_action, self.show_hidden_action, window.reset_layout_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(window.export_png_action)
        menu.addAction(window.export_svg_action)
        menu.addSeparator()
        menu.addAction(self.one_per_pair_action)
        menu.addAction(self.unlinked_action)
        menu.addSeparator()
        menu.addAction(window.view_history.back_action)
        menu.addAction(window.view_history.forward_action)
        window.editing.show_menu(menu, where)

    # ---------------------------------------------------------------- actions

    def _expand(self, actor: str) -> None:
        session = self.window.session
        session.expand_neighbours(actor)
        if isinstance(session.kb, Expandable):
            self.window.expand_actor(actor)

    def _path_to(self, actor: str) -> None:
        session, window = self.window.session, self.window
        if session.path_start is None:
            return
        start = session.path_start
        paths = session.path_to(actor)
        window.filters.set_path_ends(start, actor)
        if not paths:
            window.statusBar().showMessage(
                f"No path links {session.kb.label(start)} to {session.kb.label(actor)} among the claims shown", 6000)
