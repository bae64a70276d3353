"""The evidence panel: who an actor is, every claim involving it, and the passages behind each claim.

Passages are plain text laid out in a QTextDocument, the quote marked with a QTextCharFormat;
nothing from the data is ever read as markup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QDesktopServices,
    QFont,
    QPainter,
    QPalette,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.knowledge import KnowledgeBase
from explorer.core.model import Actor, Claim, EvidenceContext
from explorer.core.network import PathStep
from explorer.gui.models import ClaimTreeModel, Role, attribution, citation, excerpt
from explorer.gui.style import kind_icon

HINT = "Click an actor or an edge in the graph to see its claims and the passages that support them."
NOTHING = "Nothing selected"


def passage_document(
    ctx: EvidenceContext, font: QFont, palette: QPalette, width: float, selected: bool = False
) -> QTextDocument:
    """The excerpt with its quote marked, then the citation line, as a plain-text document."""
    doc = QTextDocument()
    doc.setDocumentMargin(4)
    doc.setDefaultFont(font)
    doc.setUndoRedoEnabled(False)
    text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    normal = QTextCharFormat()
    normal.setForeground(palette.color(text_role))
    quote = QTextCharFormat(normal)
    quote.setFontWeight(QFont.Weight.Bold)
    if not selected:
        mark = QColor(palette.color(QPalette.ColorRole.Highlight))
        mark.setAlpha(60)
        quote.setBackground(mark)
    meta = QTextCharFormat()
    meta_colour = QColor(palette.color(text_role))
    meta_colour.setAlpha(170)
    meta.setForeground(meta_colour)
    meta.setFontItalic(True)
    meta.setFontPointSize(max(font.pointSizeF() - 1, 6))
    text, qs, qe = excerpt(ctx)
    cursor = QTextCursor(doc)
    cursor.insertText(text[:qs], normal)
    cursor.insertText(text[qs:qe], quote)
    cursor.insertText(text[qe:], normal)
    cursor.insertBlock()
    cursor.insertText("— " + citation(ctx), meta)
    who = attribution(ctx)
    if who:
        cursor.insertBlock()
        cursor.insertText(who, meta)
    if ctx.problems:
        cursor.insertBlock()
        warn = QTextCharFormat(meta)
        warn.setForeground(QColor("#d62728"))
        cursor.insertText("⚠ " + "; ".join(ctx.problems), warn)
    doc.setTextWidth(max(width, 80))
    return doc


def line_document(
    text: str, font: QFont, palette: QPalette, width: float, selected: bool = False
) -> QTextDocument:
    """One wrapped line of plain text (a claim row)."""
    doc = QTextDocument()
    doc.setDocumentMargin(2)
    doc.setDefaultFont(font)
    doc.setUndoRedoEnabled(False)
    fmt = QTextCharFormat()
    fmt.setForeground(
        palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
    )
    QTextCursor(doc).insertText(text, fmt)
    doc.setTextWidth(max(width, 80))
    return doc


WRAPPED = ("passage", "claim")


class PassageDelegate(QStyledItemDelegate):
    """Draws passage and claim rows as wrapped plain text (quotes marked); group rows as usual."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self._cache: dict[tuple[str, int, bool], QTextDocument] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    def _width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        return self.view.viewport().width() - self.view.indentation() * (depth + 1) - 8

    def _doc(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        width: int,
        selected: bool,
    ) -> QTextDocument:
        ctx: EvidenceContext | None = index.data(Role.CONTEXT)
        name = ctx.evidence.iri if ctx is not None else "claim"
        key = (name + "\n" + str(index.data(Role.CLAIM)), width, selected)
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) > 2000:
                self._cache.clear()
            if ctx is not None:
                doc = passage_document(ctx, option.font, option.palette, width, selected)
            else:
                doc = line_document(str(index.data()), option.font, option.palette, width, selected)
            self._cache[key] = doc
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.data(Role.KIND) not in WRAPPED:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc(opt, index, self._width(index), False)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if index.data(Role.KIND) not in WRAPPED:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        doc = self._doc(opt, index, self._width(index), selected)
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), opt.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = opt.palette
        doc.documentLayout().draw(painter, context)
        painter.restore()


