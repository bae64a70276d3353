"""The Dyad dock's Blocs tab: the shown graph with its blocs collapsed into group nodes (explorer.app.blocs).

A node per group, sized by its members; an edge between two groups gathers every claim between their members,
blue when cooperative, red when hostile, grey when mixed or uncoded (the theme's intensity scale), wider with
more claims. Click an edge (or a group, for the claims among its own members) to list its claims below and
select them: the Evidence panel shows their passages; double-click a listed claim for it alone.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QResizeEvent, QTransform
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.app.blocs import UNALIGNED, BlocView, GroupEdge
from explorer.gui.graph.group_layer import sign_colour
from explorer.gui.theme import current_theme

CLAIM_ROLE = Qt.ItemDataRole.UserRole
RING = 150.0


class _EdgeItem(QGraphicsPathItem):
    def __init__(self, edge: GroupEdge, path: QPainterPath, width: float, panel: BlocPanel) -> None:
        super().__init__(path)
        self.edge, self.owner = edge, panel
        pen = QPen(sign_colour(edge.sign), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setCosmetic(True)  # pixels on screen, however the picture is fitted
        self.setPen(pen)
        self.setToolTip(f"{len(edge.claims)} claims · cooperation {edge.cooperation:g} · conflict {edge.conflict:g}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self.pen().widthF(), 12.0))  # easy to hit
        return stroker.createStroke(self.path())

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.owner.pick(self.edge)
        event.accept()


class _GroupItem(QGraphicsEllipseItem):
    def __init__(self, rect: QRectF, inner: GroupEdge | None, panel: BlocPanel) -> None:
        super().__init__(rect)
        self.inner, self.owner = inner, panel
        if inner is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.inner is not None:
            self.owner.pick(self.inner)
        event.accept()


class _FittedView(QGraphicsView):
    """A view that keeps the whole picture in sight as the dock is resized."""

    def fit(self) -> None:
        scene = self.scene()
        if scene is not None and not scene.itemsBoundingRect().isEmpty():
            self.fitInView(scene.itemsBoundingRect().adjusted(-30, -30, 30, 30), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


class BlocPanel(QWidget):
    """The collapsed picture and the claims of the picked edge."""

    claimsPicked = Signal(list)
    claimActivated = Signal(str)
    collapseToggled = Signal(bool)  # the user asked for the blocs collapsed on the main canvas, or expanded

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.view = _FittedView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(150)
        self.note = QLabel("Blocs: the signed partition with the fewest frustrated ties; click an edge or a group "
                           "for its claims")
        self.note.setWordWrap(True)
        self.claims = QListWidget()
        self.collapse_button = QPushButton("Collapse Blocs on the Canvas")
        self.collapse_button.setCheckable(True)
        self.collapse_button.setToolTip("Show each bloc as one group node on the main canvas (View › Collapse "
                                        "Blocs); uncheck to expand")
        self.collapse_button.toggled.connect(self.collapseToggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note)
        layout.addWidget(self.collapse_button)
        layout.addWidget(self.view, 2)
        layout.addWidget(self.claims, 1)
        self.described: dict[str, str] = {}
        self.picked: GroupEdge | None = None
        self.edge_items: list[_EdgeItem] = []
        self.group_items: dict[str, _GroupItem] = {}
        self.claims.itemActivated.connect(lambda item: self.claimActivated.emit(item.data(CLAIM_ROLE)))

    def show_blocs(self, view: BlocView | None, described: dict[str, str]) -> None:
        """Draw ``view``; ``described`` gives each claim's line for the list."""
        self.scene.clear()
        self.edge_items, self.group_items, self.picked = [], {}, None
        self.claims.clear()
        self.described = described
        if view is None or not view.groups:
            self.scene.addText("Nothing shown")
            return
        names = list(view.groups)
        where = {g: QPointF(0, 0) if len(names) == 1 else
                 QPointF(RING * math.cos(-math.pi / 2 + 2 * math.pi * i / len(names)),
                         RING * math.sin(-math.pi / 2 + 2 * math.pi * i / len(names)))
                 for i, g in enumerate(names)}
        radius = {g: 14 + 4 * math.sqrt(len(view.groups[g])) for g in names}
        most = max((len(e.claims) for e in view.edges), default=1)
        inner = {e.a: e for e in view.edges if e.a == e.b}
        for edge in view.edges:
            if edge.a == edge.b:
                continue
            path = QPainterPath(where[edge.a])
            path.lineTo(where[edge.b])
            item = _EdgeItem(edge, path, 1.5 + 8 * len(edge.claims) / most, self)
            self.scene.addItem(item)
            self.edge_items.append(item)
            middle = (where[edge.a] + where[edge.b]) / 2
            count = QGraphicsSimpleTextItem(str(len(edge.claims)))
            count.setPos(middle + QPointF(4, -4))
            count.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            self.scene.addItem(count)
        for i, g in enumerate(names):
            r = radius[g]
            node = _GroupItem(QRectF(-r, -r, 2 * r, 2 * r), inner.get(g), self)
            node.setPos(where[g])
            theme = current_theme()
            colour = QColor(theme.no_group if g == UNALIGNED else theme.groups[i % len(theme.groups)])
            node.setBrush(QBrush(colour))
            outline = QPen(sign_colour(inner[g].sign) if g in inner else QColor("#555555"), 3)
            outline.setCosmetic(True)
            node.setPen(outline)
            node.setToolTip(view.labels[g] + (f"\n{len(inner[g].claims)} claims among its members" if g in inner
                                              else ""))
            self.scene.addItem(node)
            self.group_items[g] = node
            label = QGraphicsSimpleTextItem(view.labels[g].split(":")[0] + f" ({len(view.groups[g])})"
                                            + (f"\n{len(inner[g].claims)} inside" if g in inner else ""))
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)  # readable at any fit
            label.setPos(where[g] + QPointF(0, r))  # centred under the node, in pixels
            label.setTransform(QTransform.fromTranslate(-label.boundingRect().width() / 2, 2))
            self.scene.addItem(label)
        self.note.setText("  ·  ".join(view.labels[g] for g in names))
        self.view.fit()

    def pick(self, edge: GroupEdge) -> None:
        """List ``edge``'s claims and tell the window (which selects them)."""
        self.picked = edge
        self.claims.clear()
        for iri in edge.claims:
            item = QListWidgetItem(self.described.get(iri, iri))
            item.setData(CLAIM_ROLE, iri)
            self.claims.addItem(item)
        self.claimsPicked.emit(list(edge.claims))
