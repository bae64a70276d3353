"""The time window of an endpoint's graph (issue 14), between the session's filters and the store.

The store is asked only for the claims in the window (explorer.core.server_window): when connecting (a
window set before, e.g. ``explorer --endpoint URL --from 2020``), on each expansion, and, when the window
moves, for the claims among the actors already fetched (:func:`refetch_work`, a work function for the
job runner). The filters show the window the store was asked in, so the time bar and the graph agree.
"""

from __future__ import annotations

from collections.abc import Callable

from explorer.core.api import Knowledge, ServerFiltered
from explorer.core.filters import FilterState
from explorer.core.jobs import Progress, ShouldCancel
from explorer.core.server_window import ServerWindow


def controls_in(window: ServerWindow, controls: FilterState | None = None) -> FilterState:
    """``controls`` (no filter when None) with the time window the store is asked in."""
    base = controls if controls is not None else FilterState()
    if window.everything:
        return base
    return base.with_(date_from=window.first, date_to=window.last, clock=window.clock,
                      include_undated=window.include_undated)


def server_controls(kb: Knowledge | None, controls: FilterState | None = None) -> FilterState:
    """The filter controls a graph starts with: an endpoint's time window when it was opened with one."""
    base = controls if controls is not None else FilterState()
    if isinstance(kb, ServerFiltered):
        return controls_in(kb.window, base)
    return base


def time_kept(kb: Knowledge, controls: FilterState) -> FilterState:
    """The controls after an endpoint's graph grew in place (an expansion): no filter but the time window,
    which the store was asked in (its new claims are all in it); no filter at all for another graph."""
    if not isinstance(kb, ServerFiltered):
        return FilterState()
    return FilterState(date_from=controls.date_from, date_to=controls.date_to, clock=controls.clock,
                       include_undated=controls.include_undated)


def needs_refetch(kb: Knowledge | None) -> bool:
    """Whether the window moved since the claims among the fetched actors were asked for."""
    return isinstance(kb, ServerFiltered) and not kb.window_fetched


def refetch_work(kb: ServerFiltered) -> Callable[[Progress, ShouldCancel], bool]:
    """Work for the job runner: ask the store for the claims in the window among the actors fetched so far
    (True when new ones arrived: the session then shows them)."""

    def work(progress: Progress, should_cancel: ShouldCancel) -> bool:
        return kb.fetch_window(progress=progress, should_cancel=should_cancel)

    return work
