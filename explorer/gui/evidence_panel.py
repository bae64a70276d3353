"""The evidence panel: who an actor is, every claim involving it, and the passages behind each claim.

A tree over :class:`~explorer.gui.evidence_model.EvidenceModel`, which hands it the claims a screenful
at a time: a click on an actor with thousands of claims lays out and draws only the rows on screen.
Passages are plain text (explorer.gui.row_text), the quote marked with a QTextCharFormat; nothing from
the data is ever read as markup.

The GUI thread never waits on the network here: with a knowledge base that fetches passages on request
(:class:`~explorer.core.api.LazyEvidence`, a remote one), the claims about to be revealed whose passages
are not in memory are fetched as a background job (:meth:`EvidencePanel.set_jobs`) while the panel says
so; their rows are revealed (and measured, from memory) when it ends, unless the panel has moved on.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.app.present import NOTHING, EvidenceView, copied_passage
from explorer.core.api import LazyEvidence
from explorer.core.jobs import ShouldCancel
from explorer.gui.evidence_model import GROUP_ID, EvidenceModel
from explorer.gui.models import Role
from explorer.gui.style import kind_icon

if TYPE_CHECKING:  # (names for annotations only: importing them would slow the explorer's start)
    from PySide6.QtWidgets import QStyleOptionViewItem

    from explorer.core.api import Knowledge
    from explorer.core.errors import ExplorerError
    from explorer.core.model import Actor, Claim, EvidenceContext
    from explorer.gui.row_text import RowText
    from explorer.gui.workers import JobRunner


#: Claims whose passages a remote knowledge base is asked for at once (more than fill a screen).
PREFETCH_CLAIMS = 30
#: What the panel says while passages are fetched in the background.
FETCHING = "Fetching passages…"
#: Laid-out rows kept for painting: the rows on screen, and some to scroll back to.
TEXTS_KEPT = 300
#: Rows kept drawn, ready to be copied to the screen (a screenful is 10 to 40).
PIXMAPS_KEPT = 120
#: How far below the view rows are made ready, so that scrolling a little shows no "more" row.
AHEAD_PX = 100
#: How much further rows are revealed once they are: the panel's header changes height after a click,
#: and the next reveal (another layout of every row given) should wait for the next scroll.
EXTRA_PX = 150
#: The least height a list is filled to when the view has no size yet (hidden, or not laid out).
LEAST_FILL_PX = 600


class PassageDelegate(QStyledItemDelegate):
    """Draws passage and claim rows as wrapped plain text (quotes marked); group and "more" rows as usual.

    At each layout the view asks for the height of every row it has been given, and it paints the rows
    on screen: heights are kept for every row, laid-out text and drawn pixmaps for the latest ones.
    """

    def __init__(self, view: QTreeView, model: EvidenceModel) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self._texts: dict[tuple[str, str, int, bool], RowText] = {}
        self._heights: dict[tuple[str, str, int], int] = {}
        self._line_heights: dict[str, int] = {}  # group and "more" rows: one line each
        self._pixmaps: dict[tuple[str, str, int, bool, float], QPixmap] = {}  # oldest first
        self._widths: dict[str, int] = {}

    def clear_cache(self) -> None:
        self._texts.clear()
        self._heights.clear()
        self._line_heights.clear()
        self._pixmaps.clear()
        self._widths.clear()

    def forget(self, keys: Collection[str]) -> None:
        """Drop what is kept of the rows of these claims or passages (their text changed)."""
        for cache in (self._texts, self._heights, self._pixmaps):
            for key in [k for k in cache if k[1] in keys]:
                del cache[key]

    def width_for(self, kind: str) -> int:
        """The text width of a row: the view's, less the indentation of the row's depth and the room
        of a scroll bar (whether one shows or not: rows keep their lines when it comes and goes)."""
        width = self._widths.get(kind)
        if width is None:
            depth = {"group": 0, "passage": 2, "side": 2}.get(kind, 1)
            view = self.view
            inner = view.width() - 2 * view.frameWidth()
            # (QStyle is imported here and in paint: its enums are made when a row is first measured, not
            # for the first frame)
            from PySide6.QtWidgets import QStyle

            inner -= view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
            width = self._widths[kind] = inner - view.indentation() * (depth + 1) - 8
        return width

    def wrapped(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str, str, str | EvidenceContext] | None:
        """(kind, key, text or passage) of a claim or passage row, asked of the model directly (no
        round trip through data() and Qt's variants); None for the other rows."""
        kind, group, row, passage = self.model.locate(index)
        if kind == "claim":
            return kind, self.model.claim_at(group, row).iri, self.model.claim_line(group, row)
        if kind == "passage":
            ctx = self.model.passage_at(group, row, passage)
            return kind, self.model.passage_key(group, row, passage), ctx
        return None

    def text(
        self,
        kind: str,
        key: str,
        what: str | EvidenceContext,
        font: QFont,
        palette: QPalette,
        width: int,
        selected: bool = False,
    ) -> RowText:
        text = self._texts.get((kind, key, width, selected))
        if text is None:
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()
            # (the model's module waits for a graph; the rows' text layout, with QTextLayout's and
            # QTextFormat's enums, for a row)
            from explorer.core.model import EvidenceContext
            from explorer.gui.row_text import line_text, passage_text

            if isinstance(what, EvidenceContext):
                text = passage_text(what, font, palette, width, selected, self.model.passage_note(what, key))
            else:
                text = line_text(what, font, palette, width, selected)
            self._texts[(kind, key, width, selected)] = text
        return text

    def height(
        self, kind: str, key: str, what: str | EvidenceContext, font: QFont, palette: QPalette, width: int
    ) -> int:
        height = self._heights.get((kind, key, width))
        if height is None:
            text = self.text(kind, key, what, font, palette, width)
            height = self._heights[(kind, key, width)] = math.ceil(text.height) + 4
        return height

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        row = self.wrapped(index)
        if row is None:
            return self._line_size(option, index)
        kind, key, what = row
        width = self.width_for(kind)
        height = self._heights.get((kind, key, width))  # (before touching the option: copying its
        if height is None:  # font and palette to Python takes longer than the rest)
            height = self.height(kind, key, what, option.font, option.palette, width)
        return QSize(width, height)

    def _line_size(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """A group or "more" row: one line (Qt elides what does not fit), as tall as any other row of
        its kind, so measured once."""
        kind = self.model.locate(index)[0]
        height = self._line_heights.get(kind)
        if height is None:
            height = self._line_heights[kind] = super().sizeHint(option, index).height()
        return QSize(self.width_for(kind), height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row = self.wrapped(index)
        if row is None:
            super().paint(painter, option, index)
            return
        kind, key, what = row
        # The view's font, palette and state: the model adds nothing to them (no initStyleOption).
        from PySide6.QtWidgets import QStyle

        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        width = self.width_for(kind)
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        pixmap = self._pixmaps.get((kind, key, width, selected, ratio))
        if pixmap is None:
            text = self.text(kind, key, what, option.font, option.palette, width, selected)
            pixmap = self._pixmaps[(kind, key, width, selected, ratio)] = _drawn(text, ratio)
            while len(self._pixmaps) > PIXMAPS_KEPT:
                del self._pixmaps[next(iter(self._pixmaps))]
        painter.save()
        painter.setClipRect(option.rect)
        painter.drawPixmap(option.rect.topLeft(), pixmap)
        painter.restore()


def _drawn(text: RowText, ratio: float) -> QPixmap:
    """The text drawn once on a transparent pixmap: repainting a row (after a click, a hover, a
    scroll) then copies pixels instead of drawing glyphs again."""
    pixmap = QPixmap(max(1, math.ceil(text.width * ratio)), max(1, math.ceil(text.height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    text.draw(painter, QPointF(0, 0))
    painter.end()
    return pixmap


class ClaimTree(QTreeView):
    """A tree whose passage rows re-wrap when the panel is resized."""

    heightChanged = Signal()

    def __init__(self, model: EvidenceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.delegate = PassageDelegate(self, model)
        self.setItemDelegate(self.delegate)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAnimated(False)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.delegate.clear_cache()  # rows laid out and drawn in the old colours (a new theme) or font
            self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.delegate.clear_cache()  # every wrapped row is as tall as its text at the new width
            self.scheduleDelayedItemsLayout()
        if event.size().height() != event.oldSize().height():
            self.heightChanged.emit()


class _PassageFetch(QObject):
    """One background fetch of passages, for the groups the panel showed when it started (its model's
    generation). A child of the panel: when the panel is gone, so is this, and the job's end is dropped."""

    def __init__(self, panel: EvidencePanel, claims: list[str], then: Callable[[], None]) -> None:
        super().__init__(panel)
        self.panel = panel
        self.claims = claims
        self.then = then
        self.generation = panel.model.generation

    def done(self, _result: object) -> None:
        if shiboken6.isValid(self):
            self.panel._fetch_ended(self, None)

    def failed(self, error: ExplorerError) -> None:
        if shiboken6.isValid(self):
            self.panel._fetch_ended(self, f"passages could not be fetched: {error}")

    def cancelled(self) -> None:
        if shiboken6.isValid(self):
            self.panel._fetch_ended(self, "fetching passages was cancelled")


class EvidencePanel(QWidget):
    """Shows an actor, an edge or a path: a header, then claims grouped, each with its passages."""

    claimSelected = Signal(str)  # the claim whose row (or passage) is current
    passageActivated = Signal(str, str)  # evidence IRI, claim IRI
    menuRequested = Signal(QPoint, str, str, str)  # where (global), row kind, claim IRI, evidence IRI

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb: Knowledge | None = None  # the graph of the claims shown (the session's)
        self._articles: frozenset[str] | None = None  # whose passages are shown (None: all)
        self.actor: Actor | None = None
        self._unfolded: set[int] = set()  # groups unfolded once (by the panel or the user)
        self._jobs: JobRunner | None = None  # runs passage fetches (see set_jobs)
        self._fetching: int | None = None  # the model generation a fetch in flight is for
        #: "Fetching passages…", or why they could not be: shown under the claims while it applies.
        self.fetch_status = QLabel()
        self.fetch_status.setTextFormat(Qt.TextFormat.PlainText)
        self.fetch_status.setWordWrap(True)
        self.fetch_status.setContentsMargins(6, 2, 6, 2)
        self.fetch_status.setAccessibleName("passages status")
        self.fetch_status.hide()
        self.title = QLabel(NOTHING)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.icon = QLabel()
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.links = QHBoxLayout()
        self.links.setContentsMargins(0, 0, 0, 0)
        header = QWidget()
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addWidget(self.title, 1)
        header_layout.addLayout(top)
        header_layout.addWidget(self.details)
        header_layout.addLayout(self.links)
        self.link_note = QLabel()  # says so when no browser could open a link
        self.link_note.setTextFormat(Qt.TextFormat.PlainText)
        self.link_note.setWordWrap(True)
        self.link_note.hide()
        header_layout.addWidget(self.link_note)
        header_layout.addStretch(1)
        self.model = EvidenceModel(self)
        self.tree = ClaimTree(self.model)
        self.tree.setViewport(QWidget())  # made here: Qt's default resolves dozens of unused widget classes first
        self.tree.setAccessibleName("claims and supporting passages")
        # Claims are handed to the tree a screenful at a time: whenever a group's "more" row may have
        # come into view, the next ones are revealed (once the events of the moment are handled).
        self._reveal_timer = QTimer(self)
        self._reveal_timer.setSingleShot(True)
        self._reveal_timer.setInterval(0)
        self._reveal_timer.timeout.connect(self._reveal_visible)
        bar = self.tree.verticalScrollBar()
        bar.valueChanged.connect(self._reveal_soon)
        bar.rangeChanged.connect(self._reveal_soon)
        self.tree.expanded.connect(self._on_expanded)
        self.tree.heightChanged.connect(self._reveal_soon)
        self.model.rowsInserted.connect(self._expand_revealed)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.clicked.connect(self._on_clicked)
        self.tree.activated.connect(self._on_activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_menu)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("evidenceSplitter")
        self.splitter.addWidget(header)
        self.splitter.addWidget(self.tree)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        layout.addWidget(self.fetch_status)
        self.model.modelReset.connect(self._on_reset)
        self.setFocusProxy(self.tree)
        self.copy_action = QAction("&Copy with Citation", self)
        self.copy_action.setShortcuts(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setStatusTip("Copy the quote with its author, title, publisher, date and URL")
        self.copy_action.triggered.connect(lambda _checked=False: self.copy_current())
        self.tree.addAction(self.copy_action)

    # ---------------------------------------------------------------- showing

    def clear(self) -> None:
        self.actor = None
        self._header(NOTHING, "", None)
        self.model.clear()
        self._unfolded = set()

    def _header(self, title: str, details: str, kind: str | None, links: Sequence[str] = ()) -> None:
        self.title.setText(title)
        self.details.setText(details)
        self.details.setVisible(bool(details))
        self.icon.setPixmap(kind_icon(kind, 22, self.palette()).pixmap(22, 22) if kind else QPixmap())
        self.icon.setVisible(kind is not None)
        while self.links.count():
            item = self.links.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for url in links:
            button = QPushButton(_link_name(url))
            button.setToolTip(url)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, u=url: self.open_link(u))
            self.links.addWidget(button)
        self.links.addStretch(1)
        self.link_note.hide()
        self.tree.delegate.clear_cache()
        self._fit_header()

    def _fit_header(self) -> None:
        """Give the header the height its wrapped text needs at the panel's width (the splitter keeps the
        height of the first text it showed, and a narrower dock would cut a longer one)."""
        header = self.splitter.widget(0)
        layout = header.layout() if header is not None else None
        if header is None or layout is None or not self.splitter.isVisible():
            return
        needed = layout.totalHeightForWidth(header.width()) if layout.hasHeightForWidth() \
            else header.sizeHint().height()
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[0] < needed < sum(sizes) - 80:
            self.splitter.setSizes([needed, sum(sizes) - needed])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_header()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_header()

    def show_view(self, view: EvidenceView, kb: Knowledge | None, articles: frozenset[str] | None = None) -> None:
        """Show what the session says the panel shows (explorer.app.present): a header, then the groups
        (with only the passages from ``articles`` when given)."""
        self.kb = kb
        self._articles = articles
        self.actor = kb.actors.get(view.actor) if kb is not None and view.actor else None
        self._header(view.title, view.details, view.kind, view.links)
        self._show_groups(view.groups)

    def _show_groups(self, groups: Sequence[tuple[str, Sequence[Claim]]]) -> None:
        """Groups of claims, with as many claims revealed (their rows expanded) as fill the view.

        The groups below stay folded until they are scrolled into view (see :meth:`_reveal_visible`):
        a folded group is one row, where an open one would be two (itself and its "more" row).
        """
        self.model.set_groups(self.kb, groups, self._articles)
        self._unfolded = set()
        if self.model.lazy and self._jobs is not None:
            wanted = self._first_page()
            if wanted:  # revealed (and measured) once they are in memory
                self._fetch(wanted, self._fill)
                return
        self._fill()

    def _fill_height(self) -> int:
        """How tall the claims first revealed are: the view (or LEAST_FILL_PX), and some more below it."""
        return max(self.tree.viewport().height(), LEAST_FILL_PX) + AHEAD_PX + EXTRA_PX

    def _first_page(self) -> list[str]:
        """The claims :meth:`_fill` may reveal whose passages are not in memory: the first PREFETCH_CLAIMS
        of each group it may open (each row, a group's or a claim's, is a line tall or more)."""
        rows = self._fill_height() / max(1, self.tree.fontMetrics().height())
        wanted: list[str] = []
        for group in range(self.model.group_count()):
            rows -= 1
            if rows <= 0:
                break
            take = min(PREFETCH_CLAIMS, self.model.group_size(group))
            wanted += self.model.missing(group, 0, take)
            rows -= take
        return wanted

    def _fill(self) -> None:
        """Reveal as many claims as fill the view, group after group."""
        need = self._fill_height()
        line = self.tree.fontMetrics().height() + 6  # about a group's (or a "more") row
        opened = []
        for group in range(self.model.group_count()):
            need -= line
            if need <= 0:
                break
            need -= self._reveal(group, need)
            opened.append(group)
        # Laid out once when the events of the moment are handled: expandAll would lay the tree out now
        # and again for the rows revealed later.
        self.tree.scheduleDelayedItemsLayout()
        for group in opened:
            self._unfold(group)
        current = self.tree.currentIndex()  # (set while passages were fetched: select_claim, say)
        if current.isValid():
            self.tree.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            self.tree.scrollToTop()
        self._reveal_soon()

    def _unfold(self, group: int) -> None:
        """Open a group (its revealed claims were opened as they were revealed)."""
        self._unfolded.add(group)
        self.tree.expand(self.model.index(group, 0))

    def _rows_height(self, group: int, row: int) -> int:
        """The height of a claim's row and of its passages' rows (as the tree will lay them out)."""
        model, delegate = self.model, self.tree.delegate
        font, palette = self.tree.font(), self.tree.palette()
        claim = model.claim_at(group, row)
        width = delegate.width_for("claim")
        height = delegate.height("claim", claim.iri, model.claim_line(group, row), font, palette, width)
        width = delegate.width_for("passage")
        for passage in range(model.passage_count(group, row)):
            ctx = model.passage_at(group, row, passage)
            key = model.passage_key(group, row, passage)
            height += delegate.height("passage", key, ctx, font, palette, width)
        return height

    def _reveal(self, group: int, need: int) -> int:
        """Reveal the next claims of ``group`` (at least one) until their rows are ``need`` pixels
        tall; returns their height."""
        shown, total = self.model.shown(group), self.model.group_size(group)
        most = total - shown
        if self.model.lazy:  # passages fetched on request: measure only claims whose passages are in memory
            if self._fetching == self.model.generation:
                return 0  # revealed when the fetch in flight ends
            missing = [] if self.model.fetch_failed else self.model.missing(group, shown, PREFETCH_CLAIMS)
            if missing:
                if self._jobs is not None:
                    self._fetch(missing, self._reveal_soon)
                    return 0
                assert isinstance(self.kb, LazyEvidence)
                self.kb.fetch_evidence(missing)  # (a panel without a job runner: a test, a benchmark)
            most = PREFETCH_CLAIMS
        height = count = 0
        while shown + count < total and count < most and (count == 0 or height < need):
            height += self._rows_height(group, shown + count)
            count += 1
        self.model.reveal(group, count)
        return height

    def _reveal_soon(self, *_args: object) -> None:
        """Check for "more" rows in view once the events of the moment are handled (the signals'
        arguments are not the timer's interval)."""
        self._reveal_timer.start(0)

    def _reveal_visible(self) -> None:
        """Unfold the groups and reveal the claims behind the "more" rows that are in view (or nearly).

        Rows above the view are left alone: what they would reveal would push the rows in view down
        (after select_claim jumped past them, say); they reveal when scrolled back into view.
        """
        if self._fetching is not None and self._fetching == self.model.generation:
            return  # checked again when the passages are in memory
        bottom = self.tree.viewport().height() + AHEAD_PX
        for group in range(self.model.group_count()):
            index = self.model.index(group, 0)
            rect = self.tree.visualRect(index)  # lays out what was revealed above it first
            if rect.isValid() and rect.top() >= bottom:
                break  # and so are the groups below it
            if rect.isValid() and rect.bottom() >= 0 and group not in self._unfolded:
                self._unfold(group)  # once: a group the user folds stays folded
            more = self.model.more_index(group)
            if more.isValid():
                rect = self.tree.visualRect(more)
                if rect.isValid() and rect.bottom() >= 0 and rect.top() < bottom:  # (invalid: folded)
                    self._reveal_more(group, bottom + EXTRA_PX - rect.top())

    def _reveal_more(self, group: int, need: int) -> None:
        more = self.model.more_index(group)
        was_current = more.isValid() and self.tree.currentIndex() == more
        first = self.model.shown(group)
        self._reveal(group, need)
        if was_current:  # keep the keyboard where the user was: on the first claim revealed
            self.tree.setCurrentIndex(self.model.index(first, 0, self.model.index(group, 0)))

    def _expand_revealed(self, parent: QModelIndex, first: int, last: int) -> None:
        """Claims revealed in a group show their passages, as the first ones did (fetched in the
        background if they are not in memory: claims revealed by select_claim, say)."""
        if parent.isValid() and parent.internalId() == GROUP_ID:
            if self.model.lazy and not self.model.fetch_failed:
                missing = self.model.missing(parent.row(), first, last + 1 - first)
                if missing:
                    if self._jobs is None:
                        assert isinstance(self.kb, LazyEvidence)
                        self.kb.fetch_evidence(missing)
                    elif self._fetching != self.model.generation:
                        self._fetch(missing, self._reveal_soon)  # (else: fetched after the one in flight)
            for row in range(first, last + 1):
                self.tree.expand(self.model.index(row, 0, parent))

    # ---------------------------------------------------------------- fetching passages

    def set_jobs(self, jobs: JobRunner | None) -> None:
        """The runner of the passage fetches (the window's). Without one, a knowledge base that fetches
        passages on request is asked on the GUI thread (a panel on its own, in a test or a benchmark)."""
        self._jobs = jobs

    def _fetch(self, claims: list[str], then: Callable[[], None]) -> None:
        """Fetch the passages of ``claims`` as a background job, saying so; then, if the panel still shows
        the same groups, add the passages that arrived and call ``then`` (which reveals rows)."""
        kb, jobs = self.kb, self._jobs
        assert isinstance(kb, LazyEvidence) and jobs is not None
        fetch = _PassageFetch(self, claims, then)
        self._fetching = fetch.generation
        self._say(FETCHING)

        def work(_progress: object, should_cancel: ShouldCancel) -> None:
            kb.fetch_evidence(claims, should_cancel=should_cancel)

        jobs.start("fetching passages", work, on_done=fetch.done, on_failed=fetch.failed,
                   on_cancelled=fetch.cancelled)

    def _fetch_ended(self, fetch: _PassageFetch, error: str | None) -> None:
        fetch.deleteLater()
        if fetch.generation != self.model.generation:
            return  # the panel shows other groups now (a newer selection): nothing to do with this
        self._fetching = None
        if error is None:
            self._say(None)
            changed = self.model.refresh_pending()
        else:
            self._say(error[:1].upper() + error[1:])  # (kept until other groups are shown)
            changed = self.model.give_up_pending()  # and the claims revealed from now on show none
        if changed:
            self.tree.delegate.forget(set(changed))
            self.tree.scheduleDelayedItemsLayout()
        fetch.then()
        if error is None and not self.model.fetch_failed and self._fetching is None:
            asked = set(fetch.claims)
            waiting = [c for c in self.model.missing_shown() if c not in asked]
            if waiting:  # revealed while this fetch was in flight (select_claim), not part of it
                self._fetch(waiting, self._reveal_soon)

    def _say(self, text: str | None) -> None:
        if text:
            self.fetch_status.setText(text)
            self.fetch_status.show()
        elif not self.fetch_status.isHidden():
            self.fetch_status.hide()

    def _on_reset(self) -> None:
        """New groups (or none): what was said about the passages of the former ones no longer applies."""
        if not self.fetch_status.isHidden():
            self.fetch_status.hide()

    def select_claim(self, claim: str) -> bool:
        index = self.model.index_of_claim(claim)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        return True

    def current_claim(self) -> str | None:
        """The claim of the current row (a claim row, or a passage row under it)."""
        index = self.tree.currentIndex()
        return index.data(Role.CLAIM) if index.isValid() else None

    def open_link(self, url: str) -> bool:
        """Open a link (Wikidata, say) in the browser; where none opens it, say so here and put the link on
        the clipboard instead of failing silently (the terminal is not where a user looks)."""
        from PySide6.QtCore import QUrl  # (QUrl's enums: made with the first link, not for the first frame)
        from PySide6.QtGui import QDesktopServices

        if QDesktopServices.openUrl(QUrl(url)):
            self.link_note.hide()
            return True
        QApplication.clipboard().setText(url)
        self.link_note.setText(f"No web browser could open {url}: the link is copied, paste it into one.")
        self.link_note.show()
        return False

    def copy_current(self) -> bool:
        """Ctrl+C: the current passage (or every passage of the current claim), each quote verbatim with
        its citation, as plain text and HTML; False when no passage or claim row is current."""
        index = self.tree.currentIndex()
        kind = index.data(Role.KIND) if index.isValid() else None
        if kind == "passage":
            rows = [index]
        elif kind == "claim":
            rows = [index.model().index(r, 0, index) for r in range(index.model().rowCount(index))]
            rows = [r for r in rows if r.data(Role.KIND) == "passage"]
        else:
            return False
        kb, claim = self.kb, index.data(Role.CLAIM)
        words = kb.describe(kb.claims[claim]) if kb is not None and claim in kb.claims else None
        copied = [copied_passage(r.data(Role.CONTEXT), words) for r in rows if r.data(Role.CONTEXT) is not None]
        if not copied:
            return False
        from PySide6.QtCore import QMimeData

        data = QMimeData()
        data.setText("\n\n".join(text for text, _html in copied))
        data.setHtml("".join(html for _text, html in copied))
        QApplication.clipboard().setMimeData(data)
        return True

    def current_evidence(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(Role.EVIDENCE) if index.isValid() and index.data(Role.KIND) == "passage" else None

    def select_evidence(self, evidence: str) -> bool:
        index = self.model.index_of_evidence(evidence)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    # ---------------------------------------------------------------- reacting

    def _on_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        kind = index.data(Role.KIND) if index.isValid() else "none"
        self.menuRequested.emit(
            self.tree.viewport().mapToGlobal(pos),
            kind or "none",
            (index.data(Role.CLAIM) if index.isValid() else None) or "",
            (index.data(Role.EVIDENCE) if index.isValid() else None) or "",
        )

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        claim = current.data(Role.CLAIM) if current.isValid() else None
        if claim:
            self.claimSelected.emit(claim)

    def _on_expanded(self, index: QModelIndex) -> None:
        if index.internalId() == GROUP_ID and not index.parent().isValid():
            self._unfolded.add(index.row())
        self._reveal_soon()

    def _on_clicked(self, index: QModelIndex) -> None:
        kind = index.data(Role.KIND)
        if kind == "passage":
            self.passageActivated.emit(index.data(Role.EVIDENCE), index.data(Role.CLAIM))
        elif kind == "more":
            self._reveal_more(index.parent().row(), self.tree.viewport().height())

    def _on_activated(self, index: QModelIndex) -> None:
        kind = index.data(Role.KIND)
        if kind == "passage":
            self.passageActivated.emit(index.data(Role.EVIDENCE), index.data(Role.CLAIM))
        elif kind in ("group", "claim"):
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
        elif kind == "more":
            self._reveal_more(index.parent().row(), self.tree.viewport().height())


def _link_name(url: str) -> str:
    if "wikidata.org" in url:
        return "Wikidata " + url.rstrip("/").rsplit("/", 1)[-1]
    return url.split("//", 1)[-1].split("/", 1)[0]
