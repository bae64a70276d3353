"""Which actors' labels show, and where: planned in screen space after every zoom or pan.

The most connected actors first, then every other label that fits without covering another label or
node, so the picture never turns into a pile of text: a label that fits nowhere is left out (its name is
in the node's tooltip), unless its actor is selected, hovered or on the chosen path. The scene keeps the
actors' places as rows (:class:`~explorer.gui.graph.host.Row`) and asks :func:`plan_labels` which labels
to show.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence, Set
from itertools import compress, filterfalse
from typing import TYPE_CHECKING, Any

from explorer.gui.graph.items import PLAIN_SLOTS, label_offsets

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF

    from explorer.gui.graph.host import Row
    from explorer.gui.graph.nodes import NodeItem

#: Labels tried per plan beyond the forced ones: more than any screen can hold without overlap.
MAX_LABEL_TRIES = 700

#: A rectangle on screen as (left, top, right, bottom, owner): plain floats, as label planning
#: handles every actor in view after every move.
_Box = tuple[float, float, float, float, str]


def plan_labels(
    rows: Sequence[Row[NodeItem]], scale: float, area: QRectF, focus: set[str | None], shown: set[NodeItem],
    blocked: Sequence[QRectF] = (), emphasised: Set[NodeItem] | None = None,
) -> tuple[set[NodeItem], bool]:
    """Decide which labels show at ``scale`` (pixels per scene unit) for nodes inside ``area``.

    ``rows`` are the visible actors, the most important first; ``focus`` the IRIs of the chosen,
    hovered and path actors; ``shown`` the actors whose labels show now. Greedy in order of
    importance; a label is placed in the first of the slots around its node (eight next to it, four
    farther out) that covers no label or node already placed, or not at all (the most connected actors
    are tried first). Only the actors in focus always get a label, over others if it must be.
    ``blocked``: scene rectangles no label may cover (the legend drawn over the view); ``emphasised``: the
    emphasised actors, if the caller knows them (else each actor is asked).
    Returns the actors whose labels show now, and whether any label changed.
    """
    if scale <= 0:
        return shown, False
    cell = 48.0
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
                for other in grid[(gx, gy)]:
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

    def unoccupy(box: _Box) -> None:
        for key in cells(box):
            grid[key].remove(box)
            labels[key].remove(box)

    def slots(row: Row[NodeItem]) -> list[tuple[str, _Box]]:
        """The label's box in each slot, in pixels (the slid slots for the major actors only)."""
        cx, cy, w, h, iri = row.x * scale, row.y * scale, row.label_w, row.label_h, row.node.iri
        offsets = list(label_offsets(row.radius * scale, w, h).items())
        return [(slot, (cx + dx, cy + dy, cx + dx + w, cy + dy + h, iri))
                for slot, (dx, dy) in (offsets if row.node.major else offsets[:PLAIN_SLOTS])]

    hubs: dict[str, tuple[Row[NodeItem], str, _Box]] = {}  # the major actors' labels placed so far

    def make_way(boxes: list[tuple[str, _Box]]) -> tuple[str, _Box] | None:
        """A slot for a major actor's label that another major label covers, that label moved to another
        of its slots; None when no such move frees one."""
        for slot, box in boxes:
            if not seen(box):
                continue
            for iri, (other, other_slot, other_box) in list(hubs.items()):
                if not (other_box[0] < box[2] and box[0] < other_box[2] and other_box[1] < box[3]
                        and box[1] < other_box[3]):
                    continue
                unoccupy(other_box)
                if free(box):
                    occupy(box, label=True)
                    moved = next(((s, b) for s, b in slots(other) if s != other_slot and seen(b) and free(b)), None)
                    if moved is not None:
                        occupy(moved[1], label=True)
                        hubs[iri] = (other, *moved)
                        return slot, box
                    unoccupy(box)
                occupy(other_box, label=True)
        return None

    view = (area.left() * scale, area.top() * scale, area.right() * scale, area.bottom() * scale)

    def seen(box: _Box) -> bool:
        """Wholly in the area: a label cut by the window's edge is no label."""
        return view[0] <= box[0] and box[2] <= view[2] and view[1] <= box[1] and box[3] <= view[3]

    margin = 200 / scale
    left, top = area.left() - margin, area.top() - margin
    right, bottom = area.right() + margin, area.bottom() + margin
    label_scale = 1 / scale
    # every node in view keeps labels off itself: its box joins the grid's cell when a label first asks for it
    inside, grid, place, major = _node_grid(rows, scale, cell, (left, top, right, bottom))

    for rect in blocked:
        occupy((rect.left() * scale, rect.top() * scale, rect.right() * scale, rect.bottom() * scale, ""))

    def rank(row: Row[NodeItem]) -> tuple:
        node = row.node
        return (node.iri not in focus, not node.emphasised, not node.major, -node.degree, node.actor.label)

    # the actors in focus and the emphasised ones first, then the rest in their standing order
    if emphasised is None:
        ahead = [j for j, r in enumerate(inside) if r.node.iri in focus or r.node.emphasised]
    else:  # (found by IRI, not by asking 40k actors)
        wanted = focus | {node.iri for node in emphasised}
        ahead = sorted(j for j in (place.get(iri) for iri in wanted if iri is not None) if j is not None)
    first = sorted(map(inside.__getitem__, ahead), key=rank)
    skip = set(ahead)
    rest = list(filterfalse(skip.__contains__, range(len(inside)))) if skip else range(len(inside))
    majors = list(compress(rest, map(major.__getitem__, rest))) if len(rest) > MAX_LABEL_TRIES else rest
    budget = MAX_LABEL_TRIES

    def ordered() -> Iterator[Row[NodeItem]]:
        yield from first
        for j in rest:
            if budget <= 0:  # past what a screen can hold: only the major actors are still tried
                yield from map(inside.__getitem__, majors[bisect_left(majors, j):])
                return
            yield inside[j]

    order = ordered()
    changed = False
    labelled: set[NodeItem] = set()
    for row in order:
        node = row.node
        forced = node.iri in focus
        if not forced and not node.major:
            if budget <= 0:
                continue  # past what a screen can hold: only the major actors are still tried
            budget -= 1
            if row.radius * scale < 1.5:  # a speck
                continue
        boxes = slots(row)
        placed = next(((slot, box) for slot, box in boxes if seen(box) and free(box)), None)
        if placed is None and node.major and not forced:
            placed = make_way(boxes)  # (occupied there)
            if placed is not None:
                hubs[node.iri] = (row, *placed)
                labelled.add(node)
                changed |= node.set_label(True, placed[0], label_scale)
                continue
        if placed is None and forced:  # asked for: the slot covering the least of the labels already placed
            placed = min(boxes, key=lambda slot_box: (not seen(slot_box[1]), overlap(slot_box[1])))
        if placed is not None:
            occupy(placed[1], label=True)
            if node.major:
                hubs[node.iri] = (row, *placed)
            labelled.add(node)
            changed |= node.set_label(True, placed[0], label_scale)
    for hub, slot, _box in hubs.values():  # (a label moved by make_way)
        changed |= hub.node.set_label(True, slot, label_scale)
    for node in shown - labelled:
        changed |= node.set_label(False)
    return labelled, changed


