"""The graph's view: pans, zooms, picks edges and re-plans labels after every move.

A large scene is drawn from snapshots while the view moves, and its picture drawn anew over several
turns of the event loop once it settles.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen, QTransform
from PySide6.QtWidgets import QGestureEvent, QGraphicsItem, QGraphicsView, QLabel, QPinchGesture, QToolTip, QWidget

from explorer.app import navigation
from explorer.gui.graph.legend import LegendWidget
from explorer.gui.graph.nodes import NodeItem
from explorer.gui.graph.scene import NODE_CACHE_MAX, GraphScene
from explorer.gui.style import plain_tooltip

MIN_SCALE = 0.02
MAX_SCALE = 12.0
#: How far from a thin edge a click still picks it (the nearest edge wins), in screen pixels.
PICK_TOLERANCE_PX = 10.0
FIT_MARGIN_PX = 12.0
#: A scene with more actors and edges than this is drawn from a snapshot while the view moves.
SNAPSHOT_MIN_PARTS = 4000
#: The view counts as still this long after the last zoom or scroll step.
SETTLE_MS = 160
#: How far a snapshot reaches past each side of the viewport, as a fraction of its size.
SNAPSHOT_MARGIN = 0.25
#: A large scene's picture is drawn over several turns of the event loop: the next category of edges
#: waits for the next turn once a turn has taken this long (seconds).
TURN_BUDGET = 0.03


_ARROWS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down"}


class GraphView(QGraphicsView):
    """Pan by dragging, zoom by wheel, pinch or keys; click edges; labels re-planned after each move.

    A large scene (thousands of actors and edges) costs more than a frame to draw. While such a view
    moves, each frame shows a snapshot of the scene, taken when it last stood still, moved and
    scaled to the new view (a map viewer's trick); when the motion settles (``SETTLE_MS``) the
    labels are planned again and the scene is drawn in full, which also takes the next snapshot.
    """

    actorMenuRequested = Signal(str, QPoint)  # actor IRI, where (global)
    edgeMenuRequested = Signal(object, QPoint)  # the Bundle right-clicked, where (global)
    canvasMenuRequested = Signal(QPointF, QPoint)  # right-click on the empty canvas: where (scene, global)
    nodesDropped = Signal()  # the user let go of actors they dragged (a step of the view history)
    actorStepped = Signal(str)  # the keyboard moved the selection to this actor
    evidenceRequested = Signal()  # Enter on a selected actor: read its evidence

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self._tab_anchor: str | None = None  # the actor Tab goes round, and the neighbour it went to last
        self._tab_last: str | None = None
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
        self.setObjectName("graphView")
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
        self.legend.expandedChanged.connect(self._legend_changed)
        self._fitted: tuple | None = None  # the view fit() left, while it stays so (see _legend_changed)
        # Said on the canvas when the filters leave nothing to draw (an empty white canvas says nothing).
        self.empty_note = QLabel(self)
        self.empty_note.setObjectName("emptyNote")
        self.empty_note.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setStyleSheet("QLabel#emptyNote { color: palette(placeholder-text); font-size: 11pt; }")
        self.empty_note.hide()
        self._moving = False
        self._jumping = False  # fit() or centre_on_actor() at work
        self._snapshot: QImage | None = None
        self._spare: QImage | None = None  # the snapshot before: its pixels are drawn over by the next one
        self._actors: tuple[tuple, QImage] | None = None  # the actors' own picture, and what it shows
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
        return len(self.graph.nodes) + self.graph.bundle_count() >= SNAPSHOT_MIN_PARTS

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
        image = self._canvas(round(width * ratio), round(height * ratio))
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
        else:  # the edges, then the actors from a picture of their own, kept while they look the same
            painter = QPainter(image)
            painter.setRenderHints(self.renderHints())
            painter.setClipRect(QRectF(0, 0, width, height))  # (Qt strokes hairlines 40x slower unclipped)
            painter.setTransform(to_image)
            self.graph.draw_batched(painter, source, actors=False)
            painter.resetTransform()
            painter.drawImage(QPointF(0, 0), self._actors_picture(width, height, ratio, source))
            painter.end()
        self._spare, self._snapshot = self._snapshot, image
        self._snapshot_view = QTransform.fromTranslate(-mx, -my) * inverted
        self._snapshot_key = key

    def _actors_picture(self, width: int, height: int, ratio: float, source: QRectF) -> QImage:
        """The actors of the ``source`` area alone on a transparent image (a snapshot's top), drawn again only
        when the view or what they show changed (GraphScene.actors_look): a play step that shows and hides no
        actor draws only the edges (1,000 actors take 5 ms to draw, their picture 0.3 ms to lay on)."""
        key = (self.graph.actors_look(), source.getRect(), width, height, ratio)
        kept = self._actors
        if kept is not None and kept[0] == key:
            return kept[1]
        image = kept[1] if kept is not None and kept[1].size() == QSize(round(width * ratio), round(height * ratio)) \
            else QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHints(self.renderHints())
        with self.graph.drawing_actors_only():
            self.graph.render(painter, QRectF(0, 0, width, height), source, Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.end()
        self._actors = (key, image)
        return image

    def _canvas(self, width: int, height: int) -> QImage:
        """The image the next snapshot is drawn into: the one shown before the current one, when of this
        size (a fresh image of 9 MB costs 1.5 ms of page faults at every play step), else a new one."""
        spare, self._spare = self._spare, None
        if spare is None or spare.width() != width or spare.height() != height:
            spare = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        return spare

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
        self._fitted = self._view_state()

    def _view_state(self) -> tuple:
        return (self.transform(), self.horizontalScrollBar().value(), self.verticalScrollBar().value(),
                self.viewport().size())

    def _legend_changed(self) -> None:
        """The legend expanded or collapsed: a fitted view is fitted again (the graph gets the room the
        legend leaves, or makes room for it); else only the labels move off it."""
        if self._fitted is not None and self._fitted == self._view_state():
            self.fit()
        else:
            self.schedule_labels()

    def _fit(self, rect: QRectF) -> None:
        port = self.viewport().rect()
        legend = self.legend.height() + 8 if self.legend.isVisible() else 0
        width = max(port.width() - 2 * FIT_MARGIN_PX, 50)
        height = max(port.height() - legend - 2 * FIT_MARGIN_PX, 50)
        scale = min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0), 1.6)
        # labels keep their size on screen, so their extent depends on the scale (negligible on a large graph)
        for _ in range(3 if len(self.graph.nodes) < NODE_CACHE_MAX else 1):
            rect = self.graph.graph_rect(label_scale=1 / scale)
            scale = min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0), 1.6)
        # room to scroll the graph below the legend, however small it is drawn (a scene rect smaller than the
        # viewport stopped centerOn short, and the legend covered the graph at 1024x700)
        self._grow_scene_rect(rect, max(port.width(), port.height()) / scale)
        self.resetTransform()
        self.scale(scale, scale)
        centre = rect.center()
        centre.setY(centre.y() - legend / 2 / scale)
        self.centerOn(centre)

    def _grow_scene_rect(self, rect: QRectF, least: float = 0.0) -> None:
        """A generous scene rect (at least ``least`` beyond each side), so the user can pan past the graph's edge."""
        pad = max(rect.width(), rect.height(), 400, least)
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
        legend = self.legend.geometry().adjusted(-4, -4, 4, 4)  # (a little air round it)
        blocked = [self.mapToScene(legend).boundingRect()] if self.legend.isVisible() else []
        self.graph.plan_labels(self.scale_factor(), area, blocked)

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
        arrow = _ARROWS.get(key)
        if arrow is not None and not event.modifiers() and self._step(arrow):
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.graph.selected_actor() is not None:
            self.evidenceRequested.emit()
            event.accept()
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_Escape:
            self.graph.select_bundle(None)
            self.graph.clearSelection()
        else:
            super().keyPressEvent(event)

    # ---------------------------------------------------------------- moving between actors by keyboard

    def _neighbour_points(self, iri: str) -> tuple[tuple[float, float], dict[str, tuple[float, float]]] | None:
        node = self.graph.node(iri)
        if node is None:
            return None
        here = self.mapFromScene(node.scenePos())
        points = {}
        for other in self.graph.neighbours(iri):
            item = self.graph.node(other)
            if item is not None and item.isVisible():
                p = self.mapFromScene(item.scenePos())
                points[other] = (float(p.x()), float(p.y()))
        return (float(here.x()), float(here.y())), points

    def _step(self, direction: str) -> bool:
        """An arrow key with an actor selected: select its neighbour that way (see explorer.app.navigation)."""
        current = self.graph.selected_actor()
        found = self._neighbour_points(current) if current is not None else None
        if found is None:
            return False  # nothing selected: the arrows scroll the view
        chosen = navigation.toward(*found, direction)
        self._tab_anchor = self._tab_last = None
        if chosen is not None:
            self.actorStepped.emit(chosen)
        return True

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab with an actor selected goes round that actor's neighbours (clockwise from twelve o'clock,
        Shift+Tab back); without one, Tab leaves the view as anywhere else."""
        current = self.graph.selected_actor()
        anchor = self._tab_anchor if current is not None and current == self._tab_last else current
        found = self._neighbour_points(anchor) if anchor is not None else None
        if found is None or not found[1]:
            return super().focusNextPrevChild(next)
        chosen = navigation.step_round(*found, self._tab_last if anchor == self._tab_anchor else None,
                                       backwards=not next)
        if chosen is None:
            return super().focusNextPrevChild(next)
        self._tab_anchor, self._tab_last = anchor, chosen
        self.actorStepped.emit(chosen)
        return True

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.itemAt(event.position().toPoint())
            if not isinstance(item, NodeItem) and not self._covered(item):  # (a cover takes its clicks)
                pos = self.mapToScene(event.position().toPoint())
                bundle = self.graph.bundle_at(pos, PICK_TOLERANCE_PX / self.scale_factor())
                if bundle is not None:
                    self.graph.select_bundle(bundle)
                    event.accept()
                    return
                self.graph.select_bundle(None)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if self.graph.dragged:
            self.graph.dragged = False
            self.nodesDropped.emit()

    def contextMenuEvent(self, event) -> None:
        """Right-click: an actor's menu, an edge's (the edge selected first), or the canvas's."""
        item = self.itemAt(event.pos())
        if self._covered(item):
            event.accept()  # (the collapsed blocs: no actor's or edge's menu under them)
            return
        if isinstance(item, NodeItem):
            if item.iri not in self.graph.selected_actors():
                self.graph.select_actor(item.iri)
            self.actorMenuRequested.emit(item.iri, event.globalPos())
            event.accept()
            return
        pos = self.mapToScene(event.pos())
        bundle = self.graph.bundle_at(pos, PICK_TOLERANCE_PX / self.scale_factor())
        if bundle is not None:
            self.graph.select_bundle(bundle)
            self.edgeMenuRequested.emit(bundle, event.globalPos())
        else:
            self.canvasMenuRequested.emit(pos, event.globalPos())
        event.accept()

    def _covered(self, item: QGraphicsItem | None) -> bool:
        """Whether ``item`` is a cover over the graph (the collapsed blocs): it takes the mouse and tooltips."""
        return item is not None and any(item is cover for cover in self.graph.covers)

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        under = self.itemAt(event.pos()) if kind == QEvent.Type.ToolTip else None  # type: ignore[attr-defined]
        if kind == QEvent.Type.ToolTip and not isinstance(under, NodeItem) and not self._covered(under):
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

    def event(self, event: QEvent) -> bool:
        """The view's own paint (its frame, not the viewport's picture) adds the focus ring."""
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and self.hasFocus():
            self._paint_focus_ring()
        return handled

    def _paint_focus_ring(self) -> None:
        """The frame in the highlight colour while the keyboard is on the canvas (Tab, arrows). (Not a style
        sheet: one on the view made every frame of the canvas slower.)"""
        width = max(self.frameWidth(), 1)
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.drawRect(QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2))
        painter.end()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()  # (the frame: the viewport's picture is not drawn again)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def set_empty_note(self, text: str) -> None:
        """A line in the middle of the canvas (none when ``text`` is empty)."""
        self.empty_note.setText(text)
        self.empty_note.setVisible(bool(text))
        self._place_empty_note()

    def _place_empty_note(self) -> None:
        port = self.viewport().geometry()
        width = min(460, max(port.width() - 40, 100))
        self.empty_note.setFixedWidth(width)
        self.empty_note.adjustSize()
        self.empty_note.move(port.x() + (port.width() - width) // 2,
                             port.y() + (port.height() - self.empty_note.height()) // 2)

    def resizeEvent(self, event) -> None:
        fitted = self._fitted is not None and self._fitted == self._view_state()
        super().resizeEvent(event)
        self.legend.follow_canvas(self.viewport().size())
        if fitted:
            self._fitted = self._view_state()  # (a fitted view that only grew or shrank stays fitted)
        self.schedule_labels()
        if self.empty_note.isVisible():
            self._place_empty_note()

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
