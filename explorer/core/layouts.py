"""The layouts besides the default force layout: ForceAtlas2, circular by group, radial around an actor.

Each takes the actors to place, the pairs that tie them, and ``fixed``: actors the user pinned, which keep
exactly the position given (they still push and pull the others in ForceAtlas2). Positions are scene units
(the window's), centred near the origin, and deterministic: the same input gives the same output.

- **ForceAtlas2** (Jacomy, Venturini, Heymann and Bastian 2014, "ForceAtlas2, a Continuous Graph Layout
  Algorithm for Handy Network Visualization Designed for the Gephi Software", PLoS ONE 9(6)): repulsion
  grows with both actors' degrees (``(deg+1)(deg'+1)/d``), so hubs push each other apart and their
  neighbourhoods spread round them; linear attraction along ties; gravity towards the centre; the
  adaptive per-node speed of the paper ("swinging" and "traction"). Exact repulsion up to
  :data:`EXACT_LIMIT` actors; above, each actor is pushed by the mass centres of a grid's cells (a
  Barnes-Hut-like approximation, as the paper's own implementation approximates large graphs).
- **Circular by group**: each community or bloc on a circle of its own, the circles round a ring, the
  largest group first at twelve o'clock, clockwise; inside a group, the most connected actors first.
- **Radial**: the centre actor in the middle, its neighbours on the first ring, their neighbours on the
  second, and so on (breadth-first); each actor's wedge of angle is shared by the actors it reaches first,
  so a branch stays together. Actors not reached lie on a last ring.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.jobs import ShouldCancel
    from explorer.core.model import Claim

Position = tuple[float, float]
K = TypeVar("K", bound=Hashable)
Progress = Callable[[float, str], None]

#: Up to this many actors ForceAtlas2's repulsion is exact (n² pairs per step); above, a grid approximates it.
EXACT_LIMIT = 2500
#: Mean length of a tie in scene units (as the default layout's, explorer.core.placement.LAYOUT_SCALE).
SCALE = 190.0
#: Room per actor along a circle or ring (scene units): a node and its label.
SPACING = 70.0


def _index(nodes: Iterable[K], edges: Iterable[tuple[K, K]]) -> tuple[
        list[K], list[tuple[int, int]]]:
    order = sorted(set(nodes), key=str)
    index = {node: i for i, node in enumerate(order)}
    links = sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in edges
                    if a in index and b in index and a != b})
    return order, links


def forceatlas2(nodes: Iterable[K], edges: Iterable[tuple[K, K]], *,
                start: Mapping[K, Position] | None = None, fixed: Mapping[K, Position] | None = None,
                seed: int = 7, iterations: int | None = None, should_cancel: ShouldCancel | None = None,
                progress: Progress | None = None) -> dict[K, Position]:
    """ForceAtlas2 positions of ``nodes`` (see the module's docstring); ``start`` where to begin (seeded random
    places for the others), ``fixed`` actors that do not move. An empty dict when cancelled."""
    import numpy as np

    order, links = _index(nodes, edges)
    n = len(order)
    if n == 0:
        return {}
    fixed = {k: v for k, v in (fixed or {}).items() if k in set(order)}
    rng = random.Random(seed)
    half = SCALE * math.sqrt(n) / 2
    begin = start or {}
    # The paper's constants (Gephi's defaults: scaling 2, gravity 1) in its own units, where two actors of one
    # tie rest sqrt(2 * 2 * 2) apart; scene units are UNIT times larger. (The adaptive speed is not scale-free:
    # run in scene units, actors would crawl.)
    kr, kg = 2.0, 1.0
    unit = SCALE / math.sqrt(8.0)
    pos = np.array([fixed.get(node) or begin.get(node) or (rng.uniform(-half, half), rng.uniform(-half, half))
                    for node in order], dtype=float) / unit
    pinned = np.array([node in fixed for node in order])
    free = ~pinned
    src = np.array([a for a, _b in links], dtype=np.int64)
    dst = np.array([b for _a, b in links], dtype=np.int64)
    degree = np.bincount(np.concatenate([src, dst]), minlength=n).astype(float)
    mass = degree + 1.0
    steps = iterations if iterations is not None else (300 if n <= 500 else 150 if n <= EXACT_LIMIT else 80)
    old = np.zeros_like(pos)
    speed, efficiency = 1.0, 1.0
    centre = pos[pinned].mean(axis=0) if pinned.any() else np.zeros(2)
    for step in range(steps):
        if should_cancel is not None and should_cancel():
            return {}
        if progress is not None and step % 10 == 0:
            progress(step / steps, "laying out (ForceAtlas2)")
        force = _repulsion(np, pos, mass, kr)
        if len(src):
            delta = pos[src] - pos[dst]
            np.add.at(force, src, -delta)
            np.add.at(force, dst, delta)
        away = pos - centre
        dist = np.hypot(away[:, 0], away[:, 1])
        dist[dist == 0] = 1.0
        force -= away * (kg * mass / dist)[:, None]
        force[pinned] = 0.0
        swinging = mass * np.hypot(*(force - old).T)
        traction = 0.5 * mass * np.hypot(*(force + old).T)
        total_swing, total_traction = float(swinging.sum()), float(traction.sum())
        speed, efficiency = _adapt_speed(n, speed, efficiency, total_swing, total_traction)
        factor = speed / (1.0 + np.sqrt(speed * swinging))
        magnitude = np.hypot(force[:, 0], force[:, 1])
        cap = np.where(magnitude > 0, 10.0 / np.maximum(magnitude, 1e-12), np.inf)
        factor = np.minimum(factor, cap)  # no actor jumps more than a few ties in one step
        pos[free] += force[free] * factor[free][:, None]
        old = force
    pos *= unit
    for i, node in enumerate(order):
        if node in fixed:
            pos[i] = fixed[node]  # exactly where put (no rounding through the units)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(order)}


def _repulsion(np, pos, mass, kr):  # type: ignore[no-untyped-def]
    """kr m_i m_j / d along each pair, exact or from the grid's mass centres."""
    n = len(pos)
    force = np.zeros_like(pos)
    if n <= EXACT_LIMIT:
        for lo in range(0, n, 512):
            hi = min(n, lo + 512)
            diff = pos[lo:hi, None, :] - pos[None, :, :]
            d2 = (diff ** 2).sum(axis=2)
            d2[d2 < 1e-6] = 1e-6
            strength = kr * mass[lo:hi, None] * mass[None, :] / d2  # (kr m m / d) / d: times diff gives the vector
            for k in range(lo, hi):
                strength[k - lo, k] = 0.0
            force[lo:hi] = (diff * strength[:, :, None]).sum(axis=1)
        return force
    side = max(8, int(math.sqrt(n) / 3))
    low = pos.min(axis=0)
    span = np.maximum(pos.max(axis=0) - low, 1e-6)
    cell = np.minimum((((pos - low) / span) * side).astype(np.int64), side - 1)
    key = cell[:, 0] * side + cell[:, 1]
    cells = side * side
    cell_mass = np.bincount(key, weights=mass, minlength=cells)
    cx = np.bincount(key, weights=mass * pos[:, 0], minlength=cells)
    cy = np.bincount(key, weights=mass * pos[:, 1], minlength=cells)
    used = cell_mass > 0
    centres = np.stack([cx[used] / cell_mass[used], cy[used] / cell_mass[used]], axis=1)
    masses = cell_mass[used]
    own = np.cumsum(used) - 1  # the row of each used cell among the centres
    for lo in range(0, n, 1024):
        hi = min(n, lo + 1024)
        diff = pos[lo:hi, None, :] - centres[None, :, :]
        d2 = np.maximum((diff ** 2).sum(axis=2), 1e-6)
        strength = kr * mass[lo:hi, None] * masses[None, :] / d2
        rows = np.arange(hi - lo)
        strength[rows, own[key[lo:hi]]] = 0.0  # the own cell: the others in it, below
        force[lo:hi] = (diff * strength[:, :, None]).sum(axis=1)
    rest = cell_mass[key] - mass  # the own cell without the actor itself
    has_rest = rest > 1e-9
    rx = np.where(has_rest, (cx[key] - mass * pos[:, 0]) / np.where(has_rest, rest, 1.0), pos[:, 0])
    ry = np.where(has_rest, (cy[key] - mass * pos[:, 1]) / np.where(has_rest, rest, 1.0), pos[:, 1])
    diff = pos - np.stack([rx, ry], axis=1)
    d2 = np.maximum((diff ** 2).sum(axis=1), 1e-6)
    force += diff * (kr * mass * rest / d2)[:, None]
    return force


