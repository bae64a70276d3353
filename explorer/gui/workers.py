"""Background jobs: long work (loading, layout, export, expanding, fetching) off the GUI thread.

A job is a plain work function ``work(progress, should_cancel) -> result`` (explorer.core.jobs); the
runner executes it on a QThreadPool and hands the outcome back through queued signals. One progress
bar and one Cancel button in the status bar serve every job. Work that must stay on the GUI thread
(making thousands of Qt items) runs as *steps* instead: a generator advanced once per event-loop turn.

Which job wins is said once, by a *key* and a policy: ``REPLACE`` cancels the running job of the same
key (opening another graph drops the one being loaded), ``COALESCE`` runs one at a time and, when asked
again meanwhile, once more afterwards with the newest request, dropping the stale result (validation).
A ``cancel`` hook is called with the job's own cancel (to abort a request in flight).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from enum import Enum

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.jobs import Work

log = logging.getLogger(__name__)


class JobSignals(QObject):
    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(object)  # an ExplorerError
    cancelled = Signal()
    finished = Signal()


class Policy(Enum):
    """What a new job does to a running job of the same key."""

    REPLACE = "replace"  # cancel it and run now
    COALESCE = "coalesce"  # wait for it, then run once (the newest request), its result dropped


class Job(QRunnable):
    def __init__(self, name: str, work: Work, on_cancel: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.name = name
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self._on_cancel = on_cancel
        self.superseded = False  # a newer job of its key is waiting: its result is stale

    def cancel(self) -> None:
        self._cancel.set()
        if self._on_cancel is not None:
            self._on_cancel()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.work(
                lambda f, what: self.signals.progress.emit(float(f), what), self._cancel.is_set
            )
        except Cancelled:
            self.signals.cancelled.emit()
        except ExplorerError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:  # a bug or an unexpected library error: still tell the user, never crash
            log.exception("%s failed", self.name)
            self.signals.failed.emit(ExplorerError(f"{self.name} failed: {type(exc).__name__}: {exc}"))
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.done.emit(result)
        finally:
            self.signals.finished.emit()


class JobRunner(QObject):
    """Runs jobs and drives the status bar's progress bar and Cancel button."""

    def __init__(self, status: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.status = status
        self.jobs: list[Job] = []
        self.steps: list[Steps] = []
        self._keyed: dict[str, Job] = {}  # the running job of each key
        self._waiting: dict[str, Callable[[], Job]] = {}  # COALESCE: the request to run after it
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName("progress")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the work in progress")
        self.cancel_button.clicked.connect(self.cancel_all)
        status.addPermanentWidget(self.bar)
        status.addPermanentWidget(self.cancel_button)
        self._show(False)

    def _gone(self) -> bool:
        """Whether the window's status bar (and so the window) was deleted while a job still ran: a crash
        or a test deleting it. Its job's last signals still arrive, and must not touch it."""
        import shiboken6

        return not (shiboken6.isValid(self.bar) and shiboken6.isValid(self.status))

    def _show(self, busy: bool) -> None:
        if self._gone():
            return
        self.bar.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def start(
        self,
        name: str,
        work: Work,
        on_done: Callable[[object], None] | None = None,
        on_failed: Callable[[ExplorerError], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        *,
        key: str | None = None,
        policy: Policy = Policy.REPLACE,
        cancel: Callable[[], object] | None = None,
    ) -> Job | None:
        """Run ``work`` off the GUI thread; the callbacks run on the GUI thread. With a ``key``, the
        ``policy`` says what happens to a running job of the same key; a COALESCE request made while one
        runs returns None (it runs when that one is done)."""
        running = self._keyed.get(key) if key is not None else None
        if running is not None and key is not None:
            if policy is Policy.COALESCE:
                running.superseded = True
                self._waiting[key] = lambda: self._start(name, work, on_done, on_failed, on_cancelled, key, cancel)
                return None
            running.superseded = True
            running.cancel()
        return self._start(name, work, on_done, on_failed, on_cancelled, key, cancel)

    def _start(self, name: str, work: Work, on_done: Callable[[object], None] | None,
               on_failed: Callable[[ExplorerError], None] | None, on_cancelled: Callable[[], None] | None,
               key: str | None, cancel: Callable[[], object] | None) -> Job:
        job = Job(name, work, cancel)
        job.signals.progress.connect(self._on_progress)
        if on_done is not None:
            job.signals.done.connect(lambda result, j=job: None if j.superseded else on_done(result))
        if on_failed is not None:
            job.signals.failed.connect(on_failed)
        job.signals.cancelled.connect(lambda: None if self._gone() else self.status.showMessage(f"{name}: cancelled",
                                                                                                5000))
        if on_cancelled is not None:
            job.signals.cancelled.connect(on_cancelled)
        job.signals.finished.connect(lambda j=job, k=key: self._finished(j, k))
        self.jobs.append(job)
        if key is not None:
            self._keyed[key] = job
        self.bar.setValue(0)
        self.bar.setFormat(name)
        self._show(True)
        self.pool.start(job)
        return job

    def start_steps(self, name: str, steps: Iterator[float], on_done: Callable[[], None]) -> Steps:
        """Work that must run on the GUI thread (making Qt items), one short step per event-loop turn.

        ``steps`` yields the share done after each step; the progress bar follows it, and the
        window keeps answering between steps. It has no Cancel: it is short, and a half-made
        picture is worth nothing.
        """
        run = Steps(name, steps, self)
        self.steps.append(run)
        self.bar.setValue(0)
        self.bar.setFormat(name)
        self._show(True)
        self.cancel_button.setVisible(bool(self.jobs))

        def finished() -> None:
            if run in self.steps:
                self.steps.remove(run)
            if not self.busy:
                self._show(False)

        run.progress.connect(self._on_progress)
        run.done.connect(finished)
        run.done.connect(on_done)
        run.stopped.connect(finished)
        run.start()
        return run

    def _on_progress(self, fraction: float, what: str) -> None:
        if self._gone():
            return
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        self.bar.setFormat(what[:40])

    def _finished(self, job: Job, key: str | None) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
        if key is not None and self._keyed.get(key) is job:
            del self._keyed[key]
            waiting = self._waiting.pop(key, None)
            if waiting is not None and not self._gone():
                waiting()
        if not self.busy:
            self._show(False)

    def cancel_all(self) -> None:
        for job in self.jobs:
            job.cancel()

    @property
    def busy(self) -> bool:
        return bool(self.jobs or self.steps)

    def shutdown(self, wait_ms: int = 10000) -> None:
        self._waiting.clear()
        self.cancel_all()
        self.pool.waitForDone(wait_ms)


class Steps(QObject):
    """A generator of progress fractions run one step per event-loop turn (see JobRunner.start_steps)."""

    progress = Signal(float, str)
    done = Signal()
    stopped = Signal()

    def __init__(self, name: str, steps: Iterator[float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._steps = steps
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self.turns = 0  # steps taken, each in an event-loop turn of its own

    def start(self) -> None:
        self._timer.start()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        """Drop the rest of the work (a newer graph replaces this one)."""
        if self._timer.isActive():
            self._timer.stop()
            self._steps.close()
            self.stopped.emit()

    def _step(self) -> None:
        try:
            fraction = next(self._steps)
        except StopIteration:
            self._timer.stop()
            self.done.emit()
            return
        self.turns += 1
        self.progress.emit(fraction, f"{self.name} {fraction:.0%}")
