"""The explorer against a SPARQL endpoint: an Oxigraph server on loopback holding the 100k-claim corpus.

    python -m benchmarks.remote_bench [--claims 100000] [--limit 60] [--runs 15] [--samples 40]
                                      [--pages 100 400] [--no-results]

Targets (issue 6):
- first screen through the endpoint <= 3x the same first screen from the local file already loaded:
  the ``limit`` most connected actors and the claims among them, laid out with the explorer's layout.
  Local: ``first_screen(kb)`` on the loaded knowledge base + ``force_layout``. Remote: connecting
  (``open_remote``: vocabulary, ranking, claims, labels) + the same ``force_layout``.
- expanding a node and showing evidence on click <= 100 ms each (Nielsen's "instant"). Expand:
  ``kb.expand(actor)`` fetches one page of the actor's claims (``EXPAND_PAGE``) with its neighbours'
  records; measured for the first screen's actors (the hubs a user sees first), for the busiest actor,
  for a hub's next page (a second double-click) and for actors drawn at random. Click: ``evidence_of``
  and ``context()`` of each passage of one claim not fetched before; and a hub's evidence panel: the
  evidence of a screenful of its claims, then of a whole page, each fetched at once (``fetch_evidence``).
  ``--pages`` measures the hub rows again at other page sizes (how the page size was chosen).

Each figure is the median of its samples, with the 90th percentile and the worst: the machine's other
load shows in the spread. Qt-free: the time to draw is the GUI's, the same for both sources. The table is
printed and recorded in benchmarks/RESULTS.md (a section "size endpoint", replacing the previous one).
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 3.0
TARGET_MS = 100.0
#: Claims whose evidence a panel asks for at once (the evidence panel's PREFETCH_CLAIMS: a screen of rows).
SCREENFUL = 30


@dataclass(frozen=True)
class Figure:
    """One line of the table: timed samples against the 100 ms target, or a value with no target."""

    label: str
    times: tuple[float, ...] = ()
    value: str = ""
    note: str = ""
    result: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p90(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]

    def cells(self) -> tuple[str, str, str, str, str]:
        """Figure, median, spread, result, note."""
        if not self.times:
            return self.label, self.value, "", self.result, self.note
        within = 100.0 * sum(t <= TARGET_MS for t in self.times) / len(self.times)
        spread = f"p90 {self.p90:.1f}, max {max(self.times):.1f} ms, n {len(self.times)}, {within:.0f}% <= 100 ms"
        if self.p90 <= TARGET_MS:
            result = "pass"
        elif self.median <= TARGET_MS:
            result = "median only"
        else:
            result = "FAIL"
        return self.label, f"{self.median:.1f} ms", spread, result, self.note


def _server(store: Path):  # -> OxigraphServer-like (start/stop/url)
    sys.path.insert(0, str(ROOT / "tests" / "server"))
    from oxigraph_server import OxigraphServer, oxigraph_binary  # the tests' launcher

    binary = oxigraph_binary()
    if binary is None:
        raise SystemExit("the oxigraph server binary is not installed (pip install oxigraph)")
    return OxigraphServer(binary, store).start()


def _cpu_seconds(server) -> float:
    """CPU time the store's process has used (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{server.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError, IndexError, ValueError):
        return 0.0


