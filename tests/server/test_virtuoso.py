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
