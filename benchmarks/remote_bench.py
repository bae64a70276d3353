"""The explorer against a SPARQL endpoint: an Oxigraph server on loopback holding the 100k-claim corpus.

    python -m benchmarks.remote_bench [--claims 100000] [--limit 60] [--runs 15] [--samples 40]

Targets (issue 6):
- first screen through the endpoint <= 3x the same first screen from the local file already loaded:
  the ``limit`` most connected actors and the claims among them, laid out with the explorer's layout.
  Local: ``first_screen(kb)`` on the loaded knowledge base + ``force_layout``. Remote: connecting
  (``open_remote``: vocabulary, ranking, claims, labels) + the same ``force_layout``.
- expanding a node and showing evidence on click <= 100 ms each. Expand: ``kb.expand(actor)`` (every
  claim of the actor and its neighbours' records), for the first screen's actors (the nodes a user
  sees first: the hubs) and for actors drawn at random. Click: ``evidence_of(claim)`` and ``context()``
  of each passage (annotations, selectors, article, attribution, the paragraph from the article text)
  for claims not fetched before.

Medians of repeated runs; the machine's other load shows in the spread (p90, max). Qt-free: the time to
draw is the GUI's, the same for both sources.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 3.0
TARGET_MS = 100.0


def _server(store: Path):  # -> OxigraphServer-like (start/stop/url)
    sys.path.insert(0, str(ROOT / "tests" / "server"))
    from oxigraph_server import OxigraphServer, oxigraph_binary  # the tests' launcher

    binary = oxigraph_binary()
    if binary is None:
        raise SystemExit("the oxigraph server binary is not installed (pip install oxigraph)")
    return OxigraphServer(binary, store).start()


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"median": statistics.median(ordered), "p90": ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))],
            "max": ordered[-1], "n": float(len(ordered)),
            "within": 100.0 * sum(v <= TARGET_MS for v in ordered) / len(ordered)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.remote_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="corpus size (default 100000)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default benchmarks/corpus/<size>)")
    parser.add_argument("--limit", type=int, default=60, help="actors on the first screen (default 60)")
    parser.add_argument("--runs", type=int, default=15, help="first-screen runs of each kind (default 15)")
    parser.add_argument("--samples", type=int, default=40, help="expansions and clicks sampled (default 40)")
    args = parser.parse_args(argv)

    from benchmarks.corpus import ensure
    from explorer.core.endpoint import Endpoint
    from explorer.core.evidence import ArticleTexts
    from explorer.core.layout import force_layout
    from explorer.core.loading import load_knowledge
    from explorer.core.publish import publish
    from explorer.core.remote import first_screen, open_remote

    size = f"{args.claims // 1000}k" if args.claims % 1000 == 0 else str(args.claims)
    corpus = ensure(args.corpus or ROOT / "benchmarks" / "corpus" / size, args.claims)
    texts = ArticleTexts([corpus.folder])
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="remote-bench-") as tmp:
        server = _server(Path(tmp) / "store")
        try:
            endpoint = Endpoint.from_url(server.url, timeout=60)
            bulk = Endpoint.from_url(server.url, store_url=server.url + "/store?no_transaction", timeout=60)
            published = _timed(lambda: publish(bulk, [corpus.turtle]))
            started = time.perf_counter()
            kb = load_knowledge([corpus.turtle])
            loaded = time.perf_counter() - started
            rows.append(("publish (bulk, with summary)", f"{published / 1000:.1f} s", ""))
            rows.append(("local load (for reference)", f"{loaded:.1f} s", f"{len(kb.claims):,} claims"))

            def lay_out(knowledge, screen) -> None:  # the same layout call for both sources
                edges = [(knowledge.claims[c].subject, knowledge.claims[c].object) for c in screen.claims]
                force_layout(screen.actors, edges)

            def local_screen() -> None:
                lay_out(kb, first_screen(kb, args.limit))

            def remote_screen(use_summary: bool = True) -> None:
                remote = open_remote(endpoint, limit=args.limit, texts=texts, use_summary=use_summary)
                lay_out(remote, remote.first_screen)

            for warm in (local_screen, remote_screen):
                warm()
            local_ms: list[float] = []
            remote_ms: list[float] = []
            for _ in range(args.runs):  # alternated, so both see the same load on the machine
                local_ms.append(_timed(local_screen))
                remote_ms.append(_timed(remote_screen))
            live_ms = [_timed(lambda: remote_screen(False)) for _ in range(max(3, args.runs // 3))]
            ratio = statistics.median(remote_ms) / statistics.median(local_ms)
            rows.append((f"first screen, local file loaded ({args.limit} actors)",
                         f"{statistics.median(local_ms):.1f} ms", f"p90 {_stats(local_ms)['p90']:.1f} ms"))
            rows.append(("first screen, endpoint", f"{statistics.median(remote_ms):.1f} ms",
                         f"p90 {_stats(remote_ms)['p90']:.1f} ms; ratio {ratio:.2f} "
                         f"({'PASS' if ratio <= TARGET_RATIO else 'FAIL'} <= {TARGET_RATIO:g}x)"))
            rows.append(("first screen, endpoint without summary graph", f"{statistics.median(live_ms):.1f} ms",
                         f"ratio {statistics.median(live_ms) / statistics.median(local_ms):.1f} (not a target)"))

            rng = random.Random(1)
            screen = open_remote(endpoint, limit=args.limit, texts=texts).first_screen
            everyone = sorted(kb.actors)
            for label, actors in (("expand a first-screen actor (hubs)", list(screen.actors)[:args.samples]),
                                  ("expand an actor drawn at random", rng.sample(everyone, args.samples))):
                times = []
                for actor in actors:
                    remote = open_remote(endpoint, limit=args.limit, texts=texts)
                    times.append(_timed(lambda r=remote, a=actor: r.expand(a)))
                _row(rows, label, times, f"degree median {statistics.median(kb.degree(a) for a in actors):.0f}")

            remote = open_remote(endpoint, limit=args.limit, texts=texts)
            claims = rng.sample(sorted(remote.first_screen.claims), min(args.samples, len(remote.first_screen.claims)))

            def click(claim: str, knowledge=remote) -> None:
                for evidence in knowledge.evidence_of(claim):
                    knowledge.context(evidence)

            _row(rows, "evidence on click (first-screen claims)", [_timed(lambda c=c: click(c)) for c in claims],
                 "evidence_of + context, not fetched before")
            others = rng.sample(sorted(kb.claims), args.samples)
            times = []
            for claim in others:
                near = open_remote(endpoint, limit=1, texts=texts)
                near.expand(kb.claims[claim].subject)
                times.append(_timed(lambda c=claim, k=near: click(c, k)))
            _row(rows, "evidence on click (claims drawn at random)", times, "after expanding their subject")
        finally:
            server.stop()
    width = max(len(r[0]) for r in rows)
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"\nremote benchmark: {corpus.claims:,} claims, Oxigraph on loopback, first screen of {args.limit}, "
          f"{os.cpu_count()} CPUs, load average {load}\n")
    for what, value, note in rows:
        print(f"  {what:<{width}}  {value:>10}  {note}")
    return 0


def _row(rows: list[tuple[str, str, str]], label: str, times: list[float], note: str) -> None:
    stats = _stats(times)
    verdict = "PASS" if stats["median"] <= TARGET_MS else "FAIL"
    rows.append((label, f"{stats['median']:.1f} ms",
                 f"p90 {stats['p90']:.1f}, max {stats['max']:.1f} ms, {stats['within']:.0f}% <= {TARGET_MS:g} ms "
                 f"({verdict} median); {note}"))


if __name__ == "__main__":
    raise SystemExit(main())
