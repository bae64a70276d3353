"""The knowledge base's rows gathered from the parsed quads (the cache's first open) answer as its SPARQL
queries over the store do; a graph they cannot answer exactly is indexed by the queries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from tests_cache_records import same_records

from explorer.core import cache, knowledge
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge, load_store
from explorer.core.stream_index import StreamRows
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
