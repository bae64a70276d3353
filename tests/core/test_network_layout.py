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
