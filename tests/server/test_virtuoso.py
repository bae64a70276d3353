"""OpenLink Virtuoso 7.2 as it comes (a fresh database, the stock configuration): what the explorer reads from
it is what it reads from the local files. The parity of the first screen, claims, passages and search is
checked in test_remote_parity.py for Virtuoso and Oxigraph alike; this module holds what is Virtuoso's own:
its non-standard TSV, its booleans, the round trip through its Graph Store."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from virtuoso_server import VirtuosoServer

from explorer.core.compare import isomorphic
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge, load_store
from explorer.core.remote.endpoint import Endpoint, SparqlClient
from explorer.core.remote.knowledge import open_remote
from explorer.core.remote.publish import publish, pull
from explorer.resources import bundled_files

pytestmark = pytest.mark.server

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


def test_its_tsv_is_noticed_and_json_read_instead(virtuoso_endpoint: Endpoint) -> None:
    client = SparqlClient(virtuoso_endpoint)
    rows = client.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3")
    assert client.tsv_conformant is False and len(rows) == 3
    assert all(row["s"] and ":" in row["s"] for row in rows)


def test_the_bundled_graph_round_trips(virtuoso_endpoint: Endpoint) -> None:
    expected = load_store(bundled_files()).to_rdflib()
    pulled = rdflib.Graph().parse(data=pull(virtuoso_endpoint), format="turtle")
    assert len(pulled) == len(expected)
    assert isomorphic(pulled, expected)


def test_a_claim_without_a_statement_keeps_its_direction(virtuoso_server: VirtuosoServer, tmp_path: Path) -> None:
    """Virtuoso binds ``true`` as 1: a bare triple read from its object's side was shown reversed."""
    data = tmp_path / "bare.ttl"
    data.write_text(f"@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .\n"
                    f"<{ACTOR}Kazakhstan> a cx:Country ; cx:dependsOn <{ACTOR}CSTO> .\n"
                    f"<{ACTOR}CSTO> a cx:Organisation ; cx:influences <{ACTOR}Armenia> .\n", encoding="utf-8")
    endpoint = virtuoso_server.endpoint("https://example.org/bare-claims")
    publish(endpoint, [data])
    local: KnowledgeBase = load_knowledge([data])
    for actor in (ACTOR + "CSTO", ACTOR + "Kazakhstan", ACTOR + "Armenia"):
        remote = open_remote(endpoint, limit=1)
        while remote.expand(actor):
            pass
        shown = sorted((c.subject, c.predicate, c.object) for c in remote.claims_of(actor))
        assert shown == sorted((c.subject, c.predicate, c.object) for c in local.claims_of(actor)), actor


# ---------------------------------------------------------------- a graph larger than the result cap

BIG = 15_000


