"""The edges drawn by an edge lens (quad class, intensity, PLOVER event) instead of by relation category.

While an edge lens is on, the category layers are hidden and this one item draws the scene's bundles,
each in the colour :func:`explorer.app.edge_lens.edge_colour` gives its claims: one cached path per colour,
rebuilt when the scene's geometry or bundles change (it watches ``QGraphicsScene.changed``), so a frame
costs a stroke per colour as the category layers' hairlines do.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.app.edge_lens import edge_colour
from explorer.gui.graph.items import LOD_DETAIL, lod_of
from explorer.gui.theme import current_theme

if TYPE_CHECKING:
    from explorer.gui.graph.bundles import Bundle


class LensEdgeLayer(QGraphicsItem):
    """Every visible bundle, coloured by the edge lens."""

    def __init__(self, mode: str, keys: dict[str, str]) -> None:
        super().__init__()
        self.mode = mode
        self.keys = keys  # claim -> its key under the lens
        self.paths: dict[str, QPainterPath] = {}
        self.colour_of: dict[int, str] = {}  # id(bundle) -> colour, for tests and tooltips
        self._rect = QRectF()
        self._seen: tuple[Any, ...] | None = None
        self.setZValue(0.5)  # over the (hidden) category layers, under the highlights

    def set_lens(self, mode: str, keys: dict[str, str]) -> None:
        self.mode, self.keys = mode, keys
        self._seen = None
        self.sync()

    def colour(self, bundle: Bundle) -> str:
        """The colour of ``bundle`` under the lens ('#rrggbb')."""
        return self.colour_of.get(id(bundle)) or edge_colour(self.mode, (self.keys.get(c, "") for c in bundle.claims),
                                                             current_theme())

    def sync(self) -> None:
        """Rebuild the paths if the scene's bundles or their places changed since the last time."""
        scene: Any = self.scene()
        if scene is None:
            return
        seen = (scene.geometry, scene.revision, id(scene.bundles), current_theme().name)
        if seen == self._seen:
            return
        self._seen = seen
        paths: dict[str, QPainterPath] = defaultdict(QPainterPath)
        colours: dict[int, str] = {}
        known: dict[tuple[str, ...], str] = {}  # most edges share a handful of key combinations
        keys, theme = self.keys, current_theme()
        for bundle in scene.bundles:
            if bundle.p0 is None:
                continue
            combination = tuple(keys.get(c, "") for c in bundle.claims)
            colour = known.get(combination)
            if colour is None:
                colour = known[combination] = edge_colour(self.mode, combination, theme)
            colours[id(bundle)] = colour
            bundle.add_to(paths[colour])
        self.prepareGeometryChange()
        self.paths, self.colour_of = dict(paths), colours
        rect = QRectF()
        for path in self.paths.values():
            rect = rect.united(path.boundingRect())
        self._rect = rect.adjusted(-10, -10, 10, 10)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        return QPainterPath()  # edges are picked by the scene, not as this item

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        scene: Any = self.scene()
        if getattr(scene, "actors_only", False):
            return  # (a view draws the actors' picture alone)
        layers = list(getattr(scene, "layers", {}).values())
        if layers:  # dim with the category layers when an actor is hovered or chosen
            painter.setOpacity(max(0.28, layers[0].opacity()))
        zoomed_in = lod_of(painter) >= LOD_DETAIL and len(self.colour_of) <= 600
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for colour, path in self.paths.items():
            pen = QPen(QColor(colour), 2.2 if zoomed_in else 1.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
            pen.setCosmetic(True)
            painter.strokePath(path, pen)