def _adapt_speed(n: int, speed: float, efficiency: float, swing: float, traction: float) -> tuple[float, float]:
    """The paper's global speed: as fast as the actors' swinging allows (Gephi's ForceAtlas2, tolerance 1)."""
    if swing <= 0 or traction <= 0:
        return speed, efficiency
    estimated = 0.05 * math.sqrt(n)
    jitter = max(math.sqrt(estimated), min(10.0, estimated * traction / (n * n)))
    if swing / traction > 2.0:
        if efficiency > 0.05:
            efficiency *= 0.5
        jitter = max(jitter, 1.0)
    target = jitter * efficiency * traction / swing
    if swing > jitter * traction:
        if efficiency > 0.05:
            efficiency *= 0.7
    elif speed < 1000:
        efficiency *= 1.3
    return speed + min(target - speed, 0.5 * speed), efficiency


def circular(groups: Mapping[K, int | None], degree: Mapping[K, int] | None = None, *,
             fixed: Mapping[K, Position] | None = None) -> dict[K, Position]:
    """Each group (community or bloc; None: no group, last) on a circle of its own, round a ring."""
    members: dict[int | None, list[K]] = defaultdict(list)
    for node, group in groups.items():
        members[group].append(node)
    degree = degree or {}
    ordered = sorted(members, key=lambda g: (g is None, -len(members[g]), str(min(map(str, members[g])))))
    radii = {g: max(SPACING / 2, len(members[g]) * SPACING / (2 * math.pi)) for g in ordered}
    gap = SPACING
    out: dict[K, Position] = {}
    if len(ordered) == 1:
        centres = {ordered[0]: (0.0, 0.0)}
    else:
        # The ring is the smallest on which neighbouring circles keep ``gap`` apart (bisection: the angles the
        # neighbours need shrink as the ring grows); the slack is shared out evenly.
        pairs = [(radii[g] + radii[ordered[(i + 1) % len(ordered)]] + gap) for i, g in enumerate(ordered)]

        def needed(ring: float) -> float:
            return sum(2 * math.asin(min(1.0, x / (2 * ring))) for x in pairs)

        low, high = max(pairs) / 2, max(pairs) * len(ordered)
        for _ in range(60):
            middle = (low + high) / 2
            low, high = (middle, high) if needed(middle) > 2 * math.pi else (low, middle)
        ring = high
        slack = (2 * math.pi - needed(ring)) / len(ordered)
        centres, angle = {}, -math.pi / 2
        for i, g in enumerate(ordered):
            centres[g] = (ring * math.cos(angle), ring * math.sin(angle))
            angle += 2 * math.asin(min(1.0, pairs[i] / (2 * ring))) + slack
    for g in ordered:
        people = sorted(members[g], key=lambda a: (-degree.get(a, 0), str(a)))
        cx, cy = centres[g]
        if len(people) == 1:
            out[people[0]] = (cx, cy)
            continue
        for i, node in enumerate(people):
            a = -math.pi / 2 + 2 * math.pi * i / len(people)
            out[node] = (cx + radii[g] * math.cos(a), cy + radii[g] * math.sin(a))
    out.update({k: v for k, v in (fixed or {}).items() if k in out})
    return out


