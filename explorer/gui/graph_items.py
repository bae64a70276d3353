"""The items of the graph scene: one item per actor, and edges painted in batches.

Edges are not one item each: every visible claim joins a *bundle* (one pair of actors, one relation
category), and all bundles of a category are stroked by one :class:`EdgeLayer` from prebuilt
QPainterPaths, one per width bucket. A frame therefore costs a few path strokes per category,
whatever the number of edges; arrow heads and count badges are added only when zoomed in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from explorer.core.model import Actor
from explorer.gui.style import kind_colour, node_path, plain_tooltip

if TYPE_CHECKING:
    from explorer.gui.graph_view import GraphScene

#: Below this level of detail edges are hairlines and arrows, badges and minor labels are hidden.
LOD_DETAIL = 0.28
LOD_BADGES = 0.6
ARROW_LENGTH = 11.0
ARROW_HALF_WIDTH = 4.5
LABEL_GAP_PX = 3.0


LABEL_CHARS = 28


def elide(label: str, chars: int = LABEL_CHARS) -> str:
    """Long names are cut at a word break on the graph (the tooltip and panel show them whole)."""
    if len(label) <= chars:
        return label
    cut = label.rfind(" ", 0, chars - 1)
    return label[: cut if cut > chars // 2 else chars - 1].rstrip(" ,;(") + "…"


def node_radius(degree: int) -> float:
    return 7.0 + 3.0 * math.sqrt(max(degree, 0))


def lod_of(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


@dataclass(eq=False)
class Bundle:
    """The visible claims between one pair of actors in one category, drawn as one edge."""

    a: str
    b: str  # a < b
    category: str
    claims: list[str] = field(default_factory=list)
    forward: bool = False  # a non-symmetric claim goes a -> b
    backward: bool = False  # ... or b -> a
    bend: float = 0.0  # how far the curve bows, in multiples of the bend unit
    p0: QPointF = field(default_factory=QPointF)
    ctrl: QPointF = field(default_factory=QPointF)
    p1: QPointF = field(default_factory=QPointF)
    _bounds: QRectF = field(default_factory=QRectF)

    @property
    def count(self) -> int:
        return len(self.claims)

    def place(self, pa: QPointF, pb: QPointF) -> None:
        self.p0, self.p1 = QPointF(pa), QPointF(pb)
        dx, dy = pb.x() - pa.x(), pb.y() - pa.y()
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length
        offset = self.bend * min(30.0, length * 0.22)
        self.ctrl = QPointF((pa.x() + pb.x()) / 2 + nx * offset, (pa.y() + pb.y()) / 2 + ny * offset)
        xs = (self.p0.x(), self.ctrl.x(), self.p1.x())
        ys = (self.p0.y(), self.ctrl.y(), self.p1.y())
        self._bounds = QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys)))

    def add_to(self, path: QPainterPath) -> None:
        path.moveTo(self.p0)
        if self.bend:
            path.quadTo(self.ctrl, self.p1)
        else:
            path.lineTo(self.p1)

    def point_at(self, t: float) -> QPointF:
        u = 1 - t
        return self.p0 * (u * u) + self.ctrl * (2 * u * t) + self.p1 * (t * t)

    def midpoint(self) -> QPointF:
        return self.point_at(0.5)

    def bounds(self) -> QRectF:
        return self._bounds

    def distance(self, pos: QPointF) -> float:
        """Distance from ``pos`` to the drawn curve (sampled; used for clicks and tooltips only)."""
        best = math.inf
        prev = self.p0
        for i in range(1, 13):
            cur = self.point_at(i / 12)
            best = min(best, _segment_distance(pos, prev, cur))
            prev = cur
        return best

    def add_arrows(self, path: QPainterPath, radius_a: float, radius_b: float) -> None:
        if self.forward:
            _arrow(path, self.p1, self.ctrl if self.bend else self.p0, radius_b)
        if self.backward:
            _arrow(path, self.p0, self.ctrl if self.bend else self.p1, radius_a)


def _segment_distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2))
    return math.hypot(p.x() - a.x() - t * dx, p.y() - a.y() - t * dy)


def _arrow(path: QPainterPath, tip_centre: QPointF, towards: QPointF, radius: float) -> None:
    """A filled arrow head whose tip touches the node drawn at ``tip_centre``."""
    dx, dy = tip_centre.x() - towards.x(), tip_centre.y() - towards.y()
    length = math.hypot(dx, dy)
    if length < radius + ARROW_LENGTH:
        return
    ux, uy = dx / length, dy / length
    tip = QPointF(tip_centre.x() - ux * (radius + 1.5), tip_centre.y() - uy * (radius + 1.5))
    base = QPointF(tip.x() - ux * ARROW_LENGTH, tip.y() - uy * ARROW_LENGTH)
    nx, ny = -uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH
    path.moveTo(tip)
    path.lineTo(base.x() + nx, base.y() + ny)
    path.lineTo(base.x() - nx, base.y() - ny)
    path.closeSubpath()


def _width_bucket(count: int) -> int:
    return 0 if count <= 1 else 1 if count <= 3 else 2


WIDTHS_PX = (1.4, 2.4, 3.6)


#: Layers with more bundles than this paint zoomed-in frames from a spatial index (see EdgeLayer.paint).
INDEX_MIN_BUNDLES = 1500
CELL = 256.0
#: More bundles than this on screen (per category) are drawn as hairlines, as when zoomed out.
DETAIL_BUDGET = 2500
MAX_CELLS = 24  # a bundle covering more cells than this is kept in the 'long' list instead


class EdgeLayer(QGraphicsItem):
    """Every bundle of one category, stroked from a few cached paths.

    Zoomed out, a frame strokes one cached hairline path (no Python work per edge). Zoomed in on a
    large layer, the bundles near the exposed area are looked up in a grid index, straight edges are
    clipped to that area, and only those are stroked: wide antialiased strokes of edges far off screen
    would otherwise cost seconds.
    """

    def __init__(self, graph: GraphScene, category: str, colour: QColor) -> None:
        super().__init__()
        self.graph = graph
        self.category = category
        self.colour = colour
        self.bundles: list[Bundle] = []
        self._paths: list[QPainterPath] = [QPainterPath() for _ in WIDTHS_PX]
        self._all = QPainterPath()
        self._arrows = QPainterPath()
        self._rect = QRectF()
        self._cells: dict[tuple[int, int], list[Bundle]] | None = None
        self._long: list[Bundle] = []
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(0)

    def set_bundles(self, bundles: list[Bundle]) -> None:
        self.bundles = bundles
        self.rebuild()

    def rebuild(self) -> None:
        """Recompute the paths from the bundles' current geometry (after a move or a filter change)."""
        self.prepareGeometryChange()
        large = len(self.bundles) > INDEX_MIN_BUNDLES
        paths = [QPainterPath() for _ in WIDTHS_PX]
        everything = QPainterPath()
        arrows = QPainterPath()
        for bundle in self.bundles:
            bundle.add_to(everything)
            if not large:
                bundle.add_to(paths[_width_bucket(bundle.count)])
                bundle.add_arrows(arrows, self.graph.radius_of(bundle.a), self.graph.radius_of(bundle.b))
        self._paths, self._all, self._arrows = paths, everything, arrows
        self._cells, self._long = self._index() if large else (None, [])
        self._rect = everything.boundingRect().united(arrows.boundingRect()).adjusted(-30, -30, 30, 30)
        self.update()

    def _index(self) -> tuple[dict[tuple[int, int], list[Bundle]], list[Bundle]]:
        cells: dict[tuple[int, int], list[Bundle]] = {}
        long: list[Bundle] = []
        for bundle in self.bundles:
            r = bundle.bounds()
            x0, x1 = math.floor(r.left() / CELL), math.floor(r.right() / CELL)
            y0, y1 = math.floor(r.top() / CELL), math.floor(r.bottom() / CELL)
            if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS:
                long.append(bundle)
                continue
            for gx in range(x0, x1 + 1):
                for gy in range(y0, y1 + 1):
                    cells.setdefault((gx, gy), []).append(bundle)
        return cells, long

    def bundles_near(self, area: QRectF) -> list[Bundle]:
        """The bundles whose bounds meet ``area`` (all of them for a small layer)."""
        if self._cells is None:
            return [b for b in self.bundles if b.bounds().intersects(area)]
        found: dict[int, Bundle] = {}
        for gx in range(math.floor(area.left() / CELL), math.floor(area.right() / CELL) + 1):
            for gy in range(math.floor(area.top() / CELL), math.floor(area.bottom() / CELL) + 1):
                for bundle in self._cells.get((gx, gy), ()):
                    if bundle.bounds().intersects(area):
                        found[id(bundle)] = bundle
        for bundle in self._long:
            if bundle.bounds().intersects(area):
                found[id(bundle)] = bundle
        return list(found.values())

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never the item under the mouse: edges are picked by GraphScene.bundle_at

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = lod_of(painter)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        exposed = option.exposedRect
        near: list[Bundle] = self.bundles
        if self._cells is not None and lod >= LOD_DETAIL:
            area = exposed.adjusted(-20 / lod, -20 / lod, 20 / lod, 20 / lod)
            near = self.bundles_near(area)
        if lod < LOD_DETAIL or len(near) > DETAIL_BUDGET:
            colour = QColor(self.colour)
            colour.setAlpha(150)
            pen = QPen(colour, 1.0)
            pen.setCosmetic(True)
            if self._cells is not None:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.strokePath(self._all, pen)
            return
        if self._cells is None:
            paths, arrows = self._paths, self._arrows
        else:
            paths = [QPainterPath() for _ in WIDTHS_PX]
            arrows = QPainterPath()
            for bundle in near:
                path = paths[_width_bucket(bundle.count)]
                if bundle.bend:
                    bundle.add_to(path)
                else:
                    clipped = clip_segment(bundle.p0, bundle.p1, area)
                    if clipped is None:
                        continue
                    path.moveTo(clipped[0])
                    path.lineTo(clipped[1])
                if area.contains(bundle.p0) or area.contains(bundle.p1):
                    bundle.add_arrows(arrows, self.graph.radius_of(bundle.a), self.graph.radius_of(bundle.b))
        # a large layer strokes single-claim edges as 1px hairlines: Qt draws those directly, while a
        # wider pen turns the whole path into one huge polygon to fill
        widths = WIDTHS_PX if self._cells is None else (1.0, *WIDTHS_PX[1:])
        for width, path in zip(widths, paths, strict=True):
            if not path.isEmpty():
                pen = QPen(self.colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
                pen.setCosmetic(True)
                painter.strokePath(path, pen)
        painter.fillPath(arrows, self.colour)
        if lod >= LOD_BADGES:
            for bundle in near:
                if bundle.count > 1:
                    mid = bundle.midpoint()
                    if exposed.contains(mid):
                        self.graph.draw_badge(painter, mid, bundle.count, self.colour, lod)


def clip_segment(a: QPointF, b: QPointF, rect: QRectF) -> tuple[QPointF, QPointF] | None:
    """The part of segment a-b inside ``rect`` (Liang-Barsky), or None."""
    x0, y0, dx, dy = a.x(), a.y(), b.x() - a.x(), b.y() - a.y()
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, x0 - rect.left()),
        (dx, rect.right() - x0),
        (-dy, y0 - rect.top()),
        (dy, rect.bottom() - y0),
    ):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return None
            t0 = max(t0, t)
        else:
            if t < t0:
                return None
            t1 = min(t1, t)
    return QPointF(x0 + t0 * dx, y0 + t0 * dy), QPointF(x0 + t1 * dx, y0 + t1 * dy)


