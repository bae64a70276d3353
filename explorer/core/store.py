"""Where triples live: one small interface, an embedded Oxigraph implementation (the default, fast)
and an rdflib one (the reference), and the safe loader that fills either from files.

Front ends never talk to a store directly; they use :mod:`explorer.core.knowledge`.
"""

from __future__ import annotations

import codecs
import io
import re
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.jobs import CountProgress, ShouldCancel

#: A row of a SELECT result: variable name to the value's text (IRI, ``_:id`` for a blank node,
#: the lexical form for a literal), or None where the variable is unbound.
Row = dict[str, str | None]


if TYPE_CHECKING:
    # pyoxigraph, rdflib and the format checks are imported where they are used: the knowledge base's
    # module (and with it the window, before any graph is read) imports this one for its type names.
    import pyoxigraph as ox
    import rdflib

    from explorer.core.formats import CheckedStream, RdfFormat


class Store(Protocol):
    """What the rest of the core needs from a triple store."""

    def select(self, query: str) -> list[Row]: ...

    def construct(self, query: str) -> rdflib.Graph: ...

    def load(self, path: Path, fmt: RdfFormat | None = None, *, progress: CountProgress | None = None,
             should_cancel: ShouldCancel | None = None) -> None: ...

    def add_graph(self, graph: rdflib.Graph) -> None: ...

    def remove_triples(self, triples: Iterable[tuple]) -> None: ...

    def to_rdflib(self) -> rdflib.Graph: ...

    def __len__(self) -> int: ...


