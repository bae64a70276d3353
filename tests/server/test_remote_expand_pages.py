"""Expanding an actor through a real server loads a page of its claims at a time: the first double-click
shows a page, each further one the next, until the store has nothing more; the knowledge base says how
many are loaded of how many, and in the end holds exactly what the local file holds.

The seed graph's actors have at most 71 claims, fewer than a page: these tests set a small page.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from oxigraph_server import OxigraphServer

from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge
from explorer.core.remote import knowledge as remote_module
from explorer.core.remote.endpoint import Endpoint
from explorer.core.remote.knowledge import Expansion, open_remote
from explorer.core.remote.publish import publish

pytestmark = pytest.mark.server

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
RUSSIA = ACTOR + "Russia"
AZERBAIJAN = ACTOR + "Azerbaijan"
PAGE = 10


@pytest.fixture()
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(remote_module, "EXPAND_PAGE", PAGE)
    return PAGE


def ids(claims) -> list[str]:
    return sorted(c.iri for c in claims)


def test_the_first_expansion_loads_one_page(endpoint: Endpoint, local: KnowledgeBase, small_pages: int) -> None:
    remote = open_remote(endpoint, limit=1)
    total = local.degree(RUSSIA)
    assert remote.claims_of(RUSSIA) == [] and total > 5 * PAGE
    steps: list[str] = []
    assert remote.expand(RUSSIA, progress=lambda _f, what: steps.append(what)) is True
    loaded = remote.claims_of(RUSSIA)
    assert len(loaded) == PAGE
    assert all(claim == local.claims[claim.iri] for claim in loaded)
    assert all(remote.actors[end] == local.actors[end] for claim in loaded for end in claim.ends)
    assert remote.expansion_state(RUSSIA) == Expansion(PAGE, total, False)
    assert not remote.is_expanded(RUSSIA) and remote.degree(RUSSIA) == total
    assert steps[-1] == f"Russia: {PAGE} of {total} claims"


def test_repeated_expansions_load_every_claim_once(endpoint: Endpoint, local: KnowledgeBase,
                                                   small_pages: int) -> None:
    remote = open_remote(endpoint, limit=1)
    total = local.degree(RUSSIA)
    states: list[Expansion] = []
    while remote.expand(RUSSIA):
        states.append(remote.expansion_state(RUSSIA))
    assert len(states) == math.ceil(total / PAGE)
    assert [s.loaded for s in states] == [min(PAGE * i, total) for i in range(1, len(states) + 1)]
    assert all(s.total == total for s in states) and [s.complete for s in states][-2:] == [False, True]
    assert remote.is_expanded(RUSSIA) and remote.expansion_state(RUSSIA) == Expansion(total, total, True)
    assert ids(remote.claims_of(RUSSIA)) == ids(local.claims_of(RUSSIA))
    assert len(remote.claims_of(RUSSIA)) == total  # no claim twice
    assert all(remote.claims[c.iri] == c for c in local.claims_of(RUSSIA))
    neighbours = {end for claim in local.claims_of(RUSSIA) for end in claim.ends}
    assert all(remote.actors[a] == local.actors[a] for a in neighbours)
    assert remote.degree(RUSSIA) == total and remote.expand(RUSSIA) is False


def test_claims_fetched_through_a_neighbour_are_not_fetched_as_new(endpoint: Endpoint, local: KnowledgeBase,
                                                                   small_pages: int) -> None:
    remote = open_remote(endpoint, limit=1)
    while remote.expand(AZERBAIJAN):
        pass
    shared = [c for c in local.claims_of(RUSSIA) if AZERBAIJAN in c.ends]
    assert ids(remote.claims_of(RUSSIA)) == ids(shared) and shared
    assert remote.expansion_state(RUSSIA) == Expansion(len(shared), local.degree(RUSSIA), False)
    expansions = 0
    while remote.expand(RUSSIA):
        expansions += 1
        assert len(remote.claims_of(RUSSIA)) > len(shared)
    assert expansions <= math.ceil(local.degree(RUSSIA) / PAGE)
    assert ids(remote.claims_of(RUSSIA)) == ids(local.claims_of(RUSSIA))
    assert remote.expansion_state(RUSSIA).complete


def test_an_actor_whose_claims_are_all_shown_is_expanded_without_anything_new(
        endpoint: Endpoint, local: KnowledgeBase, small_pages: int) -> None:
    remote = open_remote(endpoint, limit=500)  # every claim is on the first screen
    total = local.degree(RUSSIA)
    sent = remote.client.requests
    assert remote.expand(RUSSIA) is False  # however many pages that took
    assert remote.client.requests - sent == math.ceil(total / PAGE)
    assert remote.expansion_state(RUSSIA) == Expansion(total, total, True)


def test_expansions_of_one_actor_at_once_take_turns(endpoint: Endpoint, local: KnowledgeBase,
                                                    small_pages: int) -> None:
    remote = open_remote(endpoint, limit=1)
    threads = [threading.Thread(target=remote.expand, args=(RUSSIA,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    loaded = remote.claims_of(RUSSIA)
    assert len(loaded) == len(set(ids(loaded))) == 3 * PAGE
    assert remote.expansion_state(RUSSIA) == Expansion(3 * PAGE, local.degree(RUSSIA), False)


def test_an_actor_never_expanded_reports_its_known_claims(endpoint: Endpoint, local: KnowledgeBase) -> None:
    remote = open_remote(endpoint, limit=5)
    shown = len(remote.claims_of(RUSSIA))
    assert 0 < shown < local.degree(RUSSIA)
    assert remote.expansion_state(RUSSIA) == Expansion(shown, local.degree(RUSSIA), False)


def test_the_evidence_of_a_page_comes_in_one_request(endpoint: Endpoint, local: KnowledgeBase) -> None:
    remote = open_remote(endpoint, limit=1)
    remote.expand(RUSSIA)
    claims = ids(remote.claims_of(RUSSIA))
    sent = remote.client.requests
    remote.fetch_evidence(claims)
    assert remote.client.requests - sent == 1
    for claim in claims:
        assert remote.evidence_of(claim) == local.evidence_of(claim)
        for evidence in local.evidence_of(claim):
            context = remote.context(evidence.iri)
            assert context == local.context(evidence.iri)
            assert remote.articles[evidence.article] == local.articles[evidence.article]
    assert remote.client.requests - sent == 1  # evidence_of and context asked for nothing more


# ---------------------------------------------------------------- a store with bare triples

BARE = """@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .
@prefix actor: <https://w3id.org/caucasus-explorer/actor/> .
@prefix claim: <https://w3id.org/caucasus-explorer/claim/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
actor:CSTO a cx:Organisation ; rdfs:label "CSTO"@en .
""" + "".join(f"""actor:{name} a cx:Country ; rdfs:label "{name}"@en .
actor:{name} cx:memberOf actor:CSTO .
""" for name in ("Armenia", "Russia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Tajikistan")) + "".join(
    f"""claim:{name}_memberOf_CSTO a rdf:Statement ;
    rdf:subject actor:{name} ; rdf:predicate cx:memberOf ; rdf:object actor:CSTO .
