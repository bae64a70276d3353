"""The per-file cache: a second open reads the entry; a changed file, a truncated or corrupt entry and one
from another version are rebuilt, never trusted; concurrent opens build once; clearing frees the folder."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from explorer.core import cache, snapshot
from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge
from explorer.resources import bundled_files

RECORDS = (*snapshot.TABLES, "_evidence_records", "_search")


@pytest.fixture
def graph(tmp_path: Path) -> list[Path]:
    """A copy of the bundled graph's data files (without the vocabulary), free to change; not a workspace
    (whose articles are in articles.ttl)."""
    folder = tmp_path / "data"
    folder.mkdir()
    out = []
    for path in bundled_files():
        if path.parent.name == "data":
            out.append(Path(shutil.copy(path, folder / f"g-{path.name}")))
    return out


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the entries built (each cache.Build made), in order."""
    made: list[str] = []
    init = cache.Build.__init__

    def counting(self, entry, key, *args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(key)
        init(self, entry, key, *args, **kwargs)
    monkeypatch.setattr(cache.Build, "__init__", counting)
    return made


def _same_records(a: KnowledgeBase, b: KnowledgeBase, *, ordered: bool = False) -> None:
    """The same records (and, when ``ordered``, in the same order: an on-disk store answers queries in
    another order than an in-memory one, so only a knowledge base read from a snapshot keeps its maker's)."""
    for name in RECORDS:
        assert getattr(a, name) == getattr(b, name), name
        if ordered:
            assert list(getattr(a, name)) == list(getattr(b, name)), name
    if ordered:
        assert a._claims_of == b._claims_of
        assert a._claim_records_of == b._claim_records_of
    assert {k: sorted(v) for k, v in a._claims_of.items()} == {k: sorted(v) for k, v in b._claims_of.items()}
    assert {k: sorted(c.iri for c in v) for k, v in a._claim_records_of.items()} == \
        {k: sorted(c.iri for c in v) for k, v in b._claim_records_of.items()}
    assert a.summary() == b.summary()


def _open(files: list[Path], folder: Path) -> KnowledgeBase:
    """Open ``files`` and wait until the entry is written (a first open returns while its store is)."""
    kb = cache.open_knowledge(files, folder=folder)
    cache.settle()
    return kb


def _entry(folder: Path) -> Path:
    (entry,) = [p for p in folder.iterdir() if p.is_dir()]
    return entry


def test_second_open_reads_the_entry_and_gives_the_same_knowledge(graph, tmp_path, builds):
    plain = load_knowledge(graph, cache=False)
    first = _open(graph, tmp_path / "c")
    second = _open(graph, tmp_path / "c")
    assert len(builds) == 1
    _same_records(plain, first)
    _same_records(first, second, ordered=True)
    assert second.store.folder is not None and second.store.folder.parent == _entry(tmp_path / "c")
    assert second.claims_of("https://w3id.org/caucasus-explorer/actor/Armenia")
    assert second.store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] == str(len(second.store))


def test_a_changed_file_is_read_again(graph, tmp_path, builds):
    before = _open(graph, tmp_path / "c")
    claims = graph[-1]
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text + '\n<https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .\n',
                      encoding="utf-8")
    after = _open(graph, tmp_path / "c")
    assert len(builds) == 2 and builds[0] != builds[1]
    assert len(after.store) == len(before.store) + 1


@pytest.mark.parametrize("damage", ["truncate-store", "truncate-snapshot", "garble-snapshot", "remove-store-file",
                                    "garble-manifest"])
