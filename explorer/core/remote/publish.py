"""Push a graph to a store and pull it back, with the SPARQL 1.1 Graph Store HTTP Protocol.

Publishing parses the files locally first (the same safe loader the explorer opens files with), so a
broken file is reported with its line before anything is sent, and the store receives one
N-Triples upload: PUT replaces the graph, POST merges into it.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.formats import FORMATS, RdfFormat
from explorer.core.jobs import Progress, ShouldCancel
from explorer.core.remote.endpoint import Endpoint, SparqlClient
from explorer.core.remote.summary import write_summary
from explorer.core.store import OxigraphStore
from explorer.core.vocab import PREFIXES
from explorer.resources import bundled_files

#: Uploads bigger than this are spooled to a temporary file rather than held in memory.
_SPOOL_BYTES = 64 << 20


@dataclass(frozen=True)
class PublishReport:
    files: tuple[Path, ...]
    triples: int
    bytes: int
    graph: str | None  # None: the default graph
    replaced: bool
    seconds: float

    def describe(self, where: str) -> str:
        target = f"graph <{self.graph}>" if self.graph else "the default graph"
        verb = "replaced" if self.replaced else "merged into"
        return (f"{verb} {target} at {where}: {self.triples:,} triples from {len(self.files)} file(s) "
                f"in {self.seconds:.1f} s")


def publish(endpoint: Endpoint, paths: Sequence[Path] = (), *, replace: bool = True,
            with_vocabulary: bool = True, summary: bool = True, fmt: RdfFormat | None = None,
            client: SparqlClient | None = None, progress: Progress | None = None,
            should_cancel: ShouldCancel | None = None) -> PublishReport:
    """Upload ``paths`` (the bundled graph when empty, with the vocabulary) into ``endpoint.graph``,
    then (re)write its summary graph (see :mod:`explorer.core.remote.summary`) unless ``summary`` is False."""
    from explorer.core.loading import load_store

    started = time.monotonic()
    files = [Path(p) for p in paths] or bundled_files()
    for path in files:
        if not path.exists():
            raise ExplorerError("no such file", path=path)

    client = client or SparqlClient(endpoint)
    client.ask("ASK { }")  # is the store there (and do the credentials work) before a long parse?

    def reading(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction * 0.5, message)

    store = load_store(files, fmt=fmt, with_vocabulary=with_vocabulary, store_kind="oxigraph",
                       progress=reading, should_cancel=should_cancel)
    assert isinstance(store, OxigraphStore)
    if should_cancel is not None and should_cancel():
        raise Cancelled()
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spooled:
        upload = cast(BinaryIO, spooled)
        store.dump(upload, FORMATS["ntriples"])
        size = upload.tell()
        upload.seek(0)
        if progress is not None:
            progress(0.5, f"sending {len(store):,} triples ({size / 1e6:.1f} MB) to {endpoint.display()}")
        client.graph_send(endpoint.graph, upload, size, "application/n-triples", replace=replace)
    held = count_triples(client, should_cancel=should_cancel)
    if held < len(store):
        raise ExplorerError(f"{endpoint.display()} holds {held:,} triples after receiving {len(store):,}",
                            hint="the store kept only part of the upload: look at its log, or publish the "
                                 "graph in smaller files")
    if summary:
        if progress is not None:
            progress(0.9, "ranking the actors for the summary graph")
        write_summary(client, should_cancel=should_cancel)
    if progress is not None:
        progress(1.0, f"published {len(store):,} triples")
    return PublishReport(tuple(files), len(store), size, endpoint.graph, replace, time.monotonic() - started)


#: Triples per page when a whole-graph read comes back short of the store's count: Virtuoso's stock result
#: cap (ResultSetMaxRows); a store with a lower cap answers shorter pages, and the next page starts there.
PULL_PAGE = 10_000
Q_COUNT_GRAPH = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: The default graph of some stores (Virtuoso) is the union of every graph: a triple in two counts once.
Q_COUNT_DISTINCT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
#: A page of the graph in a stable order. The order is in a sub-select and the page outside it: Virtuoso
#: refuses a sorted LIMIT + OFFSET beyond its cap ("Sorted TOP clause specifies more then 20000 rows").
Q_PAGE = ("CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o } } "
          "LIMIT ${limit} OFFSET ${offset}")


@dataclass(frozen=True)
class Pulled:
    """A graph read from a store: as Turtle, with how many triples it holds and how many the store counted."""

    data: bytes
    triples: int
    expected: int


def count_triples(client: SparqlClient, *, should_cancel: ShouldCancel | None = None) -> int:
    """The triples of the client's graph, as the store counts them (what a complete read must hold)."""
    query = Q_COUNT_GRAPH if client.endpoint.graph is not None else Q_COUNT_DISTINCT
    rows = client.select(query, timeout=max(client.endpoint.timeout, 300.0), should_cancel=should_cancel)
    try:
        return int(rows[0].get("n") or "")
    except (IndexError, ValueError):
        raise ExplorerError(f"{client.endpoint.display()} did not say how many triples it holds",
                            hint="the count is needed to know that the whole graph was read") from None


