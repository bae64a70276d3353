"""The time window as sent to a SPARQL endpoint (explorer.core.server_window): whole intervals of partial
dates, open sides, and nothing sent when the window keeps everything (the queries run in tests/server)."""

from __future__ import annotations

import pytest

from explorer.core.server_window import EVERYTHING, ServerWindow, server_window, statement_filter


def test_partial_dates_are_whole_intervals_and_open_sides_stay_open() -> None:
    assert server_window("2016", "2016-02") == ServerWindow("event", "2016-01-01", "2016-02-29", True)
    assert server_window(None, "2020", "report", False) == ServerWindow("report", None, "2020-12-31", False)
    assert server_window("not a date", "2020") == ServerWindow()  # as the local filters: no window
    assert server_window(None, None) == EVERYTHING and statement_filter(EVERYTHING) == ""
    assert statement_filter(server_window(None, None, include_undated=False))  # only dated claims: a filter


def test_only_iso_days_reach_a_query() -> None:
    with pytest.raises(ValueError, match="not an ISO day"):
        ServerWindow("event", '2020-01-01" } DROP ALL #', None)
    with pytest.raises(ValueError, match="no clock"):
        ServerWindow("wall")
