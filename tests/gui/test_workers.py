"""The job runner's one vocabulary for which job wins: a key, REPLACE or COALESCE, and a cancel hook."""

from __future__ import annotations

import threading

from explorer.core.errors import Cancelled
from explorer.gui.workers import JobRunner, Policy


def held(gate: threading.Event, value: object):
    """Work that waits until ``gate`` opens (or it is cancelled), then returns ``value``."""

    def work(_progress, should_cancel):
        while not gate.wait(0.01):
            if should_cancel():
                raise Cancelled()
        return value

    return work


def test_replace_cancels_the_running_job_of_its_key(qtbot, window) -> None:
    runner: JobRunner = window.jobs
    first_gate, done, cancelled, hooked = threading.Event(), [], [], []
    runner.start("one", held(first_gate, 1), on_done=done.append, on_cancelled=lambda: cancelled.append(1),
                 key="k", cancel=lambda: hooked.append(1))
    second = runner.start("two", lambda _p, _c: 2, on_done=done.append, key="k")
    assert hooked == [1]  # the cancel hook ran with the job's own cancel (a request in flight is aborted)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert second is not None and done == [2] and cancelled == [1]


def test_coalesce_runs_once_more_with_the_newest_request_and_drops_the_stale_result(qtbot, window) -> None:
    runner: JobRunner = window.jobs
    gate, done, ran = threading.Event(), [], []

    def newest(n):
        return lambda _p, _c: ran.append(n) or n

    runner.start("check", held(gate, "stale"), on_done=done.append, key="v", policy=Policy.COALESCE)
    assert runner.start("check", newest(2), on_done=done.append, key="v", policy=Policy.COALESCE) is None
    assert runner.start("check", newest(3), on_done=done.append, key="v", policy=Policy.COALESCE) is None
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy and bool(done), timeout=10000)
    assert done == [3] and ran == [3]  # one more run, the newest; the first's result is dropped


def test_jobs_of_other_keys_run_side_by_side(qtbot, window) -> None:
    runner: JobRunner = window.jobs
    gate, done = threading.Event(), []
    runner.start("a", held(gate, "a"), on_done=done.append, key="a")
    runner.start("b", lambda _p, _c: "b", on_done=done.append, key="b")
    qtbot.waitUntil(lambda: done == ["b"], timeout=10000)
    gate.set()
    qtbot.waitUntil(lambda: sorted(done) == ["a", "b"], timeout=10000)
