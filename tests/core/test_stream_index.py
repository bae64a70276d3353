"""The knowledge base's rows gathered from the parsed quads (the cache's first open) answer as its SPARQL
queries over the store do; a graph they cannot answer exactly is indexed by the queries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from tests_cache_records import same_records

from explorer.core import cache, knowledge
from explorer.core.analysis.coding import coding_from_store
from explorer.core.creators import passage_creators
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge, load_store
from explorer.core.stream_index import StreamRows
from explorer.core.weight import read_assessments
from explorer.resources import bundled_files, vocabulary_file


def _stream_rows(files: list[Path]) -> StreamRows:
    rows = StreamRows()
    for path in [vocabulary_file(), *files]:
        rows.add(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
    return rows


@pytest.mark.parametrize("source", ["bundled", "corpus"])
def test_the_rows_of_the_parsed_quads_give_the_records_of_the_queries(source, tmp_path):
    if source == "bundled":
        files = [f for f in bundled_files() if f.resolve() != vocabulary_file().resolve()]
    else:  # the benchmarks' corpus: event dates, attributions, aliases, roles
        from benchmarks.corpus import generate

        files = [generate(tmp_path / "corpus", 300).turtle]
    store = load_store(files)
    rows = _stream_rows(files)
    assert rows.exact
    by_query = KnowledgeBase(store)
    by_stream = KnowledgeBase(store, rows=rows)
    assert len(by_stream.claims) > 200 and len(by_stream.evidence) > 200 and len(by_stream.articles) >= 5
    assert any(c.event_date for c in by_stream.claims.values()) and (source == "bundled" or by_stream.agents)
    same_records(by_query, by_stream)
    made = rows.passage_creators(by_stream.evidence)
    assert made == passage_creators(by_query)  # the query's answer, without the query
    assert len(made) > 200 if source == "bundled" else not made  # (the corpus's articles name creators)
    coding = coding_from_store(rows.coding_quads())
    assert coding == coding_from_store(store) and len(coding.codes) > 20 and coding.structural
    hashes = store.select("SELECT ?a ?h WHERE { ?a <https://schema.org/sha256> ?h }")
    assert sorted(rows.recorded_hashes()) == sorted((r["a"], r["h"]) for r in hashes)


def test_the_creators_of_passages_are_the_query_s_also_when_several_or_none_are_iris(tmp_path):
    """Two IRIs: the least; a literal creator: none; a passage of a body that is no rdf:Statement: none."""
    path = tmp_path / "made.ttl"
    path.write_text('''@prefix oa: <http://www.w3.org/ns/oa#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix : <http://example.org/> .
:s1 a rdf:Statement ; rdf:subject :a ; rdf:predicate :p ; rdf:object :b .
:a1 a oa:Annotation ; oa:hasBody :s1 ; dcterms:creator :zed, :amy ;
    oa:hasTarget [ oa:hasSource :art ; oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "x" ] ] .
:a2 a oa:Annotation ; oa:hasBody :s1 ; dcterms:creator "Amy" ;
    oa:hasTarget [ oa:hasSource :art ; oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "y" ] ] .
:a3 a oa:Annotation ; oa:hasBody :note ; dcterms:creator :amy ;
    oa:hasTarget [ oa:hasSource :art ; oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "z" ] ] .
:a4 a oa:Annotation ; oa:hasBody :s1 ; dcterms:creator :bob, :zed ;
    oa:hasTarget [ oa:hasSource :art ; oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "w" ] ] .
''', encoding="utf-8")
    rows = _stream_rows([path])
    by_query = KnowledgeBase(load_store([path]))
    made = rows.passage_creators(KnowledgeBase(load_store([path]), rows=rows).evidence)
    assert made == passage_creators(by_query) == {"http://example.org/a1": "http://example.org/amy",
                                                             "http://example.org/a4": "http://example.org/bob"}


@pytest.fixture
def graph(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    return [Path(shutil.copy(p, folder / f"g-{p.name}")) for p in bundled_files() if p.parent.name == "data"]


def test_building_an_entry_indexes_without_a_query(graph, tmp_path, monkeypatch):
    plain = load_knowledge(graph, cache=False)

    class NoQueries(knowledge.StoreRows):
        def annotations(self):  # type: ignore[no-untyped-def]
            raise AssertionError("indexed by SPARQL")
    monkeypatch.setattr(knowledge, "StoreRows", NoQueries)
    built = cache.open_knowledge(graph, folder=tmp_path / "c")
    same_records(plain, built)


def test_a_structural_predicate_made_a_relation_is_indexed_by_the_queries(graph, tmp_path):
    extra = graph[0].parent / "g-extra.ttl"
    extra.write_text("<http://www.w3.org/ns/oa#hasBody> <https://w3id.org/caucasus-explorer/vocab#category> "
                     "<https://w3id.org/caucasus-explorer/vocab#Odd> .\n", encoding="utf-8")
    files = [*graph, extra]
    assert not _stream_rows(files).exact
    plain = load_knowledge(files, cache=False)
    same_records(plain, cache.open_knowledge(files, folder=tmp_path / "c"))


def test_the_assessments_are_the_query_s(tmp_path):
    """Gradings, an override with its reason, a deprecation, source groups and the vocabulary's contrary
    predicates: as explorer.core.weight.read_assessments reads them from the store."""
    path = tmp_path / "graded.ttl"
    path.write_text('''@prefix oa: <http://www.w3.org/ns/oa#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .
@prefix : <http://example.org/> .
:g1 a oa:Annotation ; oa:motivatedBy oa:assessing ; oa:hasTarget :duran ; oa:hasBody cx:ReliabilityD ;
    dcterms:creator :amy ; dcterms:created "2026-12-04T21:00:00Z" .
:g2 a oa:Annotation ; oa:motivatedBy oa:assessing ; oa:hasTarget :duran ; oa:hasBody cx:ReliabilityB ;
    dcterms:created "2026-12-05T21:00:00Z" .
:o1 a oa:Annotation ; oa:motivatedBy oa:assessing ; oa:hasTarget :claim1 ; oa:hasBody cx:Credibility2 ;
    rdfs:comment "in doubt" .
:d1 a oa:Annotation ; oa:motivatedBy oa:moderating ; oa:hasTarget [ oa:hasSource :x ], :claim2 ;
    oa:hasBody cx:DeprecatedRank ; rdfs:comment "superseded" .
:n1 a oa:Annotation ; oa:motivatedBy oa:describing ; oa:hasTarget :claim3 ; oa:hasBody cx:Credibility1 .
:copy cx:countsAsSource :tass . :copy2 cx:countsAsSource :tass .
:art <https://schema.org/sha256> "0a1b", "2c3d" .
''', encoding="utf-8")
    rows = _stream_rows([path])
    store = load_store([path])
    by_stream, by_query = rows.assessments(), read_assessments(store)
    assert by_stream == by_query
    hashes = store.select("SELECT ?a ?h WHERE { ?a <https://schema.org/sha256> ?h }")
    assert sorted(rows.recorded_hashes()) == sorted((r["a"], r["h"]) for r in hashes) and len(hashes) == 2
    assert by_stream.reliability == {"http://example.org/duran": "B"} and by_stream.credibility and \
        by_stream.deprecated and len(by_stream.source_of) == 2 and by_stream.contrary  # (the vocabulary's)