class _CountingReader(io.RawIOBase):
    """Feeds a file to a parser while reporting progress and honouring cancel."""

    def __init__(self, head: bytes, rest: BinaryIO | CheckedStream, total: int, progress: CountProgress | None,
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


def _read_checked(path: Path, fmt: RdfFormat, bytes_per_byte: float | None = None,
                  ) -> tuple[bytes, CheckedStream, int]:
    """Open ``path`` and check its head; return (head, the rest as a checked stream, size).

    The head has passed :func:`check_head` and :class:`InputCheck` (and, for JSON-LD, which is read
    whole, :func:`check_jsonld`) before any parser sees a byte; the rest is checked as it is read.
    A file that would take more memory than is free (``bytes_per_byte`` times its size, by default
    :data:`~explorer.core.formats.OXIGRAPH_BYTES_PER_BYTE`) is refused.
    """
    from explorer.core import formats
    from explorer.core.formats import (
        HEAD_BYTES,
        CheckedStream,
        InputCheck,
        NotEnoughMemoryError,
        check_head,
        check_jsonld,
        check_memory_for,
    )

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ExplorerError("this is a folder, not a file", path=path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device could block or never end
            raise ExplorerError("this is not a regular file (a device, pipe or socket)", path=path)
        raw = path.open("rb")
    except FileNotFoundError:
        raise ExplorerError("no such file", path=path) from None
    except IsADirectoryError:
        raise ExplorerError("this is a folder, not a file", path=path) from None
    except PermissionError:
        raise ExplorerError("permission denied: the file cannot be read", path=path) from None
    except OSError as exc:
        raise ExplorerError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    try:
        size = info.st_size
        per_byte = formats.OXIGRAPH_BYTES_PER_BYTE if bytes_per_byte is None else bytes_per_byte
        check_memory_for(size, path, per_byte)
        whole = fmt.name == "jsonld" or size <= HEAD_BYTES
        head = raw.read() if whole else raw.read(HEAD_BYTES)
        skip = check_head(head, fmt, path, whole=whole)
        head = head[skip:]
        check = InputCheck(fmt, path)
        check.feed(head)
        if whole:
            check.finish()
        if fmt.name == "jsonld":
            check_jsonld(head, path)
        return head, CheckedStream(raw, check, size=size), size
    except MemoryError:
        raw.close()
        raise NotEnoughMemoryError("not enough memory to read this file", path=path) from None
    except OSError as exc:
        raw.close()
        raise ExplorerError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    except BaseException:
        raw.close()
        raise


def _load_failed(exc: BaseException, path: Path, fmt: RdfFormat, head: bytes) -> BaseException:
    """What a failed parse becomes: Cancelled and ExplorerError as they are, a parser's error or a
    lack of memory as an ExplorerError naming the file (and the line, where the parser knows it)."""
    from explorer.core.formats import NotEnoughMemoryError, syntax_error

    if isinstance(exc, Cancelled | ExplorerError | KeyboardInterrupt | SystemExit):
        return exc
    if isinstance(exc, MemoryError) and str(exc).startswith("Reached the buffer maximal size"):
        return ExplorerError("a single literal or IRI is longer than the parser's limit of 16 MB", path=path,
                             hint="split the text into smaller literals")
    if isinstance(exc, MemoryError):
        return NotEnoughMemoryError("not enough memory to load this file", path=path,
                                    hint="close other programs, or load a smaller part of the data")
    if isinstance(exc, SyntaxError):
        return syntax_error(exc, path, fmt, head)
    if isinstance(exc, OSError):
        return ExplorerError(f"cannot read the file: {exc.strerror or exc}", path=path)
    if isinstance(exc, ValueError | UnicodeError | RecursionError) or type(exc).__name__ == "PanicException":
        return ExplorerError(f"cannot load {fmt.label}: {exc}", path=path)
    return exc


def _triple_term_error(path: Path, line: int | None) -> ExplorerError:
    return ExplorerError("RDF 1.2 triple terms (<<( ... )>> or << ... >>) are not supported: the explorer "
                         "reads plain triples", path=path, line=line, hint="remove the quoted triples")


Q_TRIPLE_TERMS = "ASK { ?s ?p ?o FILTER(isTRIPLE(?o)) }"
#: rdflib takes about three times the memory of Oxigraph per triple (a multiple of
#: :data:`~explorer.core.formats.OXIGRAPH_BYTES_PER_BYTE`).
RDFLIB_MEMORY_FACTOR = 3


#: Triples handed to an on-disk store at a time: each batch is written as sorted files at once (RocksDB's
#: bulk path), so memory holds one batch, not the file (measured: 285 MB peak for a 76 MB Turtle file).
DISK_BATCH = 50_000
#: Quads parsed in one call into the parser, which holds Python's lock throughout (2,000: a few ms; the
#: window's loading thread must not freeze it while a batch is gathered).
PARSE_STEP = 2_000
#: Parsed batches that may wait for the writer thread: memory holds at most 2 + WRITE_AHEAD of them.
WRITE_AHEAD = 1
#: Bytes of memory per byte of file an on-disk load takes at its peak (one batch, the parser, Python's
#: quads; measured 3.8 on the 100k-claim corpus).
DISK_BYTES_PER_BYTE = 4


def _next_batch(quads: Iterator[Any]) -> list[Any]:
    """Up to :data:`DISK_BATCH` quads of ``quads``, gathered :data:`PARSE_STEP` at a time."""
    import itertools

    batch: list[Any] = []
    while len(batch) < DISK_BATCH and (part := list(itertools.islice(quads, min(PARSE_STEP, DISK_BATCH - len(batch))))):
        batch += part
    return batch


@contextmanager
def _reading(path: Path, fmt: RdfFormat, bytes_per_byte: float | None, progress: CountProgress | None,
             should_cancel: ShouldCancel | None,
             short_of_memory: Callable[[], None] | None = None) -> Iterator[tuple[BinaryIO, CheckedStream]]:
    """``path`` checked and opened for a parser, as a buffered reader reporting progress and honouring
    cancel (and the checked stream under it); what the parser raises meanwhile comes out as the
    ExplorerError naming the file and line (``short_of_memory`` is called first when memory ran short)."""
    from explorer.core.formats import NotEnoughMemoryError

    head, stream, size = _read_checked(path, fmt, bytes_per_byte)
    with stream:
        reader = io.BufferedReader(_CountingReader(head, stream, size, progress, should_cancel), 1 << 20)
        try:
            yield reader, stream
        except BaseException as exc:
            error = _load_failed(exc, path, fmt, head)
            if short_of_memory is not None and isinstance(error, NotEnoughMemoryError):
                short_of_memory()
            if error is exc:
                raise
            raise error from None


def parse_file(path: Path, fmt: RdfFormat | None, observe: Callable[[list[Any]], None], *,
               progress: CountProgress | None = None, should_cancel: ShouldCancel | None = None) -> None:
    """Parse ``path`` with the checks and errors of :meth:`OxigraphStore.load` (bad input raises
    ExplorerError naming the file and line), handing its quads to ``observe`` a batch at a time and storing
    none: explorer.core.cache indexes a large file so while a child process writes its store."""
    import pyoxigraph as ox

    from explorer.core.formats import guess_format

    path = Path(path)
    fmt = fmt or guess_format(path)
    with _reading(path, fmt, DISK_BYTES_PER_BYTE, progress, should_cancel) as (reader, stream):
        quads = ox.parse(reader, fmt.oxigraph, base_iri=path.resolve().as_uri())
        while batch := _next_batch(quads):
            # (the check reads ahead of the parser: the quads of a flagged line come after the flag)
            if stream.check.triple_term_line is not None and any(
                    q.object.__class__.__name__ == "Triple" for q in batch):
                raise _triple_term_error(path, stream.check.triple_term_line)
            observe(batch)


class OxigraphStore:
    """An embedded Oxigraph store: parses 10-30x faster than rdflib's default store.

    In memory by default; with a ``folder``, on disk (RocksDB), where a large file's triples take a fraction
    of the memory (explorer.core.cache keeps such stores), optionally opened read-only.
    """

    def __init__(self, folder: Path | None = None, *, read_only: bool = False, triples: int | None = None) -> None:
        """``triples``: how many a read-only store holds, when known (counting them scans the store)."""
        import pyoxigraph as ox

        self.folder = None if folder is None else Path(folder)
        self._triples = triples if read_only else None
        self._pending: Future[tuple[ox.Store, int]] | None = None
        self.owner: int | None = None
        self._ox: ox.Store | None
        if folder is None:
            self._ox = ox.Store()
        elif read_only:
            self._ox = ox.Store.read_only(str(folder))
        else:
            self._ox = ox.Store(str(folder))

    @classmethod
    def pending(cls, folder: Path, ready: Future[tuple[ox.Store, int]], *, owner: int | None = None,
                ) -> OxigraphStore:
        """The read-only on-disk store that will be in ``folder`` once ``ready`` holds it and its triple
        count (explorer.core.cache writes it in a child process behind the graph shown). Until then a
        question to it waits; if writing it failed, the question raises that error. A question from the
        ``owner`` thread (the one that will let it be finished) raises at once instead of waiting forever."""
        store = cls.__new__(cls)
        store.folder, store._triples, store._pending, store._ox = Path(folder), None, ready, None
        store.owner = owner
        return store

    @property
    def is_pending(self) -> bool:
        """Whether this store is still being written (a question to it would wait)."""
        return self._ox is None and self._pending is not None and not self._pending.done()

    def when_written(self, then: Callable[[], None]) -> None:
        """Run ``then`` once this store is written (at once when it is: only a :meth:`pending` store waits;
        a failed write never runs it)."""
        if self._pending is None:
            then()
            return
        self._pending.add_done_callback(lambda done: then() if done.exception() is None else None)

    @property
    def _store(self) -> ox.Store:
        if self._ox is None:
            if self._pending is None:
                raise ExplorerError("this store is closed")
            if self.owner is not None and self.owner == threading.get_ident() and not self._pending.done():
                raise RuntimeError("the store is asked while the thread that lets it be written builds it")
            self._ox, self._triples = self._pending.result()
        return self._ox

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def __len__(self) -> int:
        if self._triples is None and self._pending is not None:
            self._store  # noqa: B018 (wait for the count)
        if self._triples is not None:
            return self._triples
        return len(self._store)

    def close(self) -> None:
        """Let go of the store (an on-disk one closes its files): the object is unusable afterwards."""
        self._ox = self._pending = None

    def load(self, path: Path, fmt: RdfFormat | None = None, *, progress: CountProgress | None = None,
             should_cancel: ShouldCancel | None = None, observe: Callable[[list[Any]], None] | None = None) -> None:
        """Add the triples of ``path``. Bad input raises ExplorerError naming the file and line.

        If it raises, the store may hold part of the file: callers drop it (load_knowledge always
        loads into a new store). When memory runs short the store is emptied at once. ``observe`` (an
        on-disk store only) sees each batch of parsed quads before the store takes it.
        """
        from explorer.core.formats import guess_format

        path = Path(path)
        fmt = fmt or guess_format(path)
        budget = None if self.folder is None else DISK_BYTES_PER_BYTE
        with _reading(path, fmt, budget, progress, should_cancel, self._store.clear) as (reader, stream):
            if self.folder is None:
                self._store.load(reader, fmt.oxigraph, base_iri=path.resolve().as_uri())
            else:
                self._bulk_load(reader, fmt, path.resolve().as_uri(), observe)
            if stream.check.triple_term_line is not None and self._store.query(
                    Q_TRIPLE_TERMS, use_default_graph_as_union=True):
                raise _triple_term_error(path, stream.check.triple_term_line)

    def _bulk_load(self, reader: BinaryIO, fmt: RdfFormat, base_iri: str,
                   observe: Callable[[list[Any]], None] | None = None) -> None:
        """Parse into an on-disk store a batch at a time (its load would hold the whole file in one
        transaction). Parsing and errors are as in :meth:`load`: the same parser reads the same bytes.

        The batches are written by a second thread. ``bulk_extend`` holds Python's lock for its whole call
        (pyoxigraph 0.5's binding does not release it; measured: another Python thread runs at 0.3% of its
        speed meanwhile), so the parsing mostly alternates with the writing; what overlaps is RocksDB's own
        work on its threads. At most ``WRITE_AHEAD`` batches wait, which bounds the memory. The store gets the
        very quads ``observe`` saw, so blank nodes keep the names the index gave them (a second parse would
        name them anew): explorer.core.cache builds here the graphs it cannot write behind in a child.
        """
        import queue
        import threading

        import pyoxigraph as ox

        waiting: queue.Queue[list[Any] | None] = queue.Queue(WRITE_AHEAD)
        failed: list[BaseException] = []
        stop = threading.Event()

        def write() -> None:
            while (batch := waiting.get()) is not None:
                if failed or stop.is_set():
                    continue  # drain, so that the parsing thread never waits on a full queue
                try:
                    self._store.bulk_extend(batch)
                except BaseException as exc:  # handed to the parsing thread, which raises it
                    failed.append(exc)

        writer = threading.Thread(target=write, name="store-writer", daemon=True)
        writer.start()
        try:
            quads = ox.parse(reader, fmt.oxigraph, base_iri=base_iri)
            while not failed and (batch := _next_batch(quads)):
                if observe is not None:
                    observe(batch)
                waiting.put(batch)
        except BaseException:
            stop.set()
            raise
        finally:
            waiting.put(None)
            writer.join()
        if failed:
            raise failed[0]
        self._store.flush()

    def select(self, query: str) -> list[Row]:
        names, rows = self.select_tuples(query)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def select_tuples(self, query: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
        """The solutions as (variable names, one tuple of values per solution), values as in :meth:`select`.

        Oxigraph writes the results as TSV into a sink that splits each chunk as it comes: about twice
        as fast on large results as reading each solution's terms one by one, and no more memory than
        the tuples themselves.
        """
        import pyoxigraph as ox

        solutions = self._store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        sink = _TsvSink(len(names))
        solutions.serialize(sink, ox.QueryResultsFormat.TSV)
        sink.close()
        if sink.triple_terms:  # an RDF 1.2 triple term, which TSV cells cannot carry as text
            solutions = self._store.query(query, use_default_graph_as_union=True)
            return names, [tuple(_ox_text(solution[name]) for name in names) for solution in solutions]
        return names, sink.rows

    def construct(self, query: str) -> rdflib.Graph:
        import rdflib

        graph = rdflib.Graph()
        for triple in self._store.query(query, use_default_graph_as_union=True):
            graph.add((to_rdflib_term(triple.subject), to_rdflib_term(triple.predicate), to_rdflib_term(triple.object)))
        return graph

    def add_graph(self, graph: rdflib.Graph) -> None:
        import pyoxigraph as ox

        self._store.extend(ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o)) for s, p, o in graph)

    def remove_triples(self, triples: Iterable[tuple]) -> None:
        for s, p, o in triples:
            pattern = (to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o))
            for quad in list(self._store.quads_for_pattern(*pattern)):
                self._store.remove(quad)

    def to_rdflib(self) -> rdflib.Graph:
        import rdflib

        graph = rdflib.Graph()
        for quad in self._store:
            graph.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate), to_rdflib_term(quad.object)))
        return graph

    def dump(self, out: BinaryIO, fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """Write every triple (named graphs merged) straight from Oxigraph's serializer.

        When everything is in the default graph (the usual case), Oxigraph dumps its own index without
        a Python object per triple: as fast as pyoxigraph itself.
        """
        import pyoxigraph as ox

        target = fmt.oxigraph if not fmt.quads else ox.RdfFormat.N_TRIPLES
        kwargs = {"prefixes": prefixes} if prefixes and fmt.name in ("turtle", "trig") else {}
        if next(iter(self._store.named_graphs()), None) is None:
            self._store.dump(out, target, from_graph=ox.DefaultGraph(), **kwargs)
            return
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in self._store)
        ox.serialize(triples, out, target, **kwargs)


