"""A small summary graph beside a published graph, so the first screen of a big store opens fast.

Ranking actors by their number of claims is an aggregate over every statement of the store (about a
second for 100k claims); the explorer needs it each time someone connects. ``explorer publish`` therefore
writes the ranking once, into a named graph of its own next to the data:

    <actor>  xs:claimCount 2252 ; xs:rank 0 .          every actor with a claim (rank: top SCREEN_SIZE only)
    <claim>  xs:screenRank 17 .                        statements among the top SCREEN_SIZE actors
                                                       (the larger rank of their two ends)
    <urn:explorer:summary:...> xs:summarises <graph> ; xs:screenSize 500 ; xs:bareTriples 0 ;
                               dcterms:modified "..."^^xsd:dateTime .

Only the ranking is cached: claims, labels and evidence are always read live from the data, so a summary
made stale by later edits can only change which actors come first. A store without a summary works too
(the explorer runs the aggregate); ``explorer publish --summary-only`` writes one for a store filled by
other tools.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.jobs import ShouldCancel
from explorer.core.remote import paging, sparql
from explorer.core.remote.endpoint import SparqlClient
from explorer.core.store import Row
from explorer.core.vocab import SPARQL_PREFIXES

XS = "https://w3id.org/caucasus-explorer/summary#"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
#: The largest first screen the summary serves (a bigger one falls back to the live aggregate).
SCREEN_SIZE = 500
_CHUNK = 100

Q_RANK_ALL = SPARQL_PREFIXES + """
SELECT ?a (COUNT(*) AS ?n) WHERE { { ?st rdf:subject ?a } UNION { ?st rdf:object ?a } }
GROUP BY ?a ORDER BY DESC(?n) ?a
"""
Q_STATEMENTS_FROM = SPARQL_PREFIXES + """
SELECT ?st ?s ?o WHERE { ${subjects} ?st rdf:subject ?s ; rdf:object ?o . }
"""
#: Bare triples (claims without a statement) exist when fewer distinct claim triples are described by
#: statements than are asserted. Two counts: FILTER NOT EXISTS would take minutes on a big store.
Q_CLAIM_TRIPLES = SPARQL_PREFIXES + """
SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?p cx:category ?c . ?s ?p ?o } }
"""
Q_DESCRIBED_TRIPLES = SPARQL_PREFIXES + """
SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?s ?p ?o . ?p cx:category ?c } }
"""
Q_CLAIM_TRIPLES_ALL = SPARQL_PREFIXES + """
SELECT DISTINCT ?s ?p ?o WHERE { ?p cx:category ?c . ?s ?p ?o . FILTER(!isLiteral(?o)) }
"""
Q_DESCRIBED_ALL = SPARQL_PREFIXES + """
SELECT DISTINCT ?s ?p ?o WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
"""
Q_META = f"""
SELECT ?size ?bare ?modified WHERE {{ GRAPH ${{summary}} {{
  ${{summary}} <{XS}screenSize> ?size ; <{XS}bareTriples> ?bare .
  OPTIONAL {{ ${{summary}} <http://purl.org/dc/terms/modified> ?modified }} }} }}
"""


@dataclass(frozen=True)
class SummaryInfo:
    graph: str
    screen_size: int
    bare_triples: bool
    modified: str | None


def summary_graph(graph: str | None) -> str:
    """The summary graph's name for a data graph (None: the default graph)."""
    if graph is None:
        return "urn:explorer:summary:default"
    return "urn:explorer:summary:" + hashlib.sha1(graph.encode()).hexdigest()[:20]


def read_summary(client: SparqlClient) -> SummaryInfo | None:
    """The summary of the client's graph, or None when there is none."""
    name = summary_graph(client.endpoint.graph)
    rows = client.select(sparql.render(Q_META, summary=sparql.iri(name)), named_graphs=[name])
    for row in rows:
        try:
            size, bare = int(row.get("size") or ""), int(row.get("bare") or "")
        except ValueError:
            return None
        return SummaryInfo(name, size, bare > 0, row.get("modified"))
    return None


def write_summary(client: SparqlClient, *, screen_size: int = SCREEN_SIZE,
                  should_cancel: ShouldCancel | None = None) -> SummaryInfo:
    """Rank the store's actors by their claims (live) and PUT the result into the summary graph."""
    def check() -> None:
        if should_cancel is not None and should_cancel():
            raise Cancelled()

    long = max(client.endpoint.timeout, 300.0)
    bare = _has_bare_triples(client, long, should_cancel)
    check()
    counts = {r["a"] or "": int(r.get("n") or 0) for r in _every_row(client, Q_RANK_ALL, "?a ?n", long, should_cancel)}
    if bare:
        for s, o in _bare_triples(client, long, should_cancel):
            counts[s] = counts.get(s, 0) + 1
            if o != s:
                counts[o] = counts.get(o, 0) + 1
    ranked = sorted(((a, n) for a, n in counts.items() if sparql.is_iri(a)), key=lambda an: (-an[1], an[0]))
    rank = {a: i for i, (a, _n) in enumerate(ranked[:screen_size])}
    check()
    screen: dict[str, int] = {}
    top = list(rank)
    for i in range(0, len(top), _CHUNK):
        rows = _every_row(client, sparql.render(Q_STATEMENTS_FROM, subjects=sparql.values("s", top[i:i + _CHUNK])),
                          "?st ?s ?o", long, should_cancel)
        for row in rows:
            st, s, o = row.get("st") or "", row.get("s") or "", row.get("o") or ""
            if o in rank and sparql.is_iri(st):
                screen[st] = max(rank[s], rank[o])
        check()
    name = summary_graph(client.endpoint.graph)
    me = sparql.iri(name)
    lines = [f"{me} <{XS}screenSize> {_int(screen_size)} .", f"{me} <{XS}bareTriples> {_int(int(bare))} .",
             f"{me} <http://purl.org/dc/terms/modified> "
             f"{sparql.literal(datetime.now(UTC).isoformat(timespec='seconds'), datatype=XSD_DATETIME)} ."]
    if client.endpoint.graph is not None:
        lines.append(f"{me} <{XS}summarises> {sparql.iri(client.endpoint.graph)} .")
    for a, n in ranked:
        lines.append(f"{sparql.iri(a)} <{XS}claimCount> {_int(n)} .")
        if a in rank:
            lines.append(f"{sparql.iri(a)} <{XS}rank> {_int(rank[a])} .")
    for st, r in screen.items():
        lines.append(f"{sparql.iri(st)} <{XS}screenRank> {_int(r)} .")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    client.graph_send(name, io.BytesIO(data), len(data), "application/n-triples", replace=True)
    return SummaryInfo(name, screen_size, bool(bare), None)


def _has_bare_triples(client: SparqlClient, timeout: float, should_cancel: ShouldCancel | None) -> bool:
    try:
        asserted = client.select(Q_CLAIM_TRIPLES, timeout=timeout, should_cancel=should_cancel)
        described = client.select(Q_DESCRIBED_TRIPLES, timeout=timeout, should_cancel=should_cancel)
        return int(asserted[0].get("n") or 0) > int(described[0].get("n") or 0)
    except (ExplorerError, IndexError, ValueError):
        return True  # unknown: the explorer then looks for bare triples itself


def _bare_triples(client: SparqlClient, timeout: float,
                  should_cancel: ShouldCancel | None) -> list[tuple[str, str]]:
    """(subject, object) of every claim triple no statement describes (only asked when there are some)."""
    asserted = _every_row(client, Q_CLAIM_TRIPLES_ALL, "?s ?p ?o", timeout, should_cancel)
    described = {(r.get("s"), r.get("p"), r.get("o"))
                 for r in _every_row(client, Q_DESCRIBED_ALL, "?s ?p ?o", timeout, should_cancel)}
    return [(r["s"] or "", r["o"] or "") for r in asserted
            if (r.get("s"), r.get("p"), r.get("o")) not in described and r.get("s") and r.get("o")]


def _every_row(client: SparqlClient, query: str, columns: str, timeout: float,
               should_cancel: ShouldCancel | None) -> list[Row]:
    """Every row of a whole-graph query, past the store's result cap (see :mod:`explorer.core.remote.paging`)."""
    return paging.every_row(lambda q: client.select(q, timeout=timeout, should_cancel=should_cancel), query, columns)


def _int(n: int) -> str:
    return sparql.literal(str(int(n)), datatype=XSD_INTEGER)
