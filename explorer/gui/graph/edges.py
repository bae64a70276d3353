"""The edges of the graph scene, painted in batches.

Edges are not one item each: every visible claim joins a *bundle* (one pair of actors, one relation
category), and all bundles of a category are stroked by one :class:`EdgeLayer` from prebuilt
QPainterPaths, one per width bucket. A frame therefore costs a few path strokes per category,
whatever the number of edges; arrow heads and count badges are added only when zoomed in.
:class:`OverlayLayer` draws the highlighted bundles on top.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.gui.graph.bundles import Bundle
from explorer.gui.graph.chunks import Chunks, StyledLines
from explorer.gui.graph.items import LOD_ARROWS, LOD_BADGES, LOD_DETAIL, lod_of
from explorer.gui.style import warning_colour

if TYPE_CHECKING:
    from explorer.gui.graph.host import SceneHost


def _width_bucket(count: int) -> int:
    return 0 if count <= 1 else 1 if count <= 3 else 2


WIDTHS_PX = (1.4, 2.4, 3.6)
#: How an edge is drawn by the weight of its evidence (explorer.core.weight.Weight.support): a width
#: factor and a pen style. Solid and wide: asserted by two or more independent sources; solid and thin:
#: by one; dashed: only hedged, planned or conditional; dotted: only denied, or no passage.
SUPPORT_STYLES: dict[str, tuple[float, Qt.PenStyle]] = {
    "strong": (1.6, Qt.PenStyle.SolidLine),
    "single": (0.8, Qt.PenStyle.SolidLine),
    "hedged": (1.0, Qt.PenStyle.DashLine),
    "against": (0.8, Qt.PenStyle.DotLine),
    "none": (0.8, Qt.PenStyle.DotLine),
}
CONTESTED_SIZE_PX = 4.5


def support_pen(colour: QColor, width: float, support: str) -> QPen:
    """The cosmetic, flat-capped pen of an edge of ``support`` whose width bucket is ``width`` px."""
    factor, style = SUPPORT_STYLES.get(support, SUPPORT_STYLES["single"])
    pen = QPen(colour, width * factor, style, Qt.PenCapStyle.FlatCap)
    pen.setCosmetic(True)
    return pen


def draw_contested_mark(painter: QPainter, centre: QPointF, lod: float) -> None:
    """A red cross on an edge whose claims are contested (denied or contradicted)."""
    half = CONTESTED_SIZE_PX / max(lod, 1e-6)
    pen = QPen(warning_colour(), 2.0)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.drawLine(QLineF(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half))
    painter.drawLine(QLineF(centre.x() - half, centre.y() + half, centre.x() + half, centre.y() - half))


CELL = 256.0
#: More bundles than this near the exposed area (per category) are drawn as hairlines, as when zoomed out.
DETAIL_BUDGET = 2500
#: More lines than this in one layer's frame are drawn without antialiasing.
SMOOTH_LINES = 600
#: Without antialiasing a cosmetic pen thinner than this (px) is drawn 1 px wide: Qt's line rasteriser then
#: draws it (a pen of 1.12 px goes through its polygon stroker, a third slower, for the same pixels).
HAIRLINE_BELOW_PX = 1.5
MAX_CELLS = 24  # a bundle covering more cells than this is kept in the 'long' list instead


class EdgeLayer(QGraphicsItem):
    """Every bundle of one category, stroked in a few batches.

    Zoomed out, a frame strokes one cached path of cosmetic 1px hairlines (Qt draws those with its
    line rasteriser: no Python work per edge, no polygon). Zoomed in, the bundles near the exposed
    area are looked up in a grid index and only those are drawn with wide pens, as flat-capped lines.
    Stroking a whole layer with a pen wider than a hairline makes Qt build and fill one polygon for
    every edge, on screen or not: 1 to 15 seconds a frame for 5k edges.
    """

    def __init__(self, graph: SceneHost[Any], category: str, colour: QColor) -> None:
        super().__init__()
        self.graph = graph
        self.category = category
        self.colour = colour
        #: its bundles, in the order they came (a dict: a play step adds and removes a few of thousands)
        self.bundles: dict[Bundle, None] = {}
        #: the hairline paths, a chunk of bundles each: a step rebuilds only the chunks it touched
        self._chunks = Chunks()
        self._styled: StyledLines | None = None  # made when the whole layer is first drawn in detail
        self._rect = QRectF()
        self._cells: dict[tuple[int, int], dict[Bundle, None]] | None = None
        self._long: dict[Bundle, None] = {}
        self._indexed: dict[Bundle, tuple[tuple[int, int], ...] | None] = {}  # bundle -> its cells (None: long)
        #: changes the index takes in when next searched (True: index it anew, False: take it out)
        self._pending: dict[Bundle, bool] = {}
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(0)

    def set_bundles(self, bundles: list[Bundle]) -> None:
        self.bundles = dict.fromkeys(bundles)
        self.rebuild()
        if len(bundles) > DETAIL_BUDGET:  # indexed now (a step of drawing the graph), not in a zoomed frame
            self._cells, self._long = self._index()

    def rebuild(self) -> None:
        """Recompute the hairline paths and the index from the bundles' geometry (after a move or a filter)."""
        self._chunks.fill(self.bundles)
        self._styled = None
        # built when a zoomed-in frame first needs it
        self._cells, self._long, self._indexed, self._pending = None, {}, {}, {}
        self._new_rect()

    def change(self, added: Iterable[Bundle] = (), removed: Iterable[Bundle] = (),
               reshaped: Iterable[Bundle] = (), restyled: Iterable[Bundle] = ()) -> None:
        """Take in a few bundles new, gone, placed anew or drawn anew (their count or support changed: a
        play step): only their chunks and cells change. The extent only grows (it bounds what is drawn)."""
        chunks, indexed, styled = self._chunks, self._cells is not None, self._styled
        added, reshaped = list(added), list(reshaped)
        if styled is not None:
            for bundle in restyled:
                if bundle in self.bundles:
                    styled.discard(bundle)
                    styled.add(bundle)
        for bundle in removed:
            if bundle in self.bundles:
                del self.bundles[bundle]
                chunks.discard(bundle)
                if styled is not None:
                    styled.discard(bundle)
                if indexed:
                    self._pending[bundle] = False
        for bundle in reshaped:
            if bundle in self.bundles:
                chunks.touch(bundle)
                if styled is not None:
                    styled.discard(bundle)
                    styled.add(bundle)
                if indexed:
                    self._pending[bundle] = True
        for bundle in added:
            self.bundles[bundle] = None
            chunks.add(bundle)
            if styled is not None:
                styled.add(bundle)
            if indexed:
                self._pending[bundle] = True
        if len(self._pending) > len(self.bundles):  # cheaper to index anew when next needed
            self._cells, self._long, self._indexed, self._pending = None, {}, {}, {}
        boxes = [bundle.box for bundle in (*added, *reshaped)]
        if boxes:
            left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
            right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
            grown = QRectF(left, top, right - left, bottom - top).adjusted(-30, -30, 30, 30)
            if self._rect.isEmpty() or not self._rect.contains(grown):  # (else the scene's index stays as it is)
                self.prepareGeometryChange()
                self._rect = grown if self._rect.isEmpty() else self._rect.united(grown)
        self.update()

    def _new_rect(self) -> None:
        self.prepareGeometryChange()
        rect = self._chunks.rect()
        self._rect = rect.adjusted(-30, -30, 30, 30) if not rect.isNull() else QRectF()
        self.update()

    def _index(self) -> tuple[dict[tuple[int, int], dict[Bundle, None]], dict[Bundle, None]]:
        self._cells, self._long, self._indexed, self._pending = {}, {}, {}, {}
        for bundle in self.bundles:
            self._index_one(bundle)
        return self._cells, self._long

    def _index_one(self, bundle: Bundle) -> None:
        assert self._cells is not None
        left, top, right, bottom = bundle.box
        x0, x1 = math.floor(left / CELL), math.floor(right / CELL)
        y0, y1 = math.floor(top / CELL), math.floor(bottom / CELL)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS:
            self._long[bundle] = None
            self._indexed[bundle] = None
            return
        keys = tuple((gx, gy) for gx in range(x0, x1 + 1) for gy in range(y0, y1 + 1))
        for key in keys:
            self._cells.setdefault(key, {})[bundle] = None
        self._indexed[bundle] = keys

    def _unindex(self, bundle: Bundle) -> None:
        assert self._cells is not None
        keys = self._indexed.pop(bundle, None)
        if keys is None:
            self._long.pop(bundle, None)
            return
        for key in keys:
            cell = self._cells[key]
            del cell[bundle]
            if not cell:
                del self._cells[key]

    def bundles_near(self, area: QRectF, limit: int | None = None) -> list[Bundle]:
        """The bundles whose bounds meet ``area``, from the grid index (stops past ``limit``)."""
        if self._cells is None:
            self._cells, self._long = self._index()
        elif self._pending:
            for bundle, index in self._pending.items():
                self._unindex(bundle)
                if index:
                    self._index_one(bundle)
            self._pending = {}
        x0, x1 = math.floor(area.left() / CELL), math.floor(area.right() / CELL)
        y0, y1 = math.floor(area.top() / CELL), math.floor(area.bottom() / CELL)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > 4 * max(len(self._cells), 1):
            candidates: Iterable[Bundle] = self.bundles  # an area much larger than the layer: scan
        else:
            candidates = [b for gx in range(x0, x1 + 1) for gy in range(y0, y1 + 1)
                          for b in self._cells.get((gx, gy), ())]
            candidates.extend(self._long)  # (dicts of bundles: their keys)
        found: dict[Bundle, None] = {}
        left, top, right, bottom = area.left(), area.top(), area.right(), area.bottom()
        for bundle in candidates:
            b_left, b_top, b_right, b_bottom = bundle.box
            if b_left <= right and left <= b_right and b_top <= bottom and top <= b_bottom \
                    and bundle not in found:
                found[bundle] = None
                if limit is not None and len(found) > limit:
                    break
        return list(found)

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
        if self.graph.actors_only:
            return
        lod = lod_of(painter)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        exposed = option.exposedRect
        area = exposed.adjusted(-20 / lod, -20 / lod, 20 / lod, 20 / lod)
        crowded = lod < LOD_DETAIL or self._crowded(area)
        with_arrows = lod >= LOD_ARROWS
        if not crowded and not with_arrows and len(self.bundles) <= DETAIL_BUDGET and area.contains(self._rect):
            self._paint_whole(painter)  # the whole layer in view (a play step): its chunks' lines as they are
            return
        near = [] if crowded else self.bundles_near(area, DETAIL_BUDGET)
        if crowded or len(near) > DETAIL_BUDGET:
            colour = QColor(self.colour)
            colour.setAlpha(150)
            pen = QPen(colour, 1.0)
            pen.setCosmetic(True)
            if len(self.bundles) > DETAIL_BUDGET:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            self._chunks.stroke(painter, pen)
            return
        lines: dict[tuple[int, str], list[QLineF]] = {}
        arrows = QPainterPath()
        for bundle in near:
            key = (_width_bucket(bundle.count), bundle.support)
            found = lines.get(key)
            if found is None:
                found = lines[key] = []
            found.extend(bundle.segments())
            if with_arrows and (area.contains(bundle.p0) or area.contains(bundle.p1)):
                bundle.add_arrows(arrows, self.graph.radius_of(bundle.a), self.graph.radius_of(bundle.b))
        self._draw_lines(painter, lines)
        painter.fillPath(arrows, self.colour)
        if with_arrows:
            for bundle in near:
                if bundle.contested:
                    mark = bundle.point_at(0.3)  # (the count badge is at the middle)
                    if exposed.contains(mark):
                        draw_contested_mark(painter, mark, lod)
        if lod >= LOD_BADGES:
            for bundle in near:
                if bundle.count > 1:
                    mid = bundle.midpoint()
                    if exposed.contains(mid):
                        self.graph.draw_badge(painter, mid, bundle.count, self.colour, lod)

    def _paint_whole(self, painter: QPainter) -> None:
        """Every bundle, with no arrow, badge or mark at this scale: the lines kept by width and support,
        so that a play step files only the bundles it changed."""
        if self._styled is None:
            self._styled = StyledLines(_line_key)
            self._styled.fill(self.bundles)
        self._draw_lines(painter, self._styled.lines())  # type: ignore[arg-type]

    def _draw_lines(self, painter: QPainter, lines: dict[tuple[int, str], list[QLineF]]) -> None:
        # Flat caps: Qt strokes antialiased wide lines with round caps (or as one path) through a
        # polygon fill, 10-100x slower; the ends are under the nodes anyway. Past a few hundred
        # lines, antialiasing alone costs 10x and adds little to a dense tangle.
        drawn = sum(map(len, lines.values()))
        shown = self.graph.edge_count()
        if drawn * shown / max(len(self.bundles), 1) > SMOOTH_LINES:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        thin = not painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        for (bucket, support), straight in lines.items():
            pen = support_pen(self.colour, WIDTHS_PX[bucket], support)
            if thin and pen.widthF() < HAIRLINE_BELOW_PX:
                pen.setWidthF(1.0)
            painter.setPen(pen)
            painter.drawLines(straight)


