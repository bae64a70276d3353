"""The client's transport: answers read as tab-separated values (strictly, whatever the values hold) and
connections kept open between queries (and given up cleanly when the server closes them)."""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Callable, Iterator

import pyoxigraph as ox
import pytest
from loopback_servers import FakeStore, LoopbackServer, QuietHandler
from oxigraph_server import OxigraphServer

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.remote.endpoint import _SPARQL_JSON, Endpoint, SparqlClient, parse_select

P = ox.NamedNode("urn:x:p")
XSD = "http://www.w3.org/2001/XMLSchema#"
#: Literals that stress the TSV form: its separators (tab, line breaks), its quoting and escaping, text
#: that looks like another kind of term, scripts, control characters and a very long value.
TEXTS = ["tab\there", "line\nbreak", "cr\r\nlf", "\r", '"quoted"', "'single'", 'a"b\'c', "back\\slash",
         "\\t not a tab", "\\u0041", "ends with a backslash \\", "", " spaced ", "<urn:not:an:iri>",
         "_:not_a_blank_node", "42", "true", "Türkiye", "Азербайджан", "Հայաստան", "🇦🇿🇦🇲", "x\u2028y\u2029z",
         "\x00\x07\x1b\x7f", "a" * 100_000]
#: (lexical form, datatype or language), as a store returns them (already canonical).
TYPED = [("2017-09", XSD + "gYearMonth"), ("2024-07-24", XSD + "date"), ("12", XSD + "integer"),
         ("true", XSD + "boolean"), ("with\ttab", "https://example.org/datatype"), ("Russia", "@en"),
         ("Россия", "@ru-cyrl"), ("tab\tand \"quote\"", "@az-latn")]
IRIS = ["https://example.org/T%C3%BCrkiye", "https://example.org/Türkiye", "urn:x:a#b?c=d&e=f",
        "http://example.org/path/with;semicolon,comma"]


def _literal(text: str, kind: str | None = None) -> ox.Literal:
    if kind is None:
        return ox.Literal(text)
    if kind.startswith("@"):
        return ox.Literal(text, language=kind[1:])
    return ox.Literal(text, datatype=ox.NamedNode(kind))


@pytest.fixture(scope="module")
def hostile_values(oxigraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SparqlClient, dict]]:
    """A private server holding one triple per hostile value: ``<urn:x:s:N> <urn:x:p> value``; and the
    values each subject should read as (text, language)."""
    server = OxigraphServer(oxigraph, tmp_path_factory.mktemp("transport") / "store").start()
    try:
        expected: dict[str, tuple[str, str]] = {}
        quads = []
        values: list[tuple[ox.Literal | ox.NamedNode | ox.BlankNode, str, str]] = [
            *((_literal(t), t, "") for t in TEXTS),
            *((_literal(t, k), t, k[1:] if k.startswith("@") else "") for t, k in TYPED),
            *((ox.NamedNode(i), i, "") for i in IRIS)]
        for n, (term, text, lang) in enumerate(values):
            subject = f"urn:x:s:{n:03d}"
            quads.append(ox.Quad(ox.NamedNode(subject), P, term))
            expected[subject] = (text, lang)
        quads.append(ox.Quad(ox.NamedNode("urn:x:s:bnode"), P, ox.BlankNode("b0")))
        data = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)
        client = SparqlClient(server.endpoint())
        client.graph_send(None, io.BytesIO(data), len(data), "application/n-triples", replace=True)
        yield client, expected
    finally:
        server.stop()


QUERY = "SELECT ?s ?o ?lang ?unbound WHERE { ?s <urn:x:p> ?o BIND(LANG(?o) AS ?lang) } ORDER BY ?s"


def test_hostile_values_read_exactly_from_tsv(hostile_values: tuple[SparqlClient, dict]) -> None:
    client, expected = hostile_values
    rows = client.select(QUERY)
    assert client.tsv_conformant is True  # Oxigraph's TSV is SPARQL 1.1 TSV, hostile values and all
    assert len(rows) == len(expected) + 1
    for row in rows:
        assert set(row) == {"s", "o", "lang", "unbound"} and row["unbound"] is None
        if row["s"] == "urn:x:s:bnode":
            assert (row["o"] or "").startswith("_:") and row["lang"] is None
            continue
        text, lang = expected[row["s"]]
        assert row["o"] == text, row["s"]
        assert (row["lang"] or "") == lang


def test_tsv_and_json_answers_from_the_server_read_the_same(hostile_values: tuple[SparqlClient, dict]) -> None:
    client, _expected = hostile_values
    tsv = client.select(QUERY)
    json = parse_select(client._query(QUERY, _SPARQL_JSON, None, None).body, "urn:x")
    assert tsv == json


def test_columns_hold_the_rows_values(hostile_values: tuple[SparqlClient, dict]) -> None:
    client, _expected = hostile_values
    rows = client.select(QUERY)
    columns = client.select_columns(QUERY)
    assert list(columns) == ["s", "o", "lang", "unbound"]
    assert all(columns[name] == [row[name] for row in rows] for name in columns)
    assert client.select_columns("SELECT ?x WHERE { FILTER(false) }") == {"x": []}


def test_columns_read_from_a_json_answer_too() -> None:
    body = (b'{"head": {"vars": ["s", "n"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "urn:a"}},'
            b' {"s": {"type": "bnode", "value": "b1"}, "n": {"type": "literal", "value": "7"}}]}}')
    with FakeStore({"/query": (200, "application/sparql-results+json", body)}) as fake:
        columns = SparqlClient(Endpoint.from_url(fake.url)).select_columns("SELECT * WHERE { ?s ?p ?n }")
    assert columns == {"s": ["urn:a", "_:b1"], "n": [None, "7"]}


