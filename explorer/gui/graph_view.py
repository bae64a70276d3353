"""The graph: a scene of actors and bundled claims, and the view that pans, zooms and places labels.

The scene receives core records (actors, claims, positions, a :class:`Visible` set) and emits the
IRIs of what the user picks; it never sees RDF. Labels are planned in screen space after every
zoom or pan (debounced): the most connected actors first, then every other label that fits without
covering another label or node, so the picture never turns into a pile of text.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette, QPen, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QGestureEvent,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QPinchGesture,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from explorer.core.filters import Visible
from explorer.gui.graph_items import (
    LABEL_GAP_PX,
    Bundle,
    EdgeLayer,
    NodeItem,
    NodeLayer,
    OverlayLayer,
    label_offsets,
)
from explorer.gui.style import (
    KIND_ORDER,
    category_colour,
    kind_colour,
    node_path,
    outline_colour,
    plain_tooltip,
)

if TYPE_CHECKING:
    from explorer.core.knowledge import KnowledgeBase

Position = tuple[float, float]

MIN_SCALE = 0.02
MAX_SCALE = 12.0
LABEL_POINT_SIZE = 9.0
PICK_TOLERANCE_PX = 6.0
FIT_MARGIN_PX = 12.0
#: Labels tried per plan beyond the forced ones: more than any screen can hold without overlap.
MAX_LABEL_TRIES = 700
#: Items made or removed per step of build_graph (a few tens of milliseconds).
BUILD_STEP = 300
#: Scenes with fewer actors than this keep a pixmap of each node (see set_graph).
NODE_CACHE_MAX = 2000
#: A scene with more actors and edges than this is drawn from a snapshot while the view moves.
SNAPSHOT_MIN_PARTS = 4000
#: The view counts as still this long after the last zoom or scroll step.
SETTLE_MS = 160
#: How far a snapshot reaches past each side of the viewport, as a fraction of its size.
SNAPSHOT_MARGIN = 0.25
#: A large scene's picture is drawn over several turns of the event loop: the next category of edges
#: waits for the next turn once a turn has taken this long (seconds).
TURN_BUDGET = 0.03


#: A rectangle on screen as (left, top, right, bottom, owner): plain floats, as label planning
#: handles every actor in view after every move.
_Box = tuple[float, float, float, float, str]


class _Row(NamedTuple):
    """A visible actor's place as plain floats: its outline's scene rectangle, centre, radius and
    label size in pixels."""

    left: float
    top: float
    right: float
    bottom: float
    x: float
    y: float
    radius: float
    label_w: float
    label_h: float
    node: NodeItem


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
        #: Bumped by every change to what the scene shows but highlights (see look()).
        self.revision = 0
        #: Bumped when actors appear, vanish, move or change size (keys the caches of their places).
        self.geometry = 0
        self._rows: tuple[int, list[_Row]] = (-1, [])
        self._ranked: tuple[int, list[_Row]] = (-1, [])
        self._labelled: set[NodeItem] = set()  # actors whose labels show
        self._selected_nodes: set[NodeItem] = set()
        self._emphasised: set[NodeItem] = set()
        #: in a batched scene, the actors that paint themselves (see NodeItem.sync_contents)
        self.own_nodes: set[NodeItem] = set()
        #: A large scene: plain actors are drawn by node_layer, not each by itself.
        self.batched = False
        #: True while a view moves in snapshot mode: hover highlights wait until it stops.
        self.moving = False
        self.colours: dict[str, QColor] = {}
        self.label_font = QFont()
        self.bold_font = QFont()
        self.overlay = OverlayLayer(self)
        self.addItem(self.overlay)
        self.node_layer = NodeLayer(self)
        self.addItem(self.node_layer)
        self.refresh_style()
        self.selectionChanged.connect(self._on_selection_changed)

    # ---------------------------------------------------------------- style

    def refresh_style(self) -> None:
        self.revision += 1
        self.geometry += 1  # label sizes
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
        self._metrics = (QFontMetricsF(self.label_font), QFontMetricsF(self.bold_font))
        for node in self.nodes.values():
            node.prepareGeometryChange()
            node.refresh_label_metrics()
            node.update()
        self.node_layer.update()

    def metrics(self, bold: bool) -> QFontMetricsF:
        """The label font's metrics (one object for every node)."""
        return self._metrics[bold]

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
        for _done in self.build_graph(kb, positions, visible, major):
            pass

    def build_graph(
        self,
        kb: KnowledgeBase,
        positions: Mapping[str, Position],
        visible: Visible | None = None,
        major: int = 8,
    ) -> Iterator[float]:
        """:meth:`set_graph` in steps of a few tens of milliseconds, yielding the share done after each.

        A caller drives it from the event loop so that a graph of ten thousand actors does not
        freeze the window while its items are made; between two steps the scene is consistent
        (nodes first, then every edge at once).
        """
        old = list(self.nodes.values()) + list(self.layers.values())
        self.kb = kb
        self.nodes = {}
        self.layers = {}
        self.bundles = []
        self._bundle_of_claim, self._bundles_at, self._neighbours = {}, defaultdict(list), defaultdict(set)
        self.selected_bundles, self.path_bundles, self.path_actors = [], [], set()
        self.hover_actor = None
        self.revision += 1
        self.geometry += 1
        self._labelled, self._selected_nodes, self._emphasised, self.own_nodes = set(), set(), set(), set()
        for start in range(0, len(old), BUILD_STEP):
            for item in old[start:start + BUILD_STEP]:
                self.removeItem(item)
            yield 0.0
        ranked = sorted(kb.actors.values(), key=lambda a: (-kb.degree(a.iri), a.label))
        majors = {a.iri for a in ranked[:major] if kb.degree(a.iri) > 0}
        # A pixmap per node pays off while few nodes repaint; thousands overflow Qt's pixmap cache
        # (10 MB) and every zoom would allocate them all again: the plain ones are drawn in batches.
        self.batched = len(ranked) >= NODE_CACHE_MAX
        cached = not self.batched
        shown = visible.actors if visible is not None else None
        self._placing = True
        try:
            for start in range(0, len(ranked), BUILD_STEP):
                for actor in ranked[start:start + BUILD_STEP]:
                    node = NodeItem(self, actor, kb.degree(actor.iri), cached=cached, major=actor.iri in majors)
                    node.order = len(self.nodes)
                    x, y = positions.get(actor.iri, (0.0, 0.0))
                    node.setPos(x, y)
                    if shown is not None and actor.iri not in shown:
                        node.setVisible(False)
                    self.addItem(node)
                    self.nodes[actor.iri] = node
                yield 0.5 * min(start + BUILD_STEP, len(ranked)) / max(len(ranked), 1)
        finally:
            self._placing = False
        for category in kb.categories:
            layer = EdgeLayer(self, category, category_colour(category))
            self.addItem(layer)
            self.layers[category] = layer
        for done in self.show_steps(visible or Visible(frozenset(kb.actors), tuple(kb.claims))):
            yield 0.5 + 0.5 * done

    def set_visible(self, visible: Visible) -> None:
        """Show only these actors and claims (rebuilds the bundles, keeps positions)."""
        for _done in self.show_steps(visible):
            pass

    def show_steps(self, visible: Visible) -> Iterator[float]:
        """:meth:`set_visible` in steps; the scene changes only in the last one."""
        assert self.kb is not None
        kb = self.kb
        grouped: dict[tuple[str, str, str], Bundle] = {}
        kinds = {iri: (r.category, r.symmetric) for iri, r in kb.relations.items()}
        nodes, claims = self.nodes, kb.claims
        chosen = list(visible.claims)
        step = BUILD_STEP * 8
        for start in range(0, len(chosen), step):
            for iri in chosen[start:start + step]:
                claim = claims[iri]
                subject, obj = claim.subject, claim.object
                if subject == obj or subject not in nodes or obj not in nodes:
                    continue
                category, symmetric = kinds[claim.predicate]
                a, b = (subject, obj) if subject < obj else (obj, subject)
                key = (a, b, category)
                bundle = grouped.get(key)
                if bundle is None:
                    bundle = grouped[key] = Bundle(a, b, category)
                bundle.claims.append(iri)
                if not symmetric:
                    if subject == a:
                        bundle.forward = True
                    else:
                        bundle.backward = True
            yield 0.3 * min(start + step, len(chosen)) / max(len(chosen), 1)
        per_pair: dict[tuple[str, str], list[Bundle]] = defaultdict(list)
        bundles = list(grouped.values())
        step = BUILD_STEP * 50
        for start in range(0, len(bundles), step):
            for bundle in bundles[start:start + step]:
                per_pair[(bundle.a, bundle.b)].append(bundle)
            yield 0.3 + 0.01 * min(start + step, len(bundles)) / max(len(bundles), 1)
        for siblings in per_pair.values():
            if len(siblings) > 1:  # several categories between one pair: bowed apart
                siblings.sort(key=lambda bu: bu.category)
                for i, bundle in enumerate(siblings):
                    bundle.bend = i - (len(siblings) - 1) / 2
        yield 0.32
        where = {iri: node.pos() for iri, node in nodes.items()}
        yield 0.35
        step = BUILD_STEP * 4
        for start in range(0, len(bundles), step):
            for bundle in bundles[start:start + step]:
                bundle.place(where[bundle.a], where[bundle.b])
            yield 0.35 + 0.35 * min(start + step, len(bundles)) / max(len(bundles), 1)
        by_category: dict[str, list[Bundle]] = defaultdict(list)
        for bundle in bundles:
            by_category[bundle.category].append(bundle)
        for category in by_category:
            if category not in self.layers:
                layer = EdgeLayer(self, category, category_colour(category))
                self.addItem(layer)
                self.layers[category] = layer
        of_claim: dict[str, Bundle] = {}
        at: dict[str, list[Bundle]] = defaultdict(list)
        neighbours: dict[str, set[str]] = defaultdict(set)
        step = BUILD_STEP * 30
        for start in range(0, len(bundles), step):
            for bundle in bundles[start:start + step]:
                a, b = bundle.a, bundle.b
                for claim in bundle.claims:
                    of_claim[claim] = bundle
                at[a].append(bundle)
                at[b].append(bundle)
                neighbours[a].add(b)
                neighbours[b].add(a)
            yield 0.7 + 0.02 * min(start + step, len(bundles)) / max(len(bundles), 1)
        # from here on the scene shows the new set
        self.visible = visible
        self.revision += 1
        self.geometry += 1
        for iri, node in self.nodes.items():
            shown = iri in visible.actors
            if node.isVisible() != shown:
                node.setVisible(shown)
        self.bundles = bundles
        self._bundle_of_claim, self._bundles_at, self._neighbours = of_claim, at, neighbours
        self.selected_bundles = self._remap(self.selected_bundles)
        self.path_bundles = self._remap(self.path_bundles)
        self._refresh_highlights()
        yield 0.75
        for i, (category, layer) in enumerate(self.layers.items()):  # one layer's edges per step
            layer.set_bundles(by_category.get(category, []))
            yield 0.75 + 0.22 * (i + 1) / max(len(self.layers), 1)
        yield from self._row_steps(0.97, 0.98)  # where the actors are, for fitting, labels, the node layer
        self._ranked_rows()
        yield 0.99
        self.node_layer.mark_dirty()
        self.node_layer.rebuild()
        self.labelsDirty.emit()
        yield 1.0

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
        x, y = pos.x(), pos.y()
        for bundle in self.bundles:
            left, top, right, bottom = bundle.box
            if not (left - tolerance <= x <= right + tolerance and top - tolerance <= y <= bottom + tolerance):
                continue
            distance = bundle.distance(pos)
            if distance <= best_distance:
                best, best_distance = bundle, distance
        return best

    def graph_rect(self, label_scale: float | None = None) -> QRectF:
        """The visible nodes' extent; with ``label_scale``, including a label below each node."""
        rows = self.visible_rows()
        if not rows:
            return QRectF()
        left = min(r.left for r in rows)
        top = min(r.top for r in rows)
        right = max(r.right for r in rows)
        bottom = max(r.bottom for r in rows)
        if label_scale is not None:  # a label below each node: centred, under the node's radius
            s = label_scale
            gap = LABEL_GAP_PX * s
            left = min(left, min(r.x - r.label_w * s / 2 for r in rows))
            right = max(right, max(r.x + r.label_w * s / 2 for r in rows))
            bottom = max(bottom, max(r.y + r.radius + gap + r.label_h * s for r in rows))
        return QRectF(left, top, right - left, bottom - top) if left <= right else QRectF()

    def visible_rows(self) -> list[_Row]:
        """Per visible node: where it is, as plain floats (kept until actors move, appear or vanish:
        fit() asks for the extent at several scales, and label planning after every move)."""
        for _done in self._row_steps(0.0, 1.0):
            pass
        return self._rows[1]

    def _row_steps(self, start: float, end: float) -> Iterator[float]:
        """Make :meth:`visible_rows` anew if the actors changed, a few thousand per step (40 ms at 10k)."""
        if self._rows[0] == self.geometry:
            return
        rows: list[_Row] = []
        nodes = list(self.nodes.values())
        step = BUILD_STEP * 10
        for first in range(0, len(nodes), step):
            for node in nodes[first:first + step]:
                if node.isVisible():
                    pos, outline, label = node.pos(), node.outline_rect, node.label_px()
                    x, y = pos.x(), pos.y()
                    rows.append(_Row(x + outline.left(), y + outline.top(), x + outline.right(), y + outline.bottom(),
                                     x, y, node.radius, label.width(), label.height(), node))
            if first + step < len(nodes):
                yield start + (end - start) * (first + step) / len(nodes)
        self._rows = (self.geometry, rows)
        yield end

    def _ranked_rows(self) -> list[_Row]:
        """The visible nodes' rows, the most important first (the major actors, then by degree and name):
        the order in which labels claim their places, but for the actors in focus."""
        if self._ranked[0] != self.geometry:
            rows = self.visible_rows()
            self._ranked = (self.geometry, sorted(rows, key=lambda r: (not r.node.major, -r.node.degree,
                                                                        r.node.actor.label)))
        return self._ranked[1]

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
        self.geometry += 1
        self.node_layer.mark_dirty()
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
        self.revision += 1
        self._refresh_highlights()
        self.labelsDirty.emit()

    def nodes_moved(self, nodes: Iterable[NodeItem]) -> None:
        """The user dragged these nodes: they stay where put (pinned) and their edges follow."""
        if self._placing:
            return
        moved = list(nodes)
        self.geometry += 1
        categories = set()
        for node in moved:
            if not node.pinned:
                node.pinned = True
                node.update()
            for bundle in self._bundles_at.get(node.iri, ()):
                bundle.place(self.nodes[bundle.a].pos(), self.nodes[bundle.b].pos())
                categories.add(bundle.category)
        for category in categories:
            self.layers[category].rebuild()
        self.revision += 1
        self._refresh_highlights()
        for node in moved:
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
        self.path_actors = set(actors)
        self.path_bundles = self.bundles_of(claims)
        self._refresh_highlights()
        self.labelsDirty.emit()

    def set_hover(self, iri: str | None) -> None:
        if iri == self.hover_actor or (self.moving and iri is not None):
            return
        self.hover_actor = iri
        self._refresh_highlights()
        self.labelsDirty.emit()

    def _on_selection_changed(self) -> None:
        selected = {i for i in self.selectedItems() if isinstance(i, NodeItem)}
        for node in selected ^ self._selected_nodes:
            node.sync_contents()
        self._selected_nodes = selected
        if self.selectedItems():
            self.selected_bundles = []
        self._refresh_highlights()
        self.labelsDirty.emit()

    def look(self) -> tuple:
        """What the scene shows, as a value: a view's snapshot of another look is stale. Highlights
        count by what they are, so hovering an actor and leaving it again changes nothing."""
        selected = tuple(sorted(i.iri for i in self.selectedItems() if isinstance(i, NodeItem)))
        edges = tuple(id(b) for b in self.selected_bundles + self.path_bundles)
        return self.revision, self.hover_actor, selected, tuple(sorted(self.path_actors)), edges

    def _refresh_highlights(self) -> None:
        focus = self.hover_actor or self.selected_actor()
        near = self._neighbours.get(focus, set()) if focus else set()
        emphasised = {self.nodes[iri] for iri in near | self.path_actors if iri in self.nodes}
        for node in self._emphasised - emphasised:
            node.set_emphasised(False)
        for node in emphasised - self._emphasised:
            node.set_emphasised(True)
        self._emphasised = emphasised
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

        Greedy in order of importance; a label is placed in the first of eight slots around its node
        that covers no label or node already placed. Chosen, hovered and path actors and the most
        connected ones always get a label.
        """
        if scale <= 0:
            return
        cell = 48.0
        grid: dict[tuple[int, int], list[_Box]] = defaultdict(list)  # what labels must not cover
        labels: dict[tuple[int, int], list[_Box]] = defaultdict(list)  # the labels alone
        floor = math.floor

        def cells(box: _Box) -> list[tuple[int, int]]:
            x0, x1 = floor(box[0] / cell), floor(box[2] / cell)
            y0, y1 = floor(box[1] / cell), floor(box[3] / cell)
            return [(gx, gy) for gx in range(x0, x1 + 1) for gy in range(y0, y1 + 1)]

        def free(box: _Box) -> bool:
            left, top, right, bottom, owner = box
            for gx in range(floor(left / cell), floor(right / cell) + 1):
                for gy in range(floor(top / cell), floor(bottom / cell) + 1):
                    for other in grid.get((gx, gy), ()):
                        if other[0] < right and left < other[2] and other[1] < bottom and top < other[3] \
                                and other[4] != owner:
                            return False
            return True

        def overlap(box: _Box) -> float:
            left, top, right, bottom, owner = box
            seen: set[int] = set()
            total = 0.0
            for key in cells(box):
                for other in labels.get(key, ()):
                    if other[4] != owner and id(other) not in seen and other[0] < right and left < other[2] \
                            and other[1] < bottom and top < other[3]:
                        seen.add(id(other))
                        total += (min(right, other[2]) - max(left, other[0])) * (
                            min(bottom, other[3]) - max(top, other[1]))
            return total

        def occupy(box: _Box, label: bool = False) -> None:
            for key in cells(box):
                grid[key].append(box)
                if label:
                    labels[key].append(box)

        def slots(row: _Row) -> list[tuple[str, _Box]]:
            """The label's box in each slot, in pixels."""
            cx, cy, w, h, iri = row.x * scale, row.y * scale, row.label_w, row.label_h, row.node.iri
            return [(slot, (cx + dx, cy + dy, cx + dx + w, cy + dy + h, iri))
                    for slot, (dx, dy) in label_offsets(row.radius * scale, w, h).items()]

        view = (area.left() * scale, area.top() * scale, area.right() * scale, area.bottom() * scale)

        def seen(box: _Box) -> bool:
            """Wholly in the area: a label cut by the window's edge is no label."""
            return view[0] <= box[0] and box[2] <= view[2] and view[1] <= box[1] and box[3] <= view[3]

        margin = 200 / scale
        left, top = area.left() - margin, area.top() - margin
        right, bottom = area.right() + margin, area.bottom() + margin
        label_scale = 1 / scale
        inside = [r for r in self._ranked_rows() if left <= r.x <= right and top <= r.y <= bottom]
        for row in inside:  # every node in view keeps labels off itself (most fit one cell)
            x, y, r = row.x, row.y, row.radius
            box = ((x - r) * scale - 2, (y - r) * scale - 2, (x + r) * scale + 2, (y + r) * scale + 2, row.node.iri)
            gx, gy = floor(box[0] / cell), floor(box[1] / cell)
            if gx == floor(box[2] / cell) and gy == floor(box[3] / cell):
                grid[(gx, gy)].append(box)
            else:
                occupy(box)
        selected = {i.iri for i in self.selectedItems() if isinstance(i, NodeItem)}
        focus = {self.hover_actor} | selected | self.path_actors

        def rank(row: _Row) -> tuple:
            node = row.node
            return (node.iri not in focus, not node.emphasised, not node.major, -node.degree, node.actor.label)

        # the actors in focus and the emphasised ones first, then the rest in their standing order
        first = sorted((r for r in inside if r.node.iri in focus or r.node.emphasised), key=rank)
        ahead = {id(r.node) for r in first}
        order = itertools.chain(first, (r for r in inside if id(r.node) not in ahead))
        changed = False
        labelled: set[NodeItem] = set()
        budget = MAX_LABEL_TRIES
        for row in order:
            node = row.node
            forced = node.iri in focus or node.major
            if not forced:
                if budget <= 0:
                    continue  # past what a screen can hold: only the major actors still get labels
                budget -= 1
                if row.radius * scale < 1.5:  # a speck
                    continue
            boxes = slots(row)
            placed = next(((slot, box) for slot, box in boxes if seen(box) and free(box)), None)
            if placed is None and forced:  # the slot covering the least of the labels already placed
                placed = min(boxes, key=lambda slot_box: (not seen(slot_box[1]), overlap(slot_box[1])))
            if placed is not None:
                occupy(placed[1], label=True)
                labelled.add(node)
                changed |= node.set_label(True, placed[0], label_scale)
        for node in self._labelled - labelled:
            changed |= node.set_label(False)
        self._labelled = labelled
        if changed:
            self.revision += 1

    # ---------------------------------------------------------------- pictures

    def edge_items(self) -> list[QGraphicsItem]:
        """The items that draw edges, in their stacking order: a layer per category, then the highlights."""
        return [*self.layers.values(), self.overlay]

    def draw_batched(self, painter: QPainter, exposed: QRectF, edges: Sequence[QGraphicsItem] | None = None,
                     actors: bool = True) -> None:
        """Draw the ``exposed`` part of a batched scene into ``painter`` (already mapping the scene),
        as QGraphicsScene.render would, but without visiting each of its thousands of plain actors:
        render() spends 50 ms on ten thousand items that paint nothing. The scene holds only these
        kinds of items; they are drawn in Qt's stacking order (by z, then by insertion): the edges
        (``edges``: all of :meth:`edge_items` when None), then the actors over them if ``actors``
        (parts of a picture drawn over several turns)."""
        option = QStyleOptionGraphicsItem()
        option.exposedRect = exposed
        layers = [*(self.edge_items() if edges is None else edges), *([self.node_layer] if actors else [])]
        for layer in layers:
            if layer.isVisible():
                painter.save()
                painter.setOpacity(layer.opacity())
                layer.paint(painter, option)
                painter.restore()
        if not actors:
            return
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        own = [(n, n.pos(), n.isSelected()) for n in sorted(self.own_nodes, key=lambda n: (n.zValue(), n.order))
               if n.isVisible()]
        for node, pos, selected in own:
            painter.save()
            painter.translate(pos)
            node.paint_shape(painter, selected, lod)
            painter.restore()
        # Then every label over every actor (Qt would draw a label under a busier neighbour drawn later:
        # the labels of the actors in focus are placed even where they cannot avoid other actors).
        for node, pos, selected in own:
            if node.shows_label(selected, lod):
                painter.save()
                painter.translate(pos)
                node.paint_label(painter, selected)
                painter.restore()

    def render_picture(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Draw the visible graph into ``painter`` (PNG or SVG export), labels planned for that scale."""
        scale = (
            min(target.width() / source.width(), target.height() / source.height()) if source.width() else 1
        )
        self.plan_labels(scale, source)
        nodes = self.visible_nodes()
        modes = [node.cacheMode() for node in nodes]
        for node in nodes:  # draw shapes and text themselves (an SVG gets vectors, not cached pixmaps)
            node.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            self.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            for node, mode in zip(nodes, modes, strict=True):
                node.setCacheMode(mode)
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
    """Pan by dragging, zoom by wheel, pinch or keys; click edges; labels re-planned after each move.

    A large scene (thousands of actors and edges) costs more than a frame to draw. While such a view
    moves, each frame shows a snapshot of the scene, taken when it last stood still, moved and
    scaled to the new view (a map viewer's trick); when the motion settles (``SETTLE_MS``) the
    labels are planned again and the scene is drawn in full, which also takes the next snapshot.
    """

    zoomChanged = Signal(float)
    actorMenuRequested = Signal(str, QPoint)  # actor IRI, where (global)

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setViewport(QWidget())  # made here: Qt's default resolves dozens of unused widget classes first
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
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(30)
        self._plan_timer.timeout.connect(self.plan_labels)
        scene.labelsDirty.connect(self.schedule_labels)
        self.horizontalScrollBar().valueChanged.connect(self.schedule_labels)
        self.verticalScrollBar().valueChanged.connect(self.schedule_labels)
        self.legend = LegendWidget(self)
        self.legend.move(8, 8)
        self._moving = False
        self._jumping = False  # fit() or centre_on_actor() at work
        self._snapshot: QImage | None = None
        self._snapshot_view = QTransform()  # snapshot pixels -> scene
        self._snapshot_key: tuple = ((),)  # what the snapshot was drawn for: look, transform, size (see _key)
        self._steps: tuple[tuple, Iterator[None]] | None = None  # a snapshot being drawn, and for what
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._draw_step)
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(SETTLE_MS)
        self._settle_timer.timeout.connect(self.settle)

    # ---------------------------------------------------------------- drawing large scenes while moving

    def uses_snapshots(self) -> bool:
        return len(self.graph.nodes) + len(self.graph.bundles) >= SNAPSHOT_MIN_PARTS

    def is_moving(self) -> bool:
        return self._moving

    def _motion(self) -> None:
        """A zoom or scroll step: from now until the view settles, frames come from the snapshot."""
        if self._jumping or not self.uses_snapshots() or not self.viewport().updatesEnabled():
            return  # (a scene being drawn grows, and the view scrolls: nothing is shown yet)
        if not self._moving:
            self.graph.set_hover(None)
            self._steps = None  # a picture being drawn for the view it leaves
            if self._snapshot is None or (self._snapshot_key[0] != self.graph.look() and not self.graph.batched):
                self._take_snapshot()  # (a large scene moves the picture it has, even if a highlight changed)
            self._moving = True
            self.graph.moving = True
        self._settle_timer.start()

    def settle(self) -> None:
        """The motion has stopped: plan the labels and draw the scene in full."""
        self._settle_timer.stop()
        if not self._moving:
            return
        self._moving = False
        self.graph.moving = False
        self.plan_labels()
        self.viewport().update()

    def _background(self) -> QColor:
        return self.viewport().palette().color(self.viewport().backgroundRole())

    def _key(self) -> tuple:
        """What a snapshot shows: the scene's look, the view's transform and size."""
        t = self.viewportTransform()
        size = self.viewport().size()
        return self.graph.look(), (t.m11(), t.m22(), t.dx(), t.dy()), (size.width(), size.height())

    def is_drawn(self) -> bool:
        """The view shows its scene as it is (false while a large scene's picture is being drawn)."""
        return not self.graph.batched or (self._snapshot is not None and self._snapshot_key == self._key())

    def _take_snapshot(self) -> None:
        """Draw the scene around the viewport into an image (with a margin for panning), at once."""
        for _step in self._snapshot_steps():
            pass

    def _snapshot_steps(self) -> Iterator[None]:
        """:meth:`_take_snapshot` in turns for a batched scene: its edges, as many categories a turn as fit
        in TURN_BUDGET, then its actors (20-70 ms at 10k actors); the new picture replaces the old at the
        end. (Zoomed in on a tangle of long edges, one category can take 100 ms: their pixels.)"""
        key = self._key()
        port = self.viewport().rect()
        mx, my = round(port.width() * SNAPSHOT_MARGIN), round(port.height() * SNAPSHOT_MARGIN)
        width, height = port.width() + 2 * mx, port.height() + 2 * my
        ratio = self.viewport().devicePixelRatioF()
        image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(self._background())
        inverted, _ok = self.viewportTransform().inverted()
        source = inverted.mapRect(QRectF(port.adjusted(-mx, -my, mx, my)))
        to_image = self.viewportTransform() * QTransform.fromTranslate(mx, my)
        if self.graph.batched:
            def painter_on_image() -> QPainter:
                painter = QPainter(image)
                painter.setRenderHints(self.renderHints())
                painter.setClipRect(QRectF(0, 0, width, height))  # (Qt strokes hairlines 40x slower unclipped)
                painter.setTransform(to_image)
                return painter

            painter, turn = painter_on_image(), time.perf_counter()
            for item in self.graph.edge_items():  # a category at a time, a turn ending past TURN_BUDGET
                if time.perf_counter() - turn > TURN_BUDGET:
                    painter.end()
                    yield
                    painter, turn = painter_on_image(), time.perf_counter()
                self.graph.draw_batched(painter, source, edges=[item], actors=False)
            painter.end()
            yield
            painter = painter_on_image()  # then the actors, over the edges
            self.graph.draw_batched(painter, source, edges=[], actors=True)
            painter.end()
        else:  # the scene's render, not the view's: the view's makes a style option for every item
            painter = QPainter(image)
            painter.setRenderHints(self.renderHints())
            self.graph.render(painter, QRectF(0, 0, width, height), source, Qt.AspectRatioMode.IgnoreAspectRatio)
            painter.end()
        self._snapshot = image
        self._snapshot_view = QTransform.fromTranslate(-mx, -my) * inverted
        self._snapshot_key = key

    def _draw_in_steps(self) -> None:
        """Start drawing a new snapshot over the next turns, unless one is on its way for this view."""
        key = self._key()
        if self._steps is None or self._steps[0] != key:
            self._steps = (key, self._snapshot_steps())
        self._step_timer.start()

    def _draw_step(self) -> None:
        if self._steps is None:
            return
        key, steps = self._steps
        if key != self._key() or self._moving:  # the view or the scene changed meanwhile: drawn again
            self._steps = None
            if not self._moving:
                self.viewport().update()
            return
        try:
            next(steps)
            self._step_timer.start()
        except StopIteration:
            self._steps = None
            self.viewport().update()

    def _paint_snapshot(self, event) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self._background())
        painter.setTransform(self._snapshot_view * self.viewportTransform())
        painter.drawImage(QPointF(0, 0), self._snapshot)
        painter.end()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._motion()
        super().scrollContentsBy(dx, dy)

    # ---------------------------------------------------------------- zoom

    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        current = self.scale_factor()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        self._motion()
        self.scale(factor, factor)
        self.zoomChanged.emit(self.scale_factor())
        self.schedule_labels()

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(1 / 1.25)

    def fit(self, plan: bool = True) -> None:
        """Show every visible actor with its label, leaving room for the legend (the labels planned
        here, or by the caller when ``plan`` is false: a large graph's take a turn of their own)."""
        rect = self.graph.graph_rect()
        if rect.isEmpty():
            return
        self._jumping = True  # a jump, not a motion: no snapshot of the view it leaves
        try:
            self._fit(rect)
        finally:
            self._jumping = False
        if plan:
            self.plan_labels()
        self.viewport().update()

    def _fit(self, rect: QRectF) -> None:
        self._grow_scene_rect(rect)
        port = self.viewport().rect()
        legend = self.legend.height() + 8 if self.legend.isVisible() else 0
        width = max(port.width() - 2 * FIT_MARGIN_PX, 50)
        height = max(port.height() - legend - 2 * FIT_MARGIN_PX, 50)
        scale = min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0), 1.6)
        # labels keep their size on screen, so their extent depends on the scale (negligible on a large graph)
        for _ in range(3 if len(self.graph.nodes) < NODE_CACHE_MAX else 1):
            rect = self.graph.graph_rect(label_scale=1 / scale)
            scale = min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0), 1.6)
        self.resetTransform()
        self.scale(scale, scale)
        centre = rect.center()
        centre.setY(centre.y() - legend / 2 / scale)
        self.centerOn(centre)
        self.zoomChanged.emit(self.scale_factor())

    def _grow_scene_rect(self, rect: QRectF) -> None:
        """A generous scene rect, so the user can pan past the graph's edge."""
        pad = max(rect.width(), rect.height(), 400)
        self.setSceneRect(rect.adjusted(-pad, -pad, pad, pad))

    def centre_on_actor(self, iri: str) -> bool:
        node = self.graph.node(iri)
        if node is None or not node.isVisible():
            return False
        self._jumping = True
        try:
            if self.scale_factor() < 0.8:
                self.zoom_by(0.8 / self.scale_factor())
            self.centerOn(node.scenePos())
        finally:
            self._jumping = False
        self.plan_labels()
        self.viewport().update()
        return True

    # ---------------------------------------------------------------- labels

    def schedule_labels(self) -> None:
        if not self._moving:  # else planned when the view settles
            self._plan_timer.start()

    def plan_labels(self) -> None:
        self._plan_timer.stop()
        if not self.isEnabled():
            return  # a graph being drawn: planned when it is shown
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
        if self._moving and self._snapshot is not None:
            self._paint_snapshot(event)
        elif self.uses_snapshots() and self.graph.batched:
            if not self.is_drawn():
                self._draw_in_steps()  # meanwhile the picture it has, moved to the view
            if self._snapshot is not None:
                self._paint_snapshot(event)
            else:
                painter = QPainter(self.viewport())
                painter.fillRect(event.rect(), self._background())
                painter.end()
        elif self.uses_snapshots() and event.rect() == self.viewport().rect():
            self._take_snapshot()  # a full repaint: draw it once, into the next snapshot
            self._paint_snapshot(event)
        else:
            super().paintEvent(event)


def selectable_item(item: QGraphicsItem | None) -> NodeItem | None:
    return item if isinstance(item, NodeItem) else None
