"""Through a real SPARQL server the explorer shows what it shows from the local files: the same actors,
claims and evidence, the same passages for the same click, fetched lazily. Every test runs against
Oxigraph (the bundled graph in its default graph) and Virtuoso (in a named graph)."""

from __future__ import annotations

import pytest

from explorer.core.errors import ExplorerError
from explorer.core.knowledge import KnowledgeBase
from explorer.core.network import claim_graph
from explorer.core.remote.endpoint import Endpoint
from explorer.core.remote.knowledge import RemoteKnowledge, first_screen, open_remote

pytestmark = pytest.mark.server

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
RUSSIA = ACTOR + "Russia"


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def endpoint(request: pytest.FixtureRequest) -> Endpoint:
    """The bundled graph on each store the explorer is tested against."""
    return request.getfixturevalue("endpoint" if request.param == "oxigraph" else "virtuoso_endpoint")


@pytest.fixture(scope="module")
def remote_all(endpoint: Endpoint) -> RemoteKnowledge:
    """The whole bundled graph through the endpoint: a first screen larger than its actor count."""
    return open_remote(endpoint, limit=1000)


def test_the_whole_graph_has_the_same_records(remote_all: RemoteKnowledge, local: KnowledgeBase) -> None:
    assert remote_all.actors == local.actors
    assert remote_all.claims == local.claims
    assert remote_all.relations == local.relations
    assert remote_all.categories == local.categories
    assert {a: remote_all.degree(a) for a in local.actors} == {a: local.degree(a) for a in local.actors}


def test_every_claim_has_the_same_evidence_articles_and_attributions(
        endpoint: Endpoint, local: KnowledgeBase) -> None:
    remote = open_remote(endpoint, limit=1000)
    assert remote.evidence == {}  # nothing is fetched before it is asked for
    remote.fetch_evidence(list(remote.claims))
    assert remote.evidence == local.evidence
    assert remote.articles == local.articles
    assert remote.agents == local.agents


def test_the_same_click_on_russia_shows_the_same_passages(endpoint: Endpoint, local: KnowledgeBase) -> None:
    remote = open_remote(endpoint, limit=3)
    remote.expand(RUSSIA)
    claims = sorted(c.iri for c in local.claims_of(RUSSIA))
    assert sorted(c.iri for c in remote.claims_of(RUSSIA)) == claims
    shown = 0
    for claim in claims:
        assert remote.evidence_of(claim) == local.evidence_of(claim)
        for evidence in local.evidence_of(claim):
            assert remote.context(evidence.iri) == local.context(evidence.iri)
            assert local.context(evidence.iri).verified
            shown += 1
    assert shown >= len(claims) > 10


def test_the_first_screen_is_the_most_connected_actors(endpoint: Endpoint, local: KnowledgeBase) -> None:
    for limit in (1, 5, 20):
        remote = open_remote(endpoint, limit=limit)
        expected = first_screen(local, limit)
        assert remote.first_screen.actors == expected.actors
        assert sorted(remote.first_screen.claims) == sorted(expected.claims)
        assert set(remote.actors) == set(expected.actors)
        assert set(remote.claims) == set(expected.claims)
        assert all(remote.actors[a] == local.actors[a] for a in remote.actors)


def test_expanding_fetches_a_neighbourhood_once(endpoint: Endpoint, local: KnowledgeBase) -> None:
    remote = open_remote(endpoint, limit=2)
    before = set(remote.actors)
    assert remote.expand(RUSSIA) is True
    neighbours = {end for claim in local.claims_of(RUSSIA) for end in claim.ends}
    assert set(remote.actors) == before | neighbours
    assert all(remote.actors[a] == local.actors[a] for a in neighbours)
    assert remote.is_expanded(RUSSIA) and remote.degree(RUSSIA) == local.degree(RUSSIA)
    assert remote.expand(RUSSIA) is False


def test_neighbours_know_their_degree_before_they_are_expanded(endpoint: Endpoint, local: KnowledgeBase) -> None:
    remote = open_remote(endpoint, limit=2)
    remote.expand(RUSSIA)
    lavrov = ACTOR + "SergeiLavrov"
    assert not remote.is_expanded(lavrov)
    assert remote.degree(lavrov) == local.degree(lavrov) > len(remote.claims_of(lavrov))


def test_the_network_of_what_was_fetched_is_the_local_one(remote_all: RemoteKnowledge, local: KnowledgeBase) -> None:
    remote, here = claim_graph(remote_all), claim_graph(local)
    assert set(remote.nodes) == set(here.nodes)
    assert sorted(remote.edges(keys=True)) == sorted(here.edges(keys=True))


