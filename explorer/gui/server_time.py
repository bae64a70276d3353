"""An endpoint's time window in the window (issue 14): when the Time bar's window moves, the store is asked
again for the claims in it among the actors shown (off the GUI thread, cancelled by a newer move), and the
Time bar keeps showing the window the store was asked in across redraws."""

from __future__ import annotations

from typing import Protocol

from explorer.app.server_time import needs_refetch, refetch_work
from explorer.app.session import Session
from explorer.core.api import ServerFiltered
from explorer.gui.timebar import TimeBar
from explorer.gui.workers import JobRunner


class MainWindow(Protocol):
    """What this module uses of the main window."""

    session: Session
    timebar: TimeBar
    jobs: JobRunner

    def show_error(self, title: str, text: str) -> None: ...


def show_server_window(window: MainWindow) -> None:
    """After the Time bar was reset by a (re)drawing: show the window an endpoint's graph is asked in."""
    session = window.session
    if isinstance(session.kb, ServerFiltered):
        window.timebar.show_controls(session.controls)


def fetch_in_window(window: MainWindow) -> None:
    """The filters changed: when an endpoint's time window moved, fetch its claims among the actors shown
    (a newer move cancels a fetch under way); the graph is redrawn in place when new claims arrived."""
    kb = window.session.kb
    if not needs_refetch(kb):
        return
    assert isinstance(kb, ServerFiltered)

    def done(changed: object) -> None:
        if window.session.kb is not kb:
            return  # another graph meanwhile
        if changed:
            window.session.fetched_in_window("fetched the claims in the time window")
            show_server_window(window)

    window.jobs.start("fetching the time window", refetch_work(kb), on_done=done,
                      on_failed=lambda err: window.show_error("Cannot fetch the claims in the time window", str(err)),
                      key="server-window")
