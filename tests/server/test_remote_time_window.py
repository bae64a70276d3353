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
from explorer.core.server_window import EVERYTHING, ServerWindow, server_window, statement_filter

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
evidence:e1 a oa:Annotation ; oa:hasBody claim:year ; oa:hasTarget [ oa:hasSource article:old ] ;
    dcterms:creator <https://w3id.org/caucasus-explorer/agent/curators> .
evidence:e2 a oa:Annotation ; oa:hasBody claim:period ; oa:hasTarget [ oa:hasSource article:new ] ;
    dcterms:creator <https://w3id.org/caucasus-explorer/agent/curators> .
evidence:e3 a oa:Annotation ; oa:hasBody claim:day ; oa:hasTarget [ oa:hasSource article:new ] ;
    dcterms:creator <https://w3id.org/caucasus-explorer/agent/analyst-jane> .
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


# ---------------------------------------------------------------- the first screen, Find, Made by, the shell

LABELS = ("Armenia", "Russia", "Azerbaijan", "Iran", "CSTO", "Türkiye", "Georgia")
STATE_IDS = {"ids": lambda s: f"{s.clock}:{s.date_from}..{s.date_to}" + ("" if s.include_undated else ":dated")}


def _window(state: FilterState) -> ServerWindow:
    return server_window(state.date_from, state.date_to, state.clock, state.include_undated)


@pytest.mark.parametrize("use_summary", [True, False], ids=["summary", "live"])
@pytest.mark.parametrize("state", WINDOWS, **STATE_IDS)
def test_the_first_screen_holds_only_the_claims_in_the_window(windowed: tuple[Endpoint, Path], state: FilterState,
                                                             use_summary: bool) -> None:
    endpoint, path = windowed
    local = load_knowledge([path])
    expected = set(visible(local, state).claims)
    remote = open_remote(endpoint, limit=10, window=_window(state), use_summary=use_summary)
    assert len(remote.first_screen.actors) == len(LABELS)  # every actor is on this screen
    assert set(remote.claims) == expected
    session = Session()
    session.set_knowledge(remote)  # the filters show the window the store was asked in
    assert _window(session.controls) == remote.window
    assert set(session.visible.claims) == expected


def test_moving_the_window_fetches_its_claims_among_the_actors_shown(windowed: tuple[Endpoint, Path]) -> None:
    endpoint, path = windowed
    local = load_knowledge([path])
    first = FilterState(date_from="2016-06", date_to="2019", include_undated=False)
    remote = open_remote(endpoint, limit=10, window=_window(first))
    before = set(remote.claims)
    assert before == set(visible(local, first).claims)
    session = Session()
    session.set_knowledge(remote)
    moved = FilterState(date_from="2020", date_to="2020", include_undated=False)
    session.set_filters(moved)
    assert not remote.window_fetched
    assert remote.fetch_window()
    session.fetched_in_window()
    wanted = set(visible(local, moved).claims)
    assert wanted - before and set(remote.claims) == before | wanted
    assert set(session.visible.claims) == wanted and session.controls.date_from == "2020"
    assert remote.window_fetched and not remote.fetch_window()
    changes = []
    session.changed.connect(changes.append)
    assert remote.expand(ACTOR + "Russia") is not None
    session.replace_knowledge(remote, keep=ACTOR + "Russia")  # an expansion shown: the window stays
    assert session.controls == moved and remote.window == _window(moved) and not changes[-1].message
    assert set(session.visible.claims) == {c for c in visible(local, moved).claims if c in remote.claims}


@pytest.mark.parametrize("state", WINDOWS, **STATE_IDS)
def test_find_offers_only_the_actors_with_a_claim_in_the_window(windowed: tuple[Endpoint, Path],
                                                               state: FilterState) -> None:
    endpoint, path = windowed
    local = load_knowledge([path])
    expected = {a for c in visible(local, state).claims for a in local.claims[c].ends}
    remote = open_remote(endpoint, limit=1, window=_window(state))
    found = {a.iri for name in LABELS for a in remote.find_actors(name)}
    assert found == expected
    if ACTOR + "Georgia" not in expected:  # Find says why it finds no one
        session = Session()
        session.set_knowledge(remote)
        assert session.find("Georgia").message == "No actor called 'Georgia' has a claim in the time window"
    assert remote.resolve_actor("Georgia").iri == ACTOR + "Georgia"  # a name resolves whatever the window