def test_a_damaged_entry_is_rebuilt_not_trusted(graph, tmp_path, builds, damage):
    plain = load_knowledge(graph, cache=False)
    _open(graph, tmp_path / "c")
    entry = _entry(tmp_path / "c")
    biggest = max((entry / cache.STORE).glob("*.sst"), key=lambda p: p.stat().st_size)
    snap = entry / cache.SNAPSHOT
    if damage == "truncate-store":
        biggest.write_bytes(biggest.read_bytes()[: biggest.stat().st_size // 2])
    elif damage == "truncate-snapshot":
        snap.write_bytes(snap.read_bytes()[:1000])
    elif damage == "garble-snapshot":
        data = bytearray(snap.read_bytes())
        data[len(data) // 2] ^= 0xFF
        snap.write_bytes(bytes(data))
    elif damage == "remove-store-file":
        biggest.unlink()
    else:
        (entry / cache.MANIFEST).write_text("{not json", encoding="utf-8")
    again = _open(graph, tmp_path / "c")
    assert len(builds) == 2 and builds[0] == builds[1]
    _same_records(plain, again)


def test_an_entry_of_an_older_version_is_rebuilt(graph, tmp_path, builds):
    _open(graph, tmp_path / "c")
    manifest_path = _entry(tmp_path / "c") / cache.MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["versions"]["cache_format"] = cache.CACHE_FORMAT - 1
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    _open(graph, tmp_path / "c")
    assert len(builds) == 2
    assert json.loads(manifest_path.read_text(encoding="utf-8"))["versions"]["cache_format"] == cache.CACHE_FORMAT


def test_a_snapshot_of_another_format_is_refused(graph):
    import marshal

    kb = load_knowledge(graph, cache=False)
    data = snapshot.dumps(kb)
    with pytest.raises(ValueError):
        snapshot.loads(data[: len(data) // 3], kb.store)
    older = marshal.dumps({"format": 1, "tables": {}, "claims_of": {}, "search": []})  # one marshal object
    with pytest.raises(ValueError):
        snapshot.loads(older, kb.store)
    header = marshal.dumps({"format": snapshot.SNAPSHOT_FORMAT - 1}, 4)
    with pytest.raises(ValueError):
        snapshot.loads(len(header).to_bytes(4, "little") + header + data[4 + data[:4][0]:], kb.store)


def _frame_ends(data: bytes) -> list[int]:
    """Where each frame of a snapshot ends (its length is the 4 bytes before it)."""
    ends, at = [], 0
    while at < len(data):
        at += 4 + int.from_bytes(data[at:at + 4], "little")
        ends.append(at)
    return ends


def test_a_snapshot_is_read_in_small_frames(graph, monkeypatch):
    """One marshal.loads of a whole large snapshot holds Python's lock for 100 ms (the window froze while it
    opened a graph from the cache): the rows are written in frames of at most CHUNK_ROWS each."""
    import marshal

    monkeypatch.setattr(snapshot, "CHUNK_ROWS", 50)
    kb = load_knowledge(graph, cache=False)
    data = snapshot.dumps(kb)
    ends = _frame_ends(data)
    assert ends[-1] == len(data) and len(ends) > len(kb.claims) // 50
    starts = [0, *ends[:-1]]
    frames = [marshal.loads(data[a + 4:b]) for a, b in zip(starts, ends, strict=True)]
    assert all(len(rows) <= 50 for _part, rows in frames[1:-1])
    _same_records(kb, snapshot.loads(data, kb.store), ordered=True)


def test_a_snapshot_cut_at_a_frame_is_refused_and_its_entry_rebuilt(graph, tmp_path, builds):
    """A snapshot that ends between two frames parses, frame by frame, without error: its end frame tells."""
    import hashlib

    plain = load_knowledge(graph, cache=False)
    data = snapshot.dumps(plain)
    ends = _frame_ends(data)
    with pytest.raises(ValueError, match="cut short"):
        snapshot.loads(data[:ends[len(ends) // 2]], plain.store)
    with pytest.raises(ValueError, match="cut short"):
        snapshot.loads(data[:ends[-2]], plain.store)  # everything but the end frame
    _open(graph, tmp_path / "c")
    entry = _entry(tmp_path / "c")
    snap = entry / cache.SNAPSHOT
    written = snap.read_bytes()
    cut = written[:_frame_ends(written)[-3]]
    snap.write_bytes(cut)
    manifest = json.loads((entry / cache.MANIFEST).read_text(encoding="utf-8"))  # the manifest vouches for it
    manifest.update(snapshot_bytes=len(cut), snapshot_sha256=hashlib.sha256(cut).hexdigest())
    (entry / cache.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    again = _open(graph, tmp_path / "c")
    assert len(builds) == 2
    _same_records(plain, again)


def test_concurrent_opens_build_once(graph, tmp_path, builds):
    results: list[KnowledgeBase] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            results.append(_open(graph, tmp_path / "c"))
        except BaseException as exc:  # reported below
            errors.append(exc)
    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 3 and len(builds) == 1
    assert len({len(kb.claims) for kb in results}) == 1
    assert not [p for p in (tmp_path / "c").iterdir() if p.name.startswith(".build-")]


def test_a_bad_file_names_its_line_and_leaves_no_entry(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", encoding="utf-8")
    with pytest.raises(ExplorerError) as caught:
        _open([bad], tmp_path / "c")
    assert "bad.ttl" in str(caught.value.location()) and caught.value.line == 3
    assert not [p for p in (tmp_path / "c").iterdir() if p.is_dir()]


def test_a_cancelled_build_leaves_no_entry(graph, tmp_path):
    calls = iter(range(1000))
    with pytest.raises(Cancelled):
        cache.open_knowledge(graph, folder=tmp_path / "c", should_cancel=lambda: next(calls) > 3)
    assert not [p for p in (tmp_path / "c").iterdir() if p.is_dir()]


def test_usage_and_clear(graph, tmp_path):
    folder = tmp_path / "c"
    assert cache.usage(folder).entries == 0
    _open(graph, folder)
    used = cache.usage(folder)
    assert used.entries == 1 and used.bytes > 100_000
    freed, busy = cache.clear(folder)
    assert busy == 0 and freed >= used.bytes - 1000
    assert cache.usage(folder).entries == 0


def test_load_knowledge_uses_the_cache_above_the_threshold(graph, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_FOLDER, str(tmp_path / "user-cache"))
    load_knowledge(graph)
    assert not (tmp_path / "user-cache").exists()  # the bundled graph is far below the threshold
    monkeypatch.setattr(cache, "THRESHOLD", 1)
    kb = load_knowledge(graph)
    cache.settle()
    assert cache.usage(tmp_path / "user-cache").entries == 1 and kb.store.folder is not None
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert load_knowledge(graph).store.folder is None


def test_a_workspace_keeps_its_cache_inside(tmp_path, graph):
    from explorer.core.workspace import ARTICLES

    workspace = tmp_path / "ws"
    workspace.mkdir()
    files = [Path(shutil.copy(p, workspace / (ARTICLES if p.name == "g-articles.ttl" else p.name))) for p in graph]
    assert cache.cache_folder(files) == workspace.resolve() / cache.WORKSPACE_CACHE
    assert cache.cache_folder(graph) == cache.user_cache_folder()


def test_a_snapshot_restores_every_index_the_knowledge_base_builds(graph):
    """A new index added to KnowledgeBase._build must be written by explorer.core.snapshot too: else a
    knowledge base read from the cache would lack it."""
    built = load_knowledge(graph, cache=False)
    restored = snapshot.loads(snapshot.dumps(built), built.store, built.texts, built.sources)
    assert set(vars(restored)) == set(vars(built))
    for name, value in vars(built).items():
        if name not in ("store", "texts"):
            assert vars(restored)[name] == value, name


def test_the_layout_is_kept_with_the_entry_and_used_again(graph, tmp_path, monkeypatch):
    from explorer.app.opening import compute_layout
    from explorer.core import placement

    first = compute_layout(_open(graph, tmp_path / "c"))
    entry = _entry(tmp_path / "c")
    (kept,) = entry.glob("layout-*.marshal")
    assert placement.LAYOUT_NAME in kept.name

    def no_layout(*_args, **_kwargs):
        raise AssertionError("laid out again")
    monkeypatch.setattr(placement, "default_layout", no_layout)
    assert compute_layout(_open(graph, tmp_path / "c")) == first
    kept.write_bytes(kept.read_bytes()[:100])  # damaged: laid out again, never trusted
    with pytest.raises(AssertionError, match="laid out again"):
        compute_layout(_open(graph, tmp_path / "c"))
    with pytest.raises(AssertionError, match="laid out again"):  # a graph not read from the cache
        compute_layout(load_knowledge(graph, cache=False))


def test_who_made_the_passages_is_kept_in_the_snapshot(graph, tmp_path):
    """Reading the creators over an on-disk store held Python's lock for 100 ms at a time while the window
    opened a large graph: a knowledge base read from the cache has them from its snapshot, without a query."""
    from explorer.core import creators

    plain = load_knowledge(graph, cache=False)
    expected = creators.claim_creators(plain)
    assert any(made - {creators.NOT_RECORDED} for made in expected.values())
    _open(graph, tmp_path / "c")
    again = _open(graph, tmp_path / "c")

    def no_query(*_args, **_kwargs):
        raise AssertionError("queried the store")
    again.store.select = no_query  # type: ignore[method-assign]
    assert creators.claim_creators(again) == expected
