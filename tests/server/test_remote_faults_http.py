"""Failures between the explorer and a store are clear: connection refused, a server that never
answers (timeout and cancel), HTTP errors, malformed results; and credentials never leak."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable

import pytest
from loopback_servers import FakeStore, SilentServer
from oxigraph_server import free_port

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.remote.endpoint import Credentials, Endpoint, SparqlClient
from explorer.core.remote.knowledge import open_remote

SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
GOOD = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
    {"s": {"type": "uri", "value": "urn:a"}}, {"s": {"type": "bnode", "value": "b0"}}, {}]}}).encode()


def _client(url: str, **options: object) -> SparqlClient:
    return SparqlClient(Endpoint.from_url(url, **options))  # type: ignore[arg-type]


def test_results_are_read_into_rows() -> None:
    with FakeStore({"/query": (200, "application/sparql-results+json", GOOD)}) as fake:
        assert _client(fake.url).select(SELECT) == [{"s": "urn:a"}, {"s": "_:b0"}, {"s": None}]


def test_connection_refused_says_so_and_what_to_do() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ExplorerError, match="connection refused") as caught:
        _client(url).select(SELECT)
    assert url in str(caught.value) and "is the server running" in str(caught.value)


def test_a_server_that_never_answers_times_out(silent_server: SilentServer) -> None:
    with pytest.raises(ExplorerError, match=r"timed out after 0\.3 s") as caught:
        _client(silent_server.url, timeout=0.3).select(SELECT)
    assert "raise the timeout" in str(caught.value)


def _in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_cancel_stops_a_query_in_flight(silent_server: SilentServer) -> None:
    client = _client(silent_server.url, timeout=60)
    thread, errors = _in_thread(lambda: client.select(SELECT))
    assert silent_server.accepted.wait(10)
    client.cancel()
    thread.join(10)
    assert not thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)


def test_a_cancel_flag_stops_a_query(silent_server: SilentServer) -> None:
    with pytest.raises(Cancelled):
        _client(silent_server.url, timeout=60).select(SELECT, should_cancel=silent_server.accepted.is_set)


def test_connecting_to_a_silent_store_times_out_cleanly(silent_server: SilentServer) -> None:
    with pytest.raises(ExplorerError, match="timed out"):
        open_remote(Endpoint.from_url(silent_server.url, timeout=0.3))


@pytest.mark.parametrize(("status", "body", "words"), [
    (400, b"Parser error at line 1 between columns 8 and 9: unexpected '}'\nmore detail", "HTTP 400"),
    (401, b"Unauthorized", "check the credentials"),
    (403, b"Forbidden", "rights"),
    (404, b"Not Found", "check the URL"),
    (500, b"Internal failure\n", "HTTP 500"),
    (503, b"", "busy"),
])
def test_http_errors_say_what_happened_and_what_to_do(status: int, body: bytes, words: str) -> None:
    with FakeStore({"/query": (status, "text/plain", body)}) as fake, \
            pytest.raises(ExplorerError, match=words) as caught:
        _client(fake.url).select(SELECT)
    message = str(caught.value)
    assert f"HTTP {status}" in message and fake.url + "/query" in message
    if body.strip():
        assert body.decode().splitlines()[0] in message and "more detail" not in message


@pytest.mark.parametrize(("content_type", "body", "words"), [
    ("application/sparql-results+json", b"this is not json", "malformed SPARQL results"),
    ("application/sparql-results+json", b'{"head": {"vars": ["s"]}}', "lacks head.vars or results.bindings"),
    ("application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": 7}]}}',
     "malformed"),
    ("application/sparql-results+json", b"[1, 2]", "not a JSON object"),
    ("text/html", b"<html><body>Welcome to my site</body></html>", "is this URL a SPARQL 1.1 query endpoint"),
    ("application/sparql-results+json", b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation '
                                        b"has been cancelled", "broke off"),
])
def test_malformed_results_are_reported(content_type: str, body: bytes, words: str) -> None:
    with FakeStore({"/query": (200, content_type, body)}) as fake, pytest.raises(ExplorerError, match=words):
        _client(fake.url).select(SELECT)


def test_a_store_answering_garbage_does_not_open() -> None:
    with FakeStore({"/query": (200, "application/sparql-results+json", b"garbage")}) as fake, \
            pytest.raises(ExplorerError, match="malformed"):
        open_remote(fake.url)


def test_credentials_go_in_the_header_only_once_asked_for() -> None:
    """The first request goes without credentials; the server's 401 says it wants Basic, and the request is
    sent again with them (and a server that still refuses them is an error)."""
    with FakeStore({"/query": (401, "text/plain", b"Unauthorized")}, basic_realm="store") as fake:
        endpoint = Endpoint.from_url(fake.url, credentials=Credentials("ann", "s3cret-pw"))
        with pytest.raises(ExplorerError) as caught:
            SparqlClient(endpoint).select(SELECT)
        (_path, first), (_again, headers) = fake.requests
    assert "Authorization" not in first
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"ann:s3cret-pw").decode()
    for text in (str(caught.value), repr(endpoint), endpoint.display(), repr(endpoint.credentials)):
        assert "s3cret-pw" not in text


def test_credentials_written_into_the_url_are_moved_out_of_it() -> None:
    with FakeStore({"/query": (500, "text/plain", b"boom")}) as fake:
        url = fake.url.replace("http://", "http://ann:s3cret-pw@")
        endpoint = Endpoint.from_url(url)
        assert endpoint.credentials == Credentials("ann", "s3cret-pw")
        with pytest.raises(ExplorerError) as caught:
            SparqlClient(endpoint).select(SELECT)
    assert "s3cret-pw" not in str(caught.value) and "s3cret-pw" not in endpoint.query_url


@pytest.mark.parametrize("url", ["", "127.0.0.1:7878", "ftp://127.0.0.1/query", "javascript:alert(1)",
                                 "http://127.0.0.1:99999/query", "http:///query"])
def test_unusable_urls_are_refused(url: str) -> None:
    with pytest.raises(ExplorerError, match="URL"):
        Endpoint.from_url(url)


def test_oxigraph_layout_is_guessed_from_a_server_url() -> None:
    endpoint = Endpoint.from_url("http://127.0.0.1:7878")
    assert (endpoint.query_url, endpoint.update_url, endpoint.store_url) == (
        "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")
    other = Endpoint.from_url("http://127.0.0.1:8890/sparql")
    assert other.query_url.endswith("/sparql") and other.store_url is None
    with pytest.raises(ExplorerError, match="Graph Store URL"):
        SparqlClient(other).graph_url(None)
