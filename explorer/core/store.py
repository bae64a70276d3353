"""Where triples live: one small interface, an embedded Oxigraph implementation (the default, fast)
and an rdflib one (the reference), and the safe loader that fills either from files.

Front ends never talk to a store directly; they use :mod:`explorer.core.knowledge`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

import pyoxigraph as ox
import rdflib

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.formats import HEAD_BYTES, RdfFormat, check_head, guess_format

#: A row of a SELECT result: variable name to the value's text (IRI, ``_:id`` for a blank node,
#: the lexical form for a literal), or None where the variable is unbound.
Row = dict[str, str | None]
Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]


class Store(Protocol):
    """What the rest of the core needs from a triple store."""

    def select(self, query: str) -> list[Row]: ...

    def construct(self, query: str) -> rdflib.Graph: ...

    def load(self, path: Path, fmt: RdfFormat | None = None, *, progress: Progress | None = None,
             should_cancel: ShouldCancel | None = None) -> None: ...

    def add_graph(self, graph: rdflib.Graph) -> None: ...

    def remove_triples(self, triples: Iterable[tuple]) -> None: ...

    def to_rdflib(self) -> rdflib.Graph: ...

    def __len__(self) -> int: ...


class _CountingReader(io.RawIOBase):
    """Feeds a file to a parser while reporting progress and honouring cancel."""

    def __init__(self, head: bytes, rest: BinaryIO, total: int, progress: Progress | None,
                 should_cancel: ShouldCancel | None) -> None:
        self._head = head
        self._rest = rest
        self._done = 0
        self._total = total
        self._progress = progress
        self._should_cancel = should_cancel

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._should_cancel is not None and self._should_cancel():
            raise Cancelled()
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
        else:
            chunk = self._rest.read(min(len(buffer), 1 << 20))
            n = len(chunk)
            buffer[:n] = chunk
        self._done += n
        if self._progress is not None:
            self._progress(self._done, self._total)
        return n


def _syntax_error(exc: BaseException, path: Path, fmt: RdfFormat) -> ExplorerError:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "offset", None)
    message = getattr(exc, "msg", None) or str(exc)
    return ExplorerError(f"{fmt.label} syntax error: {message}", path=path, line=line, column=column)


def _read_checked(path: Path, fmt: RdfFormat) -> tuple[bytes, BinaryIO, int]:
    """Open ``path``, run the safety checks on its head, return (head, rest-of-stream, size)."""
    try:
        size = path.stat().st_size
        stream = path.open("rb")
    except FileNotFoundError:
        raise ExplorerError("no such file", path=path) from None
    except IsADirectoryError:
        raise ExplorerError("this is a folder, not a file", path=path) from None
    except OSError as exc:
        raise ExplorerError(f"cannot read the file: {exc.strerror}", path=path) from None
    whole = fmt.name == "jsonld" or size <= HEAD_BYTES
    head = stream.read() if whole else stream.read(HEAD_BYTES)
    skip = check_head(head, fmt, path, whole=whole)
    return head[skip:], stream, size


class OxigraphStore:
    """An embedded, in-memory Oxigraph store: parses 10-30x faster than rdflib's default store."""

    def __init__(self) -> None:
        self._store = ox.Store()

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    def load(self, path: Path, fmt: RdfFormat | None = None, *, progress: Progress | None = None,
             should_cancel: ShouldCancel | None = None) -> None:
        path = Path(path)
        fmt = fmt or guess_format(path)
        head, stream, size = _read_checked(path, fmt)
        with stream:
            reader = io.BufferedReader(_CountingReader(head, stream, size, progress, should_cancel), 1 << 20)
            try:
                self._store.bulk_load(reader, fmt.oxigraph, base_iri=path.resolve().as_uri())
            except Cancelled:
                raise
            except SyntaxError as exc:
                raise _syntax_error(exc, path, fmt) from None
            except (ValueError, OSError) as exc:
                if isinstance(exc.__cause__, Cancelled) or isinstance(exc.__context__, Cancelled):
                    raise Cancelled() from None
                raise ExplorerError(f"cannot load {fmt.label}: {exc}", path=path) from None

    def select(self, query: str) -> list[Row]:
        solutions = self._store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        rows: list[Row] = []
        for solution in solutions:
            rows.append({name: _ox_text(solution[name]) for name in names})
        return rows

    def construct(self, query: str) -> rdflib.Graph:
        graph = rdflib.Graph()
        for triple in self._store.query(query, use_default_graph_as_union=True):
            graph.add((_to_rdflib(triple.subject), _to_rdflib(triple.predicate), _to_rdflib(triple.object)))
        return graph

    def add_graph(self, graph: rdflib.Graph) -> None:
        self._store.extend(ox.Quad(_from_rdflib(s), _from_rdflib(p), _from_rdflib(o)) for s, p, o in graph)

    def remove_triples(self, triples: Iterable[tuple]) -> None:
        for s, p, o in triples:
            for quad in list(self._store.quads_for_pattern(_from_rdflib(s), _from_rdflib(p), _from_rdflib(o))):
                self._store.remove(quad)

    def to_rdflib(self) -> rdflib.Graph:
        graph = rdflib.Graph()
        for quad in self._store:
            graph.add((_to_rdflib(quad.subject), _to_rdflib(quad.predicate), _to_rdflib(quad.object)))
        return graph

    def dump(self, out: BinaryIO, fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """Write every triple (named graphs merged) straight from Oxigraph's serializer."""
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in self._store)
        kwargs = {"prefixes": prefixes} if prefixes and fmt.name in ("turtle", "trig") else {}
        ox.serialize(triples, out, fmt.oxigraph if not fmt.quads else ox.RdfFormat.N_TRIPLES, **kwargs)


