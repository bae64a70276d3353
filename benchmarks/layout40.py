"""The force layout at 40k actors / 200k relations against igraph's own layouts (issue 19: "within 2x").

    python -m benchmarks.layout40                          # 40k actors, 200k relations, 3 repeats
    python -m benchmarks.layout40 --nodes 2000 --edges 10000 --no-results   # a quick look
    python -m benchmarks.layout40 --drl                    # also igraph's DrL, once (minutes at 40k)

The graph is the harness's hub-skewed actor network (``benchmarks.corpus.actor_network``, seeded): a few
actors in thousands of relations, most in a handful. **Explorer**: ``explorer.core.layout.force_layout``
as the window calls it: numbering and de-duplicating the ties, the seeded start, the child process (start,
job sent, igraph imported, a timed probe for the progress estimate), igraph's Fruchterman-Reingold, the
positions back, outliers pulled in, centred and scaled. **Reference**: ``igraph.Graph`` +
``layout_fruchterman_reingold`` with igraph's defaults (its grid variant above 1,000 nodes), the same
iterations, in this process. Wall time, interleaved, the order rotating; the ratio is the median of the
per-repeat ratios. Besides: the progress the window hears during the run, how soon a cancel stops the child,
whether two runs agree, and the spread (90th-percentile radius over the mean tie length) of both layouts.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from collections.abc import Hashable
from pathlib import Path

from benchmarks.corpus import actor_network
from benchmarks.figures import interleaved, paired_ratio
from benchmarks.sections import RESULTS, heading, write_section

HEADER = "### Layout at 40k actors"
TARGET = 2.0
CANCEL_TARGET = 1.0  # seconds from the cancel to the layout returning (the child killed)


def spread(coords: list[tuple[float, float]], ties: list[tuple[int, int]]) -> float:
    """The 90th-percentile distance from the centre over the mean tie length: how far the picture reaches,
    in ties (comparable between layouts of different scales)."""
    import numpy as np

    points = np.asarray(coords, dtype=float)
    pairs = np.asarray(ties, dtype=np.int64)
    tie = float(np.hypot(*(points[pairs[:, 0]] - points[pairs[:, 1]]).T).mean())
    radius = np.hypot(*(points - points.mean(axis=0)).T)
    return float(np.quantile(radius, 0.9)) / tie


def cancel_delay(nodes: list[str], edges: list[tuple[str, str]], after: float) -> float:
    """Seconds from a cancel, asked ``after`` seconds into a layout, to force_layout returning."""
    from explorer.core.layout import force_layout

    asked: list[float] = []

    def should_cancel() -> bool:
        if not asked and time.perf_counter() - began >= after:
            asked.append(time.perf_counter())
        return bool(asked)

    began = time.perf_counter()
    result = force_layout(nodes, edges, iterations=10**6, should_cancel=should_cancel)
    assert result == {}, "the layout was not cancelled"
    return time.perf_counter() - asked[0]


def main(argv: list[str] | None = None) -> int:
    import igraph

    from explorer.core.layout import force_layout

    parser = argparse.ArgumentParser(prog="python -m benchmarks.layout40", description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=40_000)
    parser.add_argument("--edges", type=int, default=200_000)
    parser.add_argument("--iterations", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--drl", action="store_true", help="also time igraph's DrL once (minutes at 40k)")
    parser.add_argument("--no-results", action="store_true", help="print only, do not write RESULTS.md")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    load_before = os.getloadavg()
    nodes, edges = actor_network(args.nodes, args.edges)
    index = {node: i for i, node in enumerate(nodes)}
    numbered = [(index[a], index[b]) for a, b in edges]
    print(f"layout40: {len(nodes)} actors, {len(edges)} relations, {args.iterations} iterations, "
          f"{args.repeats} repeats", flush=True)

    kept: dict[str, object] = {}
    heard: list[tuple[float, float]] = []

    def explorer() -> dict[Hashable, tuple[float, float]]:
        heard.clear()
        began = time.perf_counter()
        return force_layout(nodes, edges, iterations=args.iterations,
                            progress=lambda done, _text: heard.append((time.perf_counter() - began, done)))

    def reference() -> list[tuple[float, float]]:
        return igraph.Graph(n=len(nodes), edges=numbered).layout_fruchterman_reingold(niter=args.iterations).coords

    samples = interleaved({"explorer": explorer, "reference": reference}, args.repeats, keep=kept)
    ours = kept["explorer"]
    assert isinstance(ours, dict)
    theirs = kept["reference"]
    assert isinstance(theirs, list)
    again = explorer()
    value, base = statistics.median(samples["explorer"]), statistics.median(samples["reference"])
    ratio = paired_ratio(samples["explorer"], samples["reference"])
    our_coords = [ours[node] for node in nodes]
    finite = all(math.isfinite(v) for xy in our_coords for v in xy)
    during = [done for _at, done in heard if 0.0 < done < 1.0]
    after = max(1.0, min(5.0, value / 3))
    delay = cancel_delay(nodes, edges, after)
    drl = None
    if args.drl:
        began = time.perf_counter()
        igraph.Graph(n=len(nodes), edges=numbered).layout_drl()
        drl = time.perf_counter() - began
    load_after = os.getloadavg()

    rows = [
        ("force layout (FR in the child process) vs igraph FR", f"{value:.2f} s", f"{base:.2f} s", f"{ratio:.2f}x",
         f"<= {TARGET:g}x", "pass" if ratio <= TARGET else "FAIL"),
        ("cancel -> layout returned (child killed)", f"{delay * 1000:.0f} ms", "", "", f"<= {CANCEL_TARGET:g} s",
         "pass" if delay <= CANCEL_TARGET else "FAIL"),
    ]
    if drl is not None:
        rows.append(("igraph DrL (information)", f"{drl:.1f} s", f"{base:.2f} s", f"{drl / base:.0f}x", "", ""))
    notes = [
        f"progress: {len(heard)} reports in the last run, {len(during)} of them between 0 and 1 "
        f"(the last before the positions came back: {during[-1] if during else 0:.2f} of the child's estimate)",
        f"two runs give the same positions: {'yes' if again == ours else 'NO'}; no NaN or infinity: "
        f"{'yes' if finite else 'NO'}",
        f"spread (90th-percentile radius / mean tie): explorer {spread(our_coords, numbered):.2f}, "
        f"igraph FR {spread(theirs, numbered):.2f} (the explorer pulls far-flung actors in)",
        "per repeat (explorer / reference): "
        + ", ".join(f"{a:.2f}/{b:.2f} s" for a, b in zip(samples["explorer"], samples["reference"], strict=True)),
    ]
    given = sys.argv[1:] if argv is None else argv
    command = " ".join(["python -m benchmarks.layout40", *given])
    lines = [heading(HEADER, command), "",
             f"{len(nodes):,} actors, {len(edges):,} relations, {args.iterations} iterations, {args.repeats} "
             f"repeats; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
             f"({os.cpu_count()} logical CPUs).", "",
             "| figure | explorer | reference | ratio | target | result |", "|---|---:|---:|---:|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += [""] + [f"- {note}" for note in notes] + [""]
    section = "\n".join(lines) + "\n"
    print(section)
    if not args.no_results:
        write_section(HEADER, section, args.results)
    return 0 if ratio <= TARGET and delay <= CANCEL_TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
