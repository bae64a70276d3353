"""A first open through the cache returns once the files are indexed, while a child process writes the store
(explorer.core.cache_writer): the store's questions wait for it, a failed write says why and leaves no entry,
and records that name blank nodes are built in this process (the child names blank nodes anew)."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest
from tests_cache_records import same_records

from explorer.core import cache, cache_writer
from explorer.core.errors import ExplorerError
from explorer.core.loading import load_knowledge
from explorer.core.store import OxigraphStore
from explorer.resources import bundled_files


@pytest.fixture
def graph(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    return [Path(shutil.copy(p, folder / f"g-{p.name}")) for p in bundled_files() if p.parent.name == "data"]


@pytest.fixture
def held_writer(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The child's answer is held until the event is set: the store stays pending as long as a test needs."""
    release = threading.Event()
    wait = cache_writer.StoreWriter.wait

    def held(self):  # type: ignore[no-untyped-def]
        release.wait(60)
        return wait(self)
    monkeypatch.setattr(cache_writer.StoreWriter, "wait", held)
    yield release
    release.set()
    cache.settle()


def test_the_graph_comes_before_its_store_and_the_store_answers_once_written(graph, tmp_path, held_writer):
    kb = cache.open_knowledge(graph, folder=tmp_path / "c")
    plain = load_knowledge(graph, cache=False)
    assert kb.store.is_pending and not cache.usage(tmp_path / "c").entries
    assert kb.claims == plain.claims and kb.evidence == plain.evidence  # the graph is all there already
    held_writer.set()
    assert len(kb.store) == len(plain.store)  # (waits for the child)
    assert not kb.store.is_pending
    asked = "SELECT (COUNT(*) AS ?n) WHERE { ?c a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> }"
    assert kb.store.select(asked) == plain.store.select(asked)
    cache.settle()
    added: dict[Path, int] = {}
    again = cache.open_knowledge(graph, folder=tmp_path / "c", added=added)
    assert not again.store.is_pending and again.store.folder == kb.store.folder
    same_records(plain, again)
    expected: dict[Path, int] = {}
    load_knowledge(graph, cache=False, added=expected)
    assert added == {p: expected[p] for p in graph} and all(added.values())  # as the manifest counted them


def test_a_failed_store_write_leaves_no_entry_and_the_store_says_why(graph, tmp_path, monkeypatch):
    init = cache_writer.StoreWriter.__init__

    def changed(self, folder, files, fmt, sha256):  # type: ignore[no-untyped-def]
        init(self, folder, files, fmt, ["0" * 64 for _ in sha256])  # as if each file changed meanwhile
    monkeypatch.setattr(cache_writer.StoreWriter, "__init__", changed)
    kb = cache.open_knowledge(graph, folder=tmp_path / "c")
    with pytest.raises(ExplorerError, match="changed while it was opened"):
        len(kb.store)
    cache.settle()
    assert not cache.usage(tmp_path / "c").entries
    assert not list((tmp_path / "c").glob(".build-*"))


def test_the_layout_kept_while_the_store_is_written_lands_in_the_entry(graph, tmp_path, held_writer):
    kb = cache.open_knowledge(graph, folder=tmp_path / "c")
    positions = {iri: (float(i), 0.0) for i, iri in enumerate(kb.actors)}
    cache.save_layout(kb, "test", positions)
    held_writer.set()
    cache.settle()
    again = cache.open_knowledge(graph, folder=tmp_path / "c")
    assert cache.saved_layout(again, "test") == positions


def test_records_that_name_blank_nodes_are_built_with_the_store_s_own_names(tmp_path):
    path = tmp_path / "blank.ttl"
    path.write_text("""@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:x:a> a cx:Country ; rdfs:label "A" . <urn:x:b> a cx:Country ; rdfs:label "B" .
<urn:x:a> cx:alliedWith <urn:x:b> .
_:claim a rdf:Statement ; rdf:subject <urn:x:a> ; rdf:predicate cx:alliedWith ; rdf:object <urn:x:b> .
[] a oa:Annotation ; oa:hasBody _:claim ; oa:hasTarget [ oa:hasSource <urn:x:art> ;
   oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "allied" ] ] .
""", encoding="utf-8")
    kb = cache.open_knowledge([path], folder=tmp_path / "c")
    assert not kb.store.is_pending  # built here: nothing written behind
    (claim,) = [c for c in kb.claims if c.startswith("_:")]
    named = kb.store.select("SELECT ?c WHERE { ?c a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> }")
    assert [row["c"] for row in named] == [claim]  # the store's blank node is the record's
    assert len(kb.evidence) == 1 and next(iter(kb.evidence.values())).claim == claim


def test_the_thread_that_builds_a_pending_store_cannot_wait_on_it(tmp_path):
    ready: Future = Future()
    store = OxigraphStore.pending(tmp_path / "store", ready, owner=threading.get_ident())
    never = threading.Timer(5, lambda: ready.set_exception(TimeoutError("waited")))  # (else a hang)
    never.start()
    try:
        with pytest.raises(RuntimeError, match="builds it"):
            store.select("ASK {}")
    finally:
        never.cancel()
