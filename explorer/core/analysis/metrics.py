"""Metrics per actor on the unsigned claim graph (igraph's C code), with communities, blocs and balance.

Centralities are computed on the simple undirected graph of actors (two actors are adjacent when any
claim links them, self-loops dropped): what Gephi's and igraph's defaults give. Communities are Louvain
(igraph ``community_multilevel``) or Leiden (``community_leiden``, modularity objective) on that graph
weighted by the number of claims per pair, with a seeded random generator so a run is repeatable.
"""

from __future__ import annotations

import random
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import igraph

    from explorer.core.model import Claim

METRICS = ("claims", "degree", "betweenness", "pagerank", "eigenvector", "core", "community", "bloc",
           "local_balance")


@dataclass(frozen=True, slots=True)
class ActorMetrics:
    """One row of the metrics table."""

    actor: str
    claims: int
    degree: int
    betweenness: float  # normalised to [0, 1] like networkx's
    pagerank: float
    eigenvector: float  # scaled so the most central actor has 1
    core: int
    community: int | None
    bloc: int | None = None
    local_balance: float | None = None


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph draws from Python's ``random`` module unless told otherwise: give it a private seeded one."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def unsigned_graph(pairs: Iterable[tuple[str, str]]) -> tuple[igraph.Graph, list[str], list[int]]:
    """The simple undirected igraph of ``pairs`` (one per claim), its actor names by vertex, and each
    edge's claim count (its weight)."""
    import igraph

    counts: Counter[tuple[str, str]] = Counter()
    for a, b in pairs:
        if a != b:
            counts[(a, b) if a <= b else (b, a)] += 1
    names = sorted({x for key in counts for x in key})
    index = {x: i for i, x in enumerate(names)}
    keys = sorted(counts)
    graph = igraph.Graph(n=len(names), edges=[(index[a], index[b]) for a, b in keys])
    return graph, names, [counts[k] for k in keys]


def communities(graph: igraph.Graph, weights: list[int], method: str = "louvain", seed: int = 0) -> list[int]:
    """Community per vertex, numbered by size (largest 0) then by first vertex."""
    if graph.vcount() == 0:
        return []
    with seeded(seed):
        if method == "leiden":
            clustering = graph.community_leiden(objective_function="modularity", weights=weights, n_iterations=-1)
        elif method == "louvain":
            clustering = graph.community_multilevel(weights=weights)
        else:
            raise ValueError(f"unknown community method {method!r} (louvain or leiden)")
    groups = sorted(clustering, key=lambda members: (-len(members), min(members)))
    membership = [0] * graph.vcount()
    for number, members in enumerate(groups):
        for v in members:
            membership[v] = number
    return membership


def actor_metrics(claims: Iterable[Claim], *, method: str = "louvain", seed: int = 0,
                  bloc: dict[str, int] | None = None, local_balance: dict[str, float] | None = None,
                  actors: Iterable[str] = ()) -> dict[str, ActorMetrics]:
    """The metrics table of the actors of ``claims`` (and of ``actors``, isolated ones with zeros)."""
    claims = list(claims)
    per_actor: Counter[str] = Counter()
    for c in claims:
        per_actor[c.subject] += 1
        if c.object != c.subject:
            per_actor[c.object] += 1
    graph, names, weights = unsigned_graph((c.subject, c.object) for c in claims)
    n = graph.vcount()
    if n:
        with seeded(seed):  # ARPACK's start vector (eigenvector) draws from it too
            betweenness = graph.betweenness(directed=False)
            pagerank = graph.pagerank(directed=False)
            with warnings.catch_warnings():  # igraph warns on a disconnected graph; Gephi's value is the same
                warnings.simplefilter("ignore", RuntimeWarning)
                eigen = graph.eigenvector_centrality()  # undirected; scaled so the largest is 1
            core = graph.coreness()
            degree = graph.degree()
        community = communities(graph, weights, method, seed)
        scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    bloc = bloc or {}
    local_balance = local_balance or {}
    table: dict[str, ActorMetrics] = {}
    for i, name in enumerate(names):
        table[name] = ActorMetrics(name, per_actor[name], degree[i], betweenness[i] * scale, pagerank[i],
                                   eigen[i], core[i], community[i], bloc.get(name), local_balance.get(name))
    for name in actors:
        if name not in table:
            table[name] = ActorMetrics(name, per_actor[name], 0, 0.0, 0.0, 0.0, 0, None, bloc.get(name),
                                       local_balance.get(name))
    return dict(sorted(table.items()))
