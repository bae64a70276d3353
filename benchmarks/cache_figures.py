"""The figures of the cache of large files (issue 19): a first open that builds the cache entry, and a
second open of the unchanged file that reads it, each against pyoxigraph's in-memory load of the file."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.figures import Context, Result, _label, _mb, _pyoxigraph_load, interleaved, paired_ratio


def cache_open(ctx: Context) -> list[Result]:
    """First open (the entry built: on-disk store, indexes, snapshot) and re-open (the entry read)."""
    from explorer.core import cache

    corpus = ctx.corpus()
    turtle = corpus.turtle
    repeats = ctx.size.repeats
    ctx.log(f"cache: first open and re-open of {turtle} ({_mb(corpus.turtle_bytes)}), {repeats} times each")
    ctx.kb = ctx.reference_store = None
    with tempfile.TemporaryDirectory(prefix="explorer-bench-cache-") as folder:
        fresh = Path(folder) / "first"
        kept = Path(folder) / "kept"

        started: list[float] = []
        written: list[float] = []

        def first_open() -> object:
            shutil.rmtree(fresh, ignore_errors=True)
            started.append(time.perf_counter())
            return cache.open_knowledge([turtle], folder=fresh)

        def settle() -> None:  # (untimed by interleaved: the store written behind a first open)
            cache.settle()
            if len(started) > len(written):
                written.append(time.perf_counter() - started[-1])

        cache.open_knowledge([turtle], folder=kept)  # the entry the re-opens read
        cache.settle()
        held: dict[str, object] = {}
        samples = interleaved({"first": first_open, "reference": lambda: _pyoxigraph_load(turtle),
                               "reopen": lambda: cache.open_knowledge([turtle], folder=kept)}, repeats, held,
                              settle=settle)
        held.clear()
        entry = cache.usage(kept)
    reference = statistics.median(samples["reference"])
    note = (f"{_mb(corpus.turtle_bytes)} of Turtle; cache entry {entry.bytes / 1e6:.0f} MB; vs pyoxigraph "
            "Store().load(path=...) in memory")
    return [
        Result("first-open", f"first open of the {_label(corpus.claims)}-claim file, building its cache entry",
               statistics.median(samples["first"]), reference, "s",
               paired_ratio(samples["first"], samples["reference"]), 2.5,
               "explorer.core.cache.open_knowledge into an empty cache, until it returns the knowledge base: "
               "SHA-256, the files parsed and indexed on their way (explorer.core.stream_index), snapshot "
               "written, while a child process (explorer.core.cache_writer, nice 10) writes the on-disk store "
               f"behind; {note}"),
        Result("first-open-written", "the same first open until its store is written (the entry complete)",
               statistics.median(written), reference, "s", paired_ratio(written, samples["reference"]), None,
               "explorer.core.cache.settle() after the first open: the child's store written, the manifest "
               "last; the store's questions (SPARQL console, export, edits) wait until then, the graph does not"),
        Result("reopen", f"second open of the unchanged {_label(corpus.claims)}-claim file, from the cache",
               statistics.median(samples["reopen"]), reference, "s",
               paired_ratio(samples["reopen"], samples["reference"]), 0.2,
               "the same call with the entry in place: SHA-256 of the file, manifest and snapshot checked, "
               f"store opened read-only, records read back; {note}"),
    ]
