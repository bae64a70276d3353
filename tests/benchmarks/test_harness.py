"""The benchmark harness at a tiny size: the corpus generator is deterministic and its quotes sit at
their offsets, the explorer loads it with the right counts, and every figure returns a well-formed row.

Correctness only: nothing here asserts how fast anything is.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks import corpus as corpus_module
from benchmarks.corpus import Corpus, actor_network, generate
from benchmarks.figures import FIGURES, SIZES, Context, Result, interleaved, paired_ratio
from benchmarks.run import format_table, markdown_section, record, rows_of
from explorer.core.loading import load_knowledge
from explorer.core.validate import validate

TINY = SIZES["tiny"]
CLAIMS = TINY.claims


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return generate(tmp_path_factory.mktemp("corpus"), CLAIMS, seed=7)


@pytest.fixture(scope="module")
def tiny_kb(tiny: Corpus):  # -> KnowledgeBase
    return load_knowledge([tiny.turtle])


def test_the_same_seed_writes_the_same_bytes(tiny: Corpus, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", CLAIMS, seed=7)
    other = generate(tmp_path / "other", CLAIMS, seed=8)
    assert _files(again.folder) == _files(tiny.folder)
    assert again.turtle.read_bytes() != other.turtle.read_bytes()
    assert len(list(tiny.seeds.glob("*.txt"))) == tiny.articles


def test_the_knowledge_base_finds_every_claim_actor_and_article(tiny: Corpus, tiny_kb) -> None:
    summary = tiny_kb.summary()
    assert summary["claims"] == CLAIMS
    assert summary["annotations"] == CLAIMS
    assert summary["actors"] == tiny.actors
    assert summary["articles"] == tiny.articles
    assert all(c.has_statement and len(c.evidence) == 1 for c in tiny_kb.claims.values())
    assert {a.kind for a in tiny_kb.actors.values()} == {"country", "organisation", "person", "place", "event",
                                                          "group"}
    assert all(a.label and a.label != a.iri for a in tiny_kb.actors.values())
    vocabulary = set(corpus_module.TEMPLATES)
    assert {c.predicate.rsplit("#", 1)[1] for c in tiny_kb.claims.values()} <= vocabulary


def test_every_quote_is_verbatim_at_its_offsets_inside_the_body(tiny_kb) -> None:
    for ev in tiny_kb.evidence.values():
        article = tiny_kb.articles[ev.article]
        text = tiny_kb.article_text(ev.article)
        assert text[ev.start:ev.end] == ev.exact, ev.iri
        assert article.body_start <= ev.start and ev.end <= article.body_end
        assert text[:ev.start].endswith(ev.prefix) and text[ev.end:].startswith(ev.suffix)
        context = tiny_kb.context(ev)
        assert context.verified and not context.problems
    assert any(not e.exact.isascii() for e in tiny_kb.evidence.values()), "offsets count code points, not bytes"


def test_the_corpus_passes_the_explorers_own_validation(tiny_kb) -> None:
    report = validate(tiny_kb, shacl=True)
    assert report.ok, [str(p) for p in report.problems[:5]]
    assert not report.problems


def test_the_actor_network_has_the_asked_size_and_no_repeated_pair() -> None:
    nodes, edges = actor_network(300, 1_200, seed=3)
    assert len(nodes) == 300 and len(edges) == 1_200
    assert len({frozenset(e) for e in edges}) == 1_200
    assert all(a != b for a, b in edges)
    assert actor_network(300, 1_200, seed=3) == (nodes, edges)


def test_interleaved_rotates_the_order_and_drops_what_a_run_kept() -> None:
    calls: list[str] = []
    kept: dict[str, object] = {}

    def run(name: str):  # type: ignore[no-untyped-def]
        def go() -> str:
            assert name not in kept, "the previous result is dropped before the clock starts"
            calls.append(name)
            return name
        return go

    samples = interleaved({"a": run("a"), "b": run("b")}, 3, kept)
    assert calls == ["a", "b", "b", "a", "a", "b"]
    assert {k: len(v) for k, v in samples.items()} == {"a": 3, "b": 3}
    assert kept == {"a": "a", "b": "b"}
    assert paired_ratio([2.0, 4.0, 9.0], [1.0, 1.0, 3.0]) == 3.0


def _well_formed(result: Result) -> None:
    assert result.key and result.figure and result.unit
    assert result.status in {"pass", "FAIL", "info", "not measured"}
    if result.value is None:
        assert result.note.startswith("not measured: ")
        return
    assert result.value > 0 and result.reference is not None and result.reference > 0
    assert result.ratio is not None and math.isfinite(result.ratio) and result.ratio > 0
    assert (result.passed is None) == (result.target is None)


@pytest.fixture(scope="module")
def tiny_results(tmp_path_factory: pytest.TempPathFactory) -> list[Result]:
    ctx = Context(TINY, corpus_dir=tmp_path_factory.mktemp("corpora"))
    results: list[Result] = []
    for figure in FIGURES.values():
        results.extend(figure(ctx))
    return results


def test_every_figure_returns_well_formed_rows(tiny_results: list[Result]) -> None:
    keys = [r.key for r in tiny_results]
    assert set(FIGURES) <= set(keys) and len(keys) == len(set(keys))
    for result in tiny_results:
        _well_formed(result)
    core = {r.key: r for r in tiny_results}
    for key in ("load", "open", "export", "click", "layout", "memory", "memory-reopen", "first-open", "reopen"):
        assert core[key].value is not None, core[key].note  # these need no GUI
    assert f"{CLAIMS} claims" in core["click"].figure or "200-claim" in core["load"].figure


def test_the_table_and_the_results_file(tiny_results: list[Result], tmp_path: Path) -> None:
    table = format_table(tiny_results).splitlines()
    assert table[0].split() == ["figure", "value", "reference", "ratio", "target", "result"]
    assert len(table) == len(tiny_results) + 2
    assert all(len(row) == 6 for row in rows_of(tiny_results))
    path = tmp_path / "RESULTS.md"
    info = {"date": "2026-01-01 00:00 UTC", "cpu": "test"}
    record(path, markdown_section(TINY, tiny_results, info, 1.0, "python -m benchmarks.run --sizes tiny"), "tiny")
    record(path, markdown_section(SIZES["small"], tiny_results[:1], info, 1.0, "x"), "small")
    info["date"] = "2026-01-02 00:00 UTC"
    record(path, markdown_section(TINY, tiny_results[:2], info, 1.0, "y"), "tiny")
    text = path.read_text()
    assert text.startswith("# Benchmark results")
    assert text.count("— size tiny") == 1 and text.count("— size small") == 1
    assert text.index("2026-01-02") < text.index("— size small"), "the newest run comes first"
    assert "| figure | value | reference | ratio | target | result |" in text