def test_made_by_reads_who_made_an_endpoints_passages(windowed: tuple[Endpoint, Path]) -> None:
    from explorer.core.creators import claim_creators, creators

    endpoint, path = windowed
    local = load_knowledge([path])
    remote = open_remote(endpoint, limit=10)  # read with the first screen
    assert claim_creators(remote) == claim_creators(local)
    assert {(c.iri, c.label, c.claims) for c in creators(remote)} == {(c.iri, c.label, c.claims)
                                                                      for c in creators(local)}
    assert len(creators(local)) == 3  # curators, analyst-jane, not recorded
    one = open_remote(endpoint, limit=1)  # read with an expansion's pages
    _expanded(one, ARMENIA)
    made = claim_creators(local)
    assert claim_creators(one) == {c: made[c] for c in one.claims}


def _endpoint_options(endpoint: Endpoint) -> list[str]:
    return ["--endpoint", endpoint.query_url, "--store-url", endpoint.store_url or "",
            *(["--graph", endpoint.graph] if endpoint.graph else [])]


SHELL_TIMES = [["--from", "2020", "--to", "2020"], ["--from", "2016-06", "--to", "2019", "--include-undated"],
               ["--as-of", "2016-12-31"], ["--as-of", "2016-12-31", "--include-undated"], ["--to", "2019-12-31"]]


@pytest.mark.parametrize("times", SHELL_TIMES, ids=" ".join)
def test_the_shell_exports_and_weighs_an_endpoints_claims_in_time_as_a_files(
        windowed: tuple[Endpoint, Path], times: list[str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    import rdflib
    from rdflib.compare import isomorphic

    from explorer.cli import main

    endpoint, path = windowed
    local_out, remote_out = tmp_path / "local.ttl", tmp_path / "remote.ttl"
    assert main(["export", str(path), "-o", str(local_out), *times]) == 0
    assert main(["export", *_endpoint_options(endpoint), "-o", str(remote_out), *times]) == 0
    exported = rdflib.Graph().parse(remote_out, format="turtle")
    assert isomorphic(exported, rdflib.Graph().parse(local_out, format="turtle"))
    capsys.readouterr()
    assert main(["claims", str(path), "--json", *times]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert main(["claims", *_endpoint_options(endpoint), "--json", *times]) == 0
    assert json.loads(capsys.readouterr().out) == from_file


def test_the_window_opens_an_endpoint_from_the_shell() -> None:
    from explorer.cli import build_gui_parser
    from explorer.remote_cli import window_from_args

    def window(*options: str) -> ServerWindow:
        return window_from_args(build_gui_parser().parse_args(["--endpoint", "http://127.0.0.1:9", *options]))

    assert window("--from", "2020", "--to", "2020") == ServerWindow("event", "2020-01-01", "2020-12-31", False)
    assert window("--as-of", "2016", "--include-undated") == ServerWindow("report", None, "2016-12-31", True)
    assert window() == EVERYTHING


def test_the_shell_refuses_a_window_it_cannot_open(capsys: pytest.CaptureFixture[str]) -> None:
    from explorer.cli import main

    dead = "http://127.0.0.1:9"
    assert main(["--endpoint", dead, "--as-of", "2016", "--from", "2020"]) == 2  # one clock
    assert "not both" in capsys.readouterr().err
    assert main(["--endpoint", dead, "--from", "2020-13"]) == 2
    assert "time option" in capsys.readouterr().err
    assert main(["somefile.ttl", "--from", "2020"]) == 2  # files: the Time bar
    assert "with --endpoint" in capsys.readouterr().err