@pytest.mark.parametrize("body", [b"?a\t?b\n<urn:a>\t<urn:b>\n<urn:c>\n", b'?a\n"unterminated\n',
                                  b"?a\n<urn:a\n", b"?a\nnot a term\n", b'?a\n"bad \\q escape"\n'])
def test_columns_refuse_malformed_answers_as_rows_do(body: bytes) -> None:
    with FakeStore({"/query": (200, "text/tab-separated-values", body)}) as fake:
        client = SparqlClient(Endpoint.from_url(fake.url))
        with pytest.raises(ExplorerError) as by_rows:
            client.select("SELECT * WHERE { ?a ?b ?c }")
        with pytest.raises(ExplorerError) as by_columns:
            client.select_columns("SELECT * WHERE { ?a ?b ?c }")
    assert str(by_rows.value) == str(by_columns.value)


# ---------------------------------------------------------------- connections kept open


TSV = b"?n\n42\n"


class KeepAliveStore(LoopbackServer):
    """A loopback HTTP/1.1 server answering every POST with ``?n = 42`` and keeping the connection open; it
    counts connections and requests. ``close_after`` closes each connection once it has answered that many
    requests (without saying so); ``drop`` reads each connection's request number ``drop`` and closes the
    connection without answering (as a server closing an idle connection just as a request arrives)."""

    def __init__(self, close_after: int = 0, drop: int = 0) -> None:
        self.connections = 0
        self.requests: list[str] = []
        store = self

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                self.answered = 0
                with lock:
                    store.connections += 1

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                store.requests.append(body.decode())
                if drop and self.answered + 1 == drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.reply(200, "text/tab-separated-values", TSV)
                self.answered += 1
                if close_after and self.answered >= close_after:
                    self.close_connection = True

        lock = threading.Lock()
        self.serve(Handler)


@pytest.fixture()
def keep_alive() -> Iterator[Callable[..., KeepAliveStore]]:
    started: list[KeepAliveStore] = []

    def start(**options: int) -> KeepAliveStore:
        store = KeepAliveStore(**options).__enter__()
        started.append(store)
        return store

    yield start
    for store in started:
        store.__exit__()


def test_queries_one_after_another_share_one_connection(keep_alive: Callable[..., KeepAliveStore]) -> None:
    store = keep_alive()
    client = SparqlClient(Endpoint.from_url(store.url))
    for _ in range(5):
        assert client.select("SELECT ?n WHERE {}") == [{"n": "42"}]
    assert store.connections == 1 and len(store.requests) == 5
    client.close()
    assert client.select("SELECT ?n WHERE {}") == [{"n": "42"}]
    assert store.connections == 2


def test_queries_at_once_each_get_a_connection_then_reuse_them(keep_alive: Callable[..., KeepAliveStore]) -> None:
    store = keep_alive()
    client = SparqlClient(Endpoint.from_url(store.url))
    threads = [threading.Thread(target=client.select, args=("SELECT ?n WHERE {}",)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    opened = store.connections
    assert 1 <= opened <= 3 and len(store.requests) == 3
    for _ in range(3):
        client.select("SELECT ?n WHERE {}")
    assert store.connections == opened  # no new connection while one is kept open


def test_a_connection_the_server_closed_while_idle_is_not_reused(keep_alive: Callable[..., KeepAliveStore]) -> None:
    store = keep_alive(close_after=1)
    client = SparqlClient(Endpoint.from_url(store.url))
    for _ in range(3):
        assert client.select("SELECT ?n WHERE {}") == [{"n": "42"}]
    assert store.connections == 3 and len(store.requests) == 3


def test_a_query_the_server_drops_on_a_kept_connection_is_sent_again(
        keep_alive: Callable[..., KeepAliveStore]) -> None:
    store = keep_alive(drop=2)
    client = SparqlClient(Endpoint.from_url(store.url))
    assert client.select("SELECT ?n WHERE {}") == [{"n": "42"}]
    assert client.select("SELECT ?n WHERE { }") == [{"n": "42"}]  # dropped once, then sent on a new connection
    assert store.connections == 2 and len(store.requests) == 3 and store.requests[1] == store.requests[2]


def test_a_dropped_query_on_a_new_connection_is_an_error_not_a_retry(
        keep_alive: Callable[..., KeepAliveStore]) -> None:
    store = keep_alive(drop=1)
    client = SparqlClient(Endpoint.from_url(store.url))
    with pytest.raises(ExplorerError, match="the server closed the connection"):
        client.select("SELECT ?n WHERE {}")
    assert len(store.requests) == 1


def test_updates_go_on_a_connection_of_their_own_and_are_never_sent_twice(
        keep_alive: Callable[..., KeepAliveStore]) -> None:
    store = keep_alive(drop=2)
    client = SparqlClient(Endpoint.from_url(store.url))
    client.select("SELECT ?n WHERE {}")  # a connection is kept open, and would drop the next request
    client.update("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
    assert len(store.requests) == 2 and store.connections == 2
    dropping = keep_alive(drop=1)
    with pytest.raises(ExplorerError, match="the server closed the connection"):
        SparqlClient(Endpoint.from_url(dropping.url)).update("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
    assert len(dropping.requests) == 1


def test_a_cancelled_query_leaves_no_broken_connection(server: OxigraphServer) -> None:
    client = SparqlClient(server.endpoint())
    assert client.ask("ASK { ?s ?p ?o }")
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        client.select("SELECT * WHERE { ?s ?p ?o }", should_cancel=stop.is_set)
    assert client.select("SELECT (COUNT(*) AS ?n) WHERE { <urn:x:none> ?p ?o }") == [{"n": "0"}]
