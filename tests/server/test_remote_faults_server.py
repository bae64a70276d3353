"""Faults with a real server: it stops mid-session, a query outlives its timeout, the store lacks the
evidence or the vocabulary, or holds nothing. The user is told what happened and what to do, and what
was already shown stays."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from oxigraph_server import OxigraphServer

from explorer.core.errors import ExplorerError
from explorer.core.remote.endpoint import Endpoint, SparqlClient
from explorer.core.remote.knowledge import open_remote
from explorer.core.remote.publish import publish

pytestmark = pytest.mark.server

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
RUSSIA = ACTOR + "Russia"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NO_EVIDENCE = """@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .
@prefix actor: <https://w3id.org/caucasus-explorer/actor/> .
@prefix claim: <https://w3id.org/caucasus-explorer/claim/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
actor:Armenia a cx:Country ; rdfs:label "Armenia"@en .
actor:CSTO a cx:Organisation ; rdfs:label "CSTO"@en .
actor:Russia a cx:Country ; rdfs:label "Russia"@en .
actor:Armenia cx:memberOf actor:CSTO .
claim:Armenia_memberOf_CSTO a rdf:Statement ;
    rdf:subject actor:Armenia ; rdf:predicate cx:memberOf ; rdf:object actor:CSTO .
actor:Russia cx:leads actor:CSTO .
"""


def test_a_server_stopped_mid_session_is_reported_and_the_graph_shown_stays(
        start_server: Callable[..., OxigraphServer]) -> None:
    running = start_server()
    endpoint = running.endpoint()
    publish(endpoint)
    kb = open_remote(endpoint, limit=5)
    claim = next(iter(kb.claims))
    shown = (dict(kb.actors), dict(kb.claims), dict(kb.relations), kb.first_screen)
    running.stop()
    for action in (lambda: kb.expand(RUSSIA), lambda: kb.evidence_of(claim), lambda: kb.find_actors("arm")):
        with pytest.raises(ExplorerError, match="connection refused") as caught:
            action()
        assert endpoint.query_url in str(caught.value) and "is the server running" in str(caught.value)
    assert (kb.actors, kb.claims, kb.relations, kb.first_screen) == shown
    assert not kb.is_expanded(RUSSIA)


def test_a_slow_query_hits_the_client_timeout(start_server: Callable[..., OxigraphServer]) -> None:
    running = start_server("--timeout-s", "2")  # the server gives up too, so no work outlives the test
    publish(running.endpoint(), summary=False)
    with pytest.raises(ExplorerError, match=r"timed out after 0\.2 s"):
        SparqlClient(running.endpoint(timeout=0.2)).select(HEAVY)
    assert SparqlClient(running.endpoint()).ask("ASK { ?s ?p ?o }")  # the server still answers


def test_a_query_the_server_gives_up_on_is_reported(start_server: Callable[..., OxigraphServer]) -> None:
    running = start_server("--timeout-s", "1")
    publish(running.endpoint(), summary=False)
    with pytest.raises(ExplorerError, match=r"broke off|HTTP 5") as caught:
        SparqlClient(running.endpoint(timeout=60)).select(HEAVY)
    assert "time limit" in str(caught.value) or "log" in str(caught.value)


@pytest.mark.parametrize("summary", [True, False], ids=["with summary", "without summary"])
def test_a_store_without_evidence_shows_claims_without_passages(
        start_server: Callable[..., OxigraphServer], tmp_path: Path, summary: bool) -> None:
    path = tmp_path / "no-evidence.ttl"
    path.write_text(NO_EVIDENCE, encoding="utf-8")
    endpoint = start_server().endpoint()
    publish(endpoint, [path], summary=summary)
    kb = open_remote(endpoint)
    assert any("no evidence" in note for note in kb.notes)
    assert set(kb.actors) == {ACTOR + "Armenia", ACTOR + "CSTO", ACTOR + "Russia"}
    assert len(kb.claims) == 2 and {c.has_statement for c in kb.claims.values()} == {True, False}
    for claim in kb.claims:
        assert kb.evidence_of(claim) == []
    assert kb.expand(ACTOR + "CSTO") is False  # everything was on the first screen already


def test_a_store_without_the_vocabulary_shows_uncategorised_relations(
        start_server: Callable[..., OxigraphServer], tmp_path: Path) -> None:
    path = tmp_path / "no-vocabulary.ttl"
    path.write_text(NO_EVIDENCE, encoding="utf-8")
    endpoint = start_server().endpoint()
    publish(endpoint, [path], with_vocabulary=False)
    kb = open_remote(endpoint)
    assert any("vocabulary" in note for note in kb.notes)
    statement = kb.claims["https://w3id.org/caucasus-explorer/claim/Armenia_memberOf_CSTO"]
    assert kb.category_of(statement).label == "uncategorised"
    assert kb.describe(statement) == "Armenia memberOf CSTO"


def test_an_empty_store_says_how_to_fill_it(start_server: Callable[..., OxigraphServer]) -> None:
    endpoint = start_server().endpoint()
    with pytest.raises(ExplorerError, match="holds no claims") as caught:
        open_remote(endpoint)
    assert "explorer publish" in str(caught.value)


def test_data_in_a_named_graph_is_pointed_out(start_server: Callable[..., OxigraphServer]) -> None:
    running = start_server()
    publish(running.endpoint(graph="https://example.org/caucasus"))
    with pytest.raises(ExplorerError, match="holds no claims") as caught:
        open_remote(running.endpoint())
    assert "--graph" in str(caught.value) and "https://example.org/caucasus" in str(caught.value)
    kb = open_remote(running.endpoint(graph="https://example.org/caucasus"), limit=5)
    assert len(kb.first_screen.actors) == 5 and kb.summary_info is not None


def test_a_cancelled_connection_leaves_nothing_half_done(endpoint: Endpoint) -> None:
    from explorer.core.errors import Cancelled

    calls = []

    def cancel_after_first_step() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        open_remote(endpoint, should_cancel=cancel_after_first_step)


def test_an_expansion_can_be_cancelled_and_retried(endpoint: Endpoint) -> None:
    from explorer.core.errors import Cancelled

    kb = open_remote(endpoint, limit=1)
    before = dict(kb.claims)
    with pytest.raises(Cancelled):
        kb.expand(RUSSIA, should_cancel=lambda: True)
    assert kb.claims == before and not kb.is_expanded(RUSSIA)
    assert kb.expand(RUSSIA) and kb.is_expanded(RUSSIA)
