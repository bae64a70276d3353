"""The per-file cache of large graphs: the store on disk and the knowledge base's records, kept by content.

A graph read from files of :data:`THRESHOLD` bytes or more is loaded into an on-disk Oxigraph store (a
fraction of the memory of the in-memory one, see benchmarks/RESULTS.md) inside a cache entry, with a
snapshot of the knowledge base's records (:mod:`explorer.core.snapshot`). Opening the same files again
opens that store read-only and reads the snapshot: no parsing, no indexing.

An entry is a folder named by a SHA-256 over everything that decides what a load gives: each file's
content, format and location (relative IRIs resolve against it), the vocabulary, and the cache format.
Its ``manifest.json`` is written last and names the explorer, pyoxigraph and snapshot versions, the size
of every file of the store and the snapshot's SHA-256. An entry is used only when all of these match;
anything else (a changed file gives another key; an entry truncated, corrupt or from another version) is
deleted and built again, never trusted. An entry is built in a folder of its own and renamed into place
(atomic), under an exclusive lock on ``KEY.lock`` so that two processes opening the same file build it once.

The cache lives in the workspace (``.cache/``) when the files are a workspace's, else in the user's cache
folder (``$EXPLORER_CACHE_DIR``, else ``$XDG_CACHE_HOME/explorer``, else ``~/.cache/explorer``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from explorer import __version__
from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.evidence import ArticleTexts
from explorer.core.formats import RdfFormat
from explorer.core.jobs import CountProgress, Progress, ShouldCancel, gc_paused
from explorer.core.knowledge import KnowledgeBase
from explorer.core.store import OxigraphStore
from explorer.core.stream_index import StreamRows

#: Files of at least this many bytes in all are opened through the cache. Below it an in-memory load is
#: small in absolute terms (a 7.5 MB file of 10 000 claims peaks at 141 MB) and quick to repeat (1 s),
#: while an on-disk store costs the first open about three times an in-memory load (see the README).
THRESHOLD = 16_000_000
#: Bump when an entry's layout or meaning changes: entries of another format are rebuilt.
CACHE_FORMAT = 2
ENV_FOLDER = "EXPLORER_CACHE_DIR"
#: The environment variable that turns the cache off (any non-empty value): ``--no-cache`` for the window.
ENV_OFF = "EXPLORER_NO_CACHE"
MANIFEST = "manifest.json"
SNAPSHOT = "knowledge.snapshot"
STORE = "store"
WORKSPACE_CACHE = ".cache"
#: The share of a first open spent reading the files into the on-disk store (the rest is indexing).
READ_SHARE = 0.55
#: Whether a first open shows the graph while a child process writes the store (explorer.core.cache_writer).
BEHIND = True


def user_cache_folder() -> Path:
    """Where entries go for files outside any workspace."""
    named = os.environ.get(ENV_FOLDER)
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "explorer"


def cache_folder(files: Sequence[Path]) -> Path:
    """The cache folder for ``files``: their workspace's when they all lie in one, else the user's."""
    from explorer.core.workspace import is_workspace

    parents = {Path(f).resolve().parent for f in files}
    if len(parents) == 1:
        parent = next(iter(parents))
        if is_workspace(parent):
            return parent / WORKSPACE_CACHE
    return user_cache_folder()


def wanted(files: Sequence[Path]) -> bool:
    """Whether ``files`` are large enough for the cache (and it is not turned off)."""
    if os.environ.get(ENV_OFF):
        return False
    return sum(Path(f).stat().st_size for f in files if Path(f).is_file()) >= THRESHOLD


def file_sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _versions() -> dict[str, Any]:
    import pyoxigraph

    from explorer.core.snapshot import SNAPSHOT_FORMAT

    return {"cache_format": CACHE_FORMAT, "explorer": __version__, "pyoxigraph": pyoxigraph.__version__,
            "snapshot": SNAPSHOT_FORMAT}


def describe_files(files: Sequence[Path], fmt: RdfFormat | None, vocabulary: Path | None) -> list[dict[str, str]]:
    """What decides the content of a load of ``files``: per file its location, format and SHA-256."""
    from explorer.core.formats import guess_format

    rows = []
    for path in files:
        path = Path(path).resolve()
        used = fmt if (fmt is not None and path != vocabulary) else guess_format(path)
        rows.append({"path": str(path), "format": used.name, "sha256": file_sha256(path)})
    return rows


def entry_key(described: list[dict[str, str]]) -> str:
    material = json.dumps({"files": described, "versions": _versions()}, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


def _folder_sizes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ locks


class _Held:
    """An exclusive lock on an entry's ``KEY.lock``; :meth:`keep` hands it on past the ``with`` block (to
    the thread that finishes an entry written behind the graph shown), which then calls :meth:`release`."""

    def __init__(self, handle: IO[bytes] | None) -> None:
        self.handle = handle
        self.kept = False

    def keep(self) -> None:
        self.kept = True

    def release(self) -> None:
        if self.handle is None:
            return
        import fcntl

        with contextlib.suppress(OSError):
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
        self.handle.close()
        self.handle = None


@contextlib.contextmanager
def _locked(path: Path, should_cancel: ShouldCancel | None) -> Iterator[_Held]:
    """Hold an exclusive lock on ``path`` (made if missing): one process builds an entry at a time."""
    try:
        import fcntl
    except ImportError:  # no advisory locks here: the atomic rename alone keeps entries whole
        yield _Held(None)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+b")  # noqa: SIM115 (closed by _Held.release, maybe by another thread)
    held = _Held(handle)
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if should_cancel is not None and should_cancel():
                    raise Cancelled() from None
                time.sleep(0.1)  # another process is building this entry: wait for it
        yield held
    finally:
        if not held.kept:
            held.release()


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        import fcntl
    except ImportError:
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


# ------------------------------------------------------------------ entries


@dataclass
class Entry:
    """One cache entry: a folder holding a store, a snapshot and the manifest that vouches for them."""

    folder: Path

    @property
    def manifest_path(self) -> Path:
        return self.folder / MANIFEST

    def manifest(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def problem(self, key: str) -> str | None:
        """Why this entry cannot be used for ``key`` (None: it can)."""
        if not self.folder.is_dir():
            return "missing"
        manifest = self.manifest()
        if manifest is None:
            return "no readable manifest"
        if manifest.get("versions") != _versions():
            return "made by another version"
        if manifest.get("key") != key:
            return "made for other files"
        store_files = manifest.get("store_files")
        if not isinstance(store_files, dict) or not store_files:
            return "no list of the store's files"
        store = self.folder / STORE
        for name, size in store_files.items():
            try:
                if (store / name).stat().st_size != size:
                    return f"store file {name} has another size (truncated or changed)"
            except OSError:
                return f"store file {name} is missing"
        snapshot = self.folder / SNAPSHOT
        try:
            if snapshot.stat().st_size != manifest.get("snapshot_bytes") or \
                    file_sha256(snapshot) != manifest.get("snapshot_sha256"):
                return "the snapshot is truncated or changed"
        except OSError:
            return "the snapshot is missing"
        return None


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def open_knowledge(files: Sequence[Path], *, fmt: RdfFormat | None = None, texts: ArticleTexts | None = None,
                   sources: Sequence[Path] = (), progress: Progress | None = None,
                   should_cancel: ShouldCancel | None = None, added: dict[Path, int] | None = None,
                   folder: Path | None = None) -> KnowledgeBase:
    """The knowledge base of ``files`` (the vocabulary first, as :func:`explorer.core.loading.load_store`
    reads them) through the cache in ``folder`` (by default :func:`cache_folder`): read from a valid
    entry, else built into a new one."""
    from explorer.resources import vocabulary_file

    report = progress or (lambda _f, _what: None)
    files = [Path(f) for f in files]
    vocabulary = vocabulary_file().resolve()
    everything = files if vocabulary in [f.resolve() for f in files] else [vocabulary_file(), *files]
    for path in everything:
        if not path.is_file():
            raise ExplorerError("no such file" if not path.exists() else "not a file", path=path)
    root = Path(folder) if folder is not None else cache_folder(files)
    report(0.0, "checking the cache")
    try:
        described = describe_files(everything, fmt, vocabulary)
    except OSError as exc:
        raise ExplorerError(f"cannot read the file: {exc.strerror or exc}") from None
    key = entry_key(described)
    entry = Entry(root / key)
    kb = _read(entry, key, files, texts, sources, added)
    if kb is not None:
        report(1.0, "opened from the cache")
        return kb
    try:
        with _locked(root / f"{key}.lock", should_cancel) as held:
            kb = _read(entry, key, files, texts, sources, added)  # built meanwhile by another process
            if kb is None:
                build = Build(entry, key, everything, files, fmt, described, report, should_cancel)
                kb = build.behind(held, texts, sources) if BEHIND and added is None else None
                if kb is None:
                    kb = build.here(texts, sources, added)
    except OSError as exc:
        raise ExplorerError(f"cannot write the cache: {exc.strerror or exc}", path=root,
                            hint=f"free some space, or open without the cache (--no-cache, {ENV_OFF}=1)") from None
    report(1.0, "indexed")
    return kb


def _read(entry: Entry, key: str, files: list[Path], texts: ArticleTexts | None, sources: Sequence[Path],
          added: dict[Path, int] | None) -> KnowledgeBase | None:
    """The knowledge base of a valid entry, or None (an invalid one is removed, to be built again)."""
    from explorer.core import snapshot

    if entry.problem(key) is not None:
        return None
    manifest = entry.manifest() or {}
    try:
        store = OxigraphStore(entry.folder / STORE, read_only=True, triples=int(manifest["triples"]))
        data = (entry.folder / SNAPSHOT).read_bytes()
        with gc_paused():
            kb = snapshot.loads(data, store, texts, sources or files)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if added is not None:
        by_path = {Path(p).resolve(): n for p, n in manifest.get("added", {}).items()}
        for path in files:
            added[path] = by_path.get(path.resolve(), 0)
    return kb


@dataclass
class Build:
    """Building the entry of ``everything`` (the vocabulary and ``files``), in a folder of its own then
    renamed into place: :meth:`behind` while a child process writes its store, else :meth:`here`."""

    entry: Entry
    key: str
    everything: list[Path]
    files: list[Path]
    fmt: RdfFormat | None
    described: list[dict[str, str]]
    progress: Progress
    should_cancel: ShouldCancel | None

    def _staging(self) -> Path:
        if self.entry.folder.exists():
            _remove(self.entry.folder)
        staging = self.entry.folder.parent / f".build-{self.key[:16]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        staging.mkdir(parents=True)
        return staging

    def _indexing(self, f: float, what: str) -> None:
        self.progress(READ_SHARE + (1 - READ_SHARE) * 0.95 * f, what)

    def _finish(self, staging: Path, triples: int, counts: dict[Path, int], snapshot: tuple[int, str]) -> None:
        """Write the manifest (last, vouching for the rest) and rename the entry into place."""
        size, digest = snapshot
        manifest = {"versions": _versions(), "key": self.key, "files": self.described, "triples": triples,
                    "added": {str(p.resolve()): n for p, n in counts.items()},
                    "snapshot_bytes": size, "snapshot_sha256": digest,
                    "store_files": _folder_sizes(staging / STORE), "made": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        with open(staging / MANIFEST, "w", encoding="utf-8") as out:
            json.dump(manifest, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(staging, self.entry.folder)

    def behind(self, held: _Held, texts: ArticleTexts | None, sources: Sequence[Path]) -> KnowledgeBase | None:
        """Index the files here while a child process (explorer.core.cache_writer) writes their store, and
        return the knowledge base as soon as it and the snapshot are ready, over the store still being
        written (a question to it waits); a thread finishes the entry when the child is done. None (nothing
        left behind) when the records need the store itself: rows a query must give, or blank nodes they name
        (the child's parse names blank nodes anew)."""
        from explorer.core import snapshot
        from explorer.core.cache_writer import StoreWriter
        from explorer.core.store import parse_file

        staging = self._staging()
        dumped: Future[tuple[int, str]] = Future()
        written: Future[tuple[Any, int]] = Future()
        try:
            writer = StoreWriter(staging / STORE, self.everything, self.fmt, [d["sha256"] for d in self.described])
        except OSError:  # no child process here: built in this process
            _remove(staging)
            return None
        finisher = threading.Thread(target=self._finish_behind, args=(staging, writer, dumped, written, held),
                                    name=f"cache-entry-{self.key[:8]}")
        finisher.start()
        try:
            with gc_paused():
                rows = StreamRows()
                for path, used, on_bytes in _reading(self.everything, self.fmt, self.progress):
                    parse_file(path, used, rows.add, progress=on_bytes, should_cancel=self.should_cancel)
                if not rows.exact:
                    raise _NotBehindError()
                store = OxigraphStore.pending(self.entry.folder / STORE, written, owner=threading.get_ident())
                kb = KnowledgeBase(store, texts, sources or self.files, should_cancel=self.should_cancel,
                                   progress=self._indexing, rows=rows)
                if _names_blank_nodes(kb):
                    raise _NotBehindError()
                _keep_read_ahead(kb, rows)
                del rows
                with open(staging / SNAPSHOT, "wb") as out:
                    made = snapshot.dump(kb, out)
            store.owner = None
        except BaseException as exc:
            writer.stop()
            dumped.set_exception(exc)
            finisher.join()
            if isinstance(exc, _NotBehindError):
                return None
            raise
        held.keep()
        _FINISHING.add(finisher)
        dumped.set_result(made)
        return kb

    def _finish_behind(self, staging: Path, writer: Any, dumped: Future[tuple[int, str]],
                       written: Future[tuple[Any, int]], held: _Held) -> None:
        """Wait for the child and for the snapshot, finish the entry and hand the knowledge base its
        read-only store. If either failed, nothing is left in the cache and the store's questions raise
        the error."""
        from explorer.core.cache_writer import count_quads

        try:
            before = writer.wait()
            made = dumped.result()
            staged = OxigraphStore(staging / STORE, read_only=True)
            triples = count_quads(staged.oxigraph)
            staged.close()
            del staged
            after = [*before[1:], triples]
            counts = {path: n - b for path, b, n in zip(self.everything, before, after, strict=True)}
            self._finish(staging, triples, counts, made)
            store = OxigraphStore(self.entry.folder / STORE, read_only=True, triples=triples)
            written.set_result((store.oxigraph, triples))
        except BaseException as exc:  # (any failure: the knowledge base's store questions raise it)
            _remove(staging)
            error = exc if isinstance(exc, ExplorerError) else ExplorerError(f"cannot write the cache: {exc}")
            written.set_exception(error)
        finally:
            if held.kept:
                held.release()
            _FINISHING.discard(threading.current_thread())

    def here(self, texts: ArticleTexts | None, sources: Sequence[Path],
             added: dict[Path, int] | None) -> KnowledgeBase:
        """Build the entry in this process: the store gets the very quads the index sees (so blank nodes keep
        the names the records give them). The knowledge base just built is returned over the entry's store
        opened read-only, as :func:`_read` would give it (reading the snapshot back would only make the same
        records again: 0.5-1 s at 100 000 claims)."""
        from explorer.core import snapshot

        staging = self._staging()
        try:
            counts: dict[Path, int] = {}
            store = OxigraphStore(staging / STORE)
            with gc_paused():
                rows = StreamRows()
                _fill(store, self.everything, self.fmt, counts, self.progress, self.should_cancel, rows.add)
                kb = KnowledgeBase(store, texts, sources or self.files, should_cancel=self.should_cancel,
                                   progress=self._indexing, rows=rows if rows.exact else None)
                if rows.exact:  # (else the queries over the store answer, as they do for the indexes)
                    _keep_read_ahead(kb, rows)
                del rows
                with open(staging / SNAPSHOT, "wb") as out:
                    dumped = snapshot.dump(kb, out)
            triples = len(store)
            store.close()
            del store
            self._finish(staging, triples, counts, dumped)
        except BaseException:
            _remove(staging)
            raise
        kb.store = OxigraphStore(self.entry.folder / STORE, read_only=True, triples=triples)
        if added is not None:
            for path in self.files:
                added[path] = counts.get(path, 0)
        return kb


def _keep_read_ahead(kb: KnowledgeBase, rows: StreamRows) -> None:
    """Give ``kb`` what its store would answer right after the graph is shown, read from the parsed files
    (explorer.core.read_ahead): who made each passage, the assessments, the PLOVER coding, recorded hashes."""
    from explorer.core import read_ahead
    from explorer.core.creators import keep_passage_creators
    from explorer.core.weight import keep_assessments

    keep_passage_creators(kb, rows.passage_creators(kb.evidence))
    keep_assessments(kb, rows.assessments())
    read_ahead.keep(kb, read_ahead.CODING_QUADS, rows.coding_quads())
    read_ahead.keep(kb, read_ahead.RECORDED_HASHES, rows.recorded_hashes())


class _NotBehindError(Exception):
    """The records need the store itself: built in this process instead."""


#: The threads finishing entries written behind (not daemons: a process ends once its entries are written).
_FINISHING: set[threading.Thread] = set()


def settle() -> None:
    """Wait until every entry this process is writing behind a shown graph is finished."""
    for thread in list(_FINISHING):
        thread.join()


def _names_blank_nodes(kb: KnowledgeBase) -> bool:
    """Whether a record of ``kb`` names a blank node (an actor, claim, passage, article, agent or relation
    that is one, or that one of them points to): then its store must hold the very names the records use."""
    import dataclasses

    def blank(value: object) -> bool:
        return isinstance(value, str) and value.startswith("_:")
    few: tuple[dict[str, Any], ...] = (kb.actors, kb.articles, kb.agents, kb.relations, kb.categories)
    if any(blank(getattr(record, f.name)) for table in few for record in table.values()
           for f in dataclasses.fields(record)):
        return True
    return any(blank(c.iri) or blank(c.subject) or blank(c.object) for c in kb.claims.values()) or \
        any(blank(e.iri) or blank(e.claim) or blank(e.article) or blank(e.asserted_by) or blank(e.factuality)
            for e in kb.evidence.values())


def _reading(files: list[Path], fmt: RdfFormat | None, progress: Progress,
             ) -> Iterator[tuple[Path, RdfFormat | None, CountProgress]]:
    """Each file to read, the format to read it in (the vocabulary in its own) and the hook its bytes read
    report to (the reading takes :data:`READ_SHARE` of the progress, by bytes over all the files)."""
    from explorer.resources import vocabulary_file

    vocabulary = vocabulary_file().resolve()
    sizes = [max(f.stat().st_size, 1) for f in files]
    total, done = sum(sizes), 0
    for path, size in zip(files, sizes, strict=True):
        def on_bytes(n: int, _size: int, base: int = done, name: str = path.name) -> None:
            progress(READ_SHARE * min((base + n) / total, 1.0), f"reading {name}")
        yield path, fmt if path.resolve() != vocabulary else None, on_bytes
        done += size


def _fill(store: OxigraphStore, files: list[Path], fmt: RdfFormat | None, counts: dict[Path, int],
          progress: Progress, should_cancel: ShouldCancel | None,
          observe: Callable[[list[Any]], None] | None = None) -> None:
    """Read ``files`` into ``store`` as explorer.core.loading.load_store does (the vocabulary in its own
    format), counting the triples each adds; ``observe`` sees the parsed quads on their way."""
    for path, used, on_bytes in _reading(files, fmt, progress):
        before = len(store)
        store.load(path, used, progress=on_bytes, should_cancel=should_cancel, observe=observe)
        counts[path] = len(store) - before
    if should_cancel is not None and should_cancel():
        raise Cancelled()


# ------------------------------------------------------------------ the layout of an entry


def entry_of(kb: object) -> Path | None:
    """The cache entry a knowledge base was read from (None: it was not)."""
    store = getattr(kb, "store", None)
    folder = store.folder if isinstance(store, OxigraphStore) else None
    if folder is None or folder.name != STORE or not (folder.parent / MANIFEST).is_file():
        return None
    return folder.parent


def _layout_file(entry: Path, name: str) -> Path:
    return entry / f"layout-{name}.marshal"


def saved_layout(kb: KnowledgeBase, name: str) -> dict[str, tuple[float, float]] | None:
    """The positions kept by :func:`save_layout` under ``name`` (which names the layout and its settings),
    when ``kb`` comes from a cache entry and they place exactly its actors; else None."""
    import marshal

    entry = entry_of(kb)
    if entry is None:
        return None
    try:
        positions = marshal.loads(_layout_file(entry, name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(positions, dict) or positions.keys() != kb.actors.keys():
        return None
    return positions


def save_layout(kb: KnowledgeBase, name: str, positions: dict[str, tuple[float, float]]) -> None:
    """Keep ``positions`` in the entry ``kb`` was read from (nothing when none): the next open of the same
    files shows the graph without laying it out again. Best effort: a cache that cannot be written is skipped."""
    import marshal

    store = getattr(kb, "store", None)
    if isinstance(store, OxigraphStore) and store.is_pending:  # (kept once the entry is written)
        store.when_written(lambda: save_layout(kb, name, positions))
        return
    entry = entry_of(kb)
    if entry is None:
        return
    target = _layout_file(entry, name)
    staging = target.with_name(f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        staging.write_bytes(marshal.dumps({k: (float(x), float(y)) for k, (x, y) in positions.items()}))
        os.replace(staging, target)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            staging.unlink()


# ------------------------------------------------------------------ size and clearing


@dataclass(frozen=True)
class Usage:
    """What the cache folder holds."""

    folder: Path
    entries: int
    bytes: int

    def as_dict(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "entries": self.entries, "bytes": self.bytes}


def usage(folder: Path | None = None) -> Usage:
    root = Path(folder) if folder is not None else user_cache_folder()
    entries = total = 0
    if root.is_dir():
        for child in root.iterdir():
            if child.is_dir() and not child.name.startswith("."):
                entries += 1
            for path in [child] if child.is_file() else child.rglob("*"):
                with contextlib.suppress(OSError):
                    if path.is_file():
                        total += path.stat().st_size
    return Usage(root, entries, total)


def clear(folder: Path | None = None) -> tuple[int, int]:
    """Empty the cache folder: (bytes freed, entries left because another process is building them)."""
    root = Path(folder) if folder is not None else user_cache_folder()
    before = usage(root).bytes
    busy = 0
    if root.is_dir():
        for child in sorted(root.iterdir()):
            if child.suffix == ".lock" or not child.is_dir():
                continue
            lock = root / f"{child.name}.lock"
            if child.name.startswith(".build-"):
                lock = next(root.glob(f"{child.name.split('-')[1]}*.lock"), lock)
            if not lock.exists():
                _remove(child)
                continue
            with open(lock, "a+b") as handle:
                if _try_lock(handle):
                    _remove(child)
                else:
                    busy += 1
    return max(before - usage(root).bytes, 0), busy
