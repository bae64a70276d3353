"""Answers as stores other than Oxigraph write them: Virtuoso's ``text/tab-separated-values`` is not SPARQL 1.1
TSV (the client must notice and ask for JSON instead, once per endpoint), and booleans come as ``true`` or
``1``. The payloads are literal copies of what Virtuoso 7.2 and Oxigraph send."""

from __future__ import annotations

import json

import pytest
from loopback_servers import LoopbackServer, QuietHandler

from explorer.core.remote.endpoint import Endpoint, SparqlClient, parse_tsv, tsv_is_conformant
from explorer.core.remote.rows import Page, is_true

#: Virtuoso 7.2.5's answer to SELECT ?s ?p ?o ?l ?b (an IRI, a tab in a language-tagged literal, a boolean).
VIRTUOSO_TSV = (b'"s"\t"p"\t"o"\t"l"\t"b"\n'
                b'"nodeID://b10000"\t"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"\t'
                b'"http://www.w3.org/ns/oa#SpecificResource"\t\t1\n'
                b'"https://w3id.org/caucasus-explorer/actor/Russia"\t"http://www.w3.org/2000/01/rdf-schema#label"'
                b'\t"a\tb"\t"en"\t1\n')
#: The same answer as SPARQL 1.1 TSV (Oxigraph's).
SPARQL_TSV = (b"?s\t?p\t?o\t?l\t?b\n"
              b"_:b10000\t<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>\t<http://www.w3.org/ns/oa#SpecificResource>"
              b'\t\t"true"^^<http://www.w3.org/2001/XMLSchema#boolean>\n'
              b"<https://w3id.org/caucasus-explorer/actor/Russia>\t<http://www.w3.org/2000/01/rdf-schema#label>"
              b'\t"a\\tb"@en\t"en"\ttrue\n')