def _line_key(bundle: Bundle) -> tuple[int, str]:
    """How a bundle's lines are drawn: its width bucket and its support."""
    return _width_bucket(bundle.count), bundle.support


@dataclass(frozen=True)
class Stroke:
    """A highlighted edge: its colour (its category's), width, and the glow of the same colour behind it
    (``glow`` px wider; none when 0) with a thin halo of the background between (``halo``)."""

    bundle: Bundle
    colour: QColor
    width: float
    glow: float = 0.0
    halo: bool = False


class OverlayLayer(QGraphicsItem):
    """Bundles drawn on top of the others: the selection, a path, the neighbourhood of the hovered actor."""

    def __init__(self, graph: SceneHost[Any]) -> None:
        super().__init__()
        self.graph = graph
        self.strokes: list[Stroke] = []
        self._rect = QRectF()
        self.setZValue(1)

    def set_strokes(self, strokes: list[Stroke]) -> None:
        self.prepareGeometryChange()
        self.strokes = strokes
        rect = QRectF()
        for stroke in strokes:
            rect = rect.united(stroke.bundle.bounds())
        self._rect = rect.adjusted(-20, -20, 20, 20) if strokes else QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.graph.actors_only:
            return
        lod = lod_of(painter)
        for stroke in self.strokes:
            bundle, colour = stroke.bundle, stroke.colour
            path = QPainterPath()
            bundle.add_to(path)
            if stroke.glow:
                glow = QColor(colour)
                glow.setAlpha(70)
                pen = QPen(glow, stroke.width + stroke.glow, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
                pen.setCosmetic(True)
                painter.strokePath(path, pen)
            if stroke.halo:  # a rim of the background: the edge reads over the other edges' colours
                pen = QPen(self.graph.colours["base"], stroke.width + 3, Qt.PenStyle.SolidLine,
                           Qt.PenCapStyle.RoundCap)
                pen.setCosmetic(True)
                painter.strokePath(path, pen)
            pen = support_pen(colour, stroke.width, bundle.support)
            pen.setWidthF(stroke.width)  # the weight's style (dashed when hedged), at the highlight's width
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.strokePath(path, pen)
            arrows = QPainterPath()
            bundle.add_arrows(arrows, self.graph.radius_of(bundle.a), self.graph.radius_of(bundle.b))
            painter.fillPath(arrows, colour)
            if bundle.count > 1 and lod >= LOD_DETAIL:
                self.graph.draw_badge(painter, bundle.midpoint(), bundle.count, colour, lod)
