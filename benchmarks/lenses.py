"""Speed of the analysis lenses (issue 15), as ratios to references measured in the same run.

    python -m benchmarks.lenses                   # 10k actors / 50k claims; 300 actors for balance
    python -m benchmarks.lenses --actors 2000 --claims 10000 --no-results   # a quick look

Figures:

- ``metrics``: :func:`explorer.core.analysis.metrics.actor_metrics` (the metrics table: claims, degree,
  betweenness, PageRank, eigenvector, core number, Louvain communities) on a hub-skewed graph, against
  igraph's own functions on the same simple graph (``Graph(edges)``, ``betweenness``, ``pagerank``,
  ``eigenvector_centrality``, ``coreness``, ``community_multilevel``), target <= 2x;
- ``balance``: signed ties, unbalanced triads, balance ratio, local balance and the bloc partition of 300
  actors (two planted blocs, 10% of ties flipped), target < 1 s.

The explorer and the reference run interleaved, their order alternating; each figure is the median of
its repeats and the ratio the median of the per-repeat ratios (as ``benchmarks.run``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from benchmarks.sections import heading, write_section
from explorer.core.analysis.coding import EventCategory, PredicateCode
from explorer.core.analysis.events import CodedClaim
from explorer.core.analysis.metrics import actor_metrics
from explorer.core.analysis.signed import (
    balance_ratio,
    blocs,
    local_balance,
    sign_matrix,
    signed_ties,
    unbalanced_triads,
)
from explorer.core.model import Claim

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = "### Analysis lenses"


def hub_claims(actors: int, claims: int, seed: int = 1) -> list[Claim]:
    """``claims`` claims between ``actors`` actors, endpoints drawn with Zipf-like weights (a few hubs)."""
    rng = random.Random(seed)
    names = [f"urn:actor:{i}" for i in range(actors)]
    weights = [1 / (i + 1) ** 0.8 for i in range(actors)]
    out = []
    for i in range(claims):
        a, b = rng.choices(names, weights, k=2)
        if a == b:
            b = names[rng.randrange(actors)]
        out.append(Claim(f"urn:claim:{i}", a, "urn:p", b))
    return out


def reference_metrics(claims: list[Claim]) -> None:
    """igraph alone on the same simple undirected graph."""
    import igraph

    index: dict[str, int] = {}
    edges = set()
    for c in claims:
        if c.subject != c.object:
            a = index.setdefault(c.subject, len(index))
            b = index.setdefault(c.object, len(index))
            edges.add((a, b) if a < b else (b, a))
    graph = igraph.Graph(n=len(index), edges=sorted(edges))
    graph.betweenness(directed=False)
    graph.pagerank(directed=False)
    with warnings.catch_warnings():  # (a disconnected graph: the same warning ours silences)
        warnings.simplefilter("ignore", RuntimeWarning)
        graph.eigenvector_centrality()
    graph.coreness()
    graph.community_multilevel()


def signed_claims(actors: int, ties: int, seed: int = 2) -> list[CodedClaim]:
    """Coded claims among ``actors`` actors in two planted blocs, one claim in ten against its bloc."""
    rng = random.Random(seed)
    friend = PredicateCode("urn:p:coop", EventCategory("urn:c:COOPERATE", "COOPERATE", 2, 6.0), "close")
    enemy = PredicateCode("urn:p:assault", EventCategory("urn:c:ASSAULT", "ASSAULT", 4, -10.0), "close")
    side = {f"urn:actor:{i}": rng.randint(0, 1) for i in range(actors)}
    names = sorted(side)
    out = []
    for i in range(ties):
        a, b = rng.sample(names, 2)
        hostile = (side[a] != side[b]) != (rng.random() < 0.1)
        out.append(CodedClaim(Claim(f"urn:claim:{i}", a, "urn:p", b), enemy if hostile else friend, "2020", "event"))
    return out


def balance(coded: list[CodedClaim]) -> None:
    ties = signed_ties(coded)
    signs = sign_matrix(ties)
    unbalanced_triads(ties)
    balance_ratio(signs)
    local_balance(signs)
    blocs(signs)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--balance-actors", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-results", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args(argv)

    claims = hub_claims(args.actors, args.claims)
    ours: list[float] = []
    theirs: list[float] = []
    for repeat in range(args.repeats):
        pair = [("ours", lambda: actor_metrics(claims)), ("igraph", lambda: reference_metrics(claims))]
        for name, work in (pair if repeat % 2 == 0 else pair[::-1]):
            (ours if name == "ours" else theirs).append(timed(work))
    ratio = statistics.median(o / t for o, t in zip(ours, theirs, strict=True))
    coded = signed_claims(args.balance_actors, args.balance_actors * 5)
    balance_times = [timed(lambda: balance(coded)) for _ in range(args.repeats)]
    rows = [
        ("metrics", f"{statistics.median(ours):.2f} s", f"{statistics.median(theirs):.2f} s", f"{ratio:.2f}x",
         "<= 2x", "ok" if ratio <= 2 else "FAIL",
         f"{args.actors:,} actors, {args.claims:,} claims"),
        ("balance", f"{statistics.median(balance_times):.3f} s", "1 s", f"{statistics.median(balance_times):.2f}",
         "< 1 s", "ok" if statistics.median(balance_times) < 1 else "FAIL",
         f"{args.balance_actors} actors, {len(coded):,} coded claims"),
    ]
    table = ["| figure | explorer | reference | ratio | target | result | size |", "|---|---:|---:|---:|---|---|---|"]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    print("\n".join(table))
    if not args.no_results:
        section = (heading(HEADER, "python -m benchmarks.lenses") + "\n\n"
                   "Metrics table (`actor_metrics`) against igraph's own functions on the same graph; balance, "
                   "triads and blocs of a signed graph against the issue's one second.\n\n" + "\n".join(table) + "\n")
        write_section(HEADER, section, RESULTS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
