"""Dates reach the claims read from a real server as they reach the local ones: an event date, and a
period's start and end (cx:startDate, cx:endDate), on the first screen and on an expansion."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from oxigraph_server import OxigraphServer

from explorer.core.loading import load_knowledge
from explorer.core.remote.knowledge import open_remote
from explorer.core.remote.publish import publish

pytestmark = pytest.mark.server

DATA = """@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix actor: <https://w3id.org/caucasus-explorer/actor/> .
@prefix claim: <https://w3id.org/caucasus-explorer/claim/> .
actor:Armenia a cx:Country . actor:CSTO a cx:Organisation . actor:Russia a cx:Country .
actor:Armenia cx:memberOf actor:CSTO . actor:Russia cx:memberOf actor:CSTO .
actor:Russia cx:mediatesBetween actor:Armenia .
claim:a a rdf:Statement ; rdf:subject actor:Armenia ; rdf:predicate cx:memberOf ; rdf:object actor:CSTO ;
    cx:startDate "1992"^^xsd:gYear ; cx:endDate "2024-02"^^xsd:gYearMonth .
claim:r a rdf:Statement ; rdf:subject actor:Russia ; rdf:predicate cx:memberOf ; rdf:object actor:CSTO ;
    cx:startDate "1992-05-15"^^xsd:date .
claim:m a rdf:Statement ; rdf:subject actor:Russia ; rdf:predicate cx:mediatesBetween ; rdf:object actor:Armenia ;
    cx:eventDate "2020-10-10"^^xsd:date .
"""


@pytest.mark.parametrize("limit", [10, 1], ids=["first screen", "expansion"])
def test_periods_and_event_dates_come_through_the_server(start_server: Callable[..., OxigraphServer],
                                                         tmp_path: Path, limit: int) -> None:
    path = tmp_path / "periods.ttl"
    path.write_text(DATA, encoding="utf-8")
    endpoint = start_server().endpoint()
    publish(endpoint, [path])
    local = load_knowledge([path])
    assert local.claims["https://w3id.org/caucasus-explorer/claim/a"].end_date == "2024-02"
    remote = open_remote(endpoint, limit=limit)
    for actor in ("Armenia", "Russia", "CSTO"):
        remote.expand("https://w3id.org/caucasus-explorer/actor/" + actor)
    for iri, claim in local.claims.items():
        got = remote.claims[iri]
        assert (got.event_date, got.start_date, got.end_date) == (claim.event_date, claim.start_date, claim.end_date)