@pytest.fixture(scope="module")
def big_graph(virtuoso_server: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[Endpoint, Path]:
    """A generated graph of 15,000 triples (more than Virtuoso's stock cap of 10,000 rows) with blank nodes
    and typed and tagged literals, in a named graph of its own; and its file."""
    from virtuoso_server import RESULT_CAP

    assert BIG > RESULT_CAP
    lines = []
    for i in range(BIG // 3):
        s = f"<https://example.org/big/{i}>"
        lines += [f'{s} <https://example.org/p> "v{i}"@en .', f"{s} <https://example.org/q> _:b{i} .",
                  f'_:b{i} <https://example.org/n> "{i}"^^<http://www.w3.org/2001/XMLSchema#integer> .']
    path = tmp_path_factory.mktemp("big") / "big.nt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    endpoint = virtuoso_server.endpoint("https://example.org/big")
    publish(endpoint, [path], with_vocabulary=False, summary=False)
    return endpoint, path


def _graph_of(path: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="nt" if path.suffix == ".nt" else "turtle")


def test_an_export_larger_than_the_cap_is_whole(big_graph: tuple[Endpoint, Path], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from explorer.cli import main

    endpoint, source = big_graph
    out = tmp_path / "big.ttl"
    assert main(["export", "--endpoint", endpoint.query_url, "--store-url", endpoint.store_url or "",
                 "--graph", endpoint.graph or "", "-o", str(out)]) == 0
    said = capsys.readouterr().err
    assert "15,000 triples" in said and "which holds 15,000 triples" in said
    exported = _graph_of(out)
    assert len(exported) == BIG and isomorphic(exported, _graph_of(source))


def test_a_construct_larger_than_the_cap_is_paged(big_graph: tuple[Endpoint, Path]) -> None:
    from dataclasses import replace

    from explorer.core.remote.publish import pull_graph

    endpoint, source = big_graph
    no_graph_store = replace(endpoint, store_url=None)
    pulled = pull_graph(no_graph_store)
    assert pulled.triples == pulled.expected == BIG
    assert isomorphic(rdflib.Graph().parse(data=pulled.data, format="turtle"), _graph_of(source))
    # A cap below the page size: pages come back short and the next one starts where one ended.
    assert pull_graph(no_graph_store, page_size=BIG).triples == BIG


def test_publishing_into_its_default_graph_asks_for_a_named_one(virtuoso_server: VirtuosoServer) -> None:
    from explorer.core.errors import ExplorerError

    with pytest.raises(ExplorerError) as caught:
        publish(virtuoso_server.endpoint(), summary=False)
    message = str(caught.value)
    assert "HTTP 500" in message and "not configured to have default graph" in message
    assert "--graph" in message and "DOCTYPE" not in message


# ---------------------------------------------------------------- Digest authentication


def test_digest_authentication_answers_the_rfc_example() -> None:
    """RFC 2617, section 3.5: Mufasa's request for /dir/index.html."""
    from explorer.core.remote.endpoint import Credentials, digest_challenge, digest_header

    challenge = digest_challenge('Digest realm="testrealm@host.com", qop="auth,auth-int", '
                                 'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", '
                                 'opaque="5ccc069c403ebaf9f0171e9517f40e41"')
    assert challenge is not None
    header = digest_header(Credentials("Mufasa", "Circle Of Life"), challenge, "GET", "/dir/index.html", 1, "0a4f113b")
    assert 'response="6629fae49393a05397450978507c4ef1"' in header and "nc=00000001" in header
    assert digest_challenge('Basic realm="x"') is None


@pytest.fixture(scope="module")
def digest_user(virtuoso_server: VirtuosoServer) -> tuple[str, str]:
    """A Virtuoso user allowed to query and update through /sparql-auth, which asks for Digest credentials
    (and answers Basic ones with a bare 401)."""
    user, password = "explorer_digest", "s3cret-Digest"
    virtuoso_server.sql(f"DB.DBA.USER_CREATE ('{user}', '{password}');", f'GRANT SPARQL_SELECT TO "{user}";',
                        f'GRANT SPARQL_UPDATE TO "{user}";')
    return user, password


def test_a_store_asking_for_digest_credentials_gets_them(virtuoso_server: VirtuosoServer,
                                                         digest_user: tuple[str, str], tmp_path: Path) -> None:
    from explorer.core.errors import ExplorerError
    from explorer.core.remote.endpoint import Credentials

    def endpoint(password: str) -> Endpoint:
        return Endpoint.from_url(virtuoso_server.url + "/sparql-auth",
                                 store_url=virtuoso_server.url + "/sparql-graph-crud-auth",
                                 graph="https://example.org/digest", credentials=Credentials(digest_user[0], password))

    data = tmp_path / "a.ttl"
    data.write_text("<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n", encoding="utf-8")
    allowed = endpoint(digest_user[1])
    client = SparqlClient(allowed)
    assert client.ask("ASK { }") is True
    publish(allowed, [data], with_vocabulary=False, summary=False, client=client)  # an upload, answered again
    assert client.select("SELECT ?o WHERE { ?s ?p ?o }") == [{"o": "https://example.org/b"}]
    # A new client's first request an upload: its body is sent twice (without credentials, then Digest).
    import io

    triple = b"<https://example.org/a> <https://example.org/p> <https://example.org/c> .\n"
    SparqlClient(allowed).graph_send(allowed.graph, io.BytesIO(triple), len(triple), "application/n-triples",
                                     replace=True)
    assert client.select("SELECT ?o WHERE { ?s ?p ?o }") == [{"o": "https://example.org/c"}]
    with pytest.raises(ExplorerError, match="HTTP 401"):
        SparqlClient(endpoint("wrong")).ask("ASK { }")


# ---------------------------------------------------------------- SELECTs larger than the result cap

MANY = 11_000


@pytest.fixture(scope="module")
def many_claims(virtuoso_server: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[Endpoint, Path]:
    """11,000 statements among 20 actors (each with its plain triple, and a date on every third), more than
    Virtuoso's cap of 10,000 rows for the first screen's claims, the summary's ranking reads and the claim
    triples; published with the vocabulary and the summary graph; and the file."""
    from virtuoso_server import RESULT_CAP

    assert MANY > RESULT_CAP
    cx = "https://w3id.org/caucasus-explorer/vocab#"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    actors = [f"<{ACTOR}Many{i}>" for i in range(20)]
    lines = [f'{a} a <{cx}Country> ; <http://www.w3.org/2000/01/rdf-schema#label> "Many {i}" .'
             for i, a in enumerate(actors)]
    for n in range(MANY):
        s, o = actors[n % 20], actors[(n // 20) % 19 + 1 if n % 20 == 0 else 0]
        st = f"<https://example.org/many/claim/{n}>"
        lines += [f"{s} <{cx}tradesWith> {o} .",
                  f"{st} a <{rdf}Statement> ; <{rdf}subject> {s} ; <{rdf}predicate> <{cx}tradesWith> ; "
                  f"<{rdf}object> {o} ."]
        if n % 3 == 0:
            lines.append(f'{st} <{cx}eventDate> "{2000 + n % 20}"^^<http://www.w3.org/2001/XMLSchema#gYear> .')
    path = tmp_path_factory.mktemp("many") / "many.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    endpoint = virtuoso_server.endpoint("https://example.org/many")
    publish(endpoint, [path], summary=True)
    return endpoint, path


@pytest.mark.parametrize("use_summary", [False, True], ids=["ranked-live", "summary-graph"])
def test_a_first_screen_larger_than_the_cap_is_whole(many_claims: tuple[Endpoint, Path], use_summary: bool) -> None:
    """The first screen asks for one row more than a page and Virtuoso answers 10,000: a round number short of
    what was asked, so it is read again in ordered pages, and every claim and date arrives."""
    endpoint, path = many_claims
    local = load_knowledge([path])
    remote = open_remote(endpoint, limit=20, use_summary=use_summary)
    assert len(remote.first_screen.claims) == MANY
    assert {c.iri for c in remote.claims.values()} == {c.iri for c in local.claims.values()}
    assert ({c.iri: c.event_date for c in remote.claims.values()}
            == {c.iri: c.event_date for c in local.claims.values()})
    for actor in (f"{ACTOR}Many0", f"{ACTOR}Many7"):
        assert remote.degree(actor) == local.degree(actor)
