"""The figures of the cache of large files (issue 19): a first open that builds the cache entry, and a
second open of the unchanged file that reads it, each against pyoxigraph's in-memory load of the file."""

from __future__ import annotations

import shutil
import statistics
import tempfile
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

        def first_open() -> object:
            shutil.rmtree(fresh, ignore_errors=True)
            return cache.open_knowledge([turtle], folder=fresh)

        cache.open_knowledge([turtle], folder=kept)  # the entry the re-opens read
        held: dict[str, object] = {}
        samples = interleaved({"first": first_open, "reference": lambda: _pyoxigraph_load(turtle),
                               "reopen": lambda: cache.open_knowledge([turtle], folder=kept)}, repeats, held)
        held.clear()
        entry = cache.usage(kept)
    reference = statistics.median(samples["reference"])
    note = (f"{_mb(corpus.turtle_bytes)} of Turtle; cache entry {entry.bytes / 1e6:.0f} MB; vs pyoxigraph "
            "Store().load(path=...) in memory")
    return [
        Result("first-open", f"first open of the {_label(corpus.claims)}-claim file, building its cache entry",
               statistics.median(samples["first"]), reference, "s",
               paired_ratio(samples["first"], samples["reference"]), 2.5,
               "explorer.core.cache.open_knowledge into an empty cache: SHA-256, on-disk store (batches of "
               f"50,000 quads written by a second thread while the next is parsed), indexes from the parsed quads "
               "on their way (explorer.core.stream_index), snapshot "
               f"written; {note}"),
        Result("reopen", f"second open of the unchanged {_label(corpus.claims)}-claim file, from the cache",
               statistics.median(samples["reopen"]), reference, "s",
               paired_ratio(samples["reopen"], samples["reference"]), 0.2,
               "the same call with the entry in place: SHA-256 of the file, manifest and snapshot checked, "
               f"store opened read-only, records read back; {note}"),
    ]