def radial(nodes: Iterable[K], edges: Iterable[tuple[K, K]], centre: K, *,
           fixed: Mapping[K, Position] | None = None, ring: float = SCALE) -> dict[K, Position]:
    """``centre`` in the middle (its pinned place, else the origin), the others on rings by their distance in
    ties (see the module's docstring)."""
    order, links = _index(nodes, edges)
    if centre not in order:
        raise ValueError(f"the centre {centre!r} is not among the actors laid out")
    index = {node: i for i, node in enumerate(order)}
    near: list[list[int]] = [[] for _ in order]
    for a, b in links:
        near[a].append(b)
        near[b].append(a)
    root = index[centre]
    depth = {root: 0}
    children: dict[int, list[int]] = defaultdict(list)
    queue = deque([root])
    while queue:
        x = queue.popleft()
        for y in sorted(near[x], key=lambda i: (-len(near[i]), i)):
            if y not in depth:
                depth[y] = depth[x] + 1
                children[x].append(y)
                queue.append(y)
    leaves: dict[int, int] = {}

    def count(x: int) -> int:  # iterative, so deep chains do not hit the recursion limit
        stack = [(x, False)]
        while stack:
            y, done = stack.pop()
            if done:
                leaves[y] = sum(leaves[c] for c in children[y]) or 1
            else:
                stack.append((y, True))
                stack.extend((c, False) for c in children[y])
        return leaves[x]

    count(root)
    per_ring: dict[int, int] = defaultdict(int)
    for d in depth.values():
        per_ring[d] += 1
    unreached = [i for i in range(len(order)) if i not in depth]
    deepest = max(depth.values())
    radius: dict[int, float] = {0: 0.0}
    for d in range(1, deepest + 2):
        wanted: float = (per_ring.get(d, len(unreached)) * SPACING) / (2 * math.pi)
        radius[d] = max(radius[d - 1] + ring, wanted)
    cx, cy = (fixed or {}).get(centre, (0.0, 0.0))
    angle: dict[int, float] = {root: 0.0}
    out: dict[K, Position] = {centre: (cx, cy)}
    wedges = [(root, -math.pi / 2, 2 * math.pi)]
    while wedges:
        x, begin, width = wedges.pop()
        total = leaves[x]
        at = begin
        for c in children[x]:
            share = width * leaves[c] / total
            angle[c] = at + share / 2
            wedges.append((c, at, share))
            at += share
    # The wedges give each ring its order; the actors of a ring are then spaced evenly in that order (a hub's
    # many leaves would otherwise crowd a narrow wedge while a branch's wide wedge stays empty).
    rings: dict[int, list[int]] = defaultdict(list)
    for x, d in depth.items():
        if d:
            rings[d].append(x)
    for d, members in rings.items():
        members.sort(key=lambda x: (angle[x], x))
        first = angle[members[0]]
        for k, x in enumerate(members):
            turn = first + 2 * math.pi * k / len(members)
            out[order[x]] = (cx + radius[d] * math.cos(turn), cy + radius[d] * math.sin(turn))
    last = radius[deepest + 1]
    for k, i in enumerate(unreached):
        turn = -math.pi / 2 + 2 * math.pi * k / len(unreached)
        out[order[i]] = (cx + last * math.cos(turn), cy + last * math.sin(turn))
    out.update({k: v for k, v in (fixed or {}).items() if k in out})
    return out


