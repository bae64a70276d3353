"""Saved views in the window: the Views dock (open, update, rename, delete), View › Save View…, and the
window's last state (restored when the same graph is opened again).

The rules are the application layer's (explorer.app.views, Session.capture_view/apply_view); this module
reads where things are on screen into a :class:`Layout` and puts them back: node positions and pins, the
zoom, the scrolled area and the scroll bars (at the same window size, every actor on the same pixel)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.api import RemoteSource
from explorer.core.errors import ExplorerError
from explorer.gui import settings

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QStatusBar

    from explorer.app.session import Session
    from explorer.app.views import Layout, SavedView, ViewStore
    from explorer.gui.filters_panel import FiltersPanel
    from explorer.gui.graph.scene import GraphScene
    from explorer.gui.graph.view import GraphView
    from explorer.gui.timebar import TimeBar


class ViewsHost(Protocol):
    """What saved views need of the main window (typed so, the window module is not imported here)."""

    session: Session
    scene: GraphScene
    view: GraphView
    filters: FiltersPanel
    timebar: TimeBar
    graphShown: SignalInstance

    def statusBar(self) -> QStatusBar: ...

    def show_error(self, title: str, text: str) -> None: ...


class ViewsPanel(QWidget):
    """The list of saved views with its buttons; double-click or Enter opens one."""

    openRequested = Signal(str)
    updateRequested = Signal(str)
    renameRequested = Signal(str)
    deleteRequested = Signal(str)
    saveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName("saved views")
        self.list.setMinimumHeight(48)
        self.list.itemActivated.connect(lambda item: self.openRequested.emit(item.text()))
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        self.where.setStyleSheet("color: palette(placeholder-text);")
        buttons = QGridLayout()  # two columns: the dock stays as narrow as the filters above it
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(3)
        self.buttons: dict[str, QPushButton] = {}
        for i, (key, text, tip) in enumerate((("save", "Save…", "Save what the window shows as a new view"),
                               ("open", "Open", "Show the chosen view"),
                               ("update", "Update", "Replace the chosen view with what the window shows"),
                               ("rename", "Rename…", "Rename the chosen view"),
                               ("delete", "Delete", "Delete the chosen view"))):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            buttons.addWidget(button, i // 2, i % 2)
            self.buttons[key] = button
        self.buttons["save"].clicked.connect(self.saveRequested.emit)
        for key, signal in (("open", self.openRequested), ("update", self.updateRequested),
                            ("rename", self.renameRequested), ("delete", self.deleteRequested)):
            self.buttons[key].clicked.connect(lambda _c=False, s=signal: self._chosen(s))
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.where)
        self._enable()

    def _chosen(self, signal: Signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.text())  # type: ignore[attr-defined]

    def _enable(self) -> None:
        chosen = self.list.currentItem() is not None
        for key in ("open", "update", "rename", "delete"):
            self.buttons[key].setEnabled(chosen)

    def show_views(self, names: list[str], where: str, current: str | None = None) -> None:
        self.list.clear()
        for name in names:
            item = QListWidgetItem(name)
            self.list.addItem(item)
            if name == current:
                self.list.setCurrentItem(item)
        self.where.setText(where)
        self._enable()

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class SavedViews(QObject):
    """The window's saved views: what the panel and View › Save View… do."""

    viewOpened = Signal(str)  # a view's name, once the window shows it

    def __init__(self, window: ViewsHost) -> None:
        super().__init__(cast(QObject, window))
        self.panel = ViewsPanel()
        self.store: ViewStore | None = None
        self.panel.saveRequested.connect(self.ask_save)
        self.panel.openRequested.connect(self.open_view)
        self.panel.updateRequested.connect(self.update_view)
        self.panel.renameRequested.connect(self.ask_rename)
        self.panel.deleteRequested.connect(self.ask_delete)
        window.graphShown.connect(self.graph_shown)

    @property
    def window(self) -> ViewsHost:
        """The window (its Qt parent: no Python reference back to it, so a closed window is freed at once)."""
        return cast("ViewsHost", self.parent())

    # ---------------------------------------------------------------- where things are

    def layout(self) -> Layout:
        """The graph view as plain numbers: positions and pins, zoom, area scrolled over, scroll bars."""
        # (explorer.app.views is imported where it is used: its records and the JSON files wait for a graph)
        from explorer.app.views import Layout

        scene, view = self.window.scene, self.window.view
        port = view.viewport().rect()
        centre = view.mapToScene(port.center())
        area = view.sceneRect()
        return Layout(
            positions=scene.positions(),
            pinned=frozenset(iri for iri, node in scene.nodes.items() if node.pinned),
            zoom=view.transform().m11(),
            centre=(centre.x(), centre.y()),
            size=(port.width(), port.height()),
            area=(area.left(), area.top(), area.width(), area.height()),
            scroll=(view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
        )

    def restore_layout(self, layout: Layout) -> None:
        """Put actors, pins, zoom and scroll back (the centre instead when the window's size differs)."""
        scene, view = self.window.scene, self.window.view
        if layout.positions:
            known = {a: p for a, p in layout.positions.items() if a in scene.nodes}
            scene.set_positions(known, keep_pinned=False)
            for iri, node in scene.nodes.items():
                pinned = iri in layout.pinned
                if node.pinned != pinned:
                    node.pinned = pinned
                    node.update()
        if layout.area is not None:
            view.setSceneRect(QRectF(*layout.area))
        view.setTransform(QTransform.fromScale(layout.zoom, layout.zoom))
        port = view.viewport().rect()
        if layout.scroll is not None and layout.size == (port.width(), port.height()):
            view.horizontalScrollBar().setValue(layout.scroll[0])
            view.verticalScrollBar().setValue(layout.scroll[1])
        else:
            view.centerOn(*layout.centre)
        view.plan_labels()
        view.viewport().update()

    # ---------------------------------------------------------------- the store

    def _settings_folder(self) -> Path:
        return Path(settings.app_settings().fileName()).parent

    def _local(self) -> bool:
        kb = self.window.session.kb
        return kb is not None and not isinstance(kb, RemoteSource)

    def graph_shown(self) -> None:
        """A graph was opened: list its views, and bring back its last state when the user wants that."""
        self.store = None
        if not self._local():
            self.panel.show_views([], "Views are kept for graphs read from files.")
            return
        from explorer.app.views import ViewStore, last_state_file, read_last, views_file

        sources = self.window.session.sources
        try:
            self.store = ViewStore.open(views_file(sources, self._settings_folder()))
        except ExplorerError as exc:
            self.panel.show_views([], f"Cannot read the saved views: {exc}")
            return
        self._refresh()
        if settings.restore_last_view():
            last = read_last(last_state_file(self._settings_folder()), sources)
            if last is not None:
                self._apply(last)

    def _refresh(self, current: str | None = None) -> None:
        if self.store is not None:
            self.panel.show_views(self.store.names(), f"Kept in {self.store.path}", current)

    def remember_last(self) -> None:
        """Called on closing: the window's state, for the next time this graph is opened."""
        if not self._local() or self.window.session.kb is None:
            return
        from explorer.app.views import last_state_file, write_last

        view = self.window.session.capture_view("", self.layout())
        with contextlib.suppress(ExplorerError, OSError):  # closing never fails on a setting
            write_last(last_state_file(self._settings_folder()), self.window.session.sources, view)

    # ---------------------------------------------------------------- actions

    def ask_save(self) -> None:
        """View › Save View…: name what the window shows."""
        if self.store is None:
            self.window.statusBar().showMessage("Open a graph read from files to save views", 5000)
            return
        from PySide6.QtWidgets import QInputDialog  # (the dialogs' enums: made when one is asked, not at start)

        name, ok = QInputDialog.getText(cast(QWidget, self.window), "Save View", "Name of the view:",
                                        text=f"View {len(self.store.views) + 1}")
        name = name.strip()
        if ok and name:
            if self.store.get(name) is not None and not self._confirm(f"Replace the view {name!r}?"):
                return
            self.save_view(name)

    def save_view(self, name: str) -> SavedView | None:
        if self.store is None:
            return None
        view = self.window.session.capture_view(name, self.layout())
        if not self._write(lambda: self.store.put(view)):  # type: ignore[union-attr]
            return None
        self._refresh(name)
        self.window.statusBar().showMessage(f"Saved the view {name!r}", 4000)
        return view

    def update_view(self, name: str) -> None:
        self.save_view(name)

    def open_view(self, name: str) -> bool:
        view = self.store.get(name) if self.store is not None else None
        if view is None:
            return False
        self._apply(view)
        self.viewOpened.emit(name)
        return True

    def _apply(self, view: SavedView) -> None:
        session = self.window.session
        if session.kb is None:
            return
        applied = session.apply_view(view)
        self.window.filters.show_controls(session.controls, session.focus_mode)
        self.window.timebar.show_controls(session.controls)
        self.restore_layout(applied.layout)

    def ask_rename(self, name: str) -> None:
        if self.store is None:
            return
        from PySide6.QtWidgets import QInputDialog

        new, ok = QInputDialog.getText(cast(QWidget, self.window), "Rename View", "New name:", text=name)
        if ok and new.strip() and new.strip() != name and self._write(
                lambda: self.store.rename(name, new)):  # type: ignore[union-attr]
            self._refresh(new.strip())

    def ask_delete(self, name: str) -> None:
        if self.store is not None and self._confirm(f"Delete the view {name!r}?"):
            self.delete_view(name)

    def delete_view(self, name: str) -> None:
        if self.store is not None and self._write(lambda: self.store.delete(name)):  # type: ignore[union-attr]
            self._refresh()

    def _confirm(self, question: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(cast(QWidget, self.window), "Saved Views", question, buttons.Yes | buttons.No)
        return answer == buttons.Yes

    def _write(self, change) -> bool:  # type: ignore[no-untyped-def]
        try:
            change()
        except ExplorerError as exc:
            self.window.show_error("Cannot save the views", str(exc))
            return False
        return True