def _timed(action: Callable[[], object]) -> float:
    """Milliseconds ``action`` takes; what it returns is freed after the clock stops (a screen stays shown:
    freeing it is no part of showing it, on either side)."""
    started = time.perf_counter()
    result = action()
    elapsed = (time.perf_counter() - started) * 1000
    del result
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.remote_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="corpus size (default 100000)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default benchmarks/corpus/<size>)")
    parser.add_argument("--limit", type=int, default=60, help="actors on the first screen (default 60)")
    parser.add_argument("--runs", type=int, default=15, help="first-screen runs of each kind (default 15)")
    parser.add_argument("--samples", type=int, default=40, help="expansions and clicks sampled (default 40)")
    parser.add_argument("--pages", type=int, nargs="*", default=[], metavar="N",
                        help="also measure the hub expansions with pages of N claims (the explorer's page: "
                             "explorer.core.remote.knowledge.EXPAND_PAGE)")
    parser.add_argument("--results", type=Path, help="the results file (default benchmarks/RESULTS.md)")
    parser.add_argument("--no-results", action="store_true", help="print the table only")
    args = parser.parse_args(argv)

    from benchmarks.corpus import ensure
    from benchmarks.run import RESULTS, machine, record
    from explorer.core.evidence import ArticleTexts
    from explorer.core.layout import force_layout
    from explorer.core.loading import load_knowledge
    from explorer.core.remote import knowledge as remote_module
    from explorer.core.remote.endpoint import Endpoint
    from explorer.core.remote.knowledge import first_screen, open_remote
    from explorer.core.remote.publish import publish

    began = time.perf_counter()
    info = machine()
    page = remote_module.EXPAND_PAGE
    size = f"{args.claims // 1000}k" if args.claims % 1000 == 0 else str(args.claims)
    corpus = ensure(args.corpus or ROOT / "benchmarks" / "corpus" / size, args.claims)
    texts = ArticleTexts([corpus.folder])
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="remote-bench-") as tmp:
        server = _server(Path(tmp) / "store")
        try:
            endpoint = Endpoint.from_url(server.url, timeout=60)
            bulk = Endpoint.from_url(server.url, store_url=server.url + "/store?no_transaction", timeout=60)
            published = _timed(lambda: publish(bulk, [corpus.turtle]))
            started = time.perf_counter()
            kb = load_knowledge([corpus.turtle])
            loaded = time.perf_counter() - started
            figures.append(Figure("publish (bulk, with summary)", value=f"{published / 1000:.1f} s"))
            figures.append(Figure("local load (for reference)", value=f"{loaded:.1f} s",
                                  note=f"{len(kb.claims):,} claims"))

            def lay_out(knowledge, screen):  # the same layout call for both sources
                edges = [(knowledge.claims[c].subject, knowledge.claims[c].object) for c in screen.claims]
                return force_layout(screen.actors, edges)

            def local_screen():  # -> what is shown: the screen and its layout
                screen = first_screen(kb, args.limit)
                return screen, lay_out(kb, screen)

            def remote_screen(use_summary: bool = True):  # -> the knowledge base and its layout
                remote = open_remote(endpoint, limit=args.limit, texts=texts, use_summary=use_summary)
                return remote, lay_out(remote, remote.first_screen)

            for warm in (local_screen, remote_screen):
                warm()
            local_ms: list[float] = []
            remote_ms: list[float] = []
            cpu = {"local": 0.0, "client": 0.0, "store": 0.0}
            for _ in range(args.runs):  # alternated, so both see the same load on the machine
                started = time.process_time()
                local_ms.append(_timed(local_screen))
                cpu["local"] += time.process_time() - started
                started, store_started = time.process_time(), _cpu_seconds(server)
                remote_ms.append(_timed(remote_screen))
                cpu["client"] += time.process_time() - started
                cpu["store"] += _cpu_seconds(server) - store_started
            live_ms = [_timed(lambda: remote_screen(False)) for _ in range(max(3, args.runs // 3))]
            ratio = statistics.median(remote_ms) / statistics.median(local_ms)
            figures.append(Figure(f"first screen, local file loaded ({args.limit} actors)",
                                  value=f"{statistics.median(local_ms):.1f} ms",
                                  note=f"p90 {sorted(local_ms)[int(len(local_ms) * 0.9)]:.1f} ms"))
            figures.append(Figure("first screen, endpoint", value=f"{statistics.median(remote_ms):.1f} ms",
                                  result="pass" if ratio <= TARGET_RATIO else "FAIL",
                                  note=f"ratio {ratio:.2f} to the local file (target <= {TARGET_RATIO:g}x)"))
            per_run = {k: v * 1000 / args.runs for k, v in cpu.items()}
            figures.append(Figure("first screen, CPU time (this process; the store's)",
                                  value=f"{per_run['client'] + per_run['store']:.0f} ms",
                                  note=f"endpoint: {per_run['client']:.0f} ms here + {per_run['store']:.0f} ms in "
                                       f"the store, against {per_run['local']:.0f} ms for the local file (on a "
                                       "busy machine the time follows the work)"))
            figures.append(Figure("first screen, endpoint without summary graph",
                                  value=f"{statistics.median(live_ms):.1f} ms",
                                  note=f"ratio {statistics.median(live_ms) / statistics.median(local_ms):.1f} "
                                       "(not a target)"))

            def fresh(limit: int = args.limit):
                return open_remote(endpoint, limit=limit, texts=texts)

            def first_expansions(actors: list[str]) -> tuple[float, ...]:
                """The first double-click on each actor, each in a window just connected."""
                times = []
                for actor in actors:
                    remote = fresh()
                    times.append(_timed(lambda r=remote, a=actor: r.expand(a)))
                return tuple(times)

            def click(claims: list[str], knowledge) -> None:  # what the evidence panel needs for its rows
                knowledge.fetch_evidence(claims)
                for claim in claims:
                    for evidence in knowledge.evidence_of(claim):
                        knowledge.context(evidence)

            rng = random.Random(1)
            screen = fresh().first_screen
            hubs = list(screen.actors)[:args.samples]
            top = screen.actors[0]
            hub_degrees = f"degree median {statistics.median(kb.degree(a) for a in hubs):.0f}"
            for size_now in dict.fromkeys([page, *args.pages]):
                remote_module.EXPAND_PAGE = size_now
                what = f"page of {size_now}" + (" (the explorer's)" if size_now == page else "")
                figures.append(Figure(f"expand a first-screen actor (hubs), {what}", first_expansions(hubs),
                                      note=hub_degrees))
                figures.append(Figure(f"expand the busiest actor, {what}",
                                      first_expansions([top] * max(10, args.samples // 2)),
                                      note=f"{kb.degree(top):,} claims"))
                more = [a for a in hubs if kb.degree(a) > size_now]
                times = []
                for actor in more:
                    remote = fresh()
                    remote.expand(actor)
                    times.append(_timed(lambda r=remote, a=actor: r.expand(a)))
                figures.append(Figure(f"expand a hub again (its next page), {what}", tuple(times),
                                      note=f"{len(more)} hubs with more than a page"))
                times = []
                for actor in hubs[:max(10, args.samples // 2)]:
                    remote = fresh()
                    remote.expand(actor)
                    shown = [c.iri for c in remote.claims_of(actor)][-size_now:]
                    times.append(_timed(lambda c=shown, r=remote: click(c, r)))
                figures.append(Figure(f"evidence of a hub's page of claims, {what}", tuple(times),
                                      note="fetch_evidence + context of every passage (a panel showing them all)"))
            remote_module.EXPAND_PAGE = page

            everyone = sorted(kb.actors)
            drawn = rng.sample(everyone, args.samples)
            figures.append(Figure("expand an actor drawn at random",
                                  first_expansions(drawn),
                                  note=f"degree median {statistics.median(kb.degree(a) for a in drawn):.0f}"))
            remote = fresh()
            pages = 0
            started = time.perf_counter()
            while not remote.expansion_state(top).complete:
                remote.expand(top)
                pages += 1
            figures.append(Figure("expand the busiest actor to its last claim",
                                  value=f"{(time.perf_counter() - started) * 1000:.0f} ms",
                                  note=f"{pages} double-clicks of {page} claims (no target: each one is a row above)"))

            remote = fresh()
            claims = rng.sample(sorted(remote.first_screen.claims), min(args.samples, len(remote.first_screen.claims)))
            figures.append(Figure("evidence on click (a first-screen claim)",
                                  tuple(_timed(lambda c=c: click([c], remote)) for c in claims),
                                  note="evidence_of + context, not fetched before"))
            times = []
            for claim in rng.sample(sorted(kb.claims), args.samples):
                near = fresh(1)
                subject = kb.claims[claim].subject
                while claim not in near.claims and not near.expansion_state(subject).complete:
                    near.expand(subject)  # as many double-clicks as it takes to show the claim
                times.append(_timed(lambda c=claim, k=near: click([c], k)))
            figures.append(Figure("evidence on click (a claim drawn at random)", tuple(times),
                                  note="after expanding its subject"))
            times = []
            for actor in hubs:
                remote = fresh()
                shown = [c.iri for c in remote.claims_of(actor)][:SCREENFUL]
                times.append(_timed(lambda c=shown, r=remote: click(c, r)))
            figures.append(Figure(f"evidence of a hub's panel, a screenful ({SCREENFUL} claims)", tuple(times),
                                  note="fetch_evidence + context: what a panel showing its visible rows asks"))
        finally:
            server.stop()
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    title = (f"remote benchmark: {corpus.claims:,} claims, Oxigraph on loopback, first screen of {args.limit}, "
             f"expansion page of {page} claims, {os.cpu_count()} CPUs, load average at the end {load}")
    print(f"\n{title}\n")
    cells = [f.cells() for f in figures]
    width = max(len(c[0]) for c in cells)
    for label, value, spread, result, note in cells:
        print(f"  {label:<{width}}  {value:>10}  {result:<11}  {spread}{'; ' if spread and note else ''}{note}")
    if not args.no_results:
        path = args.results or RESULTS
        name = "endpoint" if corpus.claims == 100_000 else f"endpoint_{size}"
        command = "python -m benchmarks.remote_bench " + " ".join(argv if argv is not None else sys.argv[1:])
        record(path, _section(name, info, title, cells, command.strip(), time.perf_counter() - began), name)
        print(f"\nrecorded in {path}")
    return 0


def _section(name: str, info: dict[str, str], title: str, cells: list[tuple[str, str, str, str, str]],
             command: str, seconds: float) -> str:
    """The results file's section for this run (``## date — size NAME``, as benchmarks/run.py writes)."""
    lines = [f"## {info['date']} — size {name}", "", title + ".", ""]
    lines += [f"- {key}{' at the start' if key == 'load average' else ''}: {value}"
              for key, value in info.items() if key != "date"]
    lines += [f"- command: `{command}` ({seconds / 60:.1f} minutes)", "",
              "Result: pass when the 90th percentile is within 100 ms, \"median only\" when only the median is; "
              f"the first screen: its ratio to the local file within {TARGET_RATIO:g}x.", "",
              "| figure | median | spread | result | note |", "|---|---:|---|:---:|---|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in cells]
    return "\n".join(lines) + "\n\n"


if __name__ == "__main__":
    raise SystemExit(main())
