"""Metrics per actor agree with networkx's definitions and are repeatable."""

from __future__ import annotations

import networkx as nx
import pytest

from explorer.core.analysis import analyze
from explorer.core.analysis.metrics import actor_metrics
from explorer.core.loading import load_bundled
from explorer.core.model import Claim


def _claims(pairs: list[tuple[str, str]]) -> list[Claim]:
    return [Claim(f"urn:c{i}", a, "urn:p", b) for i, (a, b) in enumerate(pairs)]


def test_metrics_equal_networkx_on_a_small_graph() -> None:
    graph = nx.karate_club_graph()
    pairs = [(f"n{a:02d}", f"n{b:02d}") for a, b in graph.edges()] + [("n00", "n01"), ("n05", "n05")]
    table = actor_metrics(_claims(pairs))
    simple = nx.relabel_nodes(graph, {n: f"n{n:02d}" for n in graph})
    betweenness = nx.betweenness_centrality(simple)
    pagerank = nx.algorithms.link_analysis.pagerank_alg._pagerank_python(simple, weight=None, tol=1e-12)
    eigen = nx.eigenvector_centrality(simple, max_iter=1000)
    top = max(eigen.values())
    core = nx.core_number(simple)
    for name, row in table.items():
        assert row.degree == simple.degree(name)
        assert row.betweenness == pytest.approx(betweenness[name], abs=1e-9)
        assert row.pagerank == pytest.approx(pagerank[name], abs=1e-4)
        assert row.eigenvector == pytest.approx(eigen[name] / top, abs=1e-4)
        assert row.core == core[name]
    assert table["n00"].claims == simple.degree("n00") + 1  # the repeated claim counts; the loop n05-n05 once
    assert table["n05"].claims == simple.degree("n05") + 1
    assert len({row.community for row in table.values()}) >= 2


def test_the_analysis_is_deterministic_and_every_actor_of_a_claim_has_a_row() -> None:
    kb = load_bundled()
    first, second = analyze(kb, seed=7), analyze(kb, seed=7)
    assert first.metrics == second.metrics and first.blocs == second.blocs
    ends = {x for c in kb.claims.values() for x in c.ends if c.subject != c.object}
    assert ends <= set(first.metrics)
    for leiden in (analyze(kb, method="leiden", seed=1), analyze(kb, method="leiden", seed=1)):
        assert leiden.metrics == analyze(kb, method="leiden", seed=1).metrics
    with pytest.raises(ValueError):
        analyze(kb, method="girvan")
