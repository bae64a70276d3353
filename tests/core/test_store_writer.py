"""An on-disk store is written by a second thread while the file is parsed: it holds exactly the quads
parsed (the very ones the observer saw, blank nodes named alike), and a failure on either side is raised
in the caller with nothing left running."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from explorer.core import store as store_module
from explorer.core.errors import ExplorerError
from explorer.core.store import OxigraphStore


def _turtle(path: Path, n: int, *, tail: str = "") -> Path:
    lines = ["@prefix ex: <https://example.org/> ."]
    lines += [f'ex:s{i} ex:p ex:o{i % 7} ; ex:q [ ex:v "{i}" ] .' for i in range(n)]
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    return path


def _writers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "store-writer"]


def test_the_store_holds_exactly_the_quads_the_observer_saw(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "DISK_BATCH", 7)  # many batches, the writer behind the parser
    source = _turtle(tmp_path / "g.ttl", 200)
    seen: list[Any] = []
    disk = OxigraphStore(tmp_path / "store")
    disk.load(source, observe=seen.extend)
    assert len(disk) == len(seen) == 600
    assert set(disk.oxigraph) == set(seen)  # blank nodes too: the same parsed terms went to the store
    memory = OxigraphStore()
    memory.load(source)
    named = {q for q in memory.oxigraph if q.subject.__class__.__name__ == "NamedNode"
             and q.object.__class__.__name__ != "BlankNode"}
    assert named <= set(disk.oxigraph)
    assert not _writers()


def test_a_syntax_error_after_many_batches_names_its_line_and_stops_the_writer(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "DISK_BATCH", 5)
    bad = _turtle(tmp_path / "bad.ttl", 100, tail="ex:a ex:b .\n")
    with pytest.raises(ExplorerError) as caught:
        OxigraphStore(tmp_path / "store").load(bad)
    assert caught.value.line == 102 and "bad.ttl" in str(caught.value.location())
    assert not _writers()


class _FailingStore:
    """An Oxigraph store whose third batch fails to be written (a full disk, say)."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.batches = inner, 0

    def bulk_extend(self, quads: Any) -> None:
        self.batches += 1
        if self.batches == 3:
            raise OSError("No space left on device")
        self.inner.bulk_extend(quads)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_a_failed_write_is_reported_with_its_file_and_stops_the_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "DISK_BATCH", 5)
    source = _turtle(tmp_path / "g.ttl", 400)
    disk = OxigraphStore(tmp_path / "store")
    failing = _FailingStore(disk.oxigraph)
    disk._ox = failing
    batches: list[int] = []
    with pytest.raises(ExplorerError, match="No space left") as caught:
        disk.load(source, observe=lambda batch: batches.append(len(batch)))
    assert "g.ttl" in str(caught.value)
    assert len(batches) < 400 * 3 // 5  # stopped early, not parsed to the end
    assert failing.batches == 3
    assert not _writers()


def test_a_batch_is_gathered_in_short_parser_calls(monkeypatch):
    """The parser holds Python's lock for one call: a batch is gathered PARSE_STEP quads at a time."""
    import itertools

    monkeypatch.setattr(store_module, "DISK_BATCH", 50)
    monkeypatch.setattr(store_module, "PARSE_STEP", 8)
    asked: list[int] = []
    islice = itertools.islice

    def counting(iterable: Any, *bounds: int) -> Any:
        asked.append(bounds[-1])
        return islice(iterable, *bounds)
    monkeypatch.setattr(itertools, "islice", counting)
    quads = iter(range(120))
    batches = []
    while batch := store_module._next_batch(quads):
        batches.append(batch)
    assert [len(b) for b in batches] == [50, 50, 20]
    assert [q for b in batches for q in b] == list(range(120))
    assert max(asked) == 8
