"""A job still running when its window's status bar is deleted (a crash, or a test deleting the window)
finishes without touching the deleted widgets: no "Internal C++ object already deleted" in a later test."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QStatusBar

from explorer.core.errors import Cancelled
from explorer.gui.workers import JobRunner


def test_a_job_outliving_its_status_bar_finishes_quietly(qtbot) -> None:  # type: ignore[no-untyped-def]
    status = QStatusBar()
    runner = JobRunner(status)
    gate = threading.Event()
    started = threading.Event()

    def work(progress, should_cancel):  # type: ignore[no-untyped-def]
        started.set()
        while not gate.wait(0.01):
            if should_cancel():
                raise Cancelled()
        progress(0.5, "half")
        return 1

    done: list[object] = []
    runner.start("slow", work, on_done=done.append)
    runner.start("cancelled", work)
    assert started.wait(10)
    runner.jobs[-1].cancel()
    shiboken6.delete(status)  # the window goes, its jobs do not
    gate.set()
    qtbot.waitUntil(lambda: not runner.jobs, timeout=20000)
    assert done == [1]  # the work's own callback still ran (it is the caller's to guard)
    runner.pool.waitForDone(10000)
