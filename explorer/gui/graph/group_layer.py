"""The blocs collapsed into group nodes, drawn over the graph on the main canvas (explorer.app.collapse).

One item covers the graph's extent with the canvas background and draws, at each group's members' centre, a
group node (sized by its members, in its bloc's colour, its rim in the sign of the claims among its members)
and between two groups an edge as wide as its claims are many, in the intensity lens's colours: blue when
cooperative, red when hostile, grey when mixed or uncoded. A click on an edge (or a group node) hands its
claims to ``picked``; the item takes the mouse, hover and tooltips, so the actors under it stay still while the
blocs are collapsed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QGraphicsSceneMouseEvent, QWidget

from explorer.app.blocs import UNALIGNED
from explorer.gui.graph.items import lod_of
from explorer.gui.theme import current_theme

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    from explorer.app.blocs import GroupEdge
    from explorer.app.collapse import Collapsed

#: Over every actor, label and highlight.
GROUP_Z = 50.0


def sign_colour(sign: int) -> QColor:
    """Cooperative, hostile, mixed or uncoded: the theme's intensity scale's ends and middle (blue, red, grey)."""
    hostile, neutral, friendly = current_theme().intensity
    return QColor(friendly if sign > 0 else hostile if sign < 0 else neutral)


class GroupLayer(QGraphicsItem):
    """The collapsed picture; see the module docstring."""

    def __init__(self, picked: Callable[[GroupEdge], None], colour_of: Callable[[str], QColor]) -> None:
        super().__init__()
        self.picked, self.colour_of = picked, colour_of
        self.collapsed: Collapsed | None = None
        self.centres: dict[str, QPointF] = {}
        self.radius: dict[str, float] = {}
        self.background = QColor("white")
        self.text = QColor("black")
        self._rect = QRectF()
        self.setZValue(GROUP_Z)
        self.setAcceptHoverEvents(True)
        self.setToolTip("Blocs collapsed: click an edge or a group for its claims")

    def set_collapsed(self, collapsed: Collapsed, centres: dict[str, tuple[float, float]], extent: QRectF,
                      background: QColor, text: QColor, cover: QRectF | None = None) -> None:
        """Draw ``collapsed`` with its group nodes at ``centres`` (sized by ``extent``, the graph's), covering
        the extent and ``cover``."""
        self.prepareGeometryChange()
        self.collapsed, self.background, self.text = collapsed, background, text
        self.centres = {g: QPointF(*xy) for g, xy in centres.items()}
        span = max(extent.width(), extent.height(), 200.0)
        most = max((len(m) for m in collapsed.groups.values()), default=1)
        # the largest group about a tenth of the graph across: the nodes read as blocs, not as actors
        self.radius = {g: span * (0.02 + 0.05 * math.sqrt(len(members) / most))
                       for g, members in collapsed.groups.items()}
        _separate(self.centres, self.radius, gap=span * 0.08)
        rect = QRectF(extent).united(self.groups_rect())
        if cover is not None:
            rect = rect.united(cover)
        self._rect = rect.adjusted(-span * 0.05, -span * 0.05, span * 0.05, span * 0.05)
        self.update()

    def groups_rect(self) -> QRectF:
        """Where the group nodes and their labels are (the view fits it when the blocs collapse)."""
        rect = QRectF()
        for g, centre in self.centres.items():
            r = self.radius[g]
            rect = rect.united(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2.6 * r))
        return rect.adjusted(-rect.width() * 0.15, -rect.height() * 0.15, rect.width() * 0.15, rect.height() * 0.2)

    # ---------------------------------------------------------------- finding what is under the mouse

    def edge_at(self, pos: QPointF, tolerance: float) -> GroupEdge | None:
        """The group node's inner edge under ``pos``, else the group edge nearest it within ``tolerance``."""
        collapsed = self.collapsed
        if collapsed is None:
            return None
        for g, centre in self.centres.items():
            if math.hypot(pos.x() - centre.x(), pos.y() - centre.y()) <= self.radius[g]:
                return collapsed.edge(g, g)
        best, found = tolerance, None
        for edge in collapsed.edges:
            if edge.a == edge.b or edge.a not in self.centres or edge.b not in self.centres:
                continue
            distance = _distance(pos, self.centres[edge.a], self.centres[edge.b])
            if distance <= best:
                best, found = distance, edge
        return found

    def describe(self, edge: GroupEdge) -> str:
        assert self.collapsed is not None
        names = [self.collapsed.label(g).split(":")[0] for g in (edge.a, edge.b)]
        where = f"inside {names[0]}" if edge.a == edge.b else f"{names[0]} – {names[1]}"
        return (f"{where}: {len(edge.claims)} claim{'s' if len(edge.claims) != 1 else ''} · cooperation "
                f"{edge.cooperation:g} · conflict {edge.conflict:g}\nclick for the claims and their passages")

    def _tolerance(self) -> float:
        views = self.scene().views() if self.scene() is not None else []
        scale = views[0].transform().m11() if views else 1.0
        return 8.0 / max(scale, 1e-6)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        edge = self.edge_at(event.scenePos(), self._tolerance())
        if edge is not None:
            self.picked(edge)
        event.accept()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()  # (not an actor's: the actors under it are collapsed)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        edge = self.edge_at(event.scenePos(), self._tolerance())
        if edge is not None:
            self.setToolTip(self.describe(edge))
        elif self.collapsed is not None:
            group = next((g for g, c in self.centres.items()
                          if math.hypot(event.scenePos().x() - c.x(), event.scenePos().y() - c.y()) <= self.radius[g]),
                         None)
            self.setToolTip(self.collapsed.label(group) if group is not None else
                            "Blocs collapsed: click an edge or a group for its claims")

    # ---------------------------------------------------------------- QGraphicsItem

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)  # the whole cover takes the mouse
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        collapsed = self.collapsed
        if collapsed is None:
            return
        painter.fillRect(self._rect, self.background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        lod = lod_of(painter)
        most = max((len(e.claims) for e in collapsed.edges), default=1)
        for edge in collapsed.edges:
            if edge.a == edge.b or edge.a not in self.centres or edge.b not in self.centres:
                continue
            pen = QPen(sign_colour(edge.sign), 2.0 + 14.0 * math.sqrt(len(edge.claims) / most),
                       Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(QLineF(self.centres[edge.a], self.centres[edge.b]))
        for g, centre in self.centres.items():
            inner = collapsed.edge(g, g)
            rim = QPen(sign_colour(inner.sign) if inner is not None else self.text, 4.0)
            rim.setCosmetic(True)
            painter.setPen(rim)
            painter.setBrush(QBrush(self.colour_of(g)))
            painter.drawEllipse(centre, self.radius[g], self.radius[g])
        font = QFont()
        font.setBold(True)
        for edge in collapsed.edges:  # the claim counts, at each edge's middle
            if edge.a != edge.b and edge.a in self.centres and edge.b in self.centres:
                middle = (self.centres[edge.a] + self.centres[edge.b]) / 2
                self._text(painter, middle, str(len(edge.claims)), font, lod, boxed=True)
        for g, centre in self.centres.items():
            inner = collapsed.edge(g, g)
            title = collapsed.label(g).split(":")[0] if g != UNALIGNED else "No signed tie"
            count = 0 if inner is None else len(inner.claims)
            size = len(collapsed.groups[g])
            lines = f"{title} ({size} actor{'s' if size != 1 else ''})" + (
                f"\n{count} claim{'s' if count != 1 else ''} inside" if count else "")
            below = QPointF(centre.x(), centre.y() + self.radius[g])
            self._text(painter, below, lines, font, lod, boxed=True, under=True)

    def _text(self, painter: QPainter, at: QPointF, text: str, font: QFont, lod: float, boxed: bool,
              under: bool = False) -> None:
        """``text`` centred at ``at`` (under it with ``under``), the same size on screen at any zoom."""
        painter.save()
        painter.translate(at)
        painter.scale(1 / lod, 1 / lod)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        lines = text.split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines) + 10
        height = metrics.height() * len(lines) + 4
        box = QRectF(-width / 2, 4 if under else -height / 2, width, height)
        if boxed:
            painter.setPen(Qt.PenStyle.NoPen)
            fill = QColor(self.background)
            fill.setAlpha(225)
            painter.setBrush(fill)
            painter.drawRoundedRect(box, 4, 4)
        painter.setPen(self.text)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()


def _separate(centres: dict[str, QPointF], radius: dict[str, float], gap: float) -> None:
    """Push apart group nodes standing closer than their radii and ``gap`` (members' centres are often near the
    graph's middle): each moves along the line between them, half the overlap each, until none overlaps."""
    names = list(centres)
    for _round in range(100):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                pa, pb = centres[a], centres[b]
                dx, dy = pb.x() - pa.x(), pb.y() - pa.y()
                distance = math.hypot(dx, dy)
                wanted = radius[a] + radius[b] + gap
                if distance >= wanted:
                    continue
                if distance < 1e-6:  # (the same centre: apart along a fixed direction per pair)
                    dx, dy, distance = math.cos(i + len(b)), math.sin(i + len(b)), 1.0
                push = (wanted - distance) / 2
                ux, uy = dx / distance, dy / distance
                centres[a] = QPointF(pa.x() - ux * push, pa.y() - uy * push)
                centres[b] = QPointF(pb.x() + ux * push, pb.y() + uy * push)
                moved = True
        if not moved:
            return


def _distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2))
    return math.hypot(p.x() - a.x() - t * dx, p.y() - a.y() - t * dy)


def group_index(group: str) -> int | None:
    """The bloc number of a group key ('bloc:2' -> 2; the unaligned: None)."""
    return None if group == UNALIGNED else int(group.split(":", 1)[1])

