"""The edges drawn by an edge lens (quad class, intensity, PLOVER event) instead of by relation category.

While an edge lens is on, the category layers are hidden and this one item draws the scene's bundles,
each in the colour :func:`explorer.app.edge_lens.edge_colour` gives its claims: the bundles' own straight pieces
(QLineF, kept by each bundle) bucketed by colour, per mode, again when the scene's geometry or bundles change (it
watches ``QGraphicsScene.changed``): a switch back to a mode only repaints, and a frame costs a drawLines per
colour as the category layers' do.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.app.edge_lens import edge_colour
from explorer.gui.graph.edges import SMOOTH_LINES
from explorer.gui.graph.items import LOD_DETAIL, lod_of
from explorer.gui.theme import current_theme

if TYPE_CHECKING:
    from collections.abc import Iterator

    from explorer.gui.graph.bundles import Bundle


def _geometry(scene: Any) -> tuple[Any, ...]:
    """What the bucketed lines depend on besides the mode and keys: where the bundles' ends are, which bundles
    (the scene makes a new list when they change; the layer keeps the list it was built for, so the id is not
    reused meanwhile) and the theme. Not the scene's revision: labels and a node lens bump it."""
    return (scene.edge_places, id(scene.bundles), current_theme().name)


def _bucket_into(bundles: list[Bundle], mode: str, keys: dict[str, str], lines: dict[str, list[QLineF]],
                 colours: dict[int, str], known: dict[tuple[str, ...], str]) -> None:
    """Add ``bundles``' lines (kept by each bundle) to ``lines`` by colour (``known``: the colour of each key
    combination met so far, most edges share a handful); no path is built."""
    theme = current_theme()
    get = keys.get
    for bundle in bundles:
        if bundle.p0 is None:
            continue
        combination = tuple(get(c, "") for c in bundle.claims)
        colour = known.get(combination)
        if colour is None:
            colour = known[combination] = edge_colour(mode, combination, theme)
        colours[id(bundle)] = colour
        lines[colour].extend(bundle.segments())


class LensEdgeLayer(QGraphicsItem):
    """Every visible bundle, coloured by the edge lens."""

    def __init__(self, mode: str, keys: dict[str, str]) -> None:
        super().__init__()
        self.mode = mode
        self.keys = keys  # claim -> its key under the lens
        self.lines: dict[str, list[QLineF]] = {}  # colour -> the bundles' straight pieces in it
        self.colour_of: dict[int, str] = {}  # id(bundle) -> colour, for tests and tooltips
        self._rect = QRectF()
        self._seen: tuple[Any, ...] | None = None
        #: per mode, the lines of the scene's geometry last seen: a switch back to a mode only repaints
        self._built: dict[str, tuple[dict[str, str], dict[str, list[QLineF]], dict[int, str]]] = {}
        self._built_for: tuple[Any, ...] | None = None
        self._bundles: list[Bundle] = []  # the scene's list they were built for (keeps its id from reuse)
        self.setZValue(0.5)  # over the (hidden) category layers, under the highlights

    @property
    def paths(self) -> dict[str, list[QLineF]]:
        """The lines by colour (one entry per colour drawn)."""
        return self.lines

    def set_lens(self, mode: str, keys: dict[str, str]) -> None:
        self.mode, self.keys = mode, keys
        self._seen = None
        self.sync()

    def colour(self, bundle: Bundle) -> str:
        """The colour of ``bundle`` under the lens ('#rrggbb')."""
        return self.colour_of.get(id(bundle)) or edge_colour(self.mode, (self.keys.get(c, "") for c in bundle.claims),
                                                             current_theme())

    def sync(self) -> None:
        """Take the lines of the current mode if the scene's bundles or their places changed since the last time
        (from the kept ones when this mode was drawn on the same geometry)."""
        scene: Any = self.scene()
        if scene is None:
            return
        geometry = _geometry(scene)
        seen = (*geometry, self.mode, id(self.keys))
        if seen == self._seen:
            return
        self._seen = seen
        if geometry != self._built_for:
            self._built, self._built_for, self._bundles = {}, geometry, scene.bundles
        built = self._built.get(self.mode)
        if built is None or built[0] is not self.keys:
            built = self._built[self.mode] = (self.keys, *self._bucket(scene.bundles))
        _keys, lines, colours = built
        self.prepareGeometryChange()
        self.lines, self.colour_of = lines, colours
        rect = QRectF()
        for layer in getattr(scene, "layers", {}).values():  # the category layers hold the same bundles
            rect = rect.united(layer.boundingRect())
        self._rect = rect.adjusted(-10, -10, 10, 10)
        self.update()

    def _bucket(self, bundles: list[Bundle]) -> tuple[dict[str, list[QLineF]], dict[int, str]]:
        """The bundles' lines (kept by each bundle) by colour: no path is built."""
        lines: dict[str, list[QLineF]] = defaultdict(list)
        colours: dict[int, str] = {}
        _bucket_into(bundles, self.mode, self.keys, lines, colours, {})
        return dict(lines), colours

    def prepare_steps(self, scene: Any, mode: str, keys: dict[str, str], chunk: int = 4000) -> Iterator[None]:
        """Bucket the lines of ``scene``'s bundles under ``mode`` ahead of a switch to it, ``chunk`` bundles a step
        (a yield between steps, for the event loop's idle turns); dropped if the scene's geometry changes
        meanwhile. The layer need not be in the scene: :meth:`sync` takes what is prepared for its geometry."""
        geometry = _geometry(scene)
        if geometry != self._built_for:
            self._built, self._built_for, self._bundles = {}, geometry, scene.bundles
        built = self._built.get(mode)
        if built is not None and built[0] is keys:
            return
        lines: dict[str, list[QLineF]] = defaultdict(list)
        colours: dict[int, str] = {}
        known: dict[tuple[str, ...], str] = {}
        bundles = list(scene.bundles)
        for start in range(0, len(bundles), chunk):
            if start:
                yield
                if _geometry(scene) != geometry:
                    return  # stale: the scene changed meanwhile
            _bucket_into(bundles[start:start + chunk], mode, keys, lines, colours, known)
        if self._built_for == geometry and self._built.get(mode, (None,))[0] is not keys:
            self._built[mode] = (keys, dict(lines), colours)

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
        if sum(map(len, self.lines.values())) > SMOOTH_LINES:  # as the category layers: no antialiased tangle
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for colour, lines in self.lines.items():
            pen = QPen(QColor(colour), 2.2 if zoomed_in else 1.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(lines)