@pytest.mark.parametrize("text", ["russ", "Russia", "turk", "TÜRKIYE", "turkiye", "Erdoğan", "lavrov", "a", "u.s.",
                                  "azer", "minsk group", "zzz-no-such-actor"])
def test_search_finds_what_the_local_search_finds(endpoint: Endpoint, local: KnowledgeBase, text: str) -> None:
    remote = open_remote(endpoint, limit=1)
    for limit in (3, 20):
        assert [a.iri for a in remote.find_actors(text, limit)] == [a.iri for a in local.find_actors(text, limit)]
    for actor in remote.find_actors(text):
        assert remote.actors[actor.iri] == local.actors[actor.iri]


@pytest.mark.parametrize("name", ["Lavrov", "sergei lavrov", RUSSIA, "SergeiLavrov", "Türkiye", "Turkey"])
def test_names_resolve_as_locally(endpoint: Endpoint, local: KnowledgeBase, name: str) -> None:
    remote = open_remote(endpoint, limit=1)
    assert remote.resolve_actor(name) == local.resolve_actor(name)


def test_an_unknown_name_is_a_clear_error(endpoint: Endpoint) -> None:
    remote = open_remote(endpoint, limit=1)
    with pytest.raises(ExplorerError, match="no actor named"):
        remote.resolve_actor("Atlantis")


def test_progress_is_reported_while_connecting(endpoint: Endpoint) -> None:
    steps: list[tuple[float, str]] = []
    remote = open_remote(endpoint, limit=10, progress=lambda f, what: steps.append((f, what)))
    assert steps[0][0] == 0.0 and steps[-1][0] == 1.0
    assert endpoint.query_url in steps[-1][1] and str(len(remote.first_screen.actors)) in steps[-1][1]
    assert remote.summary()["actors"] == len(remote.actors) and remote.notes == []


def test_the_shown_claims_export_through_the_endpoint(endpoint: Endpoint, local: KnowledgeBase) -> None:
    from explorer.core.compare import isomorphic
    from explorer.core.export import subset_graph

    remote = open_remote(endpoint, limit=2)
    remote.expand(RUSSIA)
    claims = sorted(c.iri for c in remote.claims_of(RUSSIA))
    remote.fetch_evidence(claims)
    assert isomorphic(subset_graph(remote, claims), subset_graph(local, claims))


def test_the_client_reports_its_requests(endpoint: Endpoint) -> None:
    events: list[tuple[str, str]] = []
    remote = open_remote(endpoint, limit=2)
    remote.client.listeners.append(lambda event, what: events.append((event, what)))
    sent = remote.client.requests
    remote.expand(RUSSIA)
    assert remote.client.requests > sent and remote.client.in_flight == 0
    assert events.count(("start", "query")) == events.count(("end", "query")) == remote.client.requests - sent


def test_expansions_running_at_once_add_each_claim_once(endpoint: Endpoint, local: KnowledgeBase) -> None:
    import threading

    remote = open_remote(endpoint, limit=1)
    actors = [RUSSIA, ACTOR + "Armenia", ACTOR + "Azerbaijan", ACTOR + "SergeiLavrov"]
    threads = [threading.Thread(target=remote.expand, args=(a,)) for a in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for actor in actors:
        assert sorted(c.iri for c in remote.claims_of(actor)) == sorted(c.iri for c in local.claims_of(actor))
        assert remote.degree(actor) == local.degree(actor)


def test_results_larger_than_a_page_are_read_page_by_page(endpoint: Endpoint, local: KnowledgeBase,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.core.remote import knowledge as remote_module

    whole = open_remote(endpoint, limit=1000, use_summary=False).client.requests
    monkeypatch.setattr(remote_module, "PAGE_SIZE", 7)
    for use_summary in (True, False):
        remote = open_remote(endpoint, limit=1000, use_summary=use_summary)
        assert remote.claims == local.claims and remote.actors == local.actors
    assert remote.client.requests > whole  # the store's own ranking, read 7 rows at a time


def test_the_connect_helper_for_the_window(endpoint: Endpoint, local: KnowledgeBase, tmp_path) -> None:
    from explorer.core.remote.endpoint import SparqlClient
    from explorer.core.remote.knowledge import open_remote_knowledge

    client = SparqlClient(endpoint)
    remote = open_remote_knowledge(endpoint.query_url, limit=4, text_folders=[tmp_path], client=client)
    assert remote.client is client and remote.first_screen.actors == first_screen(local, 4).actors
    assert remote.texts.folders[0] == tmp_path
