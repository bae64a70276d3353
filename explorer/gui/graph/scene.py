"""The graph's scene: actors as :class:`NodeItem`, visible claims as bundles painted by one layer
per category.

The scene receives core records (actors, claims, positions, a :class:`Visible` set) and emits the
IRIs of what the user picks; it never sees RDF. It keeps where its actors are (rows of plain floats),
plans their labels with :mod:`.labels` for a view's scale and area, and draws a large scene's
picture in batches (:meth:`GraphScene.draw_batched`) for the view's snapshots.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from explorer.app import weighing
from explorer.app.known import weights_known
from explorer.core.filters import Visible
from explorer.core.timeline import when
from explorer.gui.graph import labels
from explorer.gui.graph.bundles import Bundle
from explorer.gui.graph.bundling import BundleBook, FadedBook, Moved, claim_order, pair_of
from explorer.gui.graph.edges import EdgeLayer, OverlayLayer, Stroke
from explorer.gui.graph.host import Row
from explorer.gui.graph.items import LABEL_GAP_PX
from explorer.gui.graph.nodes import NodeItem, NodeLayer
from explorer.gui.style import category_colour, outline_colour

if TYPE_CHECKING:
    from explorer.core.knowledge import KnowledgeBase

Position = tuple[float, float]

LABEL_POINT_SIZE = 9.0
#: Items made or removed per step of build_graph (a few tens of milliseconds).
BUILD_STEP = 300
#: Scenes with fewer actors than this keep a pixmap of each node (see set_graph).
NODE_CACHE_MAX = 2000


#: The layer key of claims the time window fades rather than hides.
FADED = "urn:explorer:faded"

class GraphScene(QGraphicsScene):
    """Actors as :class:`NodeItem`, visible claims as bundles painted by one layer per category."""

    actorActivated = Signal(str)  # double-click on an actor
    bundleSelected = Signal(list)  # the claim IRIs of a clicked edge
    edgeClicked = Signal(str, str, str)  # a clicked edge's actors, and its category ("" for a whole pair)
    labelsDirty = Signal()  # something changed what labels should show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.kb: KnowledgeBase | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.layers: dict[str, EdgeLayer] = {}
        #: the bundles shown, as a list made when asked for (None: those of the bundle book; see bundles)
        self._bundle_list: list[Bundle] | None = []
        #: an edge lens's colour for a bundle (explorer.gui.lens_view), else None: by relation category
        self.tint: Callable[[Bundle], QColor] | None = None
        #: drawn by analysis lenses (explorer.gui.lens_view): an edge lens's layer (with the edges), the
        #: collapsed blocs (over everything); ``lens_mark`` counts their changes, for the views' pictures
        self.lens_edges: QGraphicsItem | None = None
        self.covers: list[QGraphicsItem] = []
        self.lens_mark = 0
        self.visible = Visible(frozenset())
        #: One edge per pair of actors (every category in it), not one per category (View › One Edge per Pair).
        self.one_per_pair = True
        self._bundle_of_claim: dict[str, Bundle] = {}
        self._bundles_at: dict[str, dict[Bundle, None]] = {}
        #: Bundles of the claims the time window fades (drawn faint in one layer, never picked).
        self.faded_bundles: list[Bundle] = []
        self._neighbours: dict[str, set[str]] = {}
        #: The shown bundles and the faded ones, kept up to date claim by claim (see _step_to).
        self._book: BundleBook | None = None
        self._faded_book: FadedBook | None = None
        self._faded_set: frozenset[str] = frozenset()
        self._order: dict[str, int] | None = None  # each claim's place in the knowledge base
        self._shown_actors: Set[str] = set()  # the actors whose nodes show
        self.selected_bundles: list[Bundle] = []
        self.path_bundles: list[Bundle] = []
        self.path_actors: set[str] = set()
        self.hover_actor: str | None = None
        self._placing = False
        self.dragged = False  # actors were dragged since the mouse was pressed
        #: Bumped by every change to what the scene shows but highlights (see look()).
        self.revision = 0
        #: Bumped when actors appear, vanish, move or change size (keys the caches of their places).
        self.geometry = 0
        self.edge_places = 0  # moves of the bundles' ends (an edge lens's lines follow it: lens_edges)
        #: Bumped when actors move or change size, not when they only appear or vanish: every actor's row
        #: (shown or not) is kept for it, and a play step filters them instead of measuring them again.
        self._places = 0
        self._rows: tuple[int, list[Row[NodeItem]]] = (-1, [])
        self._ranked: tuple[int, list[Row[NodeItem]]] = (-1, [])
        self._all_rows: tuple[int, list[Row[NodeItem]]] = (-1, [])
        self._all_ranked: tuple[int, list[Row[NodeItem]]] = (-1, [])
        self._labelled: set[NodeItem] = set()  # actors whose labels show
        self._selected_nodes: set[NodeItem] = set()
        self._emphasised: set[NodeItem] = set()
        #: in a batched scene, the actors that paint themselves (see NodeItem.sync_contents)
        self.own_nodes: set[NodeItem] = set()
        #: A large scene: plain actors are drawn by node_layer, not each by itself.
        self.batched = False
        #: True while a view moves in snapshot mode: hover highlights wait until it stops.
        self.moving = False
        #: True while a view draws the actors' own picture: the items under them paint nothing (see actors_only)
        self.actors_only = False
        #: Bumped when the labels planned change (keys a view's picture of the actors, see actors_look)
        self.label_revision = 0
        self._under_actors: dict[QGraphicsItem, None] = {}  # every item but the actors, in insertion order
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
        self._places += 1
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
        for category, layer in self.layers.items():  # each theme has its own category colours
            if category != FADED:
                layer.colour = category_colour(category)
                layer.update()
        self._refresh_highlights()

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
        self.faded_bundles = []
        self.kb = kb
        self.nodes = {}
        self.layers = {}
        self.bundles = []
        self._bundle_of_claim, self._bundles_at, self._neighbours = {}, {}, {}
        self._book, self._faded_book, self._faded_set, self._order = None, None, frozenset(), None
        self._shown_actors = set()
        self.selected_bundles, self.path_bundles, self.path_actors = [], [], set()
        self.hover_actor = None
        self.revision += 1
        self.geometry += 1
        self._places += 1
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
        """:meth:`set_visible` in steps; the scene changes only in the last one. A scene already drawn
        moves by the claims that entered and left (:meth:`_step_to`), in one step."""
        assert self.kb is not None
        if self._step_to(visible):
            yield 1.0
            return
        kb = self.kb
        grouped: dict[tuple[str, str, str], Bundle] = {}
        kinds = {iri: (r.category, r.symmetric) for iri, r in kb.relations.items()}
        nodes, claims = self.nodes, kb.claims
        merged = self.one_per_pair  # a pair's bundle holds all its categories (Bundle.categories)
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
                key = (a, b, "" if merged else category)
                bundle = grouped.get(key)
                if bundle is None:
                    bundle = grouped[key] = Bundle(a, b, category, categories={} if merged else None)
                bundle.claims.append(iri)
                if merged:  # (inline: ten thousand claims a step)
                    tally = bundle.categories
                    tally[category] = tally.get(category, 0) + 1  # type: ignore[index,union-attr]
                if not symmetric:
                    if subject == a:
                        bundle.forward = True
                    else:
                        bundle.backward = True
            yield 0.3 * min(start + step, len(chosen)) / max(len(chosen), 1)
        per_pair: dict[tuple[str, str], list[Bundle]] = defaultdict(list)
        bundles = list(grouped.values())
        if merged:
            for bundle in bundles:
                bundle.settle_category()
        weighed = weights_known(kb, visible.articles)  # by report time: only the passages known then
        for bundle in bundles:
            bundle.support, bundle.contested = weighing.bundle_support(weighed, bundle.claims)
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
        if self._order is None:
            self._order = claim_order(kb)
        book = BundleBook(kb, self.nodes, self._order, weighed, merged=merged)
        step = BUILD_STEP * 30
        for start in range(0, len(bundles), step):
            book.adopt(bundles[start:start + step])
            yield 0.7 + 0.02 * min(start + step, len(bundles)) / max(len(bundles), 1)
        book.finish()
        faded = self._faded_bundles(visible, where)
        faded_book = FadedBook(kb, self.nodes, self._order, FADED)
        faded_book.adopt(faded)
        # from here on the scene shows the new set
        self.visible = visible
        self.faded_bundles = faded
        self.revision += 1
        self.geometry += 1
        self._places += 1
        self._shown_actors = set(visible.actors).union(faded_book.ends)
        for iri, node in self.nodes.items():
            shown = iri in self._shown_actors
            if node.isVisible() != shown:
                node.setVisible(shown)
        self.bundles = bundles
        self._book, self._faded_book, self._faded_set = book, faded_book, frozenset(visible.faded)
        self._bundle_of_claim, self._bundles_at, self._neighbours = book.of_claim, book.at, book.neighbours
        self.selected_bundles = self._remap(self.selected_bundles)
        self.path_bundles = self._remap(self.path_bundles)
        self._refresh_highlights()
        yield 0.75
        if faded and FADED not in self.layers:
            layer = EdgeLayer(self, FADED, QColor(128, 128, 128, 70))
            layer.setZValue(-1)
            self.addItem(layer)
            self.layers[FADED] = layer
        by_category[FADED] = faded
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

    def _step_to(self, visible: Visible) -> bool:
        """Show ``visible`` by moving only the claims that entered and left since the last set (a play
        step of the Time bar): their bundles and the layers' chunks that hold them change, the actors
        that appear or vanish are shown or hidden, nothing else is made again. False when the scene has
        no set to start from (a graph being drawn)."""
        book, faded_book = self._book, self._faded_book
        before = self.visible
        if book is None or faded_book is None or visible.articles != before.articles \
                or len(book.order) != len(book.kb.claims):
            return False  # (other articles count: every edge is weighed again; or the graph grew)
        if visible.since and visible.since == before.serial:  # a play step says what moved
            entered, left = visible.entered, visible.left
        else:
            now, then = visible.claim_set, before.claim_set
            entered, left = now - then, then - now
        faded = frozenset(visible.faded) if visible.faded else frozenset()
        moved = book.step(entered, left)
        faded_moved = faded_book.step(faded - self._faded_set, self._faded_set - faded)
        self.visible, self._faded_set = visible, faded
        shown = visible.actors.union(faded_book.ends) if faded_book.ends else visible.actors  # (no copy)
        toggled = shown ^ self._shown_actors
        self._shown_actors = shown
        if not (moved.added or moved.removed or moved.reshaped or moved.restyled or moved.recategorised
                or faded_moved.added
                or faded_moved.removed or faded_moved.restyled or toggled):
            return True  # the same picture (the articles that count may differ: the panels follow)
        for iri in toggled:
            node = self.nodes.get(iri)
            if node is not None:
                node.setVisible(iri in shown)
        per_layer: dict[str, Moved] = defaultdict(Moved)
        for bundle in moved.added:
            per_layer[bundle.category].added.append(bundle)
        for bundle in moved.removed:
            per_layer[bundle.category].removed.append(bundle)
        for bundle in moved.reshaped:
            per_layer[bundle.category].reshaped.append(bundle)
        for bundle in moved.restyled:
            per_layer[bundle.category].restyled.append(bundle)
        for bundle, was in moved.recategorised:  # a whole pair's main category changed: another layer
            per_layer[was].removed.append(bundle)
            per_layer[bundle.category].added.append(bundle)
        if faded_moved.added or faded_moved.removed:
            per_layer[FADED] = faded_moved
        for category, change in per_layer.items():
            layer = self.layers.get(category)
            if layer is None:
                layer = self._new_layer(category)
            layer.change(change.added, change.removed, change.reshaped, change.restyled)
        self._bundle_list = None  # (listed when asked for: 1.7 ms at 120k bundles, and a step need not)
        self.faded_bundles = list(faded_book.grouped.values())
        self.revision += 1
        self.selected_bundles = self._remap(self.selected_bundles)
        self.path_bundles = self._remap(self.path_bundles)
        self._refresh_highlights()
        if toggled:
            self.geometry += 1  # who shows, not where: the rows are filtered, not measured (see _row_steps)
            self.node_layer.mark_shown()
            self.labelsDirty.emit()
        return True

    def _new_layer(self, category: str) -> EdgeLayer:
        if category == FADED:
            layer = EdgeLayer(self, FADED, QColor(128, 128, 128, 70))
            layer.setZValue(-1)
        else:
            layer = EdgeLayer(self, category, category_colour(category))
        self.addItem(layer)
        self.layers[category] = layer
        return layer

    def _faded_bundles(self, visible: Visible, where: Mapping[str, QPointF]) -> list[Bundle]:
        """One bundle per pair of actors for the claims the time window fades, placed."""
        if not visible.faded:
            return []
        assert self.kb is not None
        grouped: dict[tuple[str, str], Bundle] = {}
        for iri in visible.faded:
            claim = self.kb.claims[iri]
            pair = pair_of(claim.subject, claim.object, where)
            if pair is None:
                continue
            a, b = pair
            bundle = grouped.get(pair)
            if bundle is None:
                bundle = grouped[(a, b)] = Bundle(a, b, FADED)
                bundle.place(where[a], where[b])
            bundle.claims.append(iri)
        return list(grouped.values())

    def _remap(self, bundles: Iterable[Bundle]) -> list[Bundle]:
        claims = [c for bu in bundles for c in bu.claims]
        return self.bundles_of(claims)

    # ---------------------------------------------------------------- lookups

    def node(self, iri: str) -> NodeItem | None:
        return self.nodes.get(iri)

    def radius_of(self, iri: str) -> float:
        node = self.nodes.get(iri)
        return node.radius if node is not None else 0.0

    def bundle_count(self) -> int:
        """How many bundles show, without listing them (:attr:`bundles` makes a list of every one: 4 ms at
        120k edges, which the view asked for on every paint)."""
        return len(self._book.grouped) if self._bundle_list is None and self._book is not None else len(self.bundles)

    def edge_count(self) -> int:
        """How many edges the layers draw, faded ones included (a dense tangle is drawn without antialiasing)."""
        return self.bundle_count() + len(self.faded_bundles)

    @property
    def bundles(self) -> list[Bundle]:
        """The bundles shown (of every layer)."""
        if self._bundle_list is None:
            assert self._book is not None
            self._bundle_list = list(self._book.grouped.values())
        return self._bundle_list

    @bundles.setter
    def bundles(self, bundles: list[Bundle]) -> None:
        self._bundle_list = bundles

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
        """The visible nodes' extent; with ``label_scale``, including a label below (or above) each node."""
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
            top = min(top, min(r.y - r.radius - gap - r.label_h * s for r in rows))  # (or above it)
        return QRectF(left, top, right - left, bottom - top) if left <= right else QRectF()

    def visible_rows(self) -> list[Row[NodeItem]]:
        """Per visible node: where it is, as plain floats (kept until actors move, appear or vanish:
        fit() asks for the extent at several scales, and label planning after every move)."""
        for _done in self._row_steps(0.0, 1.0):
            pass
        return self._rows[1]

    def all_rows(self) -> list[Row[NodeItem]]:
        """Per actor, shown or not: where it is (the same list object until actors move or change size)."""
        self.visible_rows()
        return self._all_rows[1]

    def _row_steps(self, start: float, end: float) -> Iterator[float]:
        """Make :meth:`visible_rows` anew if the actors changed, a few thousand per step (40 ms at 10k).
        Every actor's row is measured once per change of places; which of them show is a filter."""
        if self._rows[0] == self.geometry:
            return
        if self._all_rows[0] != self._places:
            rows: list[Row[NodeItem]] = []
            nodes = list(self.nodes.values())
            step = BUILD_STEP * 10
            for first in range(0, len(nodes), step):
                for node in nodes[first:first + step]:
                    pos, outline, label = node.pos(), node.outline_rect, node.label_px()
                    x, y = pos.x(), pos.y()
                    rows.append(Row(x + outline.left(), y + outline.top(), x + outline.right(), y + outline.bottom(),
                                    x, y, node.radius, label.width(), label.height(), node))
                if first + step < len(nodes):
                    yield start + (end - start) * (first + step) / len(nodes)
            self._all_rows = (self._places, rows)
        self._rows = (self.geometry, [row for row in self._all_rows[1] if row.node.isVisible()])
        yield end

    def _ranked_rows(self) -> list[Row[NodeItem]]:
        """The visible nodes' rows, the most important first (the major actors, then by degree and name):
        the order in which labels claim their places, but for the actors in focus."""
        if self._ranked[0] != self.geometry:
            self.visible_rows()
            if self._all_ranked[0] != self._places:
                self._all_ranked = (self._places, sorted(
                    self._all_rows[1], key=lambda r: (not r.node.major, -r.node.degree, r.node.actor.label)))
            self._ranked = (self.geometry, [row for row in self._all_ranked[1] if row.node.isVisible()])
        return self._ranked[1]

    def positions(self) -> dict[str, Position]:
        return {iri: (n.pos().x(), n.pos().y()) for iri, n in self.nodes.items()}

    def describe_bundle(self, bundle: Bundle) -> str:
        assert self.kb is not None
        kb = self.kb
        kinds = (", ".join(f"{kb.label(c)} {n}" for c, n in sorted(bundle.categories.items(), key=lambda cn: -cn[1]))
                 if bundle.categories and len(bundle.categories) > 1 else kb.label(bundle.category))
        lines = [f"{kb.label(bundle.a)} – {kb.label(bundle.b)} · {kinds}"]
        weighed = weights_known(kb, self.visible.articles)
        for claim in bundle.claims[:8]:
            lines.append("• " + weighing.claim_line(kb.describe(kb.claims[claim]), weighed.get(claim))
                         + f" · {when(kb.claims[claim])}")
        if bundle.count > 8:
            lines.append(f"… and {bundle.count - 8} more")
        return "\n".join(lines)

    # ---------------------------------------------------------------- moving

    def set_positions(self, positions: Mapping[str, Position], keep_pinned: bool = True) -> None:
        self.geometry += 1
        self._places += 1
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
        for bundle in (*self.bundles, *self.faded_bundles):
            bundle.place(self.nodes[bundle.a].pos(), self.nodes[bundle.b].pos())
        for layer in self.layers.values():
            layer.rebuild()
        self.revision += 1
        self.edge_places += 1
        self._refresh_highlights()
        self.labelsDirty.emit()

    def actors_resized(self) -> None:
        """Some actors changed size (a lens): their rows are measured again, and labels planned again."""
        self.geometry += 1
        self._places += 1
        self.revision += 1
        self.labelsDirty.emit()

    def nodes_moved(self, nodes: Iterable[NodeItem]) -> None:
        """The user dragged these nodes: they stay where put (pinned) and their edges follow."""
        if self._placing:
            return
        self.dragged = True  # (the view tells the view history when the mouse lets go)
        self.geometry += 1
        self._places += 1
        categories = set()
        for node in nodes:
            if not node.pinned:
                node.pinned = True
                node.update()
            for bundle in self._bundles_at.get(node.iri, ()):
                bundle.place(self.nodes[bundle.a].pos(), self.nodes[bundle.b].pos())
                categories.add(bundle.category)
        moved = {node.iri for node in nodes}
        for bundle in self.faded_bundles:
            if bundle.a in moved or bundle.b in moved:
                bundle.place(self.nodes[bundle.a].pos(), self.nodes[bundle.b].pos())
                categories.add(FADED)
        for category in categories:
            self.layers[category].rebuild()
        self.revision += 1
        self.edge_places += 1
        self._refresh_highlights()

    # ---------------------------------------------------------------- highlighting

    def selected_actor(self) -> str | None:
        chosen = [i for i in self.selectedItems() if isinstance(i, NodeItem)]
        return chosen[0].iri if len(chosen) == 1 else None

    def select_actor(self, iri: str | None) -> None:
        self.select_actors([iri] if iri is not None else [])

    def selected_actors(self) -> list[str]:
        """The selected actors (several after Ctrl+click), in no particular order."""
        return [i.iri for i in self.selectedItems() if isinstance(i, NodeItem)]

    def select_actors(self, iris: Iterable[str]) -> None:
        """Select exactly these actors (those drawn): the session's selection, shown."""
        self.clearSelection()
        for iri in iris:
            node = self.nodes.get(iri)
            if node is not None:
                node.setSelected(True)

    def select_bundle(self, bundle: Bundle | None) -> None:
        """An edge the user picked: highlight it and announce its claims."""
        self.clearSelection()
        self.selected_bundles = [bundle] if bundle is not None else []
        self._refresh_highlights()
        if bundle is not None:
            self.bundleSelected.emit(list(bundle.claims))
            self.edgeClicked.emit(bundle.a, bundle.b, "" if bundle.categories else bundle.category)

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
        return self.revision, self.hover_actor, selected, tuple(sorted(self.path_actors)), edges, self.lens_mark

    def update_highlights(self) -> None:
        """Draw the highlighted edges again (an edge lens changed their colours)."""
        self._refresh_highlights()

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
        # Every highlight keeps its edge's category colour: a selected or path edge stands out by its width
        # and a glow of its own colour, never by another category's colour (issue 16).
        strokes: list[Stroke] = []
        if focus:
            strokes += [Stroke(bu, self.edge_colour(bu), 2.6) for bu in self._bundles_at.get(focus, ())]
        strokes += [Stroke(bu, self.edge_colour(bu), 4.0, glow=7.0) for bu in self.path_bundles]
        strokes += [Stroke(bu, self.edge_colour(bu), 5.0, glow=10.0, halo=True) for bu in self.selected_bundles]
        self.overlay.set_strokes(strokes)

    def edge_colour(self, bundle: Bundle) -> QColor:
        """The colour an edge is drawn in: the edge lens's, else its category's (its layer's, when it has one)."""
        if self.tint is not None:
            return self.tint(bundle)
        layer = self.layers.get(bundle.category)
        return QColor(layer.colour) if layer is not None else category_colour(bundle.category)

    def set_one_per_pair(self, on: bool) -> None:
        """Draw one edge per pair of actors (all its categories), or one per category."""
        if on != self.one_per_pair:
            self.one_per_pair = on
            if self.kb is not None:
                self.bundles = list(self.bundles)  # (listed while the book is there)
                self._book = None  # (regrouped: a full build, not a step)
                self.set_visible(self.visible)

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

    def plan_labels(self, scale: float, area: QRectF, blocked: Sequence[QRectF] = ()) -> None:
        """Decide which labels show at ``scale`` (pixels per scene unit) for nodes inside ``area``
        (see :func:`explorer.gui.graph.labels.plan_labels`): the chosen, hovered and path actors and
        the most connected ones always get a label."""
        if scale <= 0:
            return
        selected = {i.iri for i in self.selectedItems() if isinstance(i, NodeItem)}
        focus = {self.hover_actor} | selected | self.path_actors
        self._labelled, changed = labels.plan_labels(self._ranked_rows(), scale, area, focus, self._labelled,
                                                     blocked, self._emphasised)
        if changed:
            self.revision += 1
            self.label_revision += 1

    # ---------------------------------------------------------------- pictures

    def addItem(self, item: QGraphicsItem) -> None:
        super().addItem(item)
        if not isinstance(item, NodeItem) and item is not getattr(self, "node_layer", None):
            self._under_actors[item] = None

    def removeItem(self, item: QGraphicsItem) -> None:
        super().removeItem(item)
        self._under_actors.pop(item, None)

    def edge_items(self) -> list[QGraphicsItem]:
        """The items that draw edges, in their stacking order (by z, then as added): the faded claims, a layer
        per category, an edge lens's layer, then the highlights."""
        return sorted(self._under_actors, key=lambda item: item.zValue())

    def actors_look(self) -> tuple:
        """What the picture of the actors shows, as a value: a view keeps that picture while it stays the same
        (a play step that shows and hides no actor). Places, sizes and who shows (geometry), colours and pins
        (the node layer's changes), labels, the selection and the emphasis of the focus's neighbours."""
        selected = tuple(sorted(i.iri for i in self.selectedItems() if isinstance(i, NodeItem)))
        return (self.geometry, self.node_layer.changes, self.label_revision, selected, self.hover_actor,
                tuple(sorted(self.path_actors)), tuple(sorted(node.order for node in self._emphasised)))

    @contextlib.contextmanager
    def drawing_actors_only(self) -> Iterator[None]:
        """Inside, the items under the actors paint nothing: QGraphicsScene.render draws the actors alone."""
        self.actors_only = True
        try:
            yield
        finally:
            self.actors_only = False

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
        for cover in self.covers:  # (the collapsed blocs: over everything)
            if cover.isVisible():
                painter.save()
                cover.paint(painter, option)
                painter.restore()

    @contextlib.contextmanager
    def without_highlights(self) -> Iterator[None]:
        """For a picture: no selection, hover or path (nothing dimmed, no halo) while inside, and then
        all of them back. Signals are blocked: the session's selection is not touched."""
        selected = [i for i in self.selectedItems() if isinstance(i, NodeItem)]
        kept = (self.hover_actor, self.selected_bundles, self.path_bundles, self.path_actors)
        blocked = self.blockSignals(True)
        try:
            for node in selected:
                node.setSelected(False)
            self.hover_actor, self.selected_bundles, self.path_bundles, self.path_actors = None, [], [], set()
            self._refresh_highlights()
            yield
        finally:
            self.hover_actor, self.selected_bundles, self.path_bundles, self.path_actors = kept
            for node in selected:
                node.setSelected(True)
            self._refresh_highlights()
            self.blockSignals(blocked)

    def render_picture(self, painter: QPainter, target: QRectF, source: QRectF, highlights: bool = True) -> None:
        """Draw the visible graph into ``painter`` (PNG or SVG export), labels planned for that scale;
        the selection's dimming and halos only with ``highlights``."""
        if not highlights:
            with self.without_highlights():
                self.render_picture(painter, target, source)
            return
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
