"""The event-time window moved step by step (a play of the Time bar) gives what the same window gives on
its own: the claims, the actors (kept as counts of their shown claims) and what entered and left."""

from __future__ import annotations

from datetime import date

from explorer.core import filters
from explorer.core.filters import FilterState, time_index, visible
from explorer.core.timeline import bin_edges, next_bin


def _windows(kb) -> list[FilterState]:
    span = time_index(kb).span
    assert span is not None
    months = bin_edges(span, "month")
    states = [FilterState(date_from=date.fromordinal(start).isoformat(),
                          date_to=date.fromordinal(next_bin(months[min(i + 6, len(months) - 1)], "month") - 1)
                          .isoformat(), include_undated=i % 5 != 3)
              for i, start in enumerate(months[:-1])]
    return states + states[::-3]


def test_stepped_windows_equal_fresh_ones(kb) -> None:
    filters._STEPS.pop(kb, None)
    before = visible(kb, FilterState(date_from="1900-01-01", date_to="1900-12-31"))
    stepped_some = 0
    for state in _windows(kb):
        shown = visible(kb, state)
        going = filters._STEPS.pop(kb)  # what the window gives on its own; then the steps go on
        fresh = visible(kb, state)
        filters._STEPS[kb] = going
        assert (shown.claims, shown.actors, shown.out_of_time) == (fresh.claims, fresh.actors, fresh.out_of_time)
        if shown.since:
            stepped_some += 1
            assert (shown.entered, shown.left) == (shown.claim_set - before.claim_set,
                                                   before.claim_set - shown.claim_set)
        before = shown
    assert stepped_some > 5


def test_a_large_heap_is_frozen_and_collected_less_often() -> None:
    """After a large graph is drawn (MainWindow._drawn): its objects out of the collector's sight, and the
    youngest generation collected every LARGE_HEAP_GEN0 allocations, so a play step sets off few passes."""
    import gc

    from explorer.core.jobs import LARGE_HEAP_GEN0, settle_large_heap

    thresholds = gc.get_threshold()
    try:
        gc.set_threshold(700, *thresholds[1:])
        kept = [[i] for i in range(1000)]
        settle_large_heap()
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold() == (LARGE_HEAP_GEN0, *thresholds[1:])
        settle_large_heap()  # again: a higher threshold chosen elsewhere is not lowered
        gc.set_threshold(LARGE_HEAP_GEN0 * 2, *thresholds[1:])
        settle_large_heap()
        assert gc.get_threshold()[0] == LARGE_HEAP_GEN0 * 2
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
