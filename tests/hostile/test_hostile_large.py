"""A large file loads with progress and can be cancelled; memory running out is an ExplorerError; and
neither a cancel nor a failure leaves part of a graph behind or touches the graph shown before."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from hostile_helpers import FILES, run_isolated

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.formats import NotEnoughMemoryError
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge
from explorer.core.store import OxigraphStore

PREFIXES = (b"@prefix actor: <https://w3id.org/caucasus-explorer/actor/> .\n"
            b"@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .\n"
            b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")


def _actors(count: int) -> bytes:
    return PREFIXES + b"".join(
        b'actor:A%d a cx:Country ; rdfs:label "Actor number %d"@en ; cx:partOf actor:A%d .\n' % (i, i, i + 1)
        for i in range(count))


def _documents(count: int) -> bytes:
    text = b"A paragraph of some length that makes the file large without making many actors. " * 3
    return PREFIXES + b"".join(b'<https://example.org/doc/%d> rdfs:comment "%d: %s" .\n' % (i, i, text)
                               for i in range(count)) + _actors(100)


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 25 MB of Turtle: 100 000 long comments and 100 actors."""
    path = tmp_path_factory.mktemp("large") / "large.ttl"
    path.write_bytes(_documents(100_000))
    return path


@pytest.fixture(scope="module")
def dense_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 8 MB of Turtle that takes about 150 MB in memory: 100 000 actors, 300 000 triples."""
    path = tmp_path_factory.mktemp("dense") / "dense.ttl"
    path.write_bytes(_actors(100_000))
    return path


@pytest.fixture()
def previous() -> KnowledgeBase:
    return load_knowledge([FILES / "valid-small.ttl"])


def _snapshot(kb: KnowledgeBase) -> tuple:
    return (kb.summary(), dict(kb.actors), dict(kb.claims), dict(kb.evidence), len(kb.store))


def _stores_alive() -> int:
    from explorer.core.cache import settle

    settle()  # (an earlier test's first open may still be writing its store behind, making stores meanwhile)
    gc.collect()
    return sum(isinstance(o, OxigraphStore) for o in gc.get_objects())


def test_a_large_file_loads_with_progress_to_the_end(large_file: Path) -> None:
    assert large_file.stat().st_size > 20 << 20
    seen: list[float] = []
    kb = load_knowledge([large_file], progress=lambda fraction, _what: seen.append(fraction))
    assert len(kb.actors) == 101
    assert seen == sorted(seen), "progress went backwards"
    assert seen[-1] == 1.0
    assert len({round(f, 2) for f in seen if f < 1.0}) > 10, "too few steps to show progress"


def test_cancel_midway_leaves_nothing_and_keeps_the_previous_graph(large_file: Path, previous: KnowledgeBase,
                                                                   tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))  # a first open: the file is read
    before = _snapshot(previous)
    alive = _stores_alive()
    seen: list[float] = []

    def halfway() -> bool:
        return bool(seen) and seen[-1] > 0.5

    with pytest.raises(Cancelled):
        load_knowledge([large_file], progress=lambda f, _w: seen.append(f), should_cancel=halfway)
    assert 0.5 < seen[-1] < 0.9, "the load was not stopped midway"
    assert _snapshot(previous) == before
    assert _stores_alive() == alive, "the half-filled store is still alive"


@pytest.mark.parametrize("on_disk", [False, True], ids=["in memory", "on disk"])
def test_running_out_of_memory_midway_is_an_explorer_error(large_file: Path, previous: KnowledgeBase,
                                                          on_disk: bool, tmp_path: Path) -> None:
    """A MemoryError anywhere inside the parse (here raised where the parser reads its input, through
    the progress hook) becomes NotEnoughMemoryError naming the file, and the partial store is emptied (an
    on-disk store has written some batches by then)."""
    before = _snapshot(previous)
    store = OxigraphStore(tmp_path / "store" if on_disk else None)
    stop_at = 0.8 if on_disk else 1 / 3  # (on disk: once its writer has stored some batches)

    def exhausted(done: int, total: int) -> None:
        if done > total * stop_at:
            assert not on_disk or len(store) > 0
            assert len(store) > 0 or done < total
            raise MemoryError()

    with pytest.raises(ExplorerError, match="not enough memory to load this file") as caught:
        store.load(large_file, progress=exhausted)
    assert isinstance(caught.value, NotEnoughMemoryError)
    assert caught.value.path == str(large_file)
    assert len(store) == 0, "a partial graph was kept"
    assert _snapshot(previous) == before


def _load_under_limit(path: Path, room_mb: int, *, estimate: bool = True) -> tuple[str, str]:
    """Load ``path`` into a store in a process with ``room_mb`` MB of address space to spare, then a
    small file: what each printed. Without ``estimate`` the up-front size check is off, leaving the
    watch on memory during the load as the only guard."""
    small = str(FILES / "valid-small.ttl")
    outcome = run_isolated(
        "import gc\n"
        + ("" if estimate else "import explorer.core.formats\nexplorer.core.formats.OXIGRAPH_BYTES_PER_BYTE = 0\n") +
        "from explorer.core.errors import ExplorerError\n"
        "from explorer.core.loading import load_knowledge\n"
        "from explorer.core.store import OxigraphStore\n"
        "try:\n"
        "    store = OxigraphStore()\n"
        f"    store.load({str(path)!r})\n"
        "    print('LOADED', len(store))\n"
        "except ExplorerError as exc:\n"
        "    print('ERROR', exc)\n"
        "store = None\n"
        "gc.collect()\n"
        "try:\n"
        f"    print('AFTER', len(load_knowledge([{small!r}]).claims))\n"
        "except ExplorerError as exc:\n"
        "    print('AFTER', exc)\n",
        address_space_mb=room_mb)
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    first, after = outcome.stdout.strip().splitlines()
    return first, after


def test_a_file_bigger_than_the_memory_left_is_refused_up_front(dense_file: Path) -> None:
    """Under an address-space limit the file cannot fit: the load refuses at once instead of the
    process aborting, and a small file loads afterwards."""
    first, after = _load_under_limit(dense_file, 300)
    assert first.startswith("ERROR ") and "not enough memory to load this file: it is " in first
    assert "dense.ttl" in first
    assert after == "AFTER 1"


@pytest.mark.parametrize("room_mb", [450, 550, 650, 800])
def test_a_tight_memory_limit_never_aborts(dense_file: Path, room_mb: int) -> None:
    """Whatever the room, the load either succeeds or stops with NotEnoughMemoryError: never an abort
    (Oxigraph aborts the process when an allocation fails, so the loader must stop before)."""
    first, after = _load_under_limit(dense_file, room_mb)
    assert first == "LOADED 300000" or ("not enough memory" in first and "dense.ttl" in first), first
    assert after == "AFTER 1" or "not enough memory" in after, after


@pytest.mark.parametrize("room_mb", [300, 350, 375, 400])
def test_memory_is_watched_while_loading(dense_file: Path, room_mb: int) -> None:
    """With the up-front estimate off, the watch on free memory during the load still stops it before
    an allocation fails (which would abort the process), and frees what was loaded."""
    first, after = _load_under_limit(dense_file, room_mb, estimate=False)
    assert first == "LOADED 300000" or ("not enough memory" in first and "dense.ttl" in first), first
    assert after == "AFTER 1" or "not enough memory" in after, after  # the allocator may keep freed memory
