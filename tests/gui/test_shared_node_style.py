"""Actors of one kind and size share one colour and one bounds rectangle. A lens switch replaces every
actor's colour (and, resizing, its bounds): were each actor's own, the first switch at 10k actors would
free 10k Qt objects, about 10-15 ms of a 16.7 ms frame (benchmarks/lens_switch.py, first-switch column)."""

from __future__ import annotations

from collections import defaultdict

from explorer.gui.graph.scene import GraphScene
from explorer.gui.style import kind_colour, node_bounds, node_path


def test_actors_of_a_kind_share_their_colour_and_bounds(qapp, kb, positions) -> None:
    scene = GraphScene()
    scene.set_graph(kb, positions)
    by_kind: dict[str, list] = defaultdict(list)
    for node in scene.nodes.values():
        by_kind[node.actor.kind].append(node)
    assert any(len(nodes) > 1 for nodes in by_kind.values())
    for kind, nodes in by_kind.items():
        assert len({id(node.colour) for node in nodes}) == 1, kind
        assert nodes[0].colour == kind_colour(kind)  # (shared, and still the kind's colour)
        for node in nodes:
            assert node.outline_rect is node_bounds(kind, node.radius)
            assert node.outline_rect == node_path(kind, node.radius).boundingRect()
