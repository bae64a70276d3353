"""Time and peak memory of the ways Oxigraph can hold a large Turtle file, each in a fresh process.

    python -m benchmarks.store_options [TURTLE]

The evidence behind the memory row of RESULTS.md: the explorer's target is 6x the file's size, and
every in-memory way of holding the graph in Oxigraph takes more than that on its own; an on-disk store
stays under it but loads more than 1.5x slower than the in-memory reference (the load target).
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "benchmarks" / "corpus" / "100k" / "corpus.ttl"
CHUNK = 200_000

#: way -> what it does
WAYS = {
    "parse": "pyoxigraph.parse alone: every triple read, nothing kept (the floor of any load)",
    "memory-load": "in-memory Store.load (the reference of the load and memory figures)",
    "memory-chunks": f"in-memory Store, parsed quads added {CHUNK:,} at a time (Store.extend)",
    "disk-chunks": f"on-disk (RocksDB) Store, parsed quads bulk-added {CHUNK:,} at a time (Store.bulk_extend)",
}


def _peak_and_now() -> tuple[int, int]:
    peak = now = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) * 1024
        elif line.startswith("VmRSS:"):
            now = int(line.split()[1]) * 1024
    return peak, now


def measure(way: str, turtle: Path) -> dict[str, object]:
    """One way, in this process (run it in a fresh one: peak memory is per process)."""
    import pyoxigraph as ox

    started = time.perf_counter()
    triples = 0
    with tempfile.TemporaryDirectory() as folder:
        if way == "parse":
            triples = sum(1 for _ in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE))
        elif way == "memory-load":
            store = ox.Store()
            store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
            triples = len(store)
        else:
            store = ox.Store() if way == "memory-chunks" else ox.Store(folder)
            quads = ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)
            while chunk := list(itertools.islice(quads, CHUNK)):
                (store.extend if way == "memory-chunks" else store.bulk_extend)(chunk)
                triples += len(chunk)
        seconds = time.perf_counter() - started
        peak, now = _peak_and_now()
    return {"way": way, "seconds": seconds, "peak": peak, "resident": now, "triples": triples}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--one"]:
        print(json.dumps(measure(args[1], Path(args[2]))))
        return 0
    turtle = Path(args[0]) if args else DEFAULT
    if not turtle.is_file():
        print(f"{turtle}: no such file (python -m benchmarks.run --sizes full makes it)", file=sys.stderr)
        return 2
    size = turtle.stat().st_size
    print(f"{turtle} ({size / 1e6:.0f} MB)")
    print(f"{'way':<14} {'seconds':>8} {'peak MB':>8} {'x file':>7} {'after MB':>9}  what")
    for way, what in WAYS.items():
        done = subprocess.run([sys.executable, "-m", "benchmarks.store_options", "--one", way, str(turtle)],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        row = json.loads(done.stdout.splitlines()[-1])
        print(f"{way:<14} {row['seconds']:>8.1f} {row['peak'] / 1e6:>8.0f} {row['peak'] / size:>6.1f}x "
              f"{row['resident'] / 1e6:>9.0f}  {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
