"""benchmarks.layout40 at a tiny size: it runs, writes its section with the command, the load and every figure."""

from __future__ import annotations

from pathlib import Path

from benchmarks import layout40


def test_the_layout_benchmark_writes_its_section(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n### An older section\n\nkept\n", encoding="utf-8")
    layout40.main(["--nodes", "400", "--edges", "1200", "--iterations", "100", "--repeats", "1",
                   "--results", str(results)])
    text = results.read_text(encoding="utf-8")
    assert text.index(layout40.HEADER) < text.index("### An older section")
    assert "python -m benchmarks.layout40 --nodes 400" in text and "load average" in text
    assert "vs igraph FR" in text and "cancel -> layout returned" in text
    assert "two runs give the same positions: yes" in text and "no NaN or infinity: yes" in text