#: Virtuoso's JSON for the same rows: what the client reads instead of its TSV.
VIRTUOSO_JSON = json.dumps({"head": {"link": [], "vars": ["s", "p", "o", "l", "b"]}, "results": {
    "distinct": False, "ordered": True, "bindings": [
        {"s": {"type": "bnode", "value": "nodeID://b10000"},
         "p": {"type": "uri", "value": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"},
         "o": {"type": "uri", "value": "http://www.w3.org/ns/oa#SpecificResource"},
         "b": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1"}},
        {"s": {"type": "uri", "value": "https://w3id.org/caucasus-explorer/actor/Russia"},
         "p": {"type": "uri", "value": "http://www.w3.org/2000/01/rdf-schema#label"},
         "o": {"type": "literal", "xml:lang": "en", "value": "a\tb"},
         "l": {"type": "literal", "value": "en"},
         "b": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1"}}]}},
).encode()


@pytest.mark.parametrize("body", [SPARQL_TSV, b"?s\n", b"\n", b"?n\t?b\t?x\n-4.5e3\ttrue\t_:b0\n",
                                  b'?x\n"1"^^<http://www.w3.org/2001/XMLSchema#integer>\n', b"$x\n<urn:a>\n"])
def test_sparql_tsv_is_conformant(body: bytes) -> None:
    assert tsv_is_conformant(body)


@pytest.mark.parametrize("body", [
    VIRTUOSO_TSV,
    b'"s"\n"urn:a"\n',                               # quoted variable names
    b"?s\n\"http://example.org/a\"x\n",              # text after a literal's closing quote
    b"?s\t?o\nhttp://example.org/a\t<urn:b>\n",      # a bare IRI
    b"?s\nnodeID://b10000\n",                         # Virtuoso's blank nodes, bare
])
def test_tsv_that_is_not_sparql_tsv_is_noticed(body: bytes) -> None:
    assert not tsv_is_conformant(body)


def test_sparql_tsv_reads_as_the_json_does() -> None:
    assert parse_tsv(SPARQL_TSV, "urn:x")[1] == {
        "s": "https://w3id.org/caucasus-explorer/actor/Russia", "p": "http://www.w3.org/2000/01/rdf-schema#label",
        "o": "a\tb", "l": "en", "b": "true"}


@pytest.mark.parametrize("value", ["true", "1", "TRUE", " true "])
def test_true_in_every_form_servers_send(value: str) -> None:
    assert is_true(value)


@pytest.mark.parametrize("value", ["false", "0", "", None, "yes", "2"])
def test_false_or_not_a_boolean(value: str | None) -> None:
    assert not is_true(value)


@pytest.mark.parametrize("inward", ["true", "1"])
def test_a_bare_claim_of_an_actor_as_object_is_not_reversed(inward: str) -> None:
    """A bare triple ``<CSTO> memberOf? <Kazakhstan>`` read from Kazakhstan's page: ``?in`` is the store's true."""
    actor, other, p = "urn:x:Kazakhstan", "urn:x:CSTO", "urn:x:p"
    page = Page.of([{"p": p, "x": other, "in": inward}, {"p": p, "x": other, "in": "0"}], actor)
    assert page.claims == [{"s": other, "p": p, "o": actor}, {"s": actor, "p": p, "o": other}]


class Negotiating(LoopbackServer):
    """A store that answers a SELECT with Virtuoso's TSV when TSV is acceptable, else with its JSON; and
    ASK with a given JSON boolean."""

    def __init__(self, tsv: bytes, ask: object = True) -> None:
        self.accepts: list[str] = []
        fake = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                accept = self.headers.get("Accept") or ""
                fake.accepts.append(accept)
                if b"ASK" in body:
                    content_type, data = "application/sparql-results+json", json.dumps(
                        {"head": {"link": []}, "boolean": ask}).encode()
                elif "text/tab-separated-values" in accept:
                    content_type, data = "text/tab-separated-values; charset=UTF-8", tsv
                else:
                    content_type, data = "application/sparql-results+json", VIRTUOSO_JSON
                self.reply(200, content_type, data)
        self.serve(Handler)


def test_a_store_whose_tsv_is_not_sparql_tsv_is_asked_for_json_once_and_for_all() -> None:
    with Negotiating(VIRTUOSO_TSV) as store:
        client = SparqlClient(Endpoint.from_url(store.url + "/sparql"))
        first = client.select("SELECT * WHERE { ?s ?p ?o }")
        assert client.tsv_conformant is False
        assert first[1]["o"] == "a\tb" and first[1]["s"] == "https://w3id.org/caucasus-explorer/actor/Russia"
        assert first[0]["b"] == "1" and is_true(first[0]["b"])
        columns = client.select_columns("SELECT * WHERE { ?s ?p ?o }")
        assert columns["o"] == [row["o"] for row in first]
        # The TSV answer, then JSON ever after: one request each once the store is known.
        assert ["text/tab-separated-values" in a for a in store.accepts] == [True, False, False]


def test_a_store_whose_tsv_is_sparql_tsv_keeps_sending_it() -> None:
    with Negotiating(SPARQL_TSV) as store:
        client = SparqlClient(Endpoint.from_url(store.url + "/sparql"))
        rows = client.select("SELECT * WHERE { ?s ?p ?o }")
        client.select("SELECT * WHERE { ?s ?p ?o }")
        assert client.tsv_conformant is True and rows[1]["o"] == "a\tb"
        assert all("text/tab-separated-values" in a for a in store.accepts) and len(store.accepts) == 2


@pytest.mark.parametrize(("sent", "read"), [(True, True), (False, False), ("true", True), ("0", False), (1, True)])
def test_ask_reads_the_boolean_forms_servers_send(sent: object, read: bool) -> None:
    with Negotiating(SPARQL_TSV, ask=sent) as store:
        assert SparqlClient(Endpoint.from_url(store.url + "/sparql")).ask("ASK { }") is read


class Capped(LoopbackServer):
    """A store that counts five triples and, capped, sends only the same two whatever page is asked for."""

    def __init__(self) -> None:
        class Handler(QuietHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if b"CONSTRUCT" in body:
                    content_type = "application/n-triples"
                    data = b"<urn:a> <urn:p> <urn:b> .\n<urn:a> <urn:p> <urn:c> .\n"
                else:
                    content_type, data = "application/sparql-results+json", json.dumps({
                        "head": {"vars": ["n"]}, "results": {"bindings": [{"n": {
                            "type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                            "value": "5"}}]}}).encode()
                self.reply(200, content_type, data)
        self.serve(Handler)


def test_an_export_cut_by_a_cap_it_cannot_page_past_fails_and_writes_nothing(
        tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    from explorer.cli import main

    out = tmp_path / "part.ttl"
    with Capped() as store:
        assert main(["export", "--endpoint", store.url + "/sparql", "-o", str(out)]) != 0
    said = capsys.readouterr().err
    assert "sent 2 of the 5 triples it holds" in said and "ResultSetMaxRows" in said
    assert not out.exists()


#: Virtuoso 7.2's answer to a Graph Store request on the default graph (HTTP 500), byte for byte.
VIRTUOSO_500 = (b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html>\n  <head>\n'
                b"    <title>SPARQL Graph Protocol request failed</title>\n  </head>\n  <body>\n"
                b"    <h1>HTTP/1.1 500 Request Failed</h1>\n    <h3>Error 22023</h3>\n"
                b'<xmp>The request to SPARQL 1.1 Graph Store endpoint contains "default" param but the endpoint '
                b"is not configured to have default graph</xmp></body></html>")


@pytest.mark.parametrize(("body", "content_type", "said"), [
    (VIRTUOSO_500, "text/html", 'The request to SPARQL 1.1 Graph Store endpoint contains "default" param but the '
                                "endpoint is not configured to have default graph"),
    (b"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at 'SELEC' before '?x'\n\n"
     b"SPARQL query:\ndefine sql:big-data-const 0 SELEC ?x", "text/plain",
     "Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at 'SELEC' before '?x'"),
    (b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
     b"<hr><center>nginx/1.22.1</center></body></html>", "text/html", "nginx/1.22.1"),
    (b"<html><body><h1>500</h1></body></html>", "text/html; charset=UTF-8", ""),
    (b"Parser error at line 1 &amp; more\n", "text/plain", "Parser error at line 1 &amp; more"),
    (b"<p>Tom &amp; Jerry</p>", "", "Tom & Jerry"),
])
def test_errors_carry_the_servers_words_not_its_markup(body: bytes, content_type: str, said: str) -> None:
    from explorer.core.remote.endpoint import server_text

    assert server_text(body, content_type) == said


def test_a_graph_store_refusing_the_default_graph_asks_for_a_named_one(tmp_path) -> None:
    from loopback_servers import FakeStore

    from explorer.core.errors import ExplorerError
    from explorer.core.remote.publish import pull

    count = b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}'
    routes = {"/sparql": (200, "application/sparql-results+json", count),
              "/sparql-graph-crud": (500, "text/html; charset=UTF-8", VIRTUOSO_500)}
    with FakeStore(routes) as store:
        endpoint = Endpoint.from_url(store.url + "/sparql", store_url=store.url + "/sparql-graph-crud")
        with pytest.raises(ExplorerError) as caught:
            pull(endpoint)
    message = str(caught.value)
    assert "not configured to have default graph" in message and "--graph" in message
    assert "<" not in message.split(" from ", 1)[1]