#: Cell keys as one integer: (gx + _OFFSET) * _SPAN + gy + _OFFSET (cells of 48 pixels: any screen and zoom).
_OFFSET, _SPAN = 1 << 30, 1 << 31

#: The last rows' centres, radii, IRIs, places by IRI and major flags (the scene keeps its list of rows until actors
#: move): read from 40k rows once, not at every plan.
_kept: tuple[Sequence[Row[NodeItem]], Any, Any, Any, list[str], dict[str, int], list[bool]] | None = None


def _arrays(rows: Sequence[Row[NodeItem]]) -> tuple[Any, Any, Any, list[str], dict[str, int], list[bool]]:
    global _kept
    if _kept is None or _kept[0] is not rows:
        import numpy as np

        n = len(rows)
        iris = [r.node.iri for r in rows]
        _kept = (rows, np.fromiter((r.x for r in rows), float, n), np.fromiter((r.y for r in rows), float, n),
                 np.fromiter((r.radius for r in rows), float, n), iris, dict(zip(iris, range(n), strict=True)),
                 [r.node.major for r in rows])
    return _kept[1:]


class _Grid(dict[tuple[int, int], list[_Box]]):
    """What labels must not cover, per cell: a cell's node boxes join it when a label first asks for the cell (at
    40k actors in view, building every box and filing it in Python was two thirds of a plan)."""

    def __init__(self, keys: Any, boxes: Any, node_boxes: list[_Box]) -> None:
        super().__init__()
        self._keys, self._boxes, self._node_boxes = keys, boxes, node_boxes

    def __missing__(self, cell: tuple[int, int]) -> list[_Box]:
        key = (cell[0] + _OFFSET) * _SPAN + cell[1] + _OFFSET
        lo, hi = int(self._keys.searchsorted(key, "left")), int(self._keys.searchsorted(key, "right"))
        found = self[cell] = list(map(self._node_boxes.__getitem__, self._boxes[lo:hi].tolist()))
        return found


