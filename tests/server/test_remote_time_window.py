"""The time window reaches the server as a query filter (issue 14): with a window set, an actor's expansion
asks the store only for the statements in it, by event time or by report time, and fetches exactly the
claims the local filters keep. Runs against Oxigraph and Virtuoso."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import OxigraphServer

from explorer.app.session import Session
from explorer.core.filters import FilterState, visible
from explorer.core.loading import load_knowledge
from explorer.core.remote.endpoint import Endpoint
from explorer.core.remote.knowledge import RemoteKnowledge, open_remote
from explorer.core.remote.publish import publish
from explorer.core.server_window import EVERYTHING, statement_filter

pytestmark = pytest.mark.server

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
ARMENIA = ACTOR + "Armenia"
#: Armenia's claims with every kind of date: a day, a month, a year, a period, open periods, none; two
#: articles (2016 and 2023) report some of them, one article is undated.
DATA = """@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix actor: <https://w3id.org/caucasus-explorer/actor/> .
@prefix claim: <https://w3id.org/caucasus-explorer/claim/> .
@prefix article: <https://w3id.org/caucasus-explorer/article/> .
@prefix evidence: <https://w3id.org/caucasus-explorer/evidence/> .
actor:Armenia a cx:Country ; rdfs:label "Armenia" . actor:Russia a cx:Country ; rdfs:label "Russia" .
actor:Azerbaijan a cx:Country ; rdfs:label "Azerbaijan" . actor:Iran a cx:Country ; rdfs:label "Iran" .
actor:CSTO a cx:Organisation ; rdfs:label "CSTO" . actor:Turkiye a cx:Country ; rdfs:label "Türkiye" .
actor:Georgia a cx:Country ; rdfs:label "Georgia" .
article:old a schema:NewsArticle ; dcterms:title "Old" ; dcterms:issued "2016-04-05"^^xsd:date .
article:new a schema:NewsArticle ; dcterms:title "New" ; dcterms:issued "2023"^^xsd:gYear .
article:undated a schema:NewsArticle ; dcterms:title "Undated" .
claim:day a rdf:Statement ; rdf:subject actor:Armenia ; rdf:predicate cx:clashedWith ;
    rdf:object actor:Azerbaijan ;
    cx:eventDate "2020-10-10"^^xsd:date .
claim:month a rdf:Statement ; rdf:subject actor:Armenia ; rdf:predicate cx:negotiatesWith ;
    rdf:object actor:Azerbaijan ;
    cx:eventDate "2020-03"^^xsd:gYearMonth .
claim:year a rdf:Statement ; rdf:subject actor:Russia ; rdf:predicate cx:supports ; rdf:object actor:Armenia ;
    cx:eventDate "2016"^^xsd:gYear .
claim:period a rdf:Statement ; rdf:subject actor:Armenia ; rdf:predicate cx:memberOf ; rdf:object actor:CSTO ;
    cx:startDate "1992"^^xsd:gYear ; cx:endDate "2024-02"^^xsd:gYearMonth .
claim:since a rdf:Statement ; rdf:subject actor:Armenia ; rdf:predicate cx:cooperatesWith ;
    rdf:object actor:Iran ;
    cx:startDate "2021"^^xsd:gYear .
claim:until a rdf:Statement ; rdf:subject actor:Turkiye ; rdf:predicate cx:opposes ; rdf:object actor:Armenia ;
    cx:endDate "2019-12-31"^^xsd:date .
claim:undated a rdf:Statement ; rdf:subject actor:Georgia ; rdf:predicate cx:cooperatesWith ; rdf:object actor:Armenia .
actor:Armenia cx:clashedWith actor:Azerbaijan ; cx:negotiatesWith actor:Azerbaijan ; cx:memberOf actor:CSTO ;
    cx:cooperatesWith actor:Iran .
actor:Russia cx:supports actor:Armenia . actor:Turkiye cx:opposes actor:Armenia .
actor:Georgia cx:cooperatesWith actor:Armenia .
evidence:e1 a oa:Annotation ; oa:hasBody claim:year ; oa:hasTarget [ oa:hasSource article:old ] .
evidence:e2 a oa:Annotation ; oa:hasBody claim:period ; oa:hasTarget [ oa:hasSource article:new ] .
evidence:e3 a oa:Annotation ; oa:hasBody claim:day ; oa:hasTarget [ oa:hasSource article:new ] .
evidence:e4 a oa:Annotation ; oa:hasBody claim:month ; oa:hasTarget [ oa:hasSource article:undated ] .
"""

WINDOWS = [
    FilterState(date_from="2020", date_to="2020"),
    FilterState(date_from="2020", date_to="2020", include_undated=False),
    FilterState(date_from="2016-06", date_to="2019"),
    FilterState(date_to="2019-12-31", include_undated=False),
    FilterState(date_from="2024-02-29"),
    FilterState(clock="report", date_to="2016-12-31", include_undated=False),
    FilterState(clock="report", date_to="2016-12-31"),
    FilterState(clock="report", date_from="2017", include_undated=False),
    FilterState(clock="report", date_from="2023-12-31", date_to="2023-12-31", include_undated=False),
]


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("window") / "dated.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def virtuoso_dated(virtuoso_server, dated: Path) -> Endpoint:  # (VirtuosoServer)
    endpoint = virtuoso_server.endpoint("https://example.org/windowed")
    publish(endpoint, [dated])
    return endpoint


@pytest.fixture(scope="module")
def oxigraph_dated(oxigraph: Path, dated: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    running = OxigraphServer(oxigraph, tmp_path_factory.mktemp("dated-store")).start()
    try:
        publish(running.endpoint(), [dated])
        yield running.endpoint()
    finally:
        running.stop()


@pytest.fixture(params=["oxigraph", "virtuoso"])
def windowed(request: pytest.FixtureRequest, dated: Path) -> tuple[Endpoint, Path]:
    """A store holding :data:`DATA` (Virtuoso: in a graph of its own; the session's graph stays as it is)."""
    return request.getfixturevalue(f"{request.param}_dated"), dated


def _expanded(remote: RemoteKnowledge, actor: str) -> set[str]:
    while remote.expand(actor):
        pass
    return {c.iri for c in remote.claims_of(actor)}


@pytest.mark.parametrize("state", WINDOWS, ids=lambda s: f"{s.clock}:{s.date_from}..{s.date_to}"
                         + ("" if s.include_undated else ":dated"))
def test_an_expansion_fetches_exactly_the_claims_in_the_window(windowed: tuple[Endpoint, Path],
                                                              state: FilterState) -> None:
    endpoint, path = windowed
    local = load_knowledge([path])
    expected = {c for c in visible(local, state).claims if ARMENIA in local.claims[c].ends}
    remote = open_remote(endpoint, limit=1)
    assert not remote.claims_of(ARMENIA)  # (the first screen of one actor holds no claim)
    session = Session()
    session.set_knowledge(remote)
    session.set_filters(state)  # the session hands the window to the knowledge base
    assert statement_filter(remote.window)
    assert _expanded(remote, ARMENIA) == expected
    assert remote.expansion_state(ARMENIA).complete
    session.set_filters(FilterState())  # no window: the next expansion brings the rest
    assert remote.window == EVERYTHING and not remote.is_expanded(ARMENIA)
    assert _expanded(remote, ARMENIA) == {c.iri for c in local.claims_of(ARMENIA)}
