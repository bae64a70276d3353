"""Label planning for the hubs, on made-up places: a hub's label moves to another of its slots to make room
for the next hub's, and slid slots find the gap between a hub's crowding neighbours."""

from __future__ import annotations

import pytest
from label_actors import Node
from PySide6.QtCore import QRectF

from explorer.gui.graph.host import Row
from explorer.gui.graph.items import PLAIN_SLOTS, label_offsets
from explorer.gui.graph.labels import plan_labels

W, H = 40.0, 10.0


def row(node: Node, x: float, y: float, radius: float) -> Row:
    return Row(x - radius, y - radius, x + radius, y + radius, x, y, radius, W, H, node)  # type: ignore[arg-type]


def box(r: Row, slot: str) -> QRectF:
    dx, dy = label_offsets(r.radius, W, H)[slot]
    return QRectF(r.x + dx, r.y + dy, W, H)


def node_box(r: Row) -> QRectF:
    return QRectF(r.x - r.radius - 2, r.y - r.radius - 2, 2 * r.radius + 4, 2 * r.radius + 4)


AREA = QRectF(-400, -400, 800, 800)


def test_a_hub_s_label_moves_to_another_slot_to_make_room_for_the_next_hub_s() -> None:
    a, b = Node("a", True, 9), Node("b", True, 8)
    first, second = row(a, 0, 0, 5), row(b, 0, 30, 5)
    taken = box(first, "below")  # where the first hub's label goes, being tried first
    keep = [box(second, slot) for slot in label_offsets(5, W, H) if box(second, slot).intersects(taken)]
    keep.append(box(first, "above"))  # where the first hub's label can go instead
    blockers: list[Row] = []
    for i, slot in enumerate(label_offsets(5, W, H)):  # every other slot of the second hub holds a minor actor
        place = box(second, slot)
        if place.intersects(taken):
            continue
        spots = (row(Node(f"m{i}", False, 0), place.left() + 2 * dx, place.top() + 2 * dy, 2)
                 for dx in range(int(W / 2) + 1) for dy in range(int(H / 2) + 1))
        blockers.append(next(b for b in spots if not any(node_box(b).intersects(k) for k in keep)))
    rows = [first, second, *blockers]
    labelled, _changed = plan_labels(rows, 1.0, AREA, set(), set())
    assert {a, b} <= labelled
    boxes = [box(first, a.slot), box(second, b.slot)]
    assert a.slot != "below" and not boxes[0].intersects(boxes[1])  # the first hub moved over
    assert not any(node_box(r).intersects(bx) for r in rows for bx in boxes if r.node not in (a, b))


def blockers_of(target: Row, slots: list[str], keep: list[QRectF]) -> list[Row]:
    """Minor actors covering each of ``slots`` of ``target``, none of them on the ``keep`` rectangles."""
    found = []
    for i, slot in enumerate(slots):
        place = box(target, slot)
        spots = (row(Node(f"m{i}", False, 0), place.left() + 2 * dx, place.top() + 2 * dy, 2)
                 for dx in range(int(W / 2) + 1) for dy in range(int(H / 2) + 1))
        found.append(next(b for b in spots if not any(node_box(b).intersects(k) for k in keep)))
    return found


@pytest.mark.parametrize("major", [True, False], ids=["hub", "minor"])
def test_only_a_hub_s_label_slides_along_its_side_between_crowding_neighbours(major: bool) -> None:
    actor = Node("x", major, 5)
    centre = row(actor, 0, 0, 5)
    plain = list(label_offsets(5, W, H))[:PLAIN_SLOTS]
    crowd = blockers_of(centre, plain, [box(centre, "above+0.45")])
    labelled, _changed = plan_labels([centre, *crowd], 1.0, AREA, set(), set())
    if major:
        assert actor in labelled and actor.slot not in plain
        assert not any(node_box(r).intersects(box(centre, actor.slot)) for r in crowd)
    else:  # (a minor label is left out: trying every slid slot of thousands of actors costs too much)
        assert actor not in labelled