#: From this many actors shown, the grid of node boxes is made with numpy (below, numpy is not imported for it:
#: the bundled graph's first plan would wait for it).
ARRAY_ROWS = 2000


def _node_grid(rows: Sequence[Row[NodeItem]], scale: float, cell: float,
               bounds: tuple[float, float, float, float]
               ) -> tuple[list[Row[NodeItem]], dict[tuple[int, int], list[_Box]], _Places | dict[str, int],
                          list[bool]]:
    """The rows whose centre is within ``bounds`` (scene units), in their order; the grid of their boxes in
    pixels (each box in every cell it touches); each such row's place among them by IRI; and whether each is a
    major actor."""
    global _kept
    if len(rows) >= ARRAY_ROWS:
        return _array_grid(rows, scale, cell, bounds)
    _kept = None  # (a large graph shown before: its rows, and the actors they hold, are let go)
    left, top, right, bottom = bounds
    floor = math.floor
    inside = [r for r in rows if left <= r.x <= right and top <= r.y <= bottom]
    grid: dict[tuple[int, int], list[_Box]] = defaultdict(list)
    for row in inside:
        x, y, r = row.x, row.y, row.radius
        box = ((x - r) * scale - 2, (y - r) * scale - 2, (x + r) * scale + 2, (y + r) * scale + 2, row.node.iri)
        for gx in range(floor(box[0] / cell), floor(box[2] / cell) + 1):
            for gy in range(floor(box[1] / cell), floor(box[3] / cell) + 1):
                grid[(gx, gy)].append(box)
    return inside, grid, {row.node.iri: j for j, row in enumerate(inside)}, [row.node.major for row in inside]


def _array_grid(rows: Sequence[Row[NodeItem]], scale: float, cell: float,
                bounds: tuple[float, float, float, float]
                ) -> tuple[list[Row[NodeItem]], _Grid, _Places, list[bool]]:
    """:func:`_node_grid` with array operations, a cell's boxes made into tuples when first asked for."""
    import numpy as np

    xs, ys, rs, iris, row_of, majors = _arrays(rows)
    left, top, right, bottom = bounds
    index = np.flatnonzero((xs >= left) & (xs <= right) & (ys >= top) & (ys <= bottom))
    listed = index.tolist()
    inside = list(map(rows.__getitem__, listed))
    x, y, r = xs[index], ys[index], rs[index]
    edges = ((x - r) * scale - 2, (y - r) * scale - 2, (x + r) * scale + 2, (y + r) * scale + 2)
    gx0, gy0, gx1, gy1 = (np.floor(edge / cell).astype(np.int64) for edge in edges)
    keys, boxes = [], []
    small = (gx1 - gx0 <= 2) & (gy1 - gy0 <= 2)  # (a box up to two cells wide touches at most nine)
    for dx in (0, 1, 2):
        for dy in (0, 1, 2):
            touches = np.flatnonzero(small & (gx0 + dx <= gx1) & (gy0 + dy <= gy1))
            keys.append((gx0[touches] + dx + _OFFSET) * _SPAN + gy0[touches] + dy + _OFFSET)
            boxes.append(touches)
    large_keys, large_boxes = [], []
    for i in np.flatnonzero(~small).tolist():  # (a large actor close up)
        for gx in range(int(gx0[i]), int(gx1[i]) + 1):
            for gy in range(int(gy0[i]), int(gy1[i]) + 1):
                large_keys.append((gx + _OFFSET) * _SPAN + gy + _OFFSET)
                large_boxes.append(i)
    keys.append(np.array(large_keys, dtype=np.int64))
    boxes.append(np.array(large_boxes, dtype=np.int64))
    all_keys, all_boxes = np.concatenate(keys), np.concatenate(boxes)
    order = np.argsort(all_keys, kind="stable")
    node_boxes = list(zip(*(edge.tolist() for edge in edges), map(iris.__getitem__, listed), strict=True))
    return inside, _Grid(all_keys[order], all_boxes[order], node_boxes), _Places(listed, row_of), \
        list(map(majors.__getitem__, listed))


class _Places:
    """An actor's place among the rows in view, by IRI (None: not in view)."""

    def __init__(self, listed: list[int], row_of: dict[str, int]) -> None:
        self._listed, self._row_of = listed, row_of

    def get(self, iri: str) -> int | None:
        k = self._row_of.get(iri)
        if k is None:
            return None
        j = bisect_left(self._listed, k)
        return j if j < len(self._listed) and self._listed[j] == k else None
