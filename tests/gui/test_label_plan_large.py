"""Label planning over many actors (issue 19: 40k in view): the grid of node boxes is made with array operations
and filled a cell at a time, and past the tries a screen can hold only the major actors are visited. Checked
against the plain definitions on made-up places."""

from __future__ import annotations

import math
import random

import pytest
from label_actors import Node
from PySide6.QtCore import QRectF

from explorer.gui.graph import labels
from explorer.gui.graph.host import Row

W, H = 40.0, 10.0
CELL = 48.0


def made_up(count: int, seed: int, span: float = 3000.0) -> list[Row]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        x, y, r = rng.uniform(-span, span), rng.uniform(-span, span), rng.choice([2.0, 5.0, 9.0, 30.0, 80.0])
        node = Node(f"a{i}", major=rng.random() < 0.02, degree=rng.randrange(1, 50))
        rows.append(Row(x - r, y - r, x + r, y + r, x, y, r, W, H, node))  # type: ignore[arg-type]
    return rows


@pytest.mark.parametrize("count", [3000, 600], ids=["arrays", "plain"])
def test_the_cells_hold_each_box_they_touch(count: int) -> None:
    rows = made_up(count, seed=1)
    scale = 0.9
    bounds = (-2000.0, -1500.0, 2500.0, 1800.0)
    inside, grid, place, major = labels._node_grid(rows, scale, CELL, bounds)
    expected_inside = [r for r in rows if bounds[0] <= r.x <= bounds[2] and bounds[1] <= r.y <= bounds[3]]
    assert inside == expected_inside
    assert major == [r.node.major for r in inside]
    assert all(place.get(r.node.iri) == j for j, r in enumerate(inside)) and place.get("a-none") is None
    wanted: dict[tuple[int, int], set[tuple]] = {}
    for r in inside:  # the plain definition: the box in pixels, in every cell it touches
        box = ((r.x - r.radius) * scale - 2, (r.y - r.radius) * scale - 2, (r.x + r.radius) * scale + 2,
               (r.y + r.radius) * scale + 2, r.node.iri)
        for gx in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1):
            for gy in range(math.floor(box[1] / CELL), math.floor(box[3] / CELL) + 1):
                wanted.setdefault((gx, gy), set()).add(box)
    assert any(r.radius == 80.0 for r in inside)  # (148 pixels: boxes over three cells wide are met)
    for key, boxes in wanted.items():
        assert set(grid[key]) == boxes and len(grid[key]) == len(boxes)
    assert grid[(10**6, 10**6)] == []


def test_majors_past_the_tries_still_get_labels_and_emphasis_by_set_is_the_same() -> None:
    # more plain actors than a screen's tries come before the major ones: those are still labelled
    rows = made_up(2500, seed=2, span=20000.0)
    plain = [Row(*r[:9], Node(r.node.iri, major=False, degree=1)) for r in rows[:2000]]  # type: ignore[arg-type]
    hubs = [Row(*r[:9], Node(r.node.iri, major=True, degree=99)) for r in rows[2000:2040]]  # type: ignore[arg-type]
    ordered = plain + hubs
    area = QRectF(-20000, -20000, 40000, 40000)
    labelled, _changed = labels.plan_labels(ordered, 1.0, area, set(), set())
    assert {r.node for r in hubs} <= labelled
    assert len([n for n in labelled if not n.major]) <= labels.MAX_LABEL_TRIES
    for r in ordered[::50]:
        r.node.emphasised = True
    emphasised = {r.node for r in ordered[::50]}
    asked, _ = labels.plan_labels(ordered, 1.0, area, {"a7"}, set())
    told, _ = labels.plan_labels(ordered, 1.0, area, {"a7"}, set(), emphasised=emphasised)
    assert asked == told and emphasised & told


def test_a_small_graph_lets_the_large_ones_rows_go() -> None:
    area = QRectF(-3000, -3000, 6000, 6000)
    labels.plan_labels(made_up(labels.ARRAY_ROWS, seed=3), 1.0, area, set(), set())
    assert labels._kept is not None
    labels.plan_labels(made_up(50, seed=4), 1.0, area, set(), set())
    assert labels._kept is None
