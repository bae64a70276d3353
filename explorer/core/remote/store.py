"""The :class:`~explorer.core.store.Store` interface over a SPARQL 1.1 endpoint.

Reads are SPARQL queries; writes go through the Graph Store protocol (merge) or SPARQL Update, with
every term serialised by :mod:`explorer.core.remote.sparql`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox
import rdflib

from explorer.core.errors import ExplorerError
from explorer.core.formats import RdfFormat, guess_format
from explorer.core.jobs import CountProgress, ShouldCancel
from explorer.core.remote import queries as rq
from explorer.core.remote import sparql
from explorer.core.remote.endpoint import Endpoint, SparqlClient
from explorer.core.store import Row, to_rdflib_term


class RemoteStore:
    """The :class:`~explorer.core.store.Store` interface over a SPARQL 1.1 endpoint.

    Reads are SPARQL queries; :meth:`load` and :meth:`add_graph` merge into the endpoint's graph with the
    Graph Store protocol and :meth:`remove_triples` is a SPARQL Update, when the endpoint has those URLs.
    """

    def __init__(self, endpoint: Endpoint | str, client: SparqlClient | None = None) -> None:
        self.endpoint = Endpoint.from_url(endpoint) if isinstance(endpoint, str) else endpoint
        self.client = client or SparqlClient(self.endpoint)

    def select(self, query: str, *, should_cancel: ShouldCancel | None = None, timeout: float | None = None,
               named_graphs: Sequence[str] = ()) -> list[Row]:
        return self.client.select(query, should_cancel=should_cancel, timeout=timeout, named_graphs=named_graphs)

    def ask(self, query: str) -> bool:
        return self.client.ask(query)

    def construct(self, query: str) -> rdflib.Graph:
        graph = rdflib.Graph()
        for triple in self.client.construct(query):
            graph.add((to_rdflib_term(triple.subject), to_rdflib_term(triple.predicate), to_rdflib_term(triple.object)))
        return graph

    def load(self, path: Path, fmt: RdfFormat | None = None, *, progress: CountProgress | None = None,
             should_cancel: ShouldCancel | None = None) -> None:
        from explorer.core.remote.publish import publish

        publish(self.endpoint, [Path(path)], replace=False, with_vocabulary=False,
                fmt=fmt or guess_format(path), client=self.client, should_cancel=should_cancel)

    def add_graph(self, graph: rdflib.Graph) -> None:
        data = graph.serialize(format="nt", encoding="utf-8")
        self.client.graph_send(self.endpoint.graph, io.BytesIO(data), len(data), "application/n-triples",
                               replace=False)

    def remove_triples(self, triples: Iterable[tuple]) -> None:
        lines = [f"{sparql.rdf_term(s)} {sparql.rdf_term(p)} {sparql.rdf_term(o)} ." for s, p, o in triples]
        if not lines:
            return
        body = "\n".join(lines)
        if self.endpoint.graph is not None:
            body = f"GRAPH {sparql.iri(self.endpoint.graph)} {{\n{body}\n}}"
        self.client.update(f"DELETE DATA {{\n{body}\n}}")

    def to_rdflib(self) -> rdflib.Graph:
        from explorer.core.remote.publish import pull

        graph = rdflib.Graph()
        for triple in ox.parse(pull(self.endpoint, client=self.client), ox.RdfFormat.TURTLE):
            graph.add((to_rdflib_term(triple.subject), to_rdflib_term(triple.predicate), to_rdflib_term(triple.object)))
        return graph

    def __len__(self) -> int:
        rows = self.client.select(rq.Q_COUNT_TRIPLES)
        return int(rows[0].get("n") or 0) if rows else 0

    def named_graphs(self) -> list[str]:
        """A few graph names the store holds, to suggest when the default graph is empty."""
        saved = self.client.endpoint
        try:
            if saved.graph is not None:
                return []
            rows = self.client.select(rq.Q_GRAPHS, timeout=min(saved.timeout, 5.0))
        except ExplorerError:
            return []
        return [r["g"] for r in rows if r.get("g")]