""" for name in ("Armenia", "Russia", "Belarus"))  # the other three memberships are bare triples


@pytest.mark.parametrize("summary", [True, False], ids=["with summary", "without summary"])
def test_bare_triples_come_after_the_statements(start_server: Callable[..., OxigraphServer], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch, summary: bool) -> None:
    path = tmp_path / "bare.ttl"
    path.write_text(BARE, encoding="utf-8")
    endpoint = start_server().endpoint()
    publish(endpoint, [path], summary=summary)
    local = load_knowledge([path])
    csto = ACTOR + "CSTO"
    assert local.degree(csto) == 6 and sum(not c.has_statement for c in local.claims_of(csto)) == 3
    monkeypatch.setattr(remote_module, "EXPAND_PAGE", 2)
    remote = open_remote(endpoint, limit=1)  # CSTO alone: no claim on the first screen
    assert remote.claims_of(csto) == []
    assert remote.expand(csto) is True
    first = remote.expansion_state(csto)
    assert first.loaded == 2 and not first.complete
    assert first.total == 6  # statements and bare triples, counted by the store
    while remote.expand(csto):
        pass
    assert ids(remote.claims_of(csto)) == ids(local.claims_of(csto))
    assert all(remote.claims[c.iri] == c for c in local.claims_of(csto))
    assert remote.expansion_state(csto) == Expansion(6, 6, True) and remote.degree(csto) == 6


# ---------------------------------------------------------------- annotations missing a part

PARTIAL = """@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .
@prefix actor: <https://w3id.org/caucasus-explorer/actor/> .
@prefix claim: <https://w3id.org/caucasus-explorer/claim/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
actor:Armenia a cx:Country ; rdfs:label "Armenia"@en .
actor:CSTO a cx:Organisation ; rdfs:label "CSTO"@en .
actor:Armenia cx:memberOf actor:CSTO .
claim:Armenia_memberOf_CSTO a rdf:Statement ;
    rdf:subject actor:Armenia ; rdf:predicate cx:memberOf ; rdf:object actor:CSTO .
<urn:example:article> a schema:NewsArticle ; dcterms:title "A report" ; dcterms:publisher <urn:example:daily> .
<urn:example:daily> rdfs:label "The Daily" .
<urn:example:analyst> rdfs:label "An analyst" ; schema:jobTitle "analyst" .
<urn:example:whole> a oa:Annotation ; oa:hasBody claim:Armenia_memberOf_CSTO ; cx:assertedBy <urn:example:analyst> ;
    oa:hasTarget [ oa:hasSource <urn:example:article> ;
        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Armenia is a member" ; oa:prefix "So " ; oa:suffix "." ],
                       [ a oa:TextPositionSelector ; oa:start 3 ; oa:end 22 ] ] .
<urn:example:quote-only> a oa:Annotation ; oa:hasBody claim:Armenia_memberOf_CSTO ;
    oa:hasTarget [ oa:hasSource <urn:example:article> ;
        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "a member of the CSTO" ] ] .
"""


def test_annotations_missing_a_part_have_the_local_evidence(start_server: Callable[..., OxigraphServer],
                                                            tmp_path: Path) -> None:
    path = tmp_path / "partial.ttl"
    path.write_text(PARTIAL, encoding="utf-8")
    endpoint = start_server().endpoint()
    publish(endpoint, [path])
    local = load_knowledge([path])
    remote = open_remote(endpoint)
    claim = "https://w3id.org/caucasus-explorer/claim/Armenia_memberOf_CSTO"
    assert remote.claims[claim] == local.claims[claim] and len(local.evidence_of(claim)) == 2
    assert remote.evidence_of(claim) == local.evidence_of(claim)
    assert {e.prefix for e in remote.evidence_of(claim)} == {"So ", None}
    assert remote.articles == local.articles and remote.agents == local.agents
