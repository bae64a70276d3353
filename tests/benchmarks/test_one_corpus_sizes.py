"""A size whose figures all draw one graph (issue 19's "huge": 40k actors, 200k claims) generates one corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from benchmarks.figures import SIZES, Context


def test_the_huge_size_is_issue_19s_graph_on_screen() -> None:
    huge = SIZES["huge"]
    assert (huge.view_actors, huge.view_claims, huge.claims) == (40_000, 200_000, 200_000)


def test_a_size_with_one_graph_reads_one_corpus(tmp_path: Path) -> None:
    size = replace(SIZES["tiny"], name="one", claims=300, view_claims=300, view_actors=60)
    ctx = Context(size, corpus_dir=tmp_path)
    assert ctx.corpus() is ctx.view_corpus()
    assert ctx.corpus().actors == 60
    assert [p.name for p in tmp_path.iterdir()] == ["300-60-actors"]
