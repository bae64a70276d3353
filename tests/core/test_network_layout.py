"""The networkx projection, neighbourhoods, paths and the seeded layout."""

from __future__ import annotations

from explorer.core.knowledge import KnowledgeBase
from explorer.core.layout import force_layout
from explorer.core.network import claim_graph, neighbourhood, shortest_paths

A = "https://w3id.org/caucasus-explorer/actor/"


def test_claim_graph_has_an_edge_per_claim(kb: KnowledgeBase) -> None:
    graph = claim_graph(kb)
    assert graph.number_of_edges() == len(kb.claims)
    _u, _v, data = next(iter(graph.edges(A + "Russia", data=True)))
    assert {"predicate", "label", "category", "evidence"} <= set(data)


def test_neighbourhood_grows_with_hops(kb: KnowledgeBase) -> None:
    one, two = neighbourhood(kb, A + "CSTO", 1), neighbourhood(kb, A + "CSTO", 2)
    assert {A + "CSTO", A + "Russia", A + "Armenia"} <= one
    assert one < two


def test_shortest_paths_come_with_their_claims(kb: KnowledgeBase) -> None:
    paths = shortest_paths(kb, A + "DickCheney", A + "Kazakhstan")
    assert paths
    for path in paths:
        assert path[0].source == A + "DickCheney" and path[-1].target == A + "Kazakhstan"
        for step in path:
            assert step.claims and all({c.subject, c.object} == {step.source, step.target} for c in step.claims)
    assert shortest_paths(kb, A + "Russia", A + "NoSuchActor") == []


def test_layout_is_seeded_and_stable(kb: KnowledgeBase) -> None:
    graph = claim_graph(kb)
    nodes = list(graph.nodes)
    first = force_layout(nodes, graph.edges())
    again = force_layout(list(reversed(nodes)), list(graph.edges()))
    assert first == again
    other = force_layout(nodes, graph.edges(), seed=99)
    assert other != first
    assert set(first) == set(nodes)
    xs = [p[0] for p in first.values()]
    assert max(xs) - min(xs) > 200, "spread out enough for labels"


def test_a_large_layout_runs_in_a_child_process_with_the_same_result(monkeypatch) -> None:
    """igraph keeps the GIL while it works: a large layout runs in a process of its own, identically."""
    import random as stdlib_random

    from explorer.core import layout

    rng = stdlib_random.Random(5)
    nodes = [f"n{i}" for i in range(300)]
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(900)]
    inline = layout.force_layout(nodes, edges, iterations=60)

    def not_here(*_job: object) -> None:
        raise AssertionError("the layout ran in the parent process")

    monkeypatch.setattr(layout, "fruchterman_reingold", not_here)
    monkeypatch.setattr(layout, "PROCESS_MIN_NODES", 100)
    assert layout.force_layout(nodes, edges, iterations=60) == inline
    asked: list[int] = []
    cancelled = layout.force_layout(
        nodes, edges, iterations=10**7, should_cancel=lambda: asked.append(1) or len(asked) > 3
    )
    assert cancelled == {} and len(asked) > 3  # the child was stopped, not waited for


def test_far_flung_nodes_are_pulled_in_next_to_the_graph() -> None:
    import math

    from explorer.core.layout import OUTLIER_REACH, pull_in_outliers

    core = [[math.cos(a / 10) * r, math.sin(a / 10) * r] for a in range(60) for r in (1.0, 5.0, 10.0)]
    far = [[1000.0, 0.0], [0.0, -400.0], [30.0, 40.0]]
    out = pull_in_outliers(core + far, (0.0, 0.0))
    assert all(math.dist(a, b) < 1e-6 for a, b in zip(out[: len(core)], core, strict=True))  # the graph stays
    pulled = out[len(core):]
    radius = max(math.hypot(x, y) for x, y in core)
    assert all(math.hypot(x, y) <= OUTLIER_REACH * radius + 1e-9 for x, y in pulled)
    assert pulled[0][1] == 0 and pulled[0][0] > 0 and pulled[1][0] == 0 and pulled[1][1] < 0  # same directions
    assert math.hypot(*pulled[0]) > math.hypot(*pulled[1]) > math.hypot(*pulled[2])  # same order
    assert pull_in_outliers(core, (0.0, 0.0)) == core  # nothing far: nothing moves
