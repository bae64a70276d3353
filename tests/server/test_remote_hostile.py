"""Hostile input against a real store: search text, names and IRIs reach SPARQL only as serialised terms.

Each input is searched for, resolved as a name and expanded as an actor; afterwards the store holds
exactly what it held before, and labels made of the same hostile text are found by searching for them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from test_remote_terms import HOSTILE, IDS

from explorer.core.compare import isomorphic
from explorer.core.errors import ExplorerError
from explorer.core.remote.endpoint import Endpoint, SparqlClient
from explorer.core.remote.knowledge import RemoteKnowledge, open_remote
from explorer.core.remote.publish import publish, pull

pytestmark = pytest.mark.server

HOSTILE_GRAPH = "https://example.org/hostile"
NAMES = {
    "Quote": 'Dr. "Quote" O\'Brien {x} #1 \\ back',
    "Drop": "}; DROP ALL; #",
    "Insert": '") } ; INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> } #',
    "Lines": "first line\nsecond line",
    "Azerbaijan": "Азербайджан",
    "Turkiye": "Türkiye",
    "Armenia": "Հայաստան",
    "Regex": "a.*b [c] (d) $e ^f |g +h ?i",
}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def _turtle_string(text: str) -> str:
    return rdflib.Literal(text).n3()


@pytest.fixture(scope="module")
def hostile(endpoint: Endpoint, tmp_path_factory: pytest.TempPathFactory) -> Endpoint:
    """A named graph on the session's server whose actors have hostile labels (the default graph, the
    bundled one, is left alone)."""
    lines = ["@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ."]
    names = list(NAMES)
    for i, key in enumerate(names):
        other = names[(i + 1) % len(names)]
        lines.append(f"<https://example.org/actor/{key}> a cx:Country ; rdfs:label {_turtle_string(NAMES[key])} ;"
                     f" cx:borders <https://example.org/actor/{other}> .")
        lines.append(f"<https://example.org/claim/{key}> a rdf:Statement ;"
                     f" rdf:subject <https://example.org/actor/{key}> ;"
                     f" rdf:predicate cx:borders ; rdf:object <https://example.org/actor/{other}> .")
    path = tmp_path_factory.mktemp("hostile") / "hostile.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    graph = Endpoint.from_url(endpoint.query_url, graph=HOSTILE_GRAPH)
    publish(graph, [path])
    return graph


@pytest.fixture(scope="module")
def hostile_kb(hostile: Endpoint) -> RemoteKnowledge:
    return open_remote(hostile, limit=3)


@pytest.mark.parametrize("key", list(NAMES))
def test_labels_made_of_hostile_text_are_found(hostile_kb: RemoteKnowledge, key: str) -> None:
    found = hostile_kb.find_actors(NAMES[key])
    assert [a.iri for a in found] == [f"https://example.org/actor/{key}"]
    assert found[0].label == NAMES[key]


@pytest.mark.parametrize(("text", "key"), [('"quote"', "Quote"), ("o'brien {x} #1 \\", "Quote"),
                                           ("} ; drop", None), ("}; drop all", "Drop"), ("azerb", None),
                                           ("азерб", "Azerbaijan"), ("turkiye", "Turkiye"), ("հայ", "Armenia"),
                                           ("[c] (d) $", "Regex"), ("a.*b", "Regex"), ("a.b", None),
                                           ("line\nsecond", "Lines"), ('"}', None)])
def test_hostile_search_text_matches_only_literally(hostile_kb: RemoteKnowledge, text: str, key: str | None) -> None:
    assert [a.iri for a in hostile_kb.find_actors(text)] == ([f"https://example.org/actor/{key}"] if key else [])


@pytest.fixture(scope="module")
def before(server: object, endpoint: Endpoint, hostile: Endpoint) -> tuple[int, rdflib.Graph, rdflib.Graph]:
    client = SparqlClient(endpoint)
    count = int(client.select(COUNT)[0]["n"] or 0)
    return count, _pulled(endpoint), _pulled(hostile)


def _pulled(endpoint: Endpoint) -> rdflib.Graph:
    return rdflib.Graph().parse(data=pull(endpoint), format="turtle")


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_hostile_input_changes_nothing(endpoint: Endpoint, hostile_kb: RemoteKnowledge,
                                       before: tuple[int, rdflib.Graph, rdflib.Graph], text: str) -> None:
    remote = open_remote(endpoint, limit=2)
    for kb in (remote, hostile_kb):
        try:
            found = kb.find_actors(text)
        except ExplorerError as exc:  # only text that is not valid Unicode may be refused
            pytest.fail(f"search refused {text[:30]!r}: {exc}")
        assert all(isinstance(a.label, str) for a in found)
        with pytest.raises(ExplorerError):
            kb.resolve_actor(text + "\x00never")
        if text.strip() and not text.startswith(("http", "urn")):
            with pytest.raises(ExplorerError):
                kb.expand(text)
    assert int(SparqlClient(endpoint).select(COUNT)[0]["n"] or 0) == before[0]


def test_the_store_is_unchanged_after_all_the_hostile_input(
        endpoint: Endpoint, hostile: Endpoint, hostile_kb: RemoteKnowledge,
        before: tuple[int, rdflib.Graph, rdflib.Graph]) -> None:
    for text in HOSTILE:
        hostile_kb.find_actors(text)
        with pytest.raises(ExplorerError):
            hostile_kb.expand("http://example.org/x> } ; DROP ALL ; #" + text[:10])
    assert isomorphic(_pulled(endpoint), before[1])
    assert isomorphic(_pulled(hostile), before[2])
    assert SparqlClient(endpoint).select("SELECT * WHERE { <urn:x:s> ?p ?o }") == []


@pytest.mark.parametrize("iri", ["http://example.org/x> } ; DROP ALL ; #", "urn:a b", 'http://x/"', "Russia",
                                 "http://x/{y}", "http://x/\nDROP ALL"])
def test_hostile_iris_are_refused_before_any_request(hostile_kb: RemoteKnowledge, iri: str) -> None:
    sent = hostile_kb.client.requests
    with pytest.raises(ExplorerError, match="not a valid IRI"):
        hostile_kb.expand(iri)
    assert hostile_kb.client.requests == sent


@pytest.mark.parametrize("graph", ["urn:x> } DROP ALL #", "not a graph", "http://x/ y"])
def test_hostile_graph_names_are_refused(endpoint: Endpoint, graph: str) -> None:
    with pytest.raises(ExplorerError, match="graph IRI"):
        Endpoint.from_url(endpoint.query_url, graph=graph)


def test_a_hostile_file_is_refused_locally_before_publishing(endpoint: Endpoint, tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text('<urn:a> <urn:b> "unterminated .\n} ; DROP ALL ;', encoding="utf-8")
    sent = SparqlClient(endpoint)
    with pytest.raises(ExplorerError, match=r"syntax error|Turtle"):
        publish(endpoint, [path], client=sent)
    assert sent.requests == 1  # only the check that the store is there
