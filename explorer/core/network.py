"""The networkx projection of a knowledge base: actors as nodes, claims as edges, and analysis on it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx takes a quarter of a second to import: only the functions that use it do
    import networkx as nx

    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.model import Claim


def claim_graph(kb: KnowledgeBase, claims: Iterable[Claim] | None = None,
                include_isolated: bool = False, *, with_weight: bool = False) -> nx.MultiDiGraph:
    """A multi-digraph keyed by claim IRI, with the attributes Gephi and layouts need (``with_weight``:
    and the weight of each claim's evidence, explorer.core.weight, for exports)."""
    import networkx as nx

    from explorer.core.weight import factuality_name, weigh_knowledge

    weights = weigh_knowledge(kb) if with_weight else None

    graph = nx.MultiDiGraph()
    chosen = list(kb.claims.values()) if claims is None else list(claims)
    if include_isolated:
        for actor in kb.actors.values():
            graph.add_node(actor.iri, label=actor.label, kind=actor.kind)
    for claim in chosen:
        for end in claim.ends:
            if end not in graph:
                actor = kb.actors.get(end)
                graph.add_node(end, label=actor.label if actor else kb.label(end),
                               kind=actor.kind if actor else "other")
        relation = kb.relations[claim.predicate]
        graph.add_edge(claim.subject, claim.object, key=claim.iri, predicate=claim.predicate,
                       label=relation.label, category=kb.categories[relation.category].label,
                       symmetric=relation.symmetric, evidence=len(claim.evidence),
                       event_date=claim.event_date or "", start_date=claim.start_date or "",
                       end_date=claim.end_date or "")
        if weights is not None:
            w = weights[claim.iri]
            graph.edges[claim.subject, claim.object, claim.iri].update(
                passages=w.passages, independent_sources=w.sources, credibility=w.credibility,
                contested=w.contested, factuality=factuality_name(w.strongest), rank=w.rank)
    return graph


def neighbourhood(kb: KnowledgeBase, actor: str, hops: int = 1) -> set[str]:
    """Actors within ``hops`` claims of ``actor`` (direction ignored), the actor included."""
    seen = {actor}
    frontier = {actor}
    for _ in range(hops):
        nxt: set[str] = set()
        for a in frontier:
            for claim in kb.claims_of(a):
                nxt.update(claim.ends)
        frontier = nxt - seen
        seen |= nxt
    return seen


@dataclass(frozen=True)
class PathStep:
    source: str
    target: str
    claims: tuple[Claim, ...]  # every claim linking the two, either direction


def shortest_paths(kb: KnowledgeBase, source: str, target: str, limit: int = 5,
                   claims: Iterable[Claim] | None = None) -> list[list[PathStep]]:
    """The shortest chains of claims between two actors (direction ignored), each step with its claims."""
    import networkx as nx

    undirected = nx.Graph()
    for claim in (kb.claims.values() if claims is None else claims):
        if claim.subject != claim.object:
            undirected.add_edge(claim.subject, claim.object)
    if source not in undirected or target not in undirected:
        return []
    paths: list[list[PathStep]] = []
    try:
        for nodes in nx.all_shortest_paths(undirected, source, target):
            steps = [PathStep(a, b, tuple(kb.claims_between(a, b))) for a, b in pairwise(nodes)]
            paths.append(steps)
            if len(paths) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    return paths


def centrality(kb: KnowledgeBase) -> dict[str, float]:
    """Degree centrality over claims, for sizing nodes."""
    import networkx as nx

    graph = claim_graph(kb, include_isolated=True)
    return nx.degree_centrality(nx.Graph(graph)) if len(graph) > 1 else {n: 1.0 for n in graph}
