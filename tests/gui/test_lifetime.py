"""A closed window is freed at once, on the GUI thread: nothing of it waits for Python's cyclic collector,
which may run on a worker thread and destroy Qt objects there ("QBasicTimer::stop: Failed", crashes)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent

from explorer.gui.main_window import MainWindow


def test_a_deleted_window_and_its_session_are_freed_without_the_cyclic_collector(qtbot, kb, positions) -> None:
    collecting = gc.isenabled()
    gc.disable()
    try:
        win = MainWindow()
        win.set_knowledge(kb, positions)
        win.session.select(["https://w3id.org/caucasus-explorer/actor/Russia"])
        window, session, editing = weakref.ref(win), weakref.ref(win.session), weakref.ref(win.editing)
        win.close()
        win.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del win
        assert window() is None and session() is None and editing() is None
    finally:
        if collecting:
            gc.enable()
