"""The actors of the graph scene: a :class:`NodeItem` each, and in a large scene a :class:`NodeLayer`
that stamps the plain ones from cached pictures (a NodeItem then paints only what is its own)."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPaintEngine, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.core.placement import node_radius
from explorer.gui.graph.items import LOD_DETAIL, elide, label_offsets, lod_of
from explorer.gui.style import node_bounds, node_path, plain_tooltip, shared_kind_colour

if TYPE_CHECKING:
    from explorer.core.model import Actor
    from explorer.gui.graph.host import SceneHost

#: QStyle.StateFlag.State_Selected as a number (importing QStyle costs start-up time before the first paint)
STATE_SELECTED = 0x8000

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

    def __init__(self, graph: SceneHost[NodeItem]) -> None:
        super().__init__()
        self.graph = graph
        #: per tile: its scene bounds, and its actors by kind, radius and fill (a lens's colour, or the kind's)
        #: as flat [x0, y0, x1, y1, ...]
        self.tiles: list[tuple[QRectF, dict[tuple[str, float, int], list[float]]]] = []
        self._rect = QRectF()
        #: the bounds of every actor's row, shown or not, and the list of rows they were measured from
        self._extent: tuple[object, QRectF] = (None, QRectF())
        self._dirty = False
        self._stamps: dict[tuple, QPixmap] = {}
        #: Bumped by every mark_dirty: an actor's colour, size, place or pin changed (see GraphScene.actors_look)
        self.changes = 0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(PLAIN_NODE_Z)

    def mark_dirty(self) -> None:
        """Who it draws, or where, changed: rebuilt when next asked for, once for a batch of changes."""
        self.changes += 1
        if not self._dirty:
            self.prepareGeometryChange()
            self._dirty = True
            self.update()

    def mark_shown(self) -> None:
        """Only which actors show changed (a play step): the bounds cover every actor, shown or not, so they
        stay as they are and the scene's index is not told (prepareGeometryChange costs ~17 ms at 40k actors)."""
        self.changes += 1
        if not self._dirty:
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
        self._rect = self._all_extent()
        plain = [r for r in graph.visible_rows() if not r.node.pinned]
        if not plain:
            return
        left, top = min(r.x for r in plain), min(r.y for r in plain)
        span = max(max(r.x for r in plain) - left, max(r.y for r in plain) - top)
        size = max(span / NODE_TILES, 256.0)
        cells: dict[tuple[int, int], list] = defaultdict(list)
        for row in plain:
            cells[(int((row.x - left) // size), int((row.y - top) // size))].append(row)
        for rows in cells.values():
            groups: dict[tuple[str, float, int], list[float]] = defaultdict(list)
            for row in rows:
                node = row.node
                groups[(node.actor.kind, row.radius, node.colour.rgba())].extend((row.x, row.y))
            x0 = min(r.left for r in rows)
            y0 = min(r.top for r in rows)
            bounds = QRectF(x0, y0, max(r.right for r in rows) - x0, max(r.bottom for r in rows) - y0)
            bounds.adjust(-2, -2, 2, 2)
            self.tiles.append((bounds, dict(groups)))

    def _all_extent(self) -> QRectF:
        """The bounds of every actor, shown or not (see :meth:`mark_shown`), kept while the rows are."""
        rows = self.graph.all_rows()
        if self._extent[0] is not rows:
            rect = QRectF()
            if rows:
                left, top = min(r.left for r in rows), min(r.top for r in rows)
                rect = QRectF(left, top, max(r.right for r in rows) - left, max(r.bottom for r in rows) - top)
                rect.adjust(-2, -2, 2, 2)
            self._extent = (rows, rect)
        return self._extent[1]

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
        big: list[tuple[tuple[str, float, int], list[float]]] = []
        painter.save()
        painter.resetTransform()
        draw = painter.drawPixmap
        for (kind, radius, fill), xy in groups:
            px = round(radius * sx * 2) / 2  # half-pixel steps: a few dozen stamps serve every size
            if px > MAX_STAMP_RADIUS:  # (the largest: drawn last, as shapes)
                big.append(((kind, radius, fill), xy))
                continue
            key = (kind, px, ratio, outline.rgba(), fill)
            stamp = self._stamps.get(key)
            if stamp is None:
                if len(self._stamps) > MAX_STAMPS:
                    self._stamps.clear()
                stamp = self._stamps[key] = self._stamp(kind, px, ratio, outline, QColor.fromRgba(fill))
            ox, oy = dx - stamp.width() / ratio / 2, dy - stamp.height() / ratio / 2
            for i in range(0, len(xy), 2):
                draw(round(xy[i] * sx + ox), round(xy[i + 1] * sy + oy), stamp)
        painter.restore()
        if big:
            self._paint_shapes(painter, big)

    def _paint_shapes(self, painter: QPainter, groups: list[tuple[tuple[str, float, int], list[float]]]) -> None:
        """Each actor as its shape, as NodeItem.paint draws a plain one."""
        lod = lod_of(painter)
        pen = QPen(self.graph.colours["outline"], 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        for (kind, radius, fill), xy in groups:
            outline, colour = node_path(kind, radius), QColor.fromRgba(fill)
            painter.setBrush(colour)
            for i in range(0, len(xy), 2):
                shape = outline.translated(xy[i], xy[i + 1])
                if lod * radius < 1.5:
                    painter.fillRect(shape.boundingRect(), colour)
                else:
                    painter.drawPath(shape)

    @staticmethod
    def _stamp(kind: str, radius: float, ratio: float, outline: QColor, colour: QColor) -> QPixmap:
        """A plain actor of ``kind`` in ``colour`` drawn ``radius`` pixels wide, centred in a transparent square."""
        side = math.ceil(2 * radius + 4)
        image = QImage(math.ceil(side * ratio), math.ceil(side * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.translate(side / 2, side / 2)
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


class NodeItem(QGraphicsItem):
    """One actor: a shape by kind, sized by degree, with a label the scene decides to show or not."""

    def __init__(
        self, graph: SceneHost[NodeItem], actor: Actor, degree: int, cached: bool = True, major: bool = False
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
        self.outline_rect = node_bounds(actor.kind, self.radius)
        self.colour = shared_kind_colour(actor.kind)
        self.lens_coloured = False  # coloured by an analysis lens (apply_lens), not by kind
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

    def apply_lens(self, radius: float | None, colour: QColor | None) -> None:
        """Size and colour by an analysis lens (None: back to degree and kind); the scene's NodeLayer stamps by
        colour too. (A whole scene at once: explorer.gui.graph.lens_nodes.restyle.)"""
        radius = node_radius(self.degree) if radius is None else radius
        self.lens_coloured = colour is not None
        colour = shared_kind_colour(self.actor.kind) if colour is None else colour
        if radius == self.radius and colour == self.colour:
            self.sync_contents()
            return
        if radius == self.radius:  # a colour only: no new outline or bounds (10k actors recoloured at a switch)
            self.colour = colour
            self.sync_contents()
            self.update()
            self.graph.node_layer.mark_dirty()
            return
        self.prepareGeometryChange()
        self.radius = radius
        self.outline = node_path(self.actor.kind, radius)
        self.outline_rect = node_bounds(self.actor.kind, radius)
        self.colour = colour
        self._refresh_bounds()
        self.sync_contents()
        self.update()
        self.graph.node_layer.mark_dirty()

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
