"""The speed-ups made for large graphs change nothing the front ends see.

- OxigraphStore.select reads results as TSV text: the rows equal those of reading every term.
- The knowledge base built on Oxigraph equals the one built on rdflib (another SPARQL engine).
- Exporting a store straight from Oxigraph gives the bytes of serialising every triple.
- KnowledgeBase.context keeps article texts: the passages are those of the paragraph algorithm.
"""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.corpus import Corpus, generate
from explorer.core import knowledge
from explorer.core.errors import Cancelled
from explorer.core.evidence import ArticleTexts, paragraph_span
from explorer.core.formats import FORMATS
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import READ_SHARE, load_knowledge, load_store
from explorer.core.model import Evidence
from explorer.core.store import OxigraphStore, _ox_text
from explorer.core.vocab import PREFIXES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TRICKY = r"""
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:s ex:p "tab\there", "line\nbreak\r\n", "quote \" and back\\slash", "", "<<not a triple>>",
    "Türkiye, Bəeria, 😀 and \u00e9", "hello"@en, "bonjour"@fr-CA, 42, -7, 3.25, 1.5e3, true,
    "2014-06-23"^^xsd:date, "007"^^xsd:integer, "x"^^ex:custom, "<http://not/an/iri>", ex:o, _:b1 .
<http://example.org/ümlaut/ə> ex:p "iri with non-ASCII characters" .
_:b1 ex:q ex:s .
"""
QUERIES = (
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "SELECT ?s ?o ?missing (LANG(?o) AS ?l) WHERE { ?s <http://example.org/p> ?o "
    "OPTIONAL { ?s <http://example.org/none> ?missing } }",
    "SELECT ?o WHERE { ?s <http://example.org/nothing> ?o }",
)


def _slow_rows(store: OxigraphStore, query: str) -> list[dict]:
    solutions = store.oxigraph.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: _ox_text(s[n]) for n in names} for s in solutions]


def _store_of(turtle: str) -> OxigraphStore:
    store = OxigraphStore()
    store.oxigraph.load(turtle.encode(), ox.RdfFormat.TURTLE)
    return store


@pytest.mark.parametrize("query", QUERIES)
def test_select_gives_the_rows_of_reading_every_term(query: str) -> None:
    store = _store_of(TRICKY)
    assert store.select(query) == _slow_rows(store, query)
    names, rows = store.select_tuples(query)
    assert [dict(zip(names, r, strict=True)) for r in rows] == _slow_rows(store, query)


def test_select_survives_characters_split_between_chunks() -> None:
    long = "ə😀é" * 7000  # several 8 kB chunks, with multi-byte characters across their borders
    store = _store_of(f'<http://example.org/a> <http://example.org/p> "{long}", "{long[1:]}" .')
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }")
    assert sorted(r["o"] for r in rows) == sorted([long, long[1:]])


def test_select_of_a_named_graph_sees_the_union() -> None:
    store = OxigraphStore()
    store.oxigraph.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"),
                               ox.NamedNode("http://e/g")))
    assert store.select("SELECT ?o WHERE { ?s ?p ?o }") == [{"o": "x"}]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return generate(tmp_path_factory.mktemp("corpus"), 150, seed=11)


def _records(kb: KnowledgeBase) -> tuple:
    return (kb.actors, kb.relations, kb.categories, kb.claims, kb.evidence, kb.articles, kb.agents,
            {a: sorted(kb._claims_of[a]) for a in kb._claims_of}, kb._search)


@pytest.mark.parametrize("source", ["corpus", "bundled", "broken-offsets"])
def test_the_knowledge_base_on_oxigraph_equals_the_one_on_rdflib(source: str, tiny: Corpus) -> None:
    files = {"corpus": [tiny.turtle], "bundled": [], "broken-offsets": [FIXTURES / "broken-offsets.ttl"]}[source]
    oxigraph = load_knowledge(files)
    reference = load_knowledge(files, store_kind="rdflib")
    assert _records(oxigraph) == _records(reference)


