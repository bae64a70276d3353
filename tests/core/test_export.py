"""Exports re-parse to what was exported, subsets carry their evidence, network formats open in networkx."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

from explorer.core.compare import isomorphic as same_graph
from explorer.core.export import (
    EXPORT_FORMATS,
    claims_for_actors,
    export_to,
    serialize,
    subset_graph,
    write_atomically,
)
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge

A = "https://w3id.org/caucasus-explorer/actor/"
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
CX = rdflib.Namespace("https://w3id.org/caucasus-explorer/vocab#")
PARSE = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld",
         "rdfxml": "xml"}


def _reparse(data: bytes, fmt: str) -> rdflib.Graph:
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=PARSE[fmt])
    graph = rdflib.Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.mark.parametrize("fmt", sorted(PARSE))
def test_whole_graph_round_trips_isomorphic(kb: KnowledgeBase, fmt: str) -> None:
    # RDFC-1.0 canonical comparison: rdflib's isomorphic() needs minutes for ~600 blank nodes.
    assert same_graph(_reparse(serialize(kb, fmt), fmt), kb.store.to_rdflib())


@pytest.mark.parametrize("fmt", sorted(PARSE))
def test_subset_round_trips_isomorphic(kb: KnowledgeBase, fmt: str) -> None:
    claims = claims_for_actors(kb, [A + "CSTO"])
    expected = subset_graph(kb, claims)
    assert isomorphic(_reparse(serialize(kb, fmt, claims), fmt), expected)


def test_whole_export_holds_every_actor_claim_annotation_and_article(kb: KnowledgeBase, tmp_path) -> None:
    out = tmp_path / "graph.ttl"
    export_to(kb, out)
    again = load_knowledge([out])
    assert set(again.actors) == set(kb.actors)
    assert set(again.claims) == set(kb.claims)
    assert set(again.evidence) == set(kb.evidence)
    assert set(again.articles) == set(kb.articles)


def test_actor_subset_is_self_contained(kb: KnowledgeBase, tmp_path) -> None:
    claims = claims_for_actors(kb, [A + "CSTO"])
    out = tmp_path / "csto.ttl"
    export_to(kb, out, claims=claims)
    sub = load_knowledge([out])
    assert set(sub.claims) == set(claims)
    for claim in sub.claims.values():
        assert claim.evidence
        for evidence in sub.evidence_of(claim.iri):
            ctx = sub.context(evidence)
            assert ctx.verified, "quotes still resolve against the article text"
            assert ctx.article is not None and ctx.article.publisher
    graph = rdflib.Graph().parse(out)
    assert (CX.memberOf, rdflib.RDFS.comment, None) in graph or (CX.leads, rdflib.RDFS.comment, None) in graph
    assert (None, OA.exact, None) in graph


def test_canonical_comparison_agrees_with_rdflib(kb: KnowledgeBase) -> None:
    claims = claims_for_actors(kb, [A + "Iran"])
    graph = subset_graph(kb, claims)
    again = _reparse(serialize(kb, "turtle", claims), "turtle")
    assert isomorphic(graph, again) and same_graph(graph, again)
    again.remove((None, OA.exact, None))
    assert not isomorphic(graph, again) and not same_graph(graph, again)


def test_network_exports_open_in_networkx(kb: KnowledgeBase) -> None:
    graphml = nx.read_graphml(io.BytesIO(serialize(kb, "graphml")))
    gexf = nx.read_gexf(io.BytesIO(serialize(kb, "gexf")))
    for graph in (graphml, gexf):
        assert graph.number_of_edges() == len(kb.claims)
        assert graph.number_of_nodes() == len(kb.actors)
    node = graphml.nodes[A + "Russia"]
    assert node["label"] == "Russia" and node["kind"] == "country"


def test_export_is_atomic_and_leaves_no_temporary_files(kb: KnowledgeBase, tmp_path) -> None:
    out = tmp_path / "g.ttl"
    out.write_text("previous content")
    export_to(kb, out)
    assert out.read_bytes().startswith(b"@prefix")
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_a_new_export_gets_the_umasks_permissions(kb: KnowledgeBase, tmp_path: Path, umask: int,
                                                  fmt: str) -> None:
    out = tmp_path / f"graph{EXPORT_FORMATS[fmt].extension}"
    export_to(kb, out, fmt, claims=claims_for_actors(kb, [A + "CSTO"]))
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert os.umask(umask) == umask  # reading the umask left it as it was


@pytest.mark.parametrize("fmt", ["turtle", "graphml", "gexf"])
def test_a_replaced_export_keeps_its_own_permissions(kb: KnowledgeBase, tmp_path: Path, umask: int,
                                                     fmt: str) -> None:
    out = tmp_path / f"graph{EXPORT_FORMATS[fmt].extension}"
    out.write_text("previous content")
    out.chmod(0o640)
    export_to(kb, out, fmt, claims=claims_for_actors(kb, [A + "CSTO"]))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_bytes() != b"previous content"


def test_every_atomic_write_gets_the_umasks_permissions(tmp_path: Path, umask: int) -> None:
    """Save and the recovery files write through the same function as the exports."""
    out = tmp_path / "claims.ttl"
    write_atomically(out, b"# nothing\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