def pull(endpoint: Endpoint, *, client: SparqlClient | None = None, prefixes: bool = True,
         should_cancel: ShouldCancel | None = None) -> bytes:
    """The endpoint's graph as Turtle, every triple of it (see :func:`pull_graph`)."""
    return pull_graph(endpoint, client=client, prefixes=prefixes, should_cancel=should_cancel).data


def pull_graph(endpoint: Endpoint, *, client: SparqlClient | None = None, prefixes: bool = True,
               should_cancel: ShouldCancel | None = None, page_size: int = PULL_PAGE) -> Pulled:
    """The endpoint's graph as Turtle: a Graph Store GET when the store has one, else a CONSTRUCT; checked
    against the store's count, and read again page by page when it came back short (a store's result cap
    cuts both, silently: Virtuoso sends 10,001 triples of 15,000). Raises rather than return part of it."""
    client = client or SparqlClient(endpoint)
    expected = count_triples(client, should_cancel=should_cancel)
    if endpoint.store_url:
        response = client.graph_get(endpoint.graph, "text/turtle, application/n-triples;q=0.9",
                                    should_cancel=should_cancel)
        fmt = ox.RdfFormat.from_media_type(response.content_type) or ox.RdfFormat.TURTLE
        try:
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.body, fmt)]
        except (SyntaxError, ValueError) as exc:
            raise ExplorerError(f"the store sent unreadable {fmt.name}: {exc}") from None
    else:
        triples = client.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                   timeout=max(endpoint.timeout, 600.0), should_cancel=should_cancel)
    found = set(triples)
    if len(found) < expected:
        found = _paged(client, expected, page_size, should_cancel)
    if len(found) < expected:
        raise ExplorerError(
            f"{endpoint.display()} sent {len(found):,} of the {expected:,} triples it holds, even page by page",
            hint="the store cuts answers at its result cap (Virtuoso: ResultSetMaxRows in the [SPARQL] section "
                 "of virtuoso.ini, 10000 by default) and did not page past it: raise the cap, or export with "
                 "the store's own tools")
    out = io.BytesIO()
    ox.serialize(sorted(found, key=str) if len(found) != len(triples) else triples, out, ox.RdfFormat.TURTLE,
                 **({"prefixes": PREFIXES} if prefixes else {}))
    return Pulled(out.getvalue(), len(found), expected)


def _paged(client: SparqlClient, expected: int, page_size: int,
           should_cancel: ShouldCancel | None) -> set[ox.Triple]:
    """Every triple of the graph in pages of a stable order (LIMIT/OFFSET over ORDER BY): a page shorter than
    asked means a lower cap, and the next one starts where it ended; done at the count, or at a page that
    brings nothing new."""
    from explorer.core.remote import sparql

    found: set[ox.Triple] = set()
    offset = 0
    timeout = max(client.endpoint.timeout, 600.0)
    while len(found) < expected:
        query = sparql.render(Q_PAGE, limit=sparql.integer(page_size), offset=sparql.integer(offset))
        page = client.construct(query, timeout=timeout, should_cancel=should_cancel)
        before = len(found)
        found.update(page)
        if len(found) == before:  # an empty page, or one the store repeats: it pages no further
            break
        offset += len(page)
        page_size = min(page_size, len(page))
    return found
