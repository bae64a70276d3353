"""The filters dock: categories, actor kinds, sources, focus and path (time: the Time bar, explorer.gui.timebar).

It only turns controls into a :class:`FilterState` (and path requests); what passes is decided by
``explorer.core.filters``, and the focus (which actor the graph is narrowed around) is the session's:
the panel shows it (:meth:`FiltersPanel.show_focus`) and says whether focus mode is on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QToolBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.app.present import plural
from explorer.core.filters import FilterState, claims_per_article, publishers
from explorer.gui.models import ChoiceModel, PathListModel, Role
from explorer.gui.source_rows import TitleAndDetails
from explorer.gui.style import KIND_ORDER, category_colour, kind_icon, plain_tooltip, swatch_icon
from explorer.gui.weight_filters import WeightFilters

if TYPE_CHECKING:
    from explorer.app.session import Session
    from explorer.core.knowledge import KnowledgeBase


def _all_none(on_all, on_none) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for text, slot in (("All", on_all), ("None", on_none)):
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row


class FiltersPanel(QWidget):
    """Emits ``changed`` with a new FilterState whenever a control moves."""

    changed = Signal(object)  # FilterState
    pathRequested = Signal(str, str)  # source, target actor IRIs
    pathChosen = Signal(int)  # row in the path list
    unlinkedToggled = Signal(bool)  # "Show actors without claims" (the session's, not a filter field)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb: KnowledgeBase | None = None
        #: Names typed in the path boxes → actor IRIs (the window hands it the session's ``actor_named``).
        self.resolve: Callable[[str], str | None] | None = None
        self._quiet = False

        self.categories = ChoiceModel(self)
        self.category_view = QListView()
        self.category_view.setModel(self.categories)
        self.category_view.setAccessibleName("relation categories")
        self.kinds = ChoiceModel(self)
        self.kind_view = QListView()
        self.kind_view.setModel(self.kinds)
        self.kind_view.setAccessibleName("actor types")
        self.sources = ChoiceModel(self)
        self.source_view = QTreeView()
        self.source_view.setModel(self.sources)
        self.source_view.setHeaderHidden(True)
        self.source_view.setWordWrap(True)
        self.source_view.setItemDelegate(TitleAndDetails(self.source_view))  # title, then date and claims
        self.source_view.setAccessibleName("sources")
        for model in (self.categories, self.kinds):
            model.itemChanged.connect(self._emit)
        self.sources.itemChanged.connect(self._source_changed)

        self.focus_box = QCheckBox("Only the neighbourhood of the selected actor")
        self.focus_box.toggled.connect(self._emit)
        self.hops = QSpinBox()
        self.hops.setRange(1, 2)
        self.hops.setSuffix(" hop(s)")
        self.hops.valueChanged.connect(self._emit)
        self.focus_label = QLabel("no actor selected")
        self.focus_label.setTextFormat(Qt.TextFormat.PlainText)

        self.path_from = self._actor_picker("path start")
        self.path_to = self._actor_picker("path end")
        self.path_button = QPushButton("Find shortest paths")
        self.path_button.clicked.connect(self._request_path)
        self.paths = PathListModel(self)
        self.path_view = QListView()
        self.path_view.setModel(self.paths)
        self.path_view.setWordWrap(True)
        self.path_view.setAccessibleName("paths found")
        self.path_view.selectionModel().currentChanged.connect(self._path_current)
        self.path_status = QLabel()
        self.path_status.setTextFormat(Qt.TextFormat.PlainText)
        self.path_status.setWordWrap(True)

        self.toolbox = QToolBox()
        self.toolbox.addItem(self._page(self.category_view, self.categories), "Relation categories")
        kinds_page = self._page(self.kind_view, self.kinds)
        self.unlinked_box = QCheckBox("Show actors without claims")
        self.unlinked_box.setToolTip("Actors no visible claim links to are hidden unless this is checked "
                                     "(the status bar counts them)")
        self.unlinked_box.toggled.connect(lambda on: None if self._quiet else self.unlinkedToggled.emit(on))
        kinds_layout = kinds_page.layout()
        assert kinds_layout is not None  # (the page's QVBoxLayout)
        kinds_layout.addWidget(self.unlinked_box)
        self.toolbox.addItem(kinds_page, "Actor types")
        self.toolbox.addItem(self._page(self.source_view, self.sources), "Sources")
        focus = QWidget()
        focus_layout = QVBoxLayout(focus)
        focus_layout.addWidget(self.focus_box)
        row = QHBoxLayout()
        row.addWidget(QLabel("Distance"))
        row.addWidget(self.hops)
        row.addStretch(1)
        focus_layout.addLayout(row)
        focus_layout.addWidget(self.focus_label)
        path_form = QFormLayout()
        path_form.addRow("From", self.path_from)
        path_form.addRow("To", self.path_to)
        focus_layout.addWidget(QLabel("Path between two actors"))
        focus_layout.addLayout(path_form)
        focus_layout.addWidget(self.path_button)
        focus_layout.addWidget(self.path_status)
        focus_layout.addWidget(self.path_view, 1)
        self.toolbox.addItem(focus, "Focus and path")
        self.weight = WeightFilters()
        self.weight.changed.connect(self._emit)
        self.toolbox.addItem(self.weight, "Weight of evidence")
        self.reset_button = QPushButton("Reset all filters")
        self.reset_button.clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbox, 1)
        layout.addWidget(self.reset_button)

    # ---------------------------------------------------------------- building

    def _page(self, view: QWidget, model: ChoiceModel) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(view, 1)
        layout.addLayout(_all_none(lambda: self._set_all(model, True), lambda: self._set_all(model, False)))
        return page

    def _actor_picker(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setAccessibleName(name)
        combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        return combo

    def set_knowledge(self, kb: KnowledgeBase) -> None:
        for _done in self.knowledge_steps(kb):
            pass

    def knowledge_steps(self, kb: KnowledgeBase) -> Iterator[float]:
        """:meth:`set_knowledge` in steps (a large graph's thousands of articles and names take a
        tenth of a second): the share done after each. Signals stay quiet until the last."""
        self._quiet = True
        try:
            self.kb = kb
            self.categories.clear()
            per_category = Counter(kb.relations[c.predicate].category for c in kb.claims.values())
            for iri, category in sorted(
                kb.categories.items(), key=lambda kv: (-per_category[kv[0]], kv[1].label)
            ):
                if per_category[iri]:
                    self.categories.add_choice(
                        iri,
                        f"{category.label} ({per_category[iri]})",
                        swatch_icon(category_colour(iri)),
                        category.definition,
                    )
            self.kinds.clear()
            per_kind = Counter(a.kind for a in kb.actors.values())
            for kind in sorted(per_kind, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k)):
                self.kinds.add_choice(kind, f"{kind} ({per_kind[kind]})", kind_icon(kind, 16, self.palette()))
            yield 0.2
            self.sources.clear()
            made = 0
            counts = claims_per_article(kb)
            for publisher, articles in publishers(kb).items():
                group = self.sources.add_group(publisher)
                group.setToolTip(plain_tooltip(f"{publisher}: {plural(len(articles), 'article')}, "
                                               f"{plural(sum(counts[a] for a in articles), 'claim')}"))
                for iri in articles:
                    art = kb.articles[iri]
                    about = f"{art.date or 'undated'} · {plural(counts[iri], 'claim')}"
                    self.sources.add_choice(  # the title, and under it the date and how many claims it gives
                        iri, f"{art.title}\n{about}", None, f"{art.title}\n{publisher}, {about}", parent=group
                    )
                    made += 1
                    if made % 1000 == 0:  # (25 ms)
                        yield 0.2 + 0.3 * made / max(len(kb.articles), 1)
            self.source_view.expandAll()
            yield 0.5
            yield 0.6
            names = sorted({a.label for a in kb.actors.values()}, key=str.casefold)
            for combo in (self.path_from, self.path_to):
                combo.clear()
                combo.addItems(names)
                combo.setCurrentIndex(-1)
                yield 0.8
            self.paths.set_paths(kb, [])
            from explorer.core.creators import creators  # (who made the passages: read with a graph)

            self.weight.set_creators(creators(kb))
            self.path_status.setText("")
            self.focus_box.setChecked(False)
            self.focus_label.setText("no actor selected")
        finally:
            self._quiet = False
        yield 1.0

    # ---------------------------------------------------------------- state

    def state(self) -> FilterState:
        """The controls of this panel (the time window is the Time bar's: see TimeBar.apply_to)."""
        return self.weight.apply_to(FilterState(
            categories=self.categories.checked_keys(),
            kinds=self.kinds.checked_keys(),
            articles=self.sources.checked_keys(),
            hops=self.hops.value(),
        ))

    def reset(self) -> None:
        """Every control back to 'everything', then the filters apply once."""
        self._reset_controls()
        self._emit()

    def _reset_controls(self) -> None:
        self._quiet = True
        try:
            for model in (self.categories, self.kinds, self.sources):
                model.set_all(True)
            self.focus_box.setChecked(False)
            self.weight.reset()
        finally:
            self._quiet = False

    def focus_mode(self) -> bool:
        return self.focus_box.isChecked()

    def show_session(self, session: Session) -> None:
        """Make the controls say what the session's filters are, when it reset them itself (to show an
        edit, or an item the filters hid); nothing is emitted."""
        if session.controls.with_(hops=1) == FilterState() and self.state().with_(hops=1) != FilterState():
            self._reset_controls()
        if session.kb is not None:  # (an edit may bring a new creator: a claim made in the window)
            from explorer.core.creators import creators

            self.weight.set_creators(creators(session.kb))  # type: ignore[arg-type]
        if self.unlinked_box.isChecked() != session.show_unlinked:
            self._quiet = True
            try:
                self.unlinked_box.setChecked(session.show_unlinked)
            finally:
                self._quiet = False
        if self.focus_box.isChecked() != session.focus_mode:
            self._quiet = True
            try:
                self.focus_box.setChecked(session.focus_mode)
            finally:
                self._quiet = False

    def show_controls(self, state: FilterState, focus_mode: bool) -> None:
        """Set every control to ``state`` (a saved view opened), without emitting: the session has it already."""
        self._quiet = True
        try:
            for model, keys in ((self.categories, state.categories), (self.kinds, state.kinds),
                                (self.sources, state.articles)):
                model.set_all(keys is None)
                for key in keys or ():
                    model.set_checked(key, True)
                model.follow_all_children()
            self.hops.setValue(state.hops)
            self.weight.show_state(state)
            self.focus_box.setChecked(focus_mode)
        finally:
            self._quiet = False

    def show_focus(self, text: str) -> None:
        """Which actor focus mode narrows the graph around (the session's focus)."""
        self.focus_label.setText(text)

    def set_focus(self, on: bool, hops: int | None = None) -> None:
        self._quiet = True
        try:
            if hops is not None:
                self.hops.setValue(hops)
            self.focus_box.setChecked(on)
        finally:
            self._quiet = False
        self._emit()

    def _set_all(self, model: ChoiceModel, checked: bool) -> None:
        self._quiet = True
        try:
            model.set_all(checked)
        finally:
            self._quiet = False
        self._emit()

    def _source_changed(self, item: QStandardItem) -> None:
        """A publisher (un)checked by the user (un)checks its articles, then the filters apply once."""
        state = item.checkState()
        parent = item.parent()
        if item.hasChildren() and state != Qt.CheckState.PartiallyChecked:
            quiet, self._quiet = self._quiet, True
            try:
                for row in range(item.rowCount()):
                    if item.child(row).checkState() != state:
                        item.child(row).setCheckState(state)
            finally:
                self._quiet = quiet
        elif parent is not None:  # an article (un)checked: its publisher's box follows
            quiet, self._quiet = self._quiet, True
            try:
                self.sources.follow_children(parent)
            finally:
                self._quiet = quiet
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._quiet and self.kb is not None:
            self.changed.emit(self.state())

    # ---------------------------------------------------------------- paths

    def _actor_of(self, combo: QComboBox) -> str | None:
        """The actor named in a path box, as the session resolves names (from memory: never a request)."""
        return self.resolve(combo.currentText()) if self.resolve is not None else None

    def set_path_ends(self, source: str, target: str) -> None:
        assert self.kb is not None
        self.path_from.setCurrentText(self.kb.label(source))
        self.path_to.setCurrentText(self.kb.label(target))

    def _request_path(self) -> None:
        source, target = self._actor_of(self.path_from), self._actor_of(self.path_to)
        if source is None or target is None:
            self.path_status.setText("Choose two actors by name.")
            return
        self.pathRequested.emit(source, target)

    def show_paths(self, paths: list) -> None:
        self.paths.set_paths(self.kb, paths)
        if paths:
            steps = len(paths[0])
            self.path_status.setText(
                f"{len(paths)} shortest path{'s' if len(paths) != 1 else ''} "
                f"of {steps} step{'s' if steps != 1 else ''}"
            )
            self.path_view.setCurrentIndex(self.paths.index(0, 0))
        else:
            self.path_status.setText("No path links these actors among the claims shown.")

    def _path_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.pathChosen.emit(int(current.data(Role.KEY)))