class ClaimTree(QTreeView):
    """A tree whose passage rows re-wrap when the panel is resized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = PassageDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAnimated(False)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.delegate.clear_cache()
        self.scheduleDelayedItemsLayout()


class EvidencePanel(QWidget):
    """Shows an actor, an edge or a path: a header, then claims grouped, each with its passages."""

    claimSelected = Signal(str)  # the claim whose row (or passage) is current
    passageActivated = Signal(str, str)  # evidence IRI, claim IRI
    actorRequested = Signal(str)
    menuRequested = Signal(QPoint, str, str, str)  # where (global), row kind, claim IRI, evidence IRI

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb: KnowledgeBase | None = None
        self.actor: Actor | None = None
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
        header_layout.addStretch(1)
        self.model = ClaimTreeModel(self)
        self.tree = ClaimTree()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("claims and supporting passages")
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
        self.setFocusProxy(self.tree)

    # ---------------------------------------------------------------- showing

    def set_knowledge(self, kb: KnowledgeBase | None) -> None:
        self.kb = kb
        self.clear()

    def clear(self) -> None:
        self.actor = None
        self._header(NOTHING, "", None)
        self.model.clear()

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
            button.clicked.connect(lambda _=False, u=url: QDesktopServices.openUrl(QUrl(u)))
            self.links.addWidget(button)
        self.links.addStretch(1)
        self.tree.delegate.clear_cache()

    def show_actor(self, actor: Actor, claims: Sequence[Claim]) -> None:
        """Every claim involving ``actor`` (only those given: the visible ones), grouped by relation."""
        assert self.kb is not None
        kb = self.kb
        self.actor = actor
        lines = [actor.kind + (f" · {actor.role}" if actor.role else "")]
        if actor.aliases:
            lines.append("also called: " + ", ".join(actor.aliases))
        if actor.description:
            lines.append(actor.description)
        lines.append(
            f"{len(claims)} claim{'s' if len(claims) != 1 else ''} shown"
            + (f" of {kb.degree(actor.iri)}" if len(claims) != kb.degree(actor.iri) else "")
        )
        self._header(
            actor.label, "\n".join(lines), actor.kind, [u for u in actor.same_as if u.startswith("http")]
        )
        groups: dict[tuple[bool, str], list[Claim]] = defaultdict(list)
        for claim in claims:
            relation = kb.relations[claim.predicate]
            if relation.symmetric or claim.subject == actor.iri:
                groups[(False, f"{actor.label} {relation.label} …")].append(claim)
            else:
                groups[(True, f"… {relation.label} {actor.label}")].append(claim)
        ordered = [
            (title, group)
            for (_by_others, title), group in sorted(
                groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1])
            )
        ]
        self.model.set_groups(kb, ordered)
        self._expand()

    def show_claims(self, title: str, claims: Sequence[Claim], details: str = "") -> None:
        """The claims of one edge (or any list), grouped by relation."""
        assert self.kb is not None
        kb = self.kb
        self.actor = None
        self._header(title, details, None)
        groups: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            groups[kb.relations[claim.predicate].label].append(claim)
        self.model.set_groups(kb, sorted(groups.items()))
        self._expand()

    def show_path(self, path: Sequence[PathStep]) -> None:
        """A chain of actors, one group per step with the claims (and evidence) that make it."""
        assert self.kb is not None
        kb = self.kb
        self.actor = None
        names = [kb.label(path[0].source)] + [kb.label(s.target) for s in path] if path else []
        self._header(" → ".join(names), f"path of {len(path)} step{'s' if len(path) != 1 else ''}", None)
        groups = [
            (f"{i}. {kb.label(s.source)} – {kb.label(s.target)}", list(s.claims))
            for i, s in enumerate(path, 1)
        ]
        self.model.set_groups(kb, groups)
        self._expand()

    def _expand(self) -> None:
        self.tree.expandAll()
        self.tree.scrollToTop()

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

    def current_evidence(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(Role.EVIDENCE) if index.isValid() and index.data(Role.KIND) == "passage" else None

    def select_evidence(self, evidence: str) -> bool:
        for group in range(self.model.rowCount()):
            group_index = self.model.index(group, 0)
            for row in range(self.model.rowCount(group_index)):
                claim_index = self.model.index(row, 0, group_index)
                for leaf in range(self.model.rowCount(claim_index)):
                    index = self.model.index(leaf, 0, claim_index)
                    if index.data(Role.EVIDENCE) == evidence:
                        self.tree.setCurrentIndex(index)
                        self.tree.scrollTo(index)
                        return True
        return False

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

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.data(Role.KIND) == "passage":
            self.passageActivated.emit(index.data(Role.EVIDENCE), index.data(Role.CLAIM))

    def _on_activated(self, index: QModelIndex) -> None:
        kind = index.data(Role.KIND)
        if kind == "passage":
            self.passageActivated.emit(index.data(Role.EVIDENCE), index.data(Role.CLAIM))
        elif kind in ("group", "claim"):
            self.tree.setExpanded(index, not self.tree.isExpanded(index))


def _link_name(url: str) -> str:
    if "wikidata.org" in url:
        return "Wikidata " + url.rstrip("/").rsplit("/", 1)[-1]
    return url.split("//", 1)[-1].split("/", 1)[0]
