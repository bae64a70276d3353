"""The weight of the evidence for a graph held by a SPARQL endpoint (issue 13): computed over what has been
fetched, the same as from the local files once every passage is fetched. Runs against Oxigraph and
Virtuoso."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge
from explorer.core.remote.endpoint import Endpoint
from explorer.core.remote.knowledge import open_remote
from explorer.core.remote.publish import publish
from explorer.core.weight import weigh_knowledge, weights_of

pytestmark = pytest.mark.server

LEADS = "https://w3id.org/caucasus-explorer/claim/Russia_leads_CSTO"


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def endpoint(request: pytest.FixtureRequest) -> Endpoint:
    return request.getfixturevalue("endpoint" if request.param == "oxigraph" else "virtuoso_endpoint")


def test_remote_weights_match_the_local_ones_once_fetched(endpoint: Endpoint, local: KnowledgeBase) -> None:
    remote = open_remote(endpoint, limit=1000)
    before = weights_of(remote)[LEADS]
    assert before.passages == 0 and before.credibility == 6  # nothing fetched yet: cannot be judged
    remote.fetch_evidence(list(remote.claims))
    after = weights_of(remote)  # more passages now: weighed again
    assert after[LEADS].sources == 2 and after[LEADS].credibility == 1
    assert after.of == weigh_knowledge(local).of


def test_a_remote_passage_keeps_its_factuality() -> None:
    from explorer.core.remote.rows import evidence_from

    rows = [{"ann": "e1", "claim": "c", "src": "a", "exact": "q", "prefix": "", "suffix": "", "start": "0",
             "end": "1"},
            {"ann": "e1", "claim": "c", "fact": "https://w3id.org/caucasus-explorer/vocab#Negated"}]
    assert evidence_from(rows, {})["e1"].factuality == "https://w3id.org/caucasus-explorer/vocab#Negated"


# ---------------------------------------------------------------- the analysts' gradings held by the store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CONTESTED = "https://w3id.org/caucasus-explorer/claim/Armenia_memberOf_CSTO"
GRADINGS = """
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/caucasus-explorer/assessment/grade-PaperThree> a oa:Annotation ;
    oa:motivatedBy oa:assessing ; oa:hasTarget <https://w3id.org/caucasus-explorer/agent/PaperThree> ;
    oa:hasBody cx:ReliabilityE ; rdfs:comment "a partisan outlet" ;
    dcterms:creator <https://w3id.org/caucasus-explorer/agent/analyst-jane> ;
    dcterms:created "2026-12-01T10:00:00Z"^^xsd:dateTime .
<https://w3id.org/caucasus-explorer/assessment/credibility-Armenia_memberOf_CSTO> a oa:Annotation ;
    oa:motivatedBy oa:assessing ; oa:hasTarget <https://w3id.org/caucasus-explorer/claim/Armenia_memberOf_CSTO> ;
    oa:hasBody cx:Credibility1 ; rdfs:comment "the denial comes from an unreliable source" ;
    dcterms:created "2026-12-01T10:05:00Z"^^xsd:dateTime .
"""


def _graded(tmp_path: Path) -> Path:
    path = tmp_path / "graded.ttl"
    path.write_text((FIXTURES / "weigh-three-publishers.ttl").read_text(encoding="utf-8") + GRADINGS,
                    encoding="utf-8")
    return path


@pytest.fixture(params=["oxigraph", "virtuoso"])
def graded(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Endpoint, Path]:
    """A store holding the three-publishers fixture with a grade and an override (Virtuoso: a graph of its
    own, the session's bundled graph stays as it is)."""
    if request.param == "oxigraph":
        endpoint = request.getfixturevalue("start_server")().endpoint()
    else:
        endpoint = request.getfixturevalue("virtuoso_server").endpoint("https://example.org/graded")
    path = _graded(tmp_path)
    publish(endpoint, [path])
    return endpoint, path


def test_the_gradings_a_store_holds_weigh_its_claims(graded: tuple[Endpoint, Path]) -> None:
    endpoint, path = graded
    local = load_knowledge([path])
    remote = open_remote(endpoint, limit=10)
    assert remote.assessments.reliability == {"https://w3id.org/caucasus-explorer/agent/PaperThree": "E"}
    remote.fetch_evidence(list(remote.claims))
    weight = weights_of(remote)[CONTESTED]
    assert (weight.computed, weight.credibility) == (3, 1) and weight.override_reason
    assert weights_of(remote).of == weigh_knowledge(local).of
    ev = next(e for e in remote.evidence_of(CONTESTED) if e.iri.endswith("w3-1"))
    assert weights_of(remote).grade(ev, remote.articles) == "E"


def test_explorer_claims_of_a_store_match_those_of_its_files(graded: tuple[Endpoint, Path], capsys) -> None:
    from explorer.cli import main

    endpoint, path = graded
    assert main(["claims", str(path), "--json"]) == 0
    local = json.loads(capsys.readouterr().out)
    args = ["claims", "--endpoint", endpoint.query_url, "--json"]
    if endpoint.graph:
        args += ["--graph", endpoint.graph]
    assert main(args) == 0
    remote = json.loads(capsys.readouterr().out)
    assert remote == local and remote[0]["credibility"] == 1 and remote[0]["override_reason"]
    assert main(["claims", str(path), "--endpoint", endpoint.query_url]) == 1  # one or the other
    assert "either files or --endpoint" in capsys.readouterr().err