class OverlayLayer(QGraphicsItem):
    """Bundles drawn on top of the others: the selection, a path, the neighbourhood of the hovered actor."""

    def __init__(self, graph: GraphScene) -> None:
        super().__init__()
        self.graph = graph
        self.strokes: list[tuple[Bundle, QColor, float]] = []
        self._rect = QRectF()
        self.setZValue(1)

    def set_strokes(self, strokes: list[tuple[Bundle, QColor, float]]) -> None:
        self.prepareGeometryChange()
        self.strokes = strokes
        rect = QRectF()
        for bundle, _colour, _width in strokes:
            rect = rect.united(bundle.bounds())
        self._rect = rect.adjusted(-20, -20, 20, 20) if strokes else QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = lod_of(painter)
        for bundle, colour, width in self.strokes:
            path = QPainterPath()
            bundle.add_to(path)
            pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            pen.setCosmetic(True)
            painter.strokePath(path, pen)
            arrows = QPainterPath()
            bundle.add_arrows(arrows, self.graph.radius_of(bundle.a), self.graph.radius_of(bundle.b))
            painter.fillPath(arrows, colour)
            if bundle.count > 1 and lod >= LOD_DETAIL:
                self.graph.draw_badge(painter, bundle.midpoint(), bundle.count, colour, lod)