def mean_tie_length(positions: Mapping[K, Position], edges: Sequence[tuple[K, K]]) -> float:
    """The mean distance between tied actors (0 with no ties)."""
    lengths = [math.dist(positions[a], positions[b]) for a, b in edges if a in positions and b in positions]
    return sum(lengths) / len(lengths) if lengths else 0.0


#: The layouts by name (the window's View › Layout menu and ``explorer export --layout``): name -> what it is.
LAYOUTS = {
    "force": "force-directed (Fruchterman-Reingold, opened up for reading): the default",
    "forceatlas2": "ForceAtlas2: hubs push each other apart, their neighbourhoods spread round them",
    "circular-community": "a circle per community (the lens's method, Louvain by default)",
    "circular-bloc": "a circle per signed bloc (actors with no signed tie together, last)",
    "radial": "rings round one actor by distance in ties (needs a centre)",
}


def named_layout(kb: Knowledge, name: str, *, claims: Iterable[Claim] | None = None,
                 actors: Iterable[str] | None = None, start: Mapping[str, Position] | None = None,
                 fixed: Mapping[str, Position] | None = None, centre: str | None = None, method: str = "louvain",
                 should_cancel: ShouldCancel | None = None, progress: Progress | None = None) -> dict[str, Position]:
    """Positions of ``actors`` (all of ``kb``'s by default) by the layout ``name`` (one of :data:`LAYOUTS`), from
    the ties of ``claims`` (all by default); ``fixed`` actors keep their place. Raises Cancelled when cancelled."""
    from explorer.core.errors import Cancelled
    from explorer.core.layout import force_layout
    from explorer.core.placement import LAYOUT_SCALE, LAYOUT_SEED, _separate, node_radius, spread

    if name not in LAYOUTS:
        raise ValueError(f"unknown layout {name!r} (one of {', '.join(LAYOUTS)})")
    chosen = list(kb.claims.values()) if claims is None else list(claims)
    people = sorted(set(kb.actors) if actors is None else set(actors))
    edges = [c.ends for c in chosen]
    fixed = {a: p for a, p in (fixed or {}).items() if a in set(people)}
    degree: dict[str, int] = defaultdict(int)
    for a, b in {(min(e), max(e)) for e in edges if e[0] != e[1]}:
        degree[a] += 1
        degree[b] += 1
    radii = {a: node_radius(degree[a]) for a in people}

    def check() -> None:
        if should_cancel is not None and should_cancel():
            raise Cancelled()

    positions: dict[str, Position]
    if name in ("force", "forceatlas2") and (name == "force" or not start):
        placed = force_layout(people, edges, seed=LAYOUT_SEED, scale=LAYOUT_SCALE, should_cancel=should_cancel,
                              progress=progress)
        check()
        positions = spread({str(k): v for k, v in placed.items()}, radii)
        start = {**positions, **(start or {})}
    if name == "forceatlas2":
        found = forceatlas2(people, edges, start=start, fixed=fixed, should_cancel=should_cancel, progress=progress)
        check()
        positions = {str(k): v for k, v in found.items()}
        if not fixed:  # isolated actors rest hundreds of ties away (gravity 1): pulled in as the default layout's
            from explorer.core.layout import pull_in_outliers

            keys = sorted(positions)
            pulled = pull_in_outliers([positions[k] for k in keys], (0.0, 0.0))
            positions = {k: (p[0], p[1]) for k, p in zip(keys, pulled, strict=True)}
        if not fixed:  # else the pinned actors set the scale
            length = mean_tie_length(positions, edges)
            if length > 0:
                k = LAYOUT_SCALE / length
                positions = {a: (x * k, y * k) for a, (x, y) in positions.items()}
    elif name in ("circular-community", "circular-bloc"):
        from explorer.core.analysis import analyze

        found_analysis = analyze(kb, chosen, method=method)
        check()
        rows = found_analysis.metrics
        if name == "circular-community":
            groups = {a: rows[a].community if a in rows else None for a in people}
        else:
            groups = {a: rows[a].bloc if a in rows else None for a in people}
        positions = {str(k): v for k, v in circular(groups, degree, fixed=fixed).items()}
    elif name == "radial":
        if centre is None:
            raise ValueError("the radial layout needs a centre actor")
        positions = {str(k): v for k, v in radial(people, edges, centre, fixed=fixed).items()}
    if name in ("force", "forceatlas2") and len(people) <= 3000:
        moved = {a: [x, y] for a, (x, y) in positions.items()}
        _separate(moved, sorted(moved), radii, 26.0, 40)
        positions = {a: (v[0], v[1]) for a, v in moved.items()}
    positions.update(fixed)
    return positions
