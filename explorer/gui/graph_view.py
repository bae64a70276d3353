"""The graph: a scene of actors and bundled claims, and the view that pans, zooms and places labels.

The scene receives core records (actors, claims, positions, a :class:`Visible` set) and emits the
IRIs of what the user picks; it never sees RDF. Labels are planned in screen space after every
zoom or pan (debounced): the most connected actors first, then every other label that fits without
covering another label or node, so the picture never turns into a pile of text.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGestureEvent,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QPinchGesture,
    QToolTip,
    QWidget,
)

from explorer.core.filters import Visible
from explorer.core.knowledge import KnowledgeBase
from explorer.gui.graph_items import LABEL_SLOTS, Bundle, EdgeLayer, NodeItem, OverlayLayer, union_rect
from explorer.gui.style import (
    KIND_ORDER,
    category_colour,
    kind_colour,
    node_path,
    outline_colour,
    plain_tooltip,
)

Position = tuple[float, float]

MIN_SCALE = 0.02
MAX_SCALE = 12.0
LABEL_POINT_SIZE = 9.0
PICK_TOLERANCE_PX = 6.0
FIT_MARGIN_PX = 12.0
#: Labels tried per plan beyond the forced ones: more than any screen can hold without overlap.
MAX_LABEL_TRIES = 700


class GraphScene(QGraphicsScene):
    """Actors as :class:`NodeItem`, visible claims as bundles painted by one layer per category."""

    actorActivated = Signal(str)  # double-click on an actor
    bundleSelected = Signal(list)  # the claim IRIs of a clicked edge
    nodeMoved = Signal(str)
    labelsDirty = Signal()  # something changed what labels should show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.kb: KnowledgeBase | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.layers: dict[str, EdgeLayer] = {}
        self.bundles: list[Bundle] = []
        self.visible = Visible(frozenset())
        self._bundle_of_claim: dict[str, Bundle] = {}
        self._bundles_at: dict[str, list[Bundle]] = defaultdict(list)
        self._neighbours: dict[str, set[str]] = defaultdict(set)
        self.selected_bundles: list[Bundle] = []
        self.path_bundles: list[Bundle] = []
        self.path_actors: set[str] = set()
        self.hover_actor: str | None = None
        self._placing = False
        self.colours: dict[str, QColor] = {}
        self.label_font = QFont()
        self.bold_font = QFont()
        self.refresh_style()
        self.overlay = OverlayLayer(self)
        self.addItem(self.overlay)
        self.selectionChanged.connect(self._on_selection_changed)

    # ---------------------------------------------------------------- style

    def refresh_style(self) -> None:
        palette = self.palette()
        halo = QColor(palette.color(QPalette.ColorRole.Base))
        halo.setAlpha(215)
        self.colours = {
            "text": palette.color(QPalette.ColorRole.Text),
            "outline": outline_colour(palette),
            "highlight": palette.color(QPalette.ColorRole.Highlight),
            "highlighted_text": palette.color(QPalette.ColorRole.HighlightedText),
            "halo": halo,
            "base": palette.color(QPalette.ColorRole.Base),
        }
        self.label_font = QFont(QApplication.font())
        self.label_font.setPointSizeF(LABEL_POINT_SIZE)
        self.bold_font = QFont(self.label_font)
        self.bold_font.setBold(True)
        for node in self.nodes.values():
            node.prepareGeometryChange()
            node.refresh_label_metrics()
            node.update()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.refresh_style()
            self.labelsDirty.emit()
        return super().event(event)

    # ---------------------------------------------------------------- building

    def set_graph(
        self,
        kb: KnowledgeBase,
        positions: Mapping[str, Position],
        visible: Visible | None = None,
        major: int = 8,
    ) -> None:
        """Show a new knowledge base: one node per actor, at ``positions`` (the origin when missing)."""
        for item in list(self.nodes.values()) + list(self.layers.values()):
            self.removeItem(item)
        self.kb = kb
        self.nodes = {}
        self.layers = {}
        self.bundles = []
        self.selected_bundles, self.path_bundles, self.path_actors = [], [], set()
        self.hover_actor = None
        self._placing = True
        ranked = sorted(kb.actors.values(), key=lambda a: (-kb.degree(a.iri), a.label))
        majors = {a.iri for a in ranked[:major] if kb.degree(a.iri) > 0}
        for actor in ranked:
            node = NodeItem(self, actor, kb.degree(actor.iri))
            node.major = actor.iri in majors
            node.refresh_label_metrics()
            x, y = positions.get(actor.iri, (0.0, 0.0))
            node.setPos(x, y)
            self.addItem(node)
            self.nodes[actor.iri] = node
        for category in kb.categories:
            layer = EdgeLayer(self, category, category_colour(category))
            self.addItem(layer)
            self.layers[category] = layer
        self._placing = False
        self.set_visible(visible or Visible(frozenset(kb.actors), tuple(kb.claims)))

    def set_visible(self, visible: Visible) -> None:
        """Show only these actors and claims (rebuilds the bundles, keeps positions)."""
        assert self.kb is not None
        kb = self.kb
        self.visible = visible
        for iri, node in self.nodes.items():
            node.setVisible(iri in visible.actors)
        grouped: dict[tuple[str, str, str], Bundle] = {}
        for iri in visible.claims:
            claim = kb.claims[iri]
            if (
                claim.subject == claim.object
                or claim.subject not in self.nodes
                or claim.object not in self.nodes
            ):
                continue
            relation = kb.relations[claim.predicate]
            a, b = sorted(claim.ends)
            key = (a, b, relation.category)
            bundle = grouped.get(key)
            if bundle is None:
                bundle = grouped[key] = Bundle(a, b, relation.category)
            bundle.claims.append(iri)
            if not relation.symmetric:
                if claim.subject == a:
                    bundle.forward = True
                else:
                    bundle.backward = True
        per_pair: dict[tuple[str, str], list[Bundle]] = defaultdict(list)
        for bundle in grouped.values():
            per_pair[(bundle.a, bundle.b)].append(bundle)
        for siblings in per_pair.values():
            siblings.sort(key=lambda bu: bu.category)
            for i, bundle in enumerate(siblings):
                bundle.bend = i - (len(siblings) - 1) / 2
        self.bundles = list(grouped.values())
        self._bundle_of_claim = {c: bu for bu in self.bundles for c in bu.claims}
        self._bundles_at = defaultdict(list)
        self._neighbours = defaultdict(set)
        for bundle in self.bundles:
            self._bundles_at[bundle.a].append(bundle)
            self._bundles_at[bundle.b].append(bundle)
            self._neighbours[bundle.a].add(bundle.b)
            self._neighbours[bundle.b].add(bundle.a)
            bundle.place(self.nodes[bundle.a].pos(), self.nodes[bundle.b].pos())
        by_category: dict[str, list[Bundle]] = defaultdict(list)
        for bundle in self.bundles:
            by_category[bundle.category].append(bundle)
        for category in by_category:
            if category not in self.layers:
                layer = EdgeLayer(self, category, category_colour(category))
                self.addItem(layer)
                self.layers[category] = layer
        for category, layer in self.layers.items():
            layer.set_bundles(by_category.get(category, []))
        self.selected_bundles = self._remap(self.selected_bundles)
        self.path_bundles = self._remap(self.path_bundles)
        self._refresh_highlights()
        self.labelsDirty.emit()

    def _remap(self, bundles: Iterable[Bundle]) -> list[Bundle]:
        claims = [c for bu in bundles for c in bu.claims]
        return self.bundles_of(claims)

    # ---------------------------------------------------------------- lookups

    def node(self, iri: str) -> NodeItem | None:
        return self.nodes.get(iri)

    def radius_of(self, iri: str) -> float:
        node = self.nodes.get(iri)
        return node.radius if node is not None else 0.0

    def visible_nodes(self) -> list[NodeItem]:
        return [n for n in self.nodes.values() if n.isVisible()]

    def neighbours(self, iri: str) -> set[str]:
        return set(self._neighbours.get(iri, ()))

    def bundles_of(self, claims: Iterable[str]) -> list[Bundle]:
        out: dict[int, Bundle] = {}
        for claim in claims:
            bundle = self._bundle_of_claim.get(claim)
            if bundle is not None:
                out[id(bundle)] = bundle
        return list(out.values())

    def bundle_at(self, pos: QPointF, tolerance: float) -> Bundle | None:
        best, best_distance = None, tolerance
        for bundle in self.bundles:
            if not bundle.bounds().adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(pos):
                continue
            distance = bundle.distance(pos)
            if distance <= best_distance:
                best, best_distance = bundle, distance
        return best

    def graph_rect(self, label_scale: float | None = None) -> QRectF:
        """The visible nodes' extent; with ``label_scale``, including a label below each node."""
        rects = []
        for node in self.visible_nodes():
            outline = node.mapRectToScene(node.shape().boundingRect())
            rects.append(outline)
            if label_scale is not None:
                rects.append(node.mapRectToScene(node.label_rect("below", label_scale)))
        return union_rect(rects)

    def positions(self) -> dict[str, Position]:
        return {iri: (n.pos().x(), n.pos().y()) for iri, n in self.nodes.items()}

    def describe_bundle(self, bundle: Bundle) -> str:
        assert self.kb is not None
        kb = self.kb
        lines = [f"{kb.label(bundle.a)} – {kb.label(bundle.b)} · {kb.label(bundle.category)}"]
        for claim in bundle.claims[:8]:
            lines.append("• " + kb.describe(kb.claims[claim]))
        if bundle.count > 8:
            lines.append(f"… and {bundle.count - 8} more")
        return "\n".join(lines)

    # ---------------------------------------------------------------- moving

    def set_positions(self, positions: Mapping[str, Position], keep_pinned: bool = True) -> None:
        self._placing = True
        try:
            for iri, node in self.nodes.items():
                if keep_pinned and node.pinned:
                    continue
                node.pinned = False if not keep_pinned else node.pinned
                if iri in positions:
                    node.setPos(*positions[iri])
                node.update()
        finally:
            self._placing = False
        for bundle in self.bundles:
            bundle.place(self.nodes[bundle.a].pos(), self.nodes[bundle.b].pos())
        for layer in self.layers.values():
            layer.rebuild()
        self._refresh_highlights()
        self.labelsDirty.emit()

    def node_moved(self, node: NodeItem) -> None:
        if self._placing:
            return
        if not node.pinned:
            node.pinned = True
            node.update()
        categories = set()
        for bundle in self._bundles_at.get(node.iri, ()):
            bundle.place(self.nodes[bundle.a].pos(), self.nodes[bundle.b].pos())
            categories.add(bundle.category)
        for category in categories:
            self.layers[category].rebuild()
        self._refresh_highlights()
        self.nodeMoved.emit(node.iri)

    # ---------------------------------------------------------------- highlighting

    def selected_actor(self) -> str | None:
        chosen = [i for i in self.selectedItems() if isinstance(i, NodeItem)]
        return chosen[0].iri if len(chosen) == 1 else None

    def select_actor(self, iri: str | None) -> None:
        self.clearSelection()
        if iri is not None and iri in self.nodes:
            self.nodes[iri].setSelected(True)

    def select_bundle(self, bundle: Bundle | None) -> None:
        """An edge the user picked: highlight it and announce its claims."""
        self.clearSelection()
        self.selected_bundles = [bundle] if bundle is not None else []
        self._refresh_highlights()
        if bundle is not None:
            self.bundleSelected.emit(list(bundle.claims))

    def highlight_claims(self, claims: Iterable[str]) -> list[Bundle]:
        """Highlight the edges carrying these claims (a claim chosen in the evidence panel)."""
        self.selected_bundles = self.bundles_of(claims)
        self._refresh_highlights()
        return self.selected_bundles

    def highlight_path(self, actors: Iterable[str], claims: Iterable[str]) -> None:
        for iri in self.path_actors:
            if iri in self.nodes:
                self.nodes[iri].set_emphasised(False)
        self.path_actors = set(actors)
        self.path_bundles = self.bundles_of(claims)
        self._refresh_highlights()
        self.labelsDirty.emit()

    def set_hover(self, iri: str | None) -> None:
        if iri == self.hover_actor:
            return
        self.hover_actor = iri
        self._refresh_highlights()
        self.labelsDirty.emit()

    def _on_selection_changed(self) -> None:
        if self.selectedItems():
            self.selected_bundles = []
        self._refresh_highlights()
        self.labelsDirty.emit()

    def _refresh_highlights(self) -> None:
        focus = self.hover_actor or self.selected_actor()
        near = self._neighbours.get(focus, set()) if focus else set()
        emphasised = near | self.path_actors
        for iri, node in self.nodes.items():
            node.set_emphasised(iri in emphasised)
        dim = bool(focus or self.path_bundles)
        for layer in self.layers.values():
            layer.setOpacity(0.28 if dim else 1.0)
        strokes: list[tuple[Bundle, QColor, float]] = []
        if focus:
            strokes += [(bu, category_colour(bu.category), 2.6) for bu in self._bundles_at.get(focus, ())]
        highlight = self.colours["highlight"]
        strokes += [(bu, highlight, 4.0) for bu in self.path_bundles]
        strokes += [(bu, highlight, 5.0) for bu in self.selected_bundles]
        self.overlay.set_strokes(strokes)

    def draw_badge(self, painter: QPainter, pos: QPointF, count: int, colour: QColor, lod: float) -> None:
        """A small count on an edge that carries several claims (constant size on screen)."""
        painter.save()
        painter.translate(pos)
        painter.scale(1 / lod, 1 / lod)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(self.colours["base"])
        painter.drawEllipse(QPointF(0, 0), 8.5, 8.5)
        painter.setPen(self.colours["text"])
        font = QFont(self.label_font)
        font.setPointSizeF(LABEL_POINT_SIZE - 1.5)
        painter.setFont(font)
        painter.drawText(QRectF(-9, -9, 18, 18), int(Qt.AlignmentFlag.AlignCenter), str(count))
        painter.restore()

    # ---------------------------------------------------------------- labels

    def plan_labels(self, scale: float, area: QRectF) -> None:
        """Decide which labels show at ``scale`` (pixels per scene unit) for nodes inside ``area``.

        Greedy in order of importance; a label is placed in the first of four slots around its node
        that covers no label or node already placed. Chosen, hovered and path actors and the most
        connected ones always get a label.
        """
        if scale <= 0:
            return
        cell = 48.0
        grid: dict[tuple[int, int], list[tuple[QRectF, str]]] = defaultdict(list)

        def cells(rect: QRectF) -> Iterable[tuple[int, int]]:
            for gx in range(math.floor(rect.left() / cell), math.floor(rect.right() / cell) + 1):
                for gy in range(math.floor(rect.top() / cell), math.floor(rect.bottom() / cell) + 1):
                    yield gx, gy

        def free(rect: QRectF, owner: str) -> bool:
            for key in cells(rect):
                for other, who in grid[key]:
                    if who != owner and other.intersects(rect):
                        return False
            return True

        def overlap(rect: QRectF, owner: str) -> float:
            seen: set[int] = set()
            total = 0.0
            for key in cells(rect):
                for other, who in grid[key]:
                    if who != owner and id(other) not in seen and other.intersects(rect):
                        seen.add(id(other))
                        common = other.intersected(rect)
                        total += common.width() * common.height()
            return total

        def occupy(rect: QRectF, owner: str) -> None:
            for key in cells(rect):
                grid[key].append((rect, owner))

        def on_screen(node: NodeItem, rect: QRectF) -> QRectF:
            top_left = (node.pos() + rect.topLeft()) * scale
            return QRectF(top_left.x(), top_left.y(), rect.width() * scale, rect.height() * scale)

        margin = 200 / scale
        region = area.adjusted(-margin, -margin, margin, margin)
        shown = [n for n in self.nodes.values() if n.isVisible()]
        inside = [n for n in shown if region.contains(n.pos())]
        label_scale = 1 / scale
        for node in inside:
            outline = node.shape().boundingRect()
            occupy(on_screen(node, outline.adjusted(-2, -2, 2, 2)), node.iri)
        selected = {i.iri for i in self.selectedItems() if isinstance(i, NodeItem)}
        focus = {self.hover_actor} | selected | self.path_actors

        def rank(node: NodeItem) -> tuple:
            return (
                node.iri not in focus,
                not node.emphasised,
                not node.major,
                -node.degree,
                node.actor.label,
            )

        budget = MAX_LABEL_TRIES
        for node in sorted(inside, key=rank):
            forced = node.iri in focus or node.major
            placed = None
            if not forced:
                budget -= 1
                if budget < 0 or node.radius * scale < 1.5:  # past what a screen can hold, or a speck
                    node.set_label(False, node.label_slot, label_scale)
                    continue
            for slot in LABEL_SLOTS:
                rect = on_screen(node, node.label_rect(slot, label_scale))
                if free(rect, node.iri):
                    placed = slot
                    occupy(rect, node.iri)
                    break
            if placed is None and forced:
                placed = min(
                    LABEL_SLOTS,
                    key=lambda slot: overlap(on_screen(node, node.label_rect(slot, label_scale)), node.iri),
                )
                occupy(on_screen(node, node.label_rect(placed, label_scale)), node.iri)
            node.set_label(placed is not None, placed or node.label_slot, label_scale)
        for node in shown:
            if node not in inside and node.label_visible:
                node.set_label(False)

    # ---------------------------------------------------------------- pictures

    def render_picture(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Draw the visible graph into ``painter`` (PNG or SVG export), labels planned for that scale."""
        scale = (
            min(target.width() / source.width(), target.height() / source.height()) if source.width() else 1
        )
        self.plan_labels(scale, source)
        nodes = self.visible_nodes()
        for node in nodes:  # draw shapes and text themselves (an SVG gets vectors, not cached pixmaps)
            node.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            self.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            for node in nodes:
                node.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.labelsDirty.emit()


class LegendWidget(QWidget):
    """What shapes and colours mean: actor kinds on the left, relation categories on the right."""

    ROW = 18

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.kinds: list[str] = []
        self.categories: list[tuple[str, QColor]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_entries(self, kinds: list[str], categories: list[tuple[str, QColor]]) -> None:
        self.kinds = [k for k in KIND_ORDER if k in kinds] + sorted(k for k in kinds if k not in KIND_ORDER)
        self.categories = categories
        self.resize(self.sizeHint())
        self.update()

    def _column_width(self, names: Iterable[str]) -> float:
        metrics = QFontMetricsF(self.font())
        return max((metrics.horizontalAdvance(n) for n in names), default=0) + 30

    def sizeHint(self) -> QSize:
        rows = max(len(self.kinds), len(self.categories))
        width = self._column_width(self.kinds) + self._column_width(c for c, _ in self.categories) + 16
        return QSize(int(width), rows * self.ROW + 12)

    def paintEvent(self, event: QEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        back = QColor(palette.color(QPalette.ColorRole.Window))
        back.setAlpha(225)
        painter.setPen(QPen(outline_colour(palette), 0.8))
        painter.setBrush(back)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        text = palette.color(QPalette.ColorRole.WindowText)
        y0 = 6 + self.ROW / 2
        for i, kind in enumerate(self.kinds):
            y = y0 + i * self.ROW
            painter.save()
            painter.translate(16, y)
            painter.setPen(QPen(outline_colour(palette), 1))
            painter.setBrush(kind_colour(kind))
            painter.drawPath(node_path(kind, 5.5))
            painter.restore()
            painter.setPen(text)
            painter.drawText(
                QRectF(28, y - self.ROW / 2, 200, self.ROW), int(Qt.AlignmentFlag.AlignVCenter), kind
            )
        x = 8 + self._column_width(self.kinds)
        for i, (label, colour) in enumerate(self.categories):
            y = y0 + i * self.ROW
            painter.setPen(QPen(colour, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(QPointF(x + 2, y), QPointF(x + 18, y))
            painter.setPen(text)
            painter.drawText(
                QRectF(x + 24, y - self.ROW / 2, 300, self.ROW), int(Qt.AlignmentFlag.AlignVCenter), label
            )
        painter.end()


class GraphView(QGraphicsView):
    """Pan by dragging, zoom by wheel, pinch or keys; click edges; labels re-planned after each move."""

    firstPaint = Signal()
    zoomChanged = Signal(float)
    actorMenuRequested = Signal(str, QPoint)  # actor IRI, where (global)

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.graph = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("graph of actors and claims")
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self._first_paint_done = False
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(30)
        self._plan_timer.timeout.connect(self.plan_labels)
        scene.labelsDirty.connect(self.schedule_labels)
        self.horizontalScrollBar().valueChanged.connect(self.schedule_labels)
        self.verticalScrollBar().valueChanged.connect(self.schedule_labels)
        self.legend = LegendWidget(self)
        self.legend.move(8, 8)

    # ---------------------------------------------------------------- zoom

    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        current = self.scale_factor()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        self.scale(factor, factor)
        self.zoomChanged.emit(self.scale_factor())
        self.schedule_labels()

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(1 / 1.25)

    def fit(self) -> None:
        """Show every visible actor with its label, leaving room for the legend."""
        rect = self.graph.graph_rect()
        if rect.isEmpty():
            return
        self._grow_scene_rect(rect)
        port = self.viewport().rect()
        legend = self.legend.height() + 8 if self.legend.isVisible() else 0
        width = max(port.width() - 2 * FIT_MARGIN_PX, 50)
        height = max(port.height() - legend - 2 * FIT_MARGIN_PX, 50)
        scale = min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0), 1.6)
        for _ in range(3):  # labels keep their size on screen, so their extent depends on the scale
            rect = self.graph.graph_rect(label_scale=1 / scale)
            scale = min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0), 1.6)
        self.resetTransform()
        self.scale(scale, scale)
        centre = rect.center()
        centre.setY(centre.y() - legend / 2 / scale)
        self.centerOn(centre)
        self.zoomChanged.emit(self.scale_factor())
        self.plan_labels()

    def _grow_scene_rect(self, rect: QRectF) -> None:
        """A generous scene rect, so the user can pan past the graph's edge."""
        pad = max(rect.width(), rect.height(), 400)
        self.setSceneRect(rect.adjusted(-pad, -pad, pad, pad))

    def centre_on_actor(self, iri: str) -> bool:
        node = self.graph.node(iri)
        if node is None or not node.isVisible():
            return False
        if self.scale_factor() < 0.8:
            self.zoom_by(0.8 / self.scale_factor())
        self.centerOn(node.scenePos())
        self.plan_labels()
        return True

    # ---------------------------------------------------------------- labels

    def schedule_labels(self) -> None:
        self._plan_timer.start()

    def plan_labels(self) -> None:
        self._plan_timer.stop()
        area = self.mapToScene(self.viewport().rect()).boundingRect()
        self.graph.plan_labels(self.scale_factor(), area)

    def set_legend(self, kinds: list[str], categories: list[tuple[str, QColor]]) -> None:
        self.legend.set_entries(kinds, categories)

    # ---------------------------------------------------------------- events

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta:
            self.zoom_by(math.pow(1.0015, delta))
        event.accept()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_Escape:
            self.graph.select_bundle(None)
            self.graph.clearSelection()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.itemAt(event.position().toPoint())
            if not isinstance(item, NodeItem):
                pos = self.mapToScene(event.position().toPoint())
                bundle = self.graph.bundle_at(pos, PICK_TOLERANCE_PX / self.scale_factor())
                if bundle is not None:
                    self.graph.select_bundle(bundle)
                    event.accept()
                    return
                self.graph.select_bundle(None)
        super().mousePressEvent(event)

    def contextMenuEvent(self, event) -> None:
        item = self.itemAt(event.pos())
        if isinstance(item, NodeItem):
            self.graph.select_actor(item.iri)
            self.actorMenuRequested.emit(item.iri, event.globalPos())
            event.accept()
            return
        super().contextMenuEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ToolTip and not isinstance(self.itemAt(event.pos()), NodeItem):
            pos = self.mapToScene(event.pos())
            bundle = self.graph.bundle_at(pos, PICK_TOLERANCE_PX / self.scale_factor())
            if bundle is not None:
                QToolTip.showText(event.globalPos(), plain_tooltip(self.graph.describe_bundle(bundle)), self)
            else:
                QToolTip.hideText()
            return True
        if kind == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                if pinch.changeFlags() & QPinchGesture.ChangeFlag.ScaleFactorChanged:
                    self.zoom_by(pinch.scaleFactor())
                event.accept()
                return True
        if (
            kind == QEvent.Type.NativeGesture
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.zoom_by(1.0 + event.value())
            return True
        return super().viewportEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.schedule_labels()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._first_paint_done and self.graph.nodes:
            self._first_paint_done = True
            QTimer.singleShot(0, self, self.firstPaint.emit)  # cancelled if the view goes first


def selectable_item(item: QGraphicsItem | None) -> NodeItem | None:
    return item if isinstance(item, NodeItem) else None
