"""Opening a large graph the first time: the window shows it while a child process still writes its store,
and nothing the window does then (weighing, the re-anchoring check, the lenses' preparation) asks that store
on the GUI thread, where it would wait for the whole write (explorer.core.read_ahead)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from explorer.core import cache, cache_writer
from explorer.core.store import OxigraphStore
from explorer.gui.main_window import MainWindow
from explorer.resources import bundled_files


def test_the_window_never_waits_on_the_store_being_written(qtbot, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    files = [Path(shutil.copy(p, folder / p.name)) for p in bundled_files() if p.parent.name == "data"]
    monkeypatch.setenv(cache.ENV_FOLDER, str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "THRESHOLD", 1)  # the bundled graph through the cache, as a large file goes
    release = threading.Event()
    wait = cache_writer.StoreWriter.wait

    def held(self):  # type: ignore[no-untyped-def]
        release.wait(60)  # the store stays pending until the test is done looking
        return wait(self)
    monkeypatch.setattr(cache_writer.StoreWriter, "wait", held)
    asked: list[str] = []
    store = OxigraphStore._store

    def watched(self):  # type: ignore[no-untyped-def]
        if self.is_pending:
            asked.append(threading.current_thread().name)
            release.set()  # (else it would wait a minute: let the child answer, the test fails below)
        return store.fget(self)
    monkeypatch.setattr(OxigraphStore, "_store", property(watched))
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    try:
        runs = win.lenses.preparer.finished
        with qtbot.waitSignal(win.graphShown, timeout=60000):
            win.open_files(files)
        assert win.session.kb.store.is_pending
        preparer = win.lenses.preparer
        qtbot.waitUntil(lambda: preparer.finished > runs and not preparer.busy, timeout=20000)
        assert win.session.kb.store.is_pending and asked == []
    finally:
        release.set()
        cache.settle()
    assert len(win.session.kb.store) > 8000 and not win.session.kb.store.is_pending
