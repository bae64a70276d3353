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
    if summary:
        if progress is not None:
            progress(0.9, "ranking the actors for the summary graph")
        write_summary(client, should_cancel=should_cancel)
    if progress is not None:
        progress(1.0, f"published {len(store):,} triples")
    return PublishReport(tuple(files), len(store), size, endpoint.graph, replace, time.monotonic() - started)


def pull(endpoint: Endpoint, *, client: SparqlClient | None = None, prefixes: bool = True,
         should_cancel: ShouldCancel | None = None) -> bytes:
    """The endpoint's graph as Turtle: a Graph Store GET when the store has one, else a CONSTRUCT."""
    client = client or SparqlClient(endpoint)
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
    out = io.BytesIO()
    ox.serialize(triples, out, ox.RdfFormat.TURTLE, **({"prefixes": PREFIXES} if prefixes else {}))
    return out.getvalue()
