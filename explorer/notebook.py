"""A small API for Jupyter notebooks and scripts: the graph, its claims as plain records, and the analyses.

    >>> from explorer.notebook import open_graph
    >>> nb = open_graph()            # the bundled graph; open_graph("a.ttl", "b.ttl") for files

Everything returned is plain Python (dicts, lists, networkx graphs): no Qt, no RDF terms. Actors may be
named by label, alias, local name or IRI wherever one is asked for. Examples: README, "From a notebook".
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.analysis import Analysis, analyze
from explorer.core.analysis.coding import coding_of
from explorer.core.analysis.events import coded_claims
from explorer.core.analysis.signed import dyad_balance

if TYPE_CHECKING:
    import networkx as nx

    from explorer.core.knowledge import KnowledgeBase

__all__ = ["Notebook", "open_graph"]


def open_graph(*files: str | Path) -> Notebook:
    """The bundled graph when no file is named, else the files (any RDF format the explorer reads)."""
    from explorer.core.loading import load_knowledge

    return Notebook(load_knowledge([Path(f) for f in files]))


class Notebook:
    """One knowledge base and the analyses of its claims, computed once per setting and kept."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._analyses: dict[tuple[Any, ...], Analysis] = {}

    def actor(self, name: str) -> str:
        """The IRI of the actor named ``name``."""
        return self.kb.resolve_actor(name).iri

    def claims(self) -> list[dict[str, Any]]:
        """Every claim as a record: who, what, whom, when, its PLOVER code (None for structural ones) and
        how many passages support it."""
        coded = {c.iri: c for c in coded_claims(self.kb)}
        records = []
        for claim in sorted(self.kb.claims.values(), key=lambda c: c.iri):
            code = coded.get(claim.iri)
            records.append({
                "claim": claim.iri,
                "subject": claim.subject, "subject_label": self.kb.label(claim.subject),
                "predicate": claim.predicate, "relation": self.kb.relations[claim.predicate].label,
                "object": claim.object, "object_label": self.kb.label(claim.object),
                "category": self.kb.category_of(claim).label,
                "date": code.date if code else claim.event_date,
                "date_source": code.date_source if code else ("event" if claim.event_date else None),
                "event": code.code.category.name if code else None,
                "quad_code": code.quad if code else None,
                "intensity": code.intensity if code else None,
                "passages": len(claim.evidence),
            })
        return records

    def graph(self) -> nx.MultiDiGraph:
        """Actors as nodes, one edge per claim (keyed by claim IRI), as the GraphML and GEXF exports."""
        from explorer.core.network import claim_graph

        return claim_graph(self.kb, include_isolated=True)

    def analysis(self, *, period: str | None = None, granularity: str = "year", method: str = "louvain",
                 seed: int = 0) -> Analysis:
        key = (period, granularity, method, seed)
        if key not in self._analyses:
            self._analyses[key] = analyze(self.kb, period=period, granularity=granularity, method=method,
                                          seed=seed)
        return self._analyses[key]

    def signed_graph(self, period: str | None = None, granularity: str = "year") -> nx.Graph:
        """One undirected edge per pair with coded claims: ``sign`` (+1, -1, 0), ``cooperation`` and
        ``conflict`` (summed intensities) and the ``claims`` behind it; in ``period`` when given."""
        import networkx as nx

        graph = nx.Graph()
        for tie in self.analysis(period=period, granularity=granularity).ties.values():
            graph.add_edge(tie.a, tie.b, sign=tie.sign, cooperation=tie.cooperation, conflict=tie.conflict,
                           claims=list(tie.claims))
        for node in graph:
            graph.nodes[node]["label"] = self.kb.label(node)
        return graph

    def metrics(self, method: str = "louvain", seed: int = 0) -> list[dict[str, Any]]:
        """The metrics table, one dict per actor, most between first."""
        rows = self.analysis(method=method, seed=seed).metrics.values()
        return [{**asdict(r), "label": self.kb.label(r.actor)}
                for r in sorted(rows, key=lambda r: (-r.betweenness, r.actor))]

    def blocs(self, period: str | None = None, seed: int = 0) -> dict[str, int]:
        """Actor IRI -> bloc of the partition with the fewest frustrated ties."""
        return dict(self.analysis(period=period, seed=seed).blocs.bloc)

    def unbalanced_triads(self, period: str | None = None) -> list[dict[str, Any]]:
        """Each unbalanced triangle: its actors' labels, the three signs and the claims behind each side."""
        return [{"actors": [self.kb.label(a) for a in t.actors], "signs": list(t.signs),
                 "claims": [list(c) for c in t.claims]}
                for t in self.analysis(period=period).triads]

    def dyad(self, a: str, b: str, granularity: str = "year") -> list[dict[str, Any]]:
        """A pair's coded claims per window: counts per quad class (1-4), net intensity and the claims."""
        coded = coded_claims(self.kb, coding=coding_of(self.kb))
        return [asdict(p) for p in dyad_balance(coded, self.actor(a), self.actor(b), granularity)]

    def plover_events(self) -> list[dict[str, Any]]:
        """The PLOVER records of `explorer export --format plover`."""
        from explorer.core.analysis.plover import plover_records

        return plover_records(self.kb)