LABEL_SLOTS = ("below", "right", "above", "left", "below-right", "below-left", "above-right", "above-left")


class NodeItem(QGraphicsItem):
    """One actor: a shape by kind, sized by degree, with a label the scene decides to show or not."""

    def __init__(self, graph: GraphScene, actor: Actor, degree: int) -> None:
        super().__init__()
        self.graph = graph
        self.actor = actor
        self.iri = actor.iri
        self.degree = degree
        self.radius = node_radius(degree)
        self.major = False
        self.emphasised = False
        self.pinned = False
        self.label_visible = False
        self.label_slot = "below"
        self.label_scale = 1.0  # scene units per label pixel: labels keep their size on screen
        self._outline = node_path(actor.kind, self.radius)
        self._colour = kind_colour(actor.kind)
        self._label_size = QRectF()
        self.refresh_label_metrics()
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsMovable | flags.ItemIsSelectable | flags.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(2 + min(degree, 999) / 1000)
        self.setToolTip(plain_tooltip(self.tooltip_text()))

    # ---------------------------------------------------------------- label geometry

    def tooltip_text(self) -> str:
        lines = [
            self.actor.label,
            f"{self.actor.kind} · {self.degree} claim{'s' if self.degree != 1 else ''}",
        ]
        if self.actor.role:
            lines.append(self.actor.role)
        if self.actor.aliases:
            lines.append("also: " + ", ".join(self.actor.aliases))
        return "\n".join(lines)

    def label_font(self) -> QFont:
        return self.graph.bold_font if self.major else self.graph.label_font

    def refresh_label_metrics(self) -> None:
        metrics = QFontMetricsF(self.label_font())
        self.label_text = elide(self.actor.label)
        width = metrics.horizontalAdvance(self.label_text) + 8
        self._label_size = QRectF(0, 0, width, metrics.height() + 2)

    def label_px(self) -> QRectF:
        return self._label_size

    def label_rect(self, slot: str | None = None, scale: float | None = None) -> QRectF:
        """Where the label sits, in item coordinates, for a slot and a label scale."""
        slot = slot or self.label_slot
        s = self.label_scale if scale is None else scale
        w, h = self._label_size.width() * s, self._label_size.height() * s
        gap = LABEL_GAP_PX * s
        r = self.radius
        if slot == "below":
            return QRectF(-w / 2, r + gap, w, h)
        if slot == "above":
            return QRectF(-w / 2, -r - gap - h, w, h)
        if slot == "right":
            return QRectF(r + gap, -h / 2, w, h)
        if slot == "left":
            return QRectF(-r - gap - w, -h / 2, w, h)
        d = r * 0.7 + gap  # the diagonals start at the node's corner
        x = d if slot.endswith("right") else -d - w
        y = d if slot.startswith("below") else -d - h
        return QRectF(x, y, w, h)

    def set_label(self, visible: bool, slot: str = "below", scale: float | None = None) -> None:
        scale = self.label_scale if scale is None else scale
        if (visible, slot, scale) == (self.label_visible, self.label_slot, self.label_scale):
            return
        self.prepareGeometryChange()
        self.label_visible, self.label_slot, self.label_scale = visible, slot, scale
        self.update()

    def set_emphasised(self, on: bool) -> None:
        if on != self.emphasised:
            self.emphasised = on
            self.update()

    # ---------------------------------------------------------------- QGraphicsItem

    def boundingRect(self) -> QRectF:
        rect = self._outline.boundingRect().adjusted(-4, -4, 4, 4)
        if self.label_visible:
            rect = rect.united(self.label_rect())
        return rect

    def shape(self) -> QPainterPath:
        return self._outline

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = lod_of(painter)
        colours = self.graph.colours
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if lod * self.radius < 1.5:  # a speck: skip outlines and text
            painter.fillRect(self._outline.boundingRect(), self._colour)
            return
        if selected:
            halo = QPen(colours["highlight"], 4.0)
            halo.setCosmetic(True)
            painter.strokePath(self._outline, halo)
        pen = QPen(
            colours["text"] if (self.emphasised or selected) else colours["outline"],
            2.0 if (self.emphasised or selected) else 1.0,
        )
        pen.setCosmetic(True)
        if self.pinned:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(self._colour))
        painter.drawPath(self._outline)
        forced = selected or self.emphasised or self.major
        if self.label_visible and (forced or lod >= LOD_DETAIL * 0.5):
            self._paint_label(painter, selected)

    def _paint_label(self, painter: QPainter, selected: bool) -> None:
        colours = self.graph.colours
        rect = self.label_rect()
        painter.save()
        painter.translate(rect.topLeft())
        painter.scale(self.label_scale, self.label_scale)
        box = QRectF(0, 0, self._label_size.width(), self._label_size.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours["highlight"] if selected else colours["halo"])
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(self.label_font())
        painter.setPen(colours["highlighted_text"] if selected else colours["text"])
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self.label_text)
        painter.restore()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.graph.node_moved(self)
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event) -> None:
        self.graph.set_hover(self.iri)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.graph.set_hover(None)
        super().hoverLeaveEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        self.graph.actorActivated.emit(self.iri)
        super().mouseDoubleClickEvent(event)


def line_length(a: QPointF, b: QPointF) -> float:
    return QLineF(a, b).length()


def union_rect(rects: Iterable[QRectF]) -> QRectF:
    out = QRectF()
    for rect in rects:
        out = out.united(rect)
    return out
