"""Publishing with the Graph Store protocol and pulling back: round trips, replace and merge, named
graphs, the summary graph, and the ``explorer publish`` / ``explorer export --endpoint`` commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib
from loopback_servers import FakeStore
from oxigraph_server import OxigraphServer

from explorer.cli import main
from explorer.core.compare import isomorphic
from explorer.core.errors import ExplorerError
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_store
from explorer.core.remote.endpoint import Endpoint, SparqlClient
from explorer.core.remote.knowledge import RemoteStore, first_screen, open_remote
from explorer.core.remote.publish import publish, pull
from explorer.core.remote.summary import XS, read_summary, summary_graph
from explorer.resources import bundled_files

pytestmark = pytest.mark.server

A = "@prefix ex: <https://example.org/> .\nex:a ex:p ex:b .\n"
B = "@prefix ex: <https://example.org/> .\nex:c ex:p ex:d .\n"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _graph(turtle: bytes | str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=turtle, format="turtle")


def _count(endpoint: Endpoint) -> int:
    return int(SparqlClient(endpoint).select(COUNT)[0]["n"] or 0)


def _files(tmp_path: Path, **texts: str) -> dict[str, Path]:
    paths = {}
    for name, text in texts.items():
        paths[name] = tmp_path / f"{name}.ttl"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_the_bundled_graph_round_trips(endpoint: Endpoint) -> None:
    expected = load_store(bundled_files()).to_rdflib()
    pulled = _graph(pull(endpoint))
    assert isomorphic(pulled, expected)
    assert isomorphic(RemoteStore(endpoint).to_rdflib(), expected)
    assert len(RemoteStore(endpoint)) == len(expected)


def test_pulling_without_a_graph_store_url_uses_construct(endpoint: Endpoint) -> None:
    query_only = Endpoint.from_url(endpoint.query_url.replace("/query", "/query/"))
    assert query_only.store_url is not None  # the layout is guessed from /query ...
    bare = Endpoint(endpoint.query_url)  # ... unless the endpoint is only a query URL
    assert isomorphic(_graph(pull(bare)), _graph(pull(endpoint)))


def test_replace_and_merge(start_server: Callable[..., OxigraphServer], tmp_path: Path) -> None:
    files = _files(tmp_path, a=A, b=B)
    endpoint = start_server().endpoint()
    publish(endpoint, [files["a"]], with_vocabulary=False, summary=False)
    publish(endpoint, [files["b"]], with_vocabulary=False, summary=False, replace=False)
    assert isomorphic(_graph(pull(endpoint)), _graph(A + B.split("\n", 1)[1]))
    report = publish(endpoint, [files["b"]], with_vocabulary=False, summary=False)
    assert isomorphic(_graph(pull(endpoint)), _graph(B))
    assert report.triples == 1 and report.replaced and "replaced the default graph" in report.describe("x")


def test_bulk_loading_still_replaces(start_server: Callable[..., OxigraphServer], tmp_path: Path) -> None:
    files = _files(tmp_path, a=A, b=B)
    running = start_server()
    bulk = running.endpoint(store_url=running.url + "/store?no_transaction")
    publish(bulk, [files["a"]], with_vocabulary=False, summary=False)
    publish(bulk, [files["b"]], with_vocabulary=False, summary=False)
    assert isomorphic(_graph(pull(running.endpoint())), _graph(B))


def test_named_graphs_are_kept_apart(start_server: Callable[..., OxigraphServer], tmp_path: Path) -> None:
    files = _files(tmp_path, a=A, b=B)
    running = start_server()
    one = running.endpoint(graph="https://example.org/one")
    two = running.endpoint(graph="https://example.org/two")
    publish(one, [files["a"]], with_vocabulary=False, summary=False)
    publish(two, [files["b"]], with_vocabulary=False, summary=False)
    assert isomorphic(_graph(pull(one)), _graph(A)) and isomorphic(_graph(pull(two)), _graph(B))
    assert _count(running.endpoint()) == 0 and _count(one) == 1


def test_the_summary_ranks_like_the_local_graph(endpoint: Endpoint, local: KnowledgeBase) -> None:
    client = SparqlClient(endpoint)
    info = read_summary(client)
    assert info is not None and info.graph == summary_graph(None) and not info.bare_triples
    rows = client.select(f"SELECT ?a ?n WHERE {{ GRAPH <{info.graph}> {{ ?a <{XS}claimCount> ?n }} }}")
    assert {r["a"]: int(r["n"] or 0) for r in rows} == {a: local.degree(a) for a in local.actors if local.degree(a)}


def test_a_store_without_a_summary_gives_the_same_first_screen(
        start_server: Callable[..., OxigraphServer], local: KnowledgeBase) -> None:
    endpoint = start_server().endpoint()
    publish(endpoint, summary=False)
    for limit in (1, 7, 30):
        kb = open_remote(endpoint, limit=limit)
        assert kb.summary_info is None
        expected = first_screen(local, limit)
        assert kb.first_screen.actors == expected.actors and set(kb.first_screen.claims) == set(expected.claims)
    assert main(["publish", "--endpoint", endpoint.query_url, "--summary-only"]) == 0
    assert open_remote(endpoint).summary_info is not None


def test_the_publish_and_export_commands(start_server: Callable[..., OxigraphServer], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    running = start_server()
    graph = "https://example.org/caucasus"
    assert main(["publish", "--endpoint", running.url, "--graph", graph]) == 0
    assert "replaced graph <https://example.org/caucasus>" in capsys.readouterr().err
    out = tmp_path / "pulled.ttl"
    assert main(["export", "--endpoint", running.url, "--graph", graph, "-o", str(out)]) == 0
    assert isomorphic(_graph(out.read_bytes()), load_store(bundled_files()).to_rdflib())
    assert main(["export", "--endpoint", running.url, "--graph", graph, "--actor", "Russia",
                 "-f", "ntriples"]) == 0
    russia = rdflib.Graph().parse(data=capsys.readouterr().out, format="nt")
    assert (rdflib.URIRef("https://w3id.org/caucasus-explorer/actor/Russia"), None, None) in russia
    assert main(["export", "--endpoint", running.url]) == 0  # the default graph is empty here
    assert main(["export", "--endpoint", running.url, "somefile.ttl"]) == 1
    assert "not both" in capsys.readouterr().err


def test_publish_sends_the_password_from_the_environment_and_never_shows_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files(tmp_path, a=A)
    monkeypatch.setenv("STORE_PASSWORD", "s3cret-pw")
    # One answer for the ASK before the upload and the count after it (a triple held, as sent).
    answer = (b'{"head": {"vars": ["n"]}, "boolean": true, '
              b'"results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}')
    routes = {"/query": (200, "application/sparql-results+json", answer), "/store": (204, "text/plain", b"")}
    with FakeStore(routes, basic_realm="store") as fake:
        code = main(["publish", "--endpoint", fake.url, str(files["a"]), "--no-vocabulary", "--no-summary",
                     "--user", "ann", "--password-env", "STORE_PASSWORD"])
        assert code == 0
        # The first request without credentials, asked again with them once the 401 said Basic; then Basic.
        assert [path for path, _ in fake.requests] == ["/query", "/query", "/store?default", "/query"]
        assert "Authorization" not in fake.requests[0][1]
        assert all(headers["Authorization"].startswith("Basic ") for _, headers in fake.requests[1:])
    shown = capsys.readouterr()
    assert "s3cret-pw" not in shown.out + shown.err
    monkeypatch.delenv("STORE_PASSWORD")
    assert main(["publish", "--endpoint", "http://127.0.0.1:9", "--user", "ann", "--password-env",
                 "STORE_PASSWORD"]) == 1
    assert "STORE_PASSWORD is not set" in capsys.readouterr().err


def test_publish_fails_when_the_store_holds_less_than_it_was_sent(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _files(tmp_path, a=A + B.split("\n", 1)[1])
    answer = (b'{"head": {"vars": ["n"]}, "boolean": true, '
              b'"results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}')
    routes = {"/query": (200, "application/sparql-results+json", answer), "/store": (204, "text/plain", b"")}
    with FakeStore(routes) as fake:
        assert main(["publish", "--endpoint", fake.url, str(files["a"]), "--no-vocabulary", "--no-summary"]) == 1
    assert "holds 1 triples after receiving 2" in capsys.readouterr().err


def test_publish_to_a_stopped_server_fails_before_reading_the_files(
        start_server: Callable[..., OxigraphServer], capsys: pytest.CaptureFixture[str]) -> None:
    running = start_server()
    running.stop()
    assert main(["publish", "--endpoint", running.url]) == 1
    err = capsys.readouterr().err
    assert "connection refused" in err and "is the server running" in err


def test_explorer_endpoint_hands_the_endpoint_to_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.gui import app

    received: list[tuple[Endpoint, dict[str, object]]] = []

    def run(_argv: object, files: object = (), *, endpoint: Endpoint, **options: object) -> int:
        received.append((endpoint, options))
        return 0

    monkeypatch.setattr(app, "run", run)
    assert main(["--endpoint", "http://127.0.0.1:7878"]) == 0
    endpoint, options = received[0]
    assert endpoint.query_url == "http://127.0.0.1:7878/query" and endpoint.store_url == "http://127.0.0.1:7878/store"
    assert options == {"limit": None, "text_folders": []}


@pytest.mark.parametrize("graph", [None, "https://example.org/edits"])
def test_the_store_interface_writes_through_the_protocols(start_server: Callable[..., OxigraphServer],
                                                          tmp_path: Path, graph: str | None) -> None:
    running = start_server()
    store = RemoteStore(running.endpoint(graph=graph))
    hostile = rdflib.Literal('"} ; DROP ALL ; #\nТürkiye', lang="en")
    triple = (rdflib.URIRef("https://example.org/a"), rdflib.URIRef("https://example.org/says"), hostile)
    edits = rdflib.Graph()
    edits.add(triple)
    store.add_graph(edits)
    assert len(store) == 1 and triple in store.to_rdflib()
    store.load(_files(tmp_path, a=A)["a"])
    assert len(store) == 2
    store.remove_triples([triple])
    assert isomorphic(store.to_rdflib(), _graph(A))
    with pytest.raises(ExplorerError, match="blank node"):
        store.remove_triples([(rdflib.BNode(), rdflib.URIRef("urn:p"), rdflib.URIRef("urn:o"))])