_TSV_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_TSV_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _tsv_unescape(match: re.Match[str]) -> str:
    simple = match.group(3)
    if simple is not None:
        return _TSV_SIMPLE.get(simple, simple)
    return chr(int(match.group(1) or match.group(2), 16))


def _tsv_value(cell: str) -> str | None:
    """A cell of SPARQL TSV results (Turtle syntax) as :func:`_ox_text` gives the term.

    IRIs are interned: a large result names the same actors and claims many times over.
    """
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return sys.intern(cell[1:-1])
    if first == '"':
        value = cell[1:cell.rfind('"')]
        return _TSV_ESCAPE.sub(_tsv_unescape, value) if "\\" in value else value
    return cell  # a blank node (_:id), or a number or boolean in its short form


class _TsvSink:
    """Receives SPARQL TSV results from Oxigraph chunk by chunk and keeps one tuple per solution."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.rows: list[tuple[str | None, ...]] = []
        self.triple_terms = False
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._partial = ""
        self._header = True

    def write(self, chunk: bytes) -> int:
        text = self._partial + self._decoder.decode(bytes(chunk))
        lines = text.split("\n")
        self._partial = lines.pop()
        if self._header and lines:
            self._header = False
            del lines[0]
        self._add(lines)
        return len(chunk)

    def _add(self, lines: list[str]) -> None:
        if not lines:
            return
        if any("<<" in line for line in lines):
            self.triple_terms = True
        if self.width == 0:
            self.rows.extend(() for _ in lines)
            return
        rows = self.rows
        value = _tsv_value
        for line in lines:
            rows.append(tuple(map(value, line.split("\t"))))

    def flush(self) -> None:
        pass

    def close(self) -> None:
        rest = self._partial + self._decoder.decode(b"", True)
        self._partial = ""
        if rest and not self._header:
            self._add([rest])

class RdflibStore:
    """rdflib's in-memory store behind the same interface: the reference implementation."""

    def __init__(self) -> None:
        import rdflib

        self._dataset = rdflib.Dataset(default_union=True)

    def __len__(self) -> int:
        return len(self._dataset)

    def load(self, path: Path, fmt: RdfFormat | None = None, *, progress: CountProgress | None = None,
             should_cancel: ShouldCancel | None = None) -> None:
        import pyoxigraph as ox

        from explorer.core import formats
        from explorer.core.formats import guess_format

        path = Path(path)
        fmt = fmt or guess_format(path)
        head, stream, size = _read_checked(path, fmt, RDFLIB_MEMORY_FACTOR * formats.OXIGRAPH_BYTES_PER_BYTE)
        try:
            with stream:
                data = head + stream.read()
            if should_cancel is not None and should_cancel():
                raise Cancelled()
            # Parse with Oxigraph (safe: no remote loading, line numbers), then copy into rdflib.
            quads = list(ox.parse(data, fmt.oxigraph, base_iri=path.resolve().as_uri()))
            del data
            if stream.check.triple_term_line is not None and any(
                    isinstance(q.object, ox.Triple) for q in quads):
                raise _triple_term_error(path, stream.check.triple_term_line)
            graph = self._dataset.default_graph
            for quad in quads:
                graph.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate), to_rdflib_term(quad.object)))
        except BaseException as exc:
            error = _load_failed(exc, path, fmt, head)
            if error is exc:
                raise
            raise error from None
        if progress is not None:
            progress(size, size)

    def select(self, query: str) -> list[Row]:
        result = self._dataset.query(query)
        names = [str(v) for v in result.vars or []]
        return [{n: _rdflib_text(row[i]) for i, n in enumerate(names)} for row in result]

    def construct(self, query: str) -> rdflib.Graph:
        import rdflib

        graph = rdflib.Graph()
        for triple in self._dataset.query(query):
            graph.add(triple)
        return graph

    def add_graph(self, graph: rdflib.Graph) -> None:
        default = self._dataset.default_graph
        for triple in graph:
            default.add(triple)

    def remove_triples(self, triples: Iterable[tuple]) -> None:
        for s, p, o in triples:
            self._dataset.remove((s, p, o, None))

    def to_rdflib(self) -> rdflib.Graph:
        import rdflib

        graph = rdflib.Graph()
        for s, p, o, _g in self._dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph


def _ox_text(term: object) -> str | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value  # type: ignore[attr-defined]


def _rdflib_text(term: object) -> str | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.BNode):
        return "_:" + str(term)
    return str(term)


def to_rdflib_term(term: object) -> rdflib.term.Node:
    """An Oxigraph term (IRI, blank node or literal) as rdflib's."""
    import pyoxigraph as ox
    import rdflib

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


def to_oxigraph_term(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term (IRI, blank node or literal) as Oxigraph's."""
    import pyoxigraph as ox
    import rdflib

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
