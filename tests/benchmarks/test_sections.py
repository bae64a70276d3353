"""A benchmark's own section of RESULTS.md: replaced by a new run, first when new, the others kept."""

from __future__ import annotations

from pathlib import Path

from benchmarks.sections import write_section


def test_a_new_run_replaces_its_section_and_keeps_the_others(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# Results\n\n### Other (old)\n\nkept\n\n### Mine (old)\n\nold rows\n", encoding="utf-8")
    write_section("### Mine", "### Mine (new)\n\nnew rows\n", results)
    text = results.read_text(encoding="utf-8")
    assert "old rows" not in text and "new rows" in text and "kept" in text
    write_section("### Fresh", "### Fresh (1)\n\nfirst\n", results)
    text = results.read_text(encoding="utf-8")
    assert text.index("### Fresh") < text.index("### Other") < text.index("### Mine")
