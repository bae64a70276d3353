"""What a time window costs an endpoint's graph (issue 14): the first screen, a moved window and Find, each
with the window sent to the store as a query filter, against the same request without a window measured in
the same run (an Oxigraph server on loopback holding the synthetic corpus).

    python -m benchmarks.server_window_bench                      # 100k claims (corpus in /tmp)
    python -m benchmarks.server_window_bench --claims 10000 --no-results   # a quick look

Rows (median of ``--runs``, wall time, the 90th percentile beside it):
- first screen (``open_remote``, 60 actors) with no window: the reference;
- the same first screen in an event-time window of one year (2016, undated claims left out), and on the
  report clock up to the end of 2016 (the passages of the claims fetched come with it: the filters need
  their articles' dates);
- a moved window: the claims of 2017 among the first screen's actors (``fetch_window``), against the
  reference;
- Find ("an", the first 20 actors) with the 2016 window against Find with none.
No target: the issue asks that the window reach the server; this says what it costs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.sections import heading, write_section

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = "### An endpoint's time window"
ROOT = Path(__file__).resolve().parent.parent


def _times(action: Callable[[], object], runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        found.append((time.perf_counter() - started) * 1000)
    return found


def _cell(times: list[float]) -> str:
    ordered = sorted(times)
    return f"{statistics.median(times):.1f} ms (p90 {ordered[int(0.9 * (len(ordered) - 1))]:.1f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-results", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "tests" / "server"))
    from oxigraph_server import OxigraphServer, oxigraph_binary  # the tests' launcher

    from benchmarks.corpus import ensure
    from explorer.core.remote.endpoint import Endpoint
    from explorer.core.remote.knowledge import open_remote
    from explorer.core.remote.publish import publish
    from explorer.core.server_window import EVERYTHING, server_window

    binary = oxigraph_binary()
    if binary is None:
        raise SystemExit("the oxigraph server binary is not installed (pip install oxigraph)")
    corpus = ensure(Path(tempfile.gettempdir()) / f"explorer-bench-{args.claims}", args.claims)
    in_2016 = server_window("2016", "2016", "event", False)
    in_2017 = server_window("2017", "2017", "event", False)
    known_2016 = server_window(None, "2016", "report", False)
    rows: list[tuple[str, list[float], list[float]]] = []
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="window-bench-") as tmp:
        server = OxigraphServer(binary, Path(tmp) / "store").start()
        try:
            endpoint = Endpoint.from_url(server.url, timeout=120)
            publish(Endpoint.from_url(server.url, store_url=server.url + "/store?no_transaction", timeout=120),
                    [corpus.turtle])

            def screen(window=EVERYTHING):  # type: ignore[no-untyped-def]
                return lambda: open_remote(endpoint, limit=args.limit, window=window)

            screen()()  # (warm the store)
            reference = _times(screen(), args.runs)
            sizes["claims, no window"] = len(open_remote(endpoint, limit=args.limit).claims)
            sizes["claims in 2016"] = len(open_remote(endpoint, limit=args.limit, window=in_2016).claims)
            rows.append(("first screen, event window 2016", _times(screen(in_2016), args.runs), reference))
            rows.append(("first screen, report clock up to 2016", _times(screen(known_2016), args.runs), reference))
            moved: list[float] = []
            for _ in range(args.runs):
                remote = open_remote(endpoint, limit=args.limit, window=in_2016)
                remote.set_window(in_2017)
                started = time.perf_counter()
                remote.fetch_window()
                moved.append((time.perf_counter() - started) * 1000)
            rows.append(("moved window 2016 -> 2017 (fetch_window)", moved, reference))
            plain = open_remote(endpoint, limit=args.limit)
            windowed = open_remote(endpoint, limit=args.limit, window=in_2016)
            find_plain = _times(lambda: plain.find_actors("an"), args.runs)
            rows.append(("Find 'an', window 2016", _times(lambda: windowed.find_actors("an"), args.runs), find_plain))
        finally:
            server.stop()
    table = ["| request | with the window | without (same run) | ratio |", "|---|---:|---:|---:|"]
    for name, ours, base in rows:
        table.append(f"| {name} | {_cell(ours)} | {_cell(base)} | "
                     f"{statistics.median(ours) / statistics.median(base):.2f}x |")
    note = ", ".join(f"{k}: {v:,}" for k, v in sizes.items())
    print("\n".join(table))
    print(note)
    if not args.no_results:
        section = (heading(HEADER, "python -m benchmarks.server_window_bench") + "\n\n"
                   f"{args.claims:,} claims in Oxigraph on loopback, first screen of {args.limit} actors, wall "
                   f"time, median of {args.runs} (first screen {note}). Without a window: the same request "
                   "with no filter, measured in the same run. No target (issue 14 asks that the window reach "
                   "the server).\n\n" + "\n".join(table) + "\n")
        write_section(HEADER, section, RESULTS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
