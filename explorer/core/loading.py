"""Build a knowledge base from files: the bundled graph, or files a user names.

A load always fills a *new* store, so a failure or a cancel leaves whatever was shown before intact.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Sequence
from pathlib import Path

from explorer.core.errors import Cancelled
from explorer.core.evidence import ArticleTexts
from explorer.core.formats import RdfFormat
from explorer.core.jobs import Progress, ShouldCancel
from explorer.core.knowledge import KnowledgeBase
from explorer.core.store import OxigraphStore, RdflibStore, Store
from explorer.resources import bundled_files, vocabulary_file

#: Called with (fraction done 0..1, what is happening).
#: The share of a load_knowledge that reading the files takes (the rest is indexing; measured on a graph
#: of 100 000 claims), so that the progress bar moves at an even pace.
READ_SHARE = 0.6
#: A knowledge base with at least this many claims is kept out of the garbage collector's walks.
FREEZE_CLAIMS = 10_000

STORES: dict[str, type] = {"oxigraph": OxigraphStore, "rdflib": RdflibStore}


def new_store(kind: str = "oxigraph") -> Store:
    return STORES[kind]()


def load_store(paths: Sequence[Path], *, fmt: RdfFormat | None = None, with_vocabulary: bool = True,
               store_kind: str = "oxigraph", progress: Progress | None = None,
               should_cancel: ShouldCancel | None = None, added: dict[Path, int] | None = None) -> Store:
    """Parse ``paths`` (plus the vocabulary) into a new store.

    ``added``, when given, is filled with the number of triples each file added (0: an empty file, or
    one of comments, prefixes or triples already loaded), for a caller that tells the user.
    """
    files = [Path(p) for p in paths]
    if with_vocabulary and vocabulary_file() not in [f.resolve() for f in files]:
        files = [vocabulary_file(), *files]
    sizes = [max(f.stat().st_size, 1) if f.is_file() else 1 for f in files]
    total = sum(sizes)
    done = 0
    store = new_store(store_kind)
    for path, size in zip(files, sizes, strict=True):
        def on_bytes(n: int, _size: int, base: int = done, name: str = path.name) -> None:
            if progress is not None:
                progress(min((base + n) / total, 1.0), f"reading {name}")
        before = len(store) if added is not None else 0
        store.load(path, fmt if path != vocabulary_file() else None, progress=on_bytes,
                   should_cancel=should_cancel)
        if added is not None:
            added[path] = len(store) - before
        done += size
    if should_cancel is not None and should_cancel():
        raise Cancelled()
    return store


def load_knowledge(paths: Sequence[Path] = (), *, fmt: RdfFormat | None = None, store_kind: str = "oxigraph",
                   progress: Progress | None = None,
                   should_cancel: ShouldCancel | None = None, added: dict[Path, int] | None = None,
                   cache: bool | None = None) -> KnowledgeBase:
    """The knowledge base of ``paths``, or of the bundled graph when none is named (``added``: see
    :func:`load_store`).

    ``cache``: through the on-disk cache of explorer.core.cache (True), not (False), or when the files are
    large enough for it (None).
    """
    files = [Path(p) for p in paths] or bundled_files()
    if store_kind == "oxigraph" and (cache if cache is not None else _cache_wanted(files)):
        from explorer.core import cache as file_cache

        kb = file_cache.open_knowledge(files, fmt=fmt, texts=ArticleTexts(f.resolve().parent for f in files),
                                       progress=progress, should_cancel=should_cancel, added=added)
        if len(kb.claims) >= FREEZE_CLAIMS:
            keep_out_of_gc()
        return kb
    reading = None if progress is None else (lambda f, what: progress(READ_SHARE * f, what))
    store = load_store(files, fmt=fmt, store_kind=store_kind, progress=reading, should_cancel=should_cancel,
                       added=added)
    indexing = None if progress is None else (lambda f, what: progress(READ_SHARE + (1 - READ_SHARE) * f, what))
    texts = ArticleTexts(f.resolve().parent for f in files)
    kb = KnowledgeBase(store, texts, files, progress=indexing, should_cancel=should_cancel)
    if len(kb.claims) >= FREEZE_CLAIMS:
        keep_out_of_gc()
    return kb


def _cache_wanted(files: Sequence[Path]) -> bool:
    from explorer.core.cache import wanted

    try:
        return wanted(files)
    except OSError:
        return False  # the load itself says what is wrong with the file


@functools.cache
def _vocabulary_rows() -> tuple[tuple[str, ...], int]:
    """The vocabulary's triples as SPARQL VALUES rows, and how many it has with a blank node (those
    cannot be named in a query; a load always adds them)."""
    import rdflib

    rows: list[str] = []
    blank = 0
    for triple in rdflib.Graph().parse(vocabulary_file(), format="turtle"):
        if any(isinstance(term, rdflib.BNode) for term in triple):
            blank += 1
        else:
            rows.append("(" + " ".join(term.n3() for term in triple) + ")")
    return tuple(rows), blank


def vocabulary_triples(store: Store) -> int:
    """How many triples of the bundled vocabulary ``store`` holds: what a load adds to the files a user
    names, so that counts can tell the user's triples from it."""
    rows, blank = _vocabulary_rows()
    found = blank
    for start in range(0, len(rows), 500):
        values = " ".join(rows[start:start + 500])
        answer = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES (?s ?p ?o) {{ {values} }} ?s ?p ?o }}")
        found += int(answer[0]["n"] or 0)
    return found


def keep_out_of_gc() -> None:
    """Stop the garbage collector from walking the objects alive now, a large graph's records above all.

    A knowledge base of 100 000 claims is a quarter of a million long-lived objects: each full collection
    walks them all (130 ms, long enough to freeze the GUI for several frames) and evicts them from the
    processor's caches. gc.freeze moves them to a permanent generation that collections skip; reference
    counting still frees them when the graph is closed (its records hold no reference cycles). No
    collection first: with the collector paused while loading (as the window does), all of them are
    young, and collecting the young walks them all (120 ms with the GIL held, a frozen window).
    """
    gc.freeze()


def load_bundled(store_kind: str = "oxigraph") -> KnowledgeBase:
    return load_knowledge((), store_kind=store_kind)
