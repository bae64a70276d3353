"""Make a force layout readable on screen: open up its crowded centre and keep nodes apart.

Plain Python (no Qt); applied to the core's seeded force layout, so the picture stays stable
between runs. Hubs that share many neighbours end up close together in a force layout; a radial
power map gives the centre more room, and a few passes of pairwise pushing remove overlaps.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.jobs import Progress, ShouldCancel

Position = tuple[float, float]

LAYOUT_SEED = 7
#: Mean neighbour distance in scene units: roomy, so that labels fit and, on a large graph, the nodes do not
#: pile up (fitted to the window they are specks; zooming in separates them).
LAYOUT_SCALE = 190.0

#: Names the layout with its settings: the cache of large files keeps a graph's positions under it (change it
#: when the layout changes, so that kept positions are not reused).
LAYOUT_NAME = f"force-{LAYOUT_SEED}-{LAYOUT_SCALE:g}-1"

#: Degrees above this no longer grow a node: a hub of thousands of claims would cover its neighbours.
RADIUS_DEGREE_CAP = 150


def node_radius(degree: int) -> float:
    """The radius an actor is drawn with (scene units): the layout keeps actors this far apart."""
    return 7.0 + 3.0 * math.sqrt(min(max(degree, 0), RADIUS_DEGREE_CAP))


def spread(
    positions: Mapping[str, Position],
    radii: Mapping[str, float],
    *,
    power: float = 0.6,
    gap: float = 26.0,
    iterations: int = 40,
) -> dict[str, Position]:
    """Positions with the centre expanded (``r -> R (r/R)^power``) and no two nodes closer than
    the sum of their radii plus ``gap``. Deterministic: the same input gives the same output."""
    if not positions:
        return {}
    keys = sorted(positions)
    cx = sum(positions[k][0] for k in keys) / len(keys)
    cy = sum(positions[k][1] for k in keys) / len(keys)
    reach = max(math.hypot(positions[k][0] - cx, positions[k][1] - cy) for k in keys) or 1.0
    out: dict[str, list[float]] = {}
    for k in keys:
        dx, dy = positions[k][0] - cx, positions[k][1] - cy
        r = math.hypot(dx, dy)
        if r > 0:
            f = reach * (r / reach) ** power / r
            dx, dy = dx * f, dy * f
        out[k] = [dx, dy]
    if len(keys) <= 3000:
        _separate(out, keys, radii, gap, iterations)
    return {k: (v[0], v[1]) for k, v in out.items()}


def _separate(
    out: dict[str, list[float]], keys: list[str], radii: Mapping[str, float], gap: float, iterations: int
) -> None:
    biggest = max((radii.get(k, 0.0) for k in keys), default=0.0)
    cell = 2 * biggest + gap
    for _ in range(iterations):
        grid: dict[tuple[int, int], list[str]] = defaultdict(list)
        for k in keys:
            grid[(math.floor(out[k][0] / cell), math.floor(out[k][1] / cell))].append(k)
        moved = False
        for k in keys:
            gx, gy = math.floor(out[k][0] / cell), math.floor(out[k][1] / cell)
            for ox in (-1, 0, 1):
                for oy in (-1, 0, 1):
                    for other in grid.get((gx + ox, gy + oy), ()):
                        if other <= k:
                            continue
                        a, b = out[k], out[other]
                        dx, dy = b[0] - a[0], b[1] - a[1]
                        dist = math.hypot(dx, dy)
                        need = radii.get(k, 0.0) + radii.get(other, 0.0) + gap
                        if dist >= need:
                            continue
                        if dist == 0:
                            dx, dy, dist = 1.0, 0.0, 1.0
                        push = (need - dist) / 2
                        ux, uy = dx / dist * push, dy / dist * push
                        a[0] -= ux
                        a[1] -= uy
                        b[0] += ux
                        b[1] += uy
                        moved = True
        if not moved:
            break


def default_layout(kb: Knowledge, should_cancel: ShouldCancel | None = None,
                   progress: Progress | None = None) -> dict[str, Position]:
    """The seeded force layout, opened up for reading: where the window puts a graph's actors, and where a
    GEXF or GraphML export places them when no window says otherwise."""
    from explorer.core.errors import Cancelled
    from explorer.core.layout import force_layout

    edges = [c.ends for c in kb.claims.values()]
    positions = force_layout(list(kb.actors), edges, seed=LAYOUT_SEED, scale=LAYOUT_SCALE,
                             should_cancel=should_cancel, progress=progress)
    if should_cancel is not None and should_cancel():
        raise Cancelled()
    radii = {a: node_radius(kb.degree(a)) for a in kb.actors}
    return spread({str(k): v for k, v in positions.items()}, radii)
