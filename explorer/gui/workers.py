"""Background jobs: long work (loading, layout, export, expanding) off the GUI thread.

A job is a plain function ``fn(progress, should_cancel) -> result`` from the core; the runner
executes it on a QThreadPool and hands the outcome back through queued signals. One progress
bar and one Cancel button in the status bar serve every job. Work that must stay on the GUI thread
(making thousands of Qt items) runs as *steps* instead: a generator advanced once per event-loop turn.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator

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


class Job(QRunnable):
    def __init__(self, name: str, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.name = name
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

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

    busyChanged = Signal(bool)

    def __init__(self, status: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.status = status
        self.jobs: list[Job] = []
        self.steps: list[Steps] = []
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

    def _show(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def start(
        self,
        name: str,
        work: Work,
        on_done: Callable[[object], None] | None = None,
        on_failed: Callable[[ExplorerError], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job:
        job = Job(name, work)
        job.signals.progress.connect(self._on_progress)
        if on_done is not None:
            job.signals.done.connect(on_done)
        if on_failed is not None:
            job.signals.failed.connect(on_failed)
        job.signals.cancelled.connect(lambda: self.status.showMessage(f"{name}: cancelled", 5000))
        if on_cancelled is not None:
            job.signals.cancelled.connect(on_cancelled)
        job.signals.finished.connect(lambda j=job: self._finished(j))
        self.jobs.append(job)
        self.bar.setValue(0)
        self.bar.setFormat(name)
        self._show(True)
        self.busyChanged.emit(True)
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
        self.busyChanged.emit(True)

        def finished() -> None:
            if run in self.steps:
                self.steps.remove(run)
            if not self.busy:
                self._show(False)
                self.busyChanged.emit(False)

        run.progress.connect(self._on_progress)
        run.done.connect(finished)
        run.done.connect(on_done)
        run.stopped.connect(finished)
        run.start()
        return run

    def _on_progress(self, fraction: float, what: str) -> None:
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        self.bar.setFormat(what[:40])

    def _finished(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
        if not self.busy:
            self._show(False)
            self.busyChanged.emit(False)

    def cancel_all(self) -> None:
        for job in self.jobs:
            job.cancel()

    @property
    def busy(self) -> bool:
        return bool(self.jobs or self.steps)

    def shutdown(self, wait_ms: int = 10000) -> None:
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
