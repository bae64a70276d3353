"""What one edge per pair costs a redraw: GraphScene.set_visible with one edge per pair, as a ratio of the
same call drawing one edge per category (the reference, measured in the same run).

    python -m benchmarks.pair_edges [CLAIMS]      # 10,000 claims by default (the benchmark corpus)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def best_of(scene, shown, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    """The fastest of ``runs`` set_visible calls, in seconds of processor time."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        scene.set_visible(shown)
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from benchmarks.corpus import ensure
    from explorer.app.opening import compute_layout
    from explorer.core.filters import visible
    from explorer.core.loading import load_knowledge
    from explorer.gui.graph.scene import GraphScene

    _app = QApplication([])
    claims = int(argv[0]) if argv else 10_000
    corpus = ensure(Path(os.environ.get("EXPLORER_CORPUS_DIR", "/tmp/explorer-corpus")) / f"c{claims}", claims)
    kb = load_knowledge([corpus.turtle])
    positions = compute_layout(kb)
    shown = visible(kb)
    times = {}
    for merged in (False, True):
        scene = GraphScene()
        scene.one_per_pair = merged
        scene.set_graph(kb, positions, shown)
        times[merged] = best_of(scene, shown), len(scene.bundles)
    (split, split_edges), (pairs, pair_edges) = times[False], times[True]
    print(f"{claims:,} claims: one edge per category {split * 1000:.0f} ms ({split_edges:,} edges), "
          f"one per pair {pairs * 1000:.0f} ms ({pair_edges:,} edges): {pairs / split:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