def test_export_from_oxigraph_gives_the_bytes_of_serialising_every_triple(tiny: Corpus) -> None:
    store = load_store([tiny.turtle])
    for name in ("turtle", "ntriples", "nquads", "trig"):
        fmt = FORMATS[name]
        fast = io.BytesIO()
        store.dump(fast, fmt, PREFIXES)
        slow = io.BytesIO()
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.oxigraph)
        kwargs = {"prefixes": PREFIXES} if name in ("turtle", "trig") else {}
        ox.serialize(triples, slow, fmt.oxigraph if not fmt.quads else ox.RdfFormat.N_TRIPLES, **kwargs)
        assert fast.getvalue() == slow.getvalue(), name


def test_export_merges_named_graphs() -> None:
    store = _store_of("<http://e/a> <http://e/p> <http://e/b> .")
    store.oxigraph.add(ox.Quad(ox.NamedNode("http://e/c"), ox.NamedNode("http://e/p"), ox.NamedNode("http://e/d"),
                               ox.NamedNode("http://e/g")))
    out = io.BytesIO()
    store.dump(out, FORMATS["ntriples"])
    assert sorted(out.getvalue().decode().splitlines()) == [
        "<http://e/a> <http://e/p> <http://e/b> .", "<http://e/c> <http://e/p> <http://e/d> ."]


def _expected(kb: KnowledgeBase, evidence: Evidence) -> tuple:
    text = kb.texts.text(kb.articles[evidence.article].seed_file)
    span = paragraph_span(text, evidence.start, evidence.end)
    return text[span.start:span.end], span.start, evidence.start - span.start, evidence.end - span.start


def test_context_gives_the_paragraph_of_each_passage(tiny: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = load_knowledge([tiny.turtle])
    monkeypatch.setattr(knowledge, "TEXT_CACHE_CHARS", 5_000)  # a few articles at a time: texts get dropped
    for _ in range(2):
        for ev in kb.evidence.values():
            ctx = kb.context(ev.iri)
            assert (ctx.paragraph, ctx.paragraph_start, ctx.quote_start, ctx.quote_end) == _expected(kb, ev)
            assert ctx.verified and ctx.problems == () and ctx.article == kb.articles[ev.article]
    assert kb._text_cache_chars <= 5_000 or len(kb._text_cache()) == 1


def test_context_reads_texts_again_when_the_folders_change(tiny: Corpus, tmp_path: Path) -> None:
    kb = load_knowledge([tiny.turtle])
    ev = next(iter(kb.evidence.values()))
    assert kb.context(ev).verified
    kb.texts = ArticleTexts([tmp_path])  # no article texts there
    ctx = kb.context(ev)
    assert not ctx.verified and "not found" in ctx.problems[0]


def test_context_of_a_quote_away_from_its_offsets() -> None:
    kb = load_knowledge([FIXTURES / "broken-offsets.ttl"])
    ctx = kb.context(next(iter(kb.evidence)))
    assert not ctx.verified
    assert ctx.problems == ("the quote is not at its recorded offsets",)
    assert ctx.paragraph[ctx.quote_start:ctx.quote_end] == ctx.evidence.exact


def test_indexing_reports_progress_and_can_be_cancelled(tiny: Corpus) -> None:
    seen: list[tuple[float, str]] = []
    load_knowledge([tiny.turtle], progress=lambda f, what: seen.append((f, what)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any(what.startswith("indexing") and f > READ_SHARE for f, what in seen)

    def indexing() -> bool:
        return bool(seen) and seen[-1][0] > READ_SHARE

    seen.clear()
    with pytest.raises(Cancelled):
        load_knowledge([tiny.turtle], progress=lambda f, what: seen.append((f, what)), should_cancel=indexing)
    assert READ_SHARE < seen[-1][0] < 1.0
