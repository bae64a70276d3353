"""The items of the graph scene: one item per actor, and edges painted in batches.

Edges are not one item each: every visible claim joins a *bundle* (one pair of actors, one relation
category), and all bundles of a category are stroked by one :class:`EdgeLayer` from prebuilt
QPainterPaths, one per width bucket. A frame therefore costs a few path strokes per category,
whatever the number of edges; arrow heads and count badges are added only when zoomed in.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPaintEngine, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.gui.style import kind_colour, node_path, plain_tooltip

if TYPE_CHECKING:
    from explorer.core.model import Actor
    from explorer.gui.graph_view import GraphScene

#: QStyle.StateFlag.State_Selected as a number (importing QStyle costs start-up time before the first paint)
STATE_SELECTED = 0x8000

#: Below this level of detail edges are hairlines and arrows, badges and minor labels are hidden.
LOD_DETAIL = 0.28
LOD_BADGES = 0.6
#: Below this level of detail arrow heads (11 scene units long) would be specks: not drawn.
LOD_ARROWS = 0.4
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


#: Degrees above this no longer grow a node: a hub of thousands of claims would cover its neighbours.
RADIUS_DEGREE_CAP = 150


def node_radius(degree: int) -> float:
    return 7.0 + 3.0 * math.sqrt(min(max(degree, 0), RADIUS_DEGREE_CAP))


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
    # the geometry, set by place() (no Qt objects before: a large scene has tens of thousands of bundles)
    p0: QPointF = None  # type: ignore[assignment]
    ctrl: QPointF = None  # type: ignore[assignment]
    p1: QPointF = None  # type: ignore[assignment]
    #: the bounds as plain floats (left, top, right, bottom): tens of thousands are tested per frame
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    _segments: list[QLineF] | None = None

    @property
    def count(self) -> int:
        return len(self.claims)

    def place(self, pa: QPointF, pb: QPointF) -> None:
        ax, ay, bx, by = pa.x(), pa.y(), pb.x(), pb.y()
        self.p0, self.p1 = QPointF(ax, ay), QPointF(bx, by)
        if self.bend:
            dx, dy = bx - ax, by - ay
            length = math.hypot(dx, dy) or 1.0
            offset = self.bend * min(30.0, length * 0.22)
            cx, cy = (ax + bx) / 2 - dy / length * offset, (ay + by) / 2 + dx / length * offset
        else:
            cx, cy = (ax + bx) / 2, (ay + by) / 2
        self.ctrl = QPointF(cx, cy)
        left, top, right, bottom = min(ax, bx, cx), min(ay, by, cy), max(ax, bx, cx), max(ay, by, cy)
        self.box = (left, top, right, bottom)
        self._segments = None

    def segments(self) -> list[QLineF]:
        """The edge as straight lines: itself, or a curve cut into short pieces (Qt's fast line path)."""
        if self._segments is None:
            if self.bend:
                points = [self.point_at(i / CURVE_PIECES) for i in range(CURVE_PIECES + 1)]
                self._segments = [QLineF(a, b) for a, b in itertools.pairwise(points)]
            else:
                self._segments = [QLineF(self.p0, self.p1)]
        return self._segments

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
        left, top, right, bottom = self.box
        return QRectF(left, top, right - left, bottom - top)

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


CELL = 256.0
#: More bundles than this near the exposed area (per category) are drawn as hairlines, as when zoomed out.
DETAIL_BUDGET = 2500
CURVE_PIECES = 8
#: More lines than this in one layer's frame are drawn without antialiasing.
SMOOTH_LINES = 600
MAX_CELLS = 24  # a bundle covering more cells than this is kept in the 'long' list instead


class EdgeLayer(QGraphicsItem):
    """Every bundle of one category, stroked in a few batches.

    Zoomed out, a frame strokes one cached path of cosmetic 1px hairlines (Qt draws those with its
    line rasteriser: no Python work per edge, no polygon). Zoomed in, the bundles near the exposed
    area are looked up in a grid index and only those are drawn with wide pens, as flat-capped lines.
    Stroking a whole layer with a pen wider than a hairline makes Qt build and fill one polygon for
    every edge, on screen or not: 1 to 15 seconds a frame for 5k edges.
    """

    def __init__(self, graph: GraphScene, category: str, colour: QColor) -> None:
        super().__init__()
        self.graph = graph
        self.category = category
        self.colour = colour
        self.bundles: list[Bundle] = []
        self._all = QPainterPath()
        self._rect = QRectF()
        self._cells: dict[tuple[int, int], list[Bundle]] | None = None
        self._long: list[Bundle] = []
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(0)

    def set_bundles(self, bundles: list[Bundle]) -> None:
        self.bundles = bundles
        self.rebuild()
        if len(bundles) > DETAIL_BUDGET:  # indexed now (a step of drawing the graph), not in a zoomed frame
            self._cells, self._long = self._index()

    def rebuild(self) -> None:
        """Recompute the hairline path and the index from the bundles' geometry (after a move or a filter)."""
        self.prepareGeometryChange()
        everything = QPainterPath()
        for bundle in self.bundles:
            bundle.add_to(everything)
        self._all = everything
        self._cells, self._long = None, []  # built when a zoomed-in frame first needs it
        self._rect = everything.boundingRect().adjusted(-30, -30, 30, 30)
        self.update()

    def _index(self) -> tuple[dict[tuple[int, int], list[Bundle]], list[Bundle]]:
        cells: dict[tuple[int, int], list[Bundle]] = {}
        long: list[Bundle] = []
        for bundle in self.bundles:
            left, top, right, bottom = bundle.box
            x0, x1 = math.floor(left / CELL), math.floor(right / CELL)
            y0, y1 = math.floor(top / CELL), math.floor(bottom / CELL)
            if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS:
                long.append(bundle)
                continue
            for gx in range(x0, x1 + 1):
                for gy in range(y0, y1 + 1):
                    cells.setdefault((gx, gy), []).append(bundle)
        return cells, long

    def bundles_near(self, area: QRectF, limit: int | None = None) -> list[Bundle]:
        """The bundles whose bounds meet ``area``, from the grid index (stops past ``limit``)."""
        if self._cells is None:
            self._cells, self._long = self._index()
        x0, x1 = math.floor(area.left() / CELL), math.floor(area.right() / CELL)
        y0, y1 = math.floor(area.top() / CELL), math.floor(area.bottom() / CELL)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > 4 * max(len(self._cells), 1):
            candidates: Iterable[Bundle] = self.bundles  # an area much larger than the layer: scan
        else:
            candidates = [b for gx in range(x0, x1 + 1) for gy in range(y0, y1 + 1)
                          for b in self._cells.get((gx, gy), ())]
            candidates.extend(self._long)
        found: dict[int, Bundle] = {}
        left, top, right, bottom = area.left(), area.top(), area.right(), area.bottom()
        for bundle in candidates:
            b_left, b_top, b_right, b_bottom = bundle.box
            if b_left <= right and left <= b_right and b_top <= bottom and top <= b_bottom \
                    and id(bundle) not in found:
                found[id(bundle)] = bundle
                if limit is not None and len(found) > limit:
                    break
        return list(found.values())

    def _crowded(self, area: QRectF) -> bool:
        """More than DETAIL_BUDGET bundles near ``area``, as if spread evenly over the layer: hairlines,
        without looking them up (a layer of 50k edges in view took 0.9 s to index and search, and a
        layer of 5k fully in view 10 ms to find it had too many)."""
        if len(self.bundles) <= DETAIL_BUDGET or self._rect.isEmpty():
            return False
        common = area.intersected(self._rect)
        share = common.width() * common.height() / (self._rect.width() * self._rect.height())
        return len(self.bundles) * share > DETAIL_BUDGET

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
        area = exposed.adjusted(-20 / lod, -20 / lod, 20 / lod, 20 / lod)
        crowded = lod < LOD_DETAIL or self._crowded(area)
        near = [] if crowded else self.bundles_near(area, DETAIL_BUDGET)
        if crowded or len(near) > DETAIL_BUDGET:
            colour = QColor(self.colour)
            colour.setAlpha(150)
            pen = QPen(colour, 1.0)
            pen.setCosmetic(True)
            if len(self.bundles) > DETAIL_BUDGET:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.strokePath(self._all, pen)
            return
        lines: list[list[QLineF]] = [[] for _ in WIDTHS_PX]
        arrows = QPainterPath()
        with_arrows = lod >= LOD_ARROWS
        for bundle in near:
            lines[_width_bucket(bundle.count)].extend(bundle.segments())
            if with_arrows and (area.contains(bundle.p0) or area.contains(bundle.p1)):
                bundle.add_arrows(arrows, self.graph.radius_of(bundle.a), self.graph.radius_of(bundle.b))
        # Flat caps: Qt strokes antialiased wide lines with round caps (or as one path) through a
        # polygon fill, 10-100x slower; the ends are under the nodes anyway. Past a few hundred
        # lines, antialiasing alone costs 10x and adds little to a dense tangle.
        if sum(map(len, lines)) > SMOOTH_LINES:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for width, straight in zip(WIDTHS_PX, lines, strict=True):
            if straight:
                pen = QPen(self.colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.drawLines(straight)
        painter.fillPath(arrows, self.colour)
        if lod >= LOD_BADGES:
            for bundle in near:
                if bundle.count > 1:
                    mid = bundle.midpoint()
                    if exposed.contains(mid):
                        self.graph.draw_badge(painter, mid, bundle.count, self.colour, lod)


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


#: Where a batched scene's plain actors sit: above every edge (0) and the highlighted ones (1), under
#: every actor that paints itself (2 and up).
PLAIN_NODE_Z = 1.5
#: A NodeLayer cuts the graph into about this many tiles a side, so a zoomed-in frame visits only a few.
NODE_TILES = 8
#: Above this radius on screen a plain actor is drawn as a shape, not stamped from a cached picture.
MAX_STAMP_RADIUS = 48.0
#: Stamps kept (kinds x sizes on screen): past this the cache starts again.
MAX_STAMPS = 600


class NodeLayer(QGraphicsItem):
    """The actors of a large scene, stamped from cached pictures.

    A NodeItem's paint() is a Python call and a path fill: ten thousand of them took 0.1 s a frame,
    and one antialiased path of ten thousand shapes over a second. In a batched scene (see
    GraphScene.batched) this layer draws every visible, unpinned actor, one picture per kind and size
    on screen, drawn once and then copied to each place; a NodeItem paints (on top) only when it
    shows something of its own: a label, a selection, an emphasis, a pin (NodeItem.sync_contents).
    Labels come and go with every move, so they do not change what the layer holds; a pinned actor,
    dashed, must not have a solid outline under it.
    """

    def __init__(self, graph: GraphScene) -> None:
        super().__init__()
        self.graph = graph
        #: per tile: its scene bounds, and its actors by kind and radius as flat [x0, y0, x1, y1, ...]
        self.tiles: list[tuple[QRectF, dict[tuple[str, float], list[float]]]] = []
        self._rect = QRectF()
        self._dirty = False
        self._stamps: dict[tuple, QPixmap] = {}
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(PLAIN_NODE_Z)

    def mark_dirty(self) -> None:
        """Who it draws, or where, changed: rebuilt when next asked for, once for a batch of changes."""
        if not self._dirty:
            self.prepareGeometryChange()
            self._dirty = True
            self.update()

    def rebuild(self) -> None:
        """Take in the changes now, if any (a step of drawing a large graph; else done when painted)."""
        if self._dirty:
            self._rebuild()

    def count(self) -> int:
        """How many actors it draws."""
        self.rebuild()
        return sum(len(xy) // 2 for _bounds, groups in self.tiles for xy in groups.values())

    def _rebuild(self) -> None:
        self._dirty = False
        self.tiles, self._rect = [], QRectF()
        graph = self.graph
        if not graph.batched:
            return
        plain = [r for r in graph.visible_rows() if not r.node.pinned]
        if not plain:
            return
        left, top = min(r.x for r in plain), min(r.y for r in plain)
        span = max(max(r.x for r in plain) - left, max(r.y for r in plain) - top)
        size = max(span / NODE_TILES, 256.0)
        cells: dict[tuple[int, int], list] = defaultdict(list)
        for row in plain:
            cells[(int((row.x - left) // size), int((row.y - top) // size))].append(row)
        rect = QRectF()
        for rows in cells.values():
            groups: dict[tuple[str, float], list[float]] = defaultdict(list)
            for row in rows:
                groups[(row.node.actor.kind, row.radius)].extend((row.x, row.y))
            x0 = min(r.left for r in rows)
            y0 = min(r.top for r in rows)
            bounds = QRectF(x0, y0, max(r.right for r in rows) - x0, max(r.bottom for r in rows) - y0)
            bounds.adjust(-2, -2, 2, 2)
            self.tiles.append((bounds, dict(groups)))
            rect = rect.united(bounds)
        self._rect = rect

    def boundingRect(self) -> QRectF:
        self.rebuild()
        return self._rect

    def shape(self) -> QPainterPath:
        return QPainterPath()  # the NodeItems above it are what the mouse finds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        self.rebuild()
        exposed = option.exposedRect
        # the small under the large, as NodeItems stack by degree
        groups = sorted((item for bounds, tile in self.tiles if bounds.intersects(exposed) for item in tile.items()),
                        key=lambda item: item[0][1])
        t = painter.worldTransform()
        engine = painter.paintEngine()
        sx, sy, dx, dy = t.m11(), t.m22(), t.dx(), t.dy()
        if (engine is None or engine.type() != QPaintEngine.Type.Raster or t.m12() or t.m21()
                or abs(sx - sy) > 0.01 * abs(sx)):
            self._paint_shapes(painter, groups)
            return  # an SVG or a print gets vectors
        ratio = painter.device().devicePixelRatioF()
        outline = self.graph.colours["outline"]
        big: list[tuple[tuple[str, float], list[float]]] = []
        painter.save()
        painter.resetTransform()
        draw = painter.drawPixmap
        for (kind, radius), xy in groups:
            px = round(radius * sx * 2) / 2  # half-pixel steps: a few dozen stamps serve every size
            if px > MAX_STAMP_RADIUS:  # (the largest: drawn last, as shapes)
                big.append(((kind, radius), xy))
                continue
            key = (kind, px, ratio, outline.rgba())
            stamp = self._stamps.get(key)
            if stamp is None:
                if len(self._stamps) > MAX_STAMPS:
                    self._stamps.clear()
                stamp = self._stamps[key] = self._stamp(kind, px, ratio, outline)
            ox, oy = dx - stamp.width() / ratio / 2, dy - stamp.height() / ratio / 2
            for i in range(0, len(xy), 2):
                draw(round(xy[i] * sx + ox), round(xy[i + 1] * sy + oy), stamp)
        painter.restore()
        if big:
            self._paint_shapes(painter, big)

    def _paint_shapes(self, painter: QPainter, groups: list[tuple[tuple[str, float], list[float]]]) -> None:
        """Each actor as its shape, as NodeItem.paint draws a plain one."""
        lod = lod_of(painter)
        pen = QPen(self.graph.colours["outline"], 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        for (kind, radius), xy in groups:
            outline, colour = node_path(kind, radius), kind_colour(kind)
            painter.setBrush(colour)
            for i in range(0, len(xy), 2):
                shape = outline.translated(xy[i], xy[i + 1])
                if lod * radius < 1.5:
                    painter.fillRect(shape.boundingRect(), colour)
                else:
                    painter.drawPath(shape)

    @staticmethod
    def _stamp(kind: str, radius: float, ratio: float, outline: QColor) -> QPixmap:
        """A plain actor of ``kind`` drawn ``radius`` pixels wide, centred in a transparent square."""
        side = math.ceil(2 * radius + 4)
        image = QImage(math.ceil(side * ratio), math.ceil(side * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.translate(side / 2, side / 2)
        colour = kind_colour(kind)
        if radius < 1.5:  # a speck
            painter.fillRect(QRectF(-max(radius, 0.5), -max(radius, 0.5), 2 * max(radius, 0.5),
                                    2 * max(radius, 0.5)), colour)
        else:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(outline, 1.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(colour)
            painter.drawPath(node_path(kind, radius))
        painter.end()
        return QPixmap.fromImage(image)


LABEL_SLOTS = ("below", "right", "above", "left", "below-right", "below-left", "above-right", "above-left")


def label_offsets(radius: float, width: float, height: float) -> dict[str, tuple[float, float]]:
    """The top-left corner of a ``width`` x ``height`` label in each slot around a node of ``radius``,
    from the node's centre, all in label pixels (plain floats: label planning tries thousands)."""
    gap = LABEL_GAP_PX
    d = radius * 0.7 + gap  # the diagonals start at the node's corner
    return {
        "below": (-width / 2, radius + gap),
        "right": (radius + gap, -height / 2),
        "above": (-width / 2, -radius - gap - height),
        "left": (-radius - gap - width, -height / 2),
        "below-right": (d, d),
        "below-left": (-d - width, d),
        "above-right": (d, -d - height),
        "above-left": (-d - width, -d - height),
    }


class NodeItem(QGraphicsItem):
    """One actor: a shape by kind, sized by degree, with a label the scene decides to show or not."""

    def __init__(
        self, graph: GraphScene, actor: Actor, degree: int, cached: bool = True, major: bool = False
    ) -> None:
        super().__init__()
        self.graph = graph
        self.actor = actor
        self.iri = actor.iri
        self.degree = degree
        self.radius = node_radius(degree)
        self.major = major
        self.emphasised = False
        self._pinned = False
        self.paints_itself = True  # else the scene's NodeLayer draws it (see sync_contents)
        self.order = 0  # its place among the scene's actors (Qt stacks items of equal z by it)
        self.label_visible = False
        self.label_slot = "below"
        self.label_scale = 1.0  # scene units per label pixel: labels keep their size on screen
        self.outline = node_path(actor.kind, self.radius)
        self.outline_rect = self.outline.boundingRect()
        self.colour = kind_colour(actor.kind)
        self._label_size = QRectF()
        self._bounds = QRectF()
        self.refresh_label_metrics()
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsMovable | flags.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        if cached:
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._z = 2 + min(degree, 999) / 1000  # the busier, the higher
        self.setZValue(self._z)
        self.setToolTip(plain_tooltip(self.tooltip_text()))
        if graph.batched:  # drawn by the scene's NodeLayer until it has something of its own to show
            self.paints_itself = False
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
            self.setZValue(PLAIN_NODE_Z)

    # ---------------------------------------------------------------- state

    @property
    def pinned(self) -> bool:
        """Placed by the user: layouts leave it where it is, and its outline is dashed."""
        return self._pinned

    @pinned.setter
    def pinned(self, on: bool) -> None:
        if on != self._pinned:
            self._pinned = on
            self.update()
            self.sync_contents()
            self.graph.node_layer.mark_dirty()  # a pinned actor draws itself, dashed, on nothing

    def sync_contents(self) -> None:
        """In a batched scene, paint only when showing something the NodeLayer does not draw.

        A plain actor keeps its place in the scene (the mouse finds it, it can be selected and
        dragged) but has no contents, so Qt neither calls its paint() nor sorts it among the painted.
        """
        own = not self.graph.batched or self.label_visible or self.emphasised or self._pinned or self.isSelected()
        if own != self.paints_itself:
            self.paints_itself = own
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not own)
            self.setZValue(self._z if own else PLAIN_NODE_Z)
            if own:
                self.graph.own_nodes.add(self)
            else:
                self.graph.own_nodes.discard(self)

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
        metrics = self.graph.metrics(self.major)
        self.label_text = elide(self.actor.label)
        width = metrics.horizontalAdvance(self.label_text) + 8
        self._label_size = QRectF(0, 0, width, metrics.height() + 2)
        self._refresh_bounds()

    def _refresh_bounds(self) -> None:
        """boundingRect is asked for many times a frame: computed here, once per change."""
        rect = self.outline.boundingRect().adjusted(-4, -4, 4, 4)
        if self.label_visible:
            rect = rect.united(self.label_rect())
        self._bounds = rect

    def label_px(self) -> QRectF:
        return self._label_size

    def label_rect(self, slot: str | None = None, scale: float | None = None) -> QRectF:
        """Where the label sits, in item coordinates, for a slot and a label scale."""
        s = self.label_scale if scale is None else scale
        w, h = self._label_size.width(), self._label_size.height()
        x, y = label_offsets(self.radius / s, w, h)[slot or self.label_slot]
        return QRectF(x * s, y * s, w * s, h * s)

    def set_label(self, visible: bool, slot: str = "below", scale: float | None = None) -> bool:
        """Show or hide the label, in a slot and at a scale; True when that changes the picture."""
        scale = self.label_scale if scale is None else scale
        if (visible, slot, scale) == (self.label_visible, self.label_slot, self.label_scale):
            return False
        if not visible and not self.label_visible:  # a hidden label's place changes nothing on screen
            self.label_slot, self.label_scale = slot, scale
            return False
        self.prepareGeometryChange()
        self.label_visible, self.label_slot, self.label_scale = visible, slot, scale
        self._refresh_bounds()
        self.update()
        self.sync_contents()
        return True

    def set_emphasised(self, on: bool) -> None:
        if on != self.emphasised:
            self.emphasised = on
            self.update()
            self.sync_contents()

    # ---------------------------------------------------------------- QGraphicsItem

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self.outline

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = lod_of(painter)
        selected = bool(int(option.state.value) & STATE_SELECTED)
        self.paint_shape(painter, selected, lod)
        if self.shows_label(selected, lod):
            self.paint_label(painter, selected)

    def paint_shape(self, painter: QPainter, selected: bool, lod: float) -> None:
        """The node without its label: halo when selected, outline dashed when pinned."""
        colours = self.graph.colours
        if lod * self.radius < 1.5:  # a speck: skip outlines and text
            painter.fillRect(self.outline.boundingRect(), self.colour)
            return
        if selected:
            halo = QPen(colours["highlight"], 4.0)
            halo.setCosmetic(True)
            painter.strokePath(self.outline, halo)
        pen = QPen(
            colours["text"] if (self.emphasised or selected) else colours["outline"],
            2.0 if (self.emphasised or selected) else 1.0,
        )
        pen.setCosmetic(True)
        if self.pinned:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(self.colour))
        painter.drawPath(self.outline)

    def shows_label(self, selected: bool, lod: float) -> bool:
        forced = selected or self.emphasised or self.major
        return self.label_visible and lod * self.radius >= 1.5 and (forced or lod >= LOD_DETAIL * 0.5)

    def paint_label(self, painter: QPainter, selected: bool) -> None:
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

    def mouseMoveEvent(self, event) -> None:
        # Qt moves every selected movable item with the one dragged. (Not itemChange: a Python
        # override of it is called for every flag, tooltip and position set on every node.)
        super().mouseMoveEvent(event)
        dragged = {self} | {item for item in self.graph.selectedItems() if isinstance(item, NodeItem)}
        self.graph.nodes_moved(dragged)

    def hoverEnterEvent(self, event) -> None:
        self.graph.set_hover(self.iri)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.graph.set_hover(None)
        super().hoverLeaveEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        self.graph.actorActivated.emit(self.iri)
        super().mouseDoubleClickEvent(event)
