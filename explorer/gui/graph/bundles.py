"""Bundles: the visible claims between one pair of actors in one relation category (or in all of them,
when the graph draws one edge per pair), drawn as one edge.

A bundle is plain data until placed (a large scene has tens of thousands); :meth:`Bundle.place` gives
it its curve, and the edge layers stroke it, add its arrow heads and find it under the mouse.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QPainterPath

ARROW_LENGTH = 11.0
ARROW_HALF_WIDTH = 4.5
#: A bowed edge is cut into this many straight pieces (see Bundle.segments).
CURVE_PIECES = 8


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
    #: how the edge is drawn by the weight of its evidence (explorer.app.weighing.bundle_support)
    support: str = "single"
    contested: bool = False
    #: a whole pair's bundle (one edge per pair): how many of its claims each category has (else None)
    categories: dict[str, int] | None = None
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

    def settle_category(self) -> None:
        """A whole pair's bundle is drawn in (and with) its main category: the one with most claims, the
        first by name on a tie."""
        if self.categories:
            self.category = min(self.categories, key=lambda c: (-self.categories[c], c))  # type: ignore[index]

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

