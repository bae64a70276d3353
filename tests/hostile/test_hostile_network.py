"""Opening a file never touches the network: external XML entities, remote JSON-LD contexts,
owl:imports, a remote @base and URLs in the data are refused or kept as plain data, with Python's
sockets blocked and a sentinel server that must see no request."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
import rdflib
from hostile_helpers import Sentinel

from explorer.core.errors import ExplorerError
from explorer.core.loading import load_knowledge
from explorer.core.store import OxigraphStore, RdflibStore
from explorer.core.validate import validate

OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"

#: file naming the sentinel, and the words of its error (None: it loads, the URLs are only data).
NAMES_THE_NETWORK: list[tuple[str, str | None]] = [
    ("xxe-http.rdf", "XML entity declarations are not allowed"),
    ("xxe-parameter-entity.rdf", "XML entity declarations are not allowed"),
    ("external-dtd.rdf", None),
    ("remote-context.jsonld", "names an external @context"),
    ("remote-context-import.jsonld", "names an external @context"),
    ("remote-context-scoped.jsonld", "names an external @context"),
    ("owl-imports.ttl", None),
    ("owl-imports.rdf", None),
    ("remote-base-and-seed.ttl", None),
]


def test_the_sentinel_sees_a_real_fetch(sentinel: Sentinel) -> None:
    """The harness works: rdflib's own JSON-LD parser fetches a remote context, and the sentinel counts it."""
    doc = f'{{"@context": "{sentinel.url}context.jsonld", "@id": "http://example.org/a", "label": "a"}}'
    rdflib.Graph().parse(data=doc, format="json-ld")
    assert sentinel.requests == ["/context.jsonld"]


def test_blocked_network_refuses_and_records(no_network: list[object], sentinel: Sentinel) -> None:
    with pytest.raises(OSError):
        urllib.request.urlopen(sentinel.url + "probe", timeout=5)
    assert no_network and sentinel.requests == []


@pytest.mark.parametrize(("name", "words"), NAMES_THE_NETWORK, ids=[n for n, _ in NAMES_THE_NETWORK])
@pytest.mark.parametrize("store_kind", ["oxigraph", "rdflib"])
def test_opening_never_fetches(sentinel: Sentinel, no_network: list[object], tmp_path: Path, name: str,
                               words: str | None, store_kind: str) -> None:
    path = sentinel.bind(name, tmp_path)
    assert sentinel.url in path.read_text()
    if words is None:
        kb = load_knowledge([path], store_kind=store_kind)
        for evidence in kb.evidence:  # reading the evidence does not fetch the article either
            kb.context(evidence)
        validate(kb, shacl=False)
    else:
        with pytest.raises(ExplorerError, match=words) as caught:
            load_knowledge([path], store_kind=store_kind)
        assert caught.value.path is not None and Path(caught.value.path).name == name
    assert sentinel.requests == []
    assert no_network == []


@pytest.mark.parametrize("name", ["billion-laughs.rdf", "xxe-file.rdf", "xxe-http.rdf",
                                  "xxe-parameter-entity.rdf"])
def test_entity_declarations_are_refused_before_parsing(hostile_files: Path, name: str) -> None:
    with pytest.raises(ExplorerError, match="XML entity declarations are not allowed") as caught:
        load_knowledge([hostile_files / name])
    assert caught.value.line is not None and caught.value.line >= 2  # the refused declaration's line
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd


def test_short_literal_entities_as_protege_writes_them_load(no_network: list[object], tmp_path: Path) -> None:
    """OWL tools abbreviate namespaces with internal entities; those expand to a few characters each."""
    path = tmp_path / "protege.owl"
    path.write_text('''<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
    <!ENTITY owl "http://www.w3.org/2002/07/owl#" >
    <!ENTITY cx "https://w3id.org/caucasus-explorer/vocab#" >
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:owl="&owl;"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://w3id.org/caucasus-explorer/actor/X">
    <rdf:type rdf:resource="&cx;Country"/><rdfs:label>X</rdfs:label>
  </rdf:Description>
</rdf:RDF>
''', encoding="utf-8")
    kb = load_knowledge([path])
    assert kb.actors["https://w3id.org/caucasus-explorer/actor/X"].kind == "country"
    assert no_network == []


def test_many_references_to_a_short_entity_are_bounded(tmp_path: Path) -> None:
    """A linear amplification still has a ceiling: 16 M characters of expansion in all."""
    value = "x" * 500
    body = "&e;" * 40_000  # 20 M characters once expanded
    path = tmp_path / "amplified.rdf"
    path.write_text(f'''<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY e "{value}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>{body}</ex:p></rdf:Description>
</rdf:RDF>
''', encoding="utf-8")
    with pytest.raises(ExplorerError, match="XML entities expand to more than 16 M characters"):
        load_knowledge([path])


def test_owl_imports_stays_data(sentinel: Sentinel, no_network: list[object], tmp_path: Path) -> None:
    store = OxigraphStore()
    store.load(sentinel.bind("owl-imports.ttl", tmp_path))
    rows = store.select(f"SELECT ?o WHERE {{ ?s <{OWL_IMPORTS}> ?o }}")
    assert rows == [{"o": sentinel.url + "ontology.ttl"}]
    assert sentinel.requests == [] and no_network == []


def test_a_url_as_seed_file_is_looked_up_locally_by_name(sentinel: Sentinel, no_network: list[object],
                                                         tmp_path: Path) -> None:
    kb = load_knowledge([sentinel.bind("remote-base-and-seed.ttl", tmp_path)])
    (evidence,) = kb.evidence
    context = kb.context(evidence)
    assert not context.verified
    assert any("'http://" in p and "not found" in p for p in context.problems)
    assert sentinel.url + "base/article/remote" in kb.articles  # the remote @base resolved, not fetched
    assert sentinel.requests == [] and no_network == []


def test_the_rdflib_store_refuses_remote_contexts_too(sentinel: Sentinel, no_network: list[object],
                                                      tmp_path: Path) -> None:
    with pytest.raises(ExplorerError, match="never fetches contexts"):
        RdflibStore().load(sentinel.bind("remote-context.jsonld", tmp_path))
    assert sentinel.requests == [] and no_network == []
