"""Moving the selection between actors with the keyboard: which neighbour an arrow key or Tab goes to.

Arrows go to the neighbour lying most nearly in that direction (within 60 degrees of it, the nearer and
straighter the better); Tab goes round the neighbours clockwise, starting from twelve o'clock, and
Shift+Tab back. Screen coordinates: y grows downwards."""

from __future__ import annotations

import math
from collections.abc import Mapping

Point = tuple[float, float]

#: Unit vectors of the arrow keys, in screen coordinates.
DIRECTIONS: dict[str, Point] = {"left": (-1.0, 0.0), "right": (1.0, 0.0), "up": (0.0, -1.0), "down": (0.0, 1.0)}
#: How far from the arrow's direction a neighbour may lie and still be reached by it.
WIDEST = math.radians(60)


def toward(here: Point, neighbours: Mapping[str, Point], direction: str) -> str | None:
    """The neighbour an arrow key goes to, or None when none lies that way."""
    dx, dy = DIRECTIONS[direction]
    best: tuple[float, str] | None = None
    for iri, (x, y) in neighbours.items():
        vx, vy = x - here[0], y - here[1]
        distance = math.hypot(vx, vy)
        if distance == 0:
            continue
        cos = (vx * dx + vy * dy) / distance
        if cos < math.cos(WIDEST):
            continue
        score = distance * (1.0 + 2.0 * (1.0 - cos))  # a straighter one may be a little farther
        if best is None or (score, iri) < best:
            best = (score, iri)
    return best[1] if best is not None else None


def clockwise(here: Point, neighbours: Mapping[str, Point]) -> list[str]:
    """The neighbours in Tab's order: clockwise from twelve o'clock, nearer first at the same bearing."""
    def bearing(item: tuple[str, Point]) -> tuple[float, float, str]:
        iri, (x, y) = item
        angle = math.atan2(x - here[0], -(y - here[1])) % (2 * math.pi)  # 0 at twelve o'clock, clockwise
        return (round(angle, 9), math.hypot(x - here[0], y - here[1]), iri)

    return [iri for iri, _ in sorted(neighbours.items(), key=bearing)]


def step_round(here: Point, neighbours: Mapping[str, Point], last: str | None, backwards: bool = False) -> str | None:
    """The neighbour Tab (or Shift+Tab) goes to after ``last`` (the one Tab went to before, if any)."""
    order = clockwise(here, neighbours)
    if not order:
        return None
    if last not in order:
        return order[-1] if backwards else order[0]
    i = order.index(last) + (-1 if backwards else 1)
    return order[i % len(order)]