class RdflibStore:
    """rdflib's in-memory store behind the same interface: the reference implementation."""

    def __init__(self) -> None:
        self._dataset = rdflib.Dataset(default_union=True)

    def __len__(self) -> int:
        return len(self._dataset)

    def load(self, path: Path, fmt: RdfFormat | None = None, *, progress: Progress | None = None,
             should_cancel: ShouldCancel | None = None) -> None:
        path = Path(path)
        fmt = fmt or guess_format(path)
        head, stream, size = _read_checked(path, fmt)
        with stream:
            data = head + stream.read()
        if should_cancel is not None and should_cancel():
            raise Cancelled()
        # Parse with Oxigraph (safe: no remote loading, line numbers), then copy into rdflib.
        try:
            quads = list(ox.parse(data, fmt.oxigraph, base_iri=path.resolve().as_uri()))
        except SyntaxError as exc:
            raise _syntax_error(exc, path, fmt) from None
        graph = self._dataset.default_graph if hasattr(self._dataset, "default_graph") else self._dataset
        for quad in quads:
            graph.add((_to_rdflib(quad.subject), _to_rdflib(quad.predicate), _to_rdflib(quad.object)))
        if progress is not None:
            progress(size, size)

    def select(self, query: str) -> list[Row]:
        result = self._dataset.query(query)
        names = [str(v) for v in result.vars or []]
        return [{n: _rdflib_text(row[i]) for i, n in enumerate(names)} for row in result]

    def construct(self, query: str) -> rdflib.Graph:
        graph = rdflib.Graph()
        for triple in self._dataset.query(query):
            graph.add(triple)
        return graph

    def add_graph(self, graph: rdflib.Graph) -> None:
        for triple in graph:
            self._dataset.add(triple)

    def remove_triples(self, triples: Iterable[tuple]) -> None:
        for triple in triples:
            self._dataset.remove(triple)

    def to_rdflib(self) -> rdflib.Graph:
        graph = rdflib.Graph()
        for s, p, o, _g in self._dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph


def _ox_text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value  # type: ignore[attr-defined]


def _rdflib_text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, rdflib.BNode):
        return "_:" + str(term)
    return str(term)


def _to_rdflib(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
    raise ExplorerError(f"unsupported RDF term {term!r}")


def _from_rdflib(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ExplorerError(f"unsupported RDF term {term!r}")


def rdflib_graph_of(triples: Iterator[tuple] | Iterable[tuple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for triple in triples:
        graph.add(triple)
    return graph
