"""The window on an endpoint opened in a time window (issue 14): the Time bar shows the window the store was
asked in, and moving it fetches the claims of the new window among the actors shown, off the GUI thread."""

from __future__ import annotations

import pytest

from explorer.core.filters import FilterState, visible
from explorer.core.knowledge import KnowledgeBase
from explorer.core.remote.endpoint import Endpoint
from explorer.core.server_window import server_window
from explorer.gui.connect import connect_endpoint
from explorer.gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

IN_2020 = FilterState(date_from="2020", date_to="2020", include_undated=False)
IN_2016 = FilterState(date_from="2016", date_to="2016", include_undated=False)


def _among(kb: KnowledgeBase, state: FilterState, actors: set[str]) -> set[str]:
    """The claims ``state`` shows locally between ``actors``."""
    return {c for c in visible(kb, state).claims if set(kb.claims[c].ends) <= actors}


def test_the_time_bar_shows_the_window_asked_for_and_moving_it_fetches_its_claims(
        qtbot, window: MainWindow, endpoint: Endpoint, kb: KnowledgeBase) -> None:
    with qtbot.waitSignal(window.graphShown, timeout=30000):
        connect_endpoint(window, endpoint, limit=40, time_window=server_window("2020", "2020", "event", False))
    remote = window.session.kb
    actors = set(remote.actors)
    assert set(remote.claims) == _among(kb, IN_2020, actors)  # only the claims in the window were fetched
    shown = window.timebar.apply_to(FilterState())
    assert (shown.date_from, shown.date_to, shown.include_undated) == ("2020-01-01", "2020-12-31", False)
    assert set(window.session.visible.claims) == set(remote.claims)

    window.timebar.set_window("2016-01-01", "2016-12-31")  # as a drag would
    wanted = _among(kb, IN_2016, actors)
    assert wanted
    qtbot.waitUntil(lambda: remote.window_fetched and set(window.session.visible.claims) == wanted, timeout=30000)
    assert wanted <= set(remote.claims)
    moved = window.timebar.apply_to(FilterState())  # the bar still shows the window after the redraw
    assert (moved.date_from, moved.date_to) == ("2016-01-01", "2016-12-31")


def test_file_connect_asks_the_store_in_the_window_already_set(qtbot, window: MainWindow, endpoint: Endpoint,
                                                               kb: KnowledgeBase, monkeypatch) -> None:
    from explorer.gui import connect

    with qtbot.waitSignal(window.graphShown, timeout=30000):
        window.set_knowledge(kb)
    window.timebar.set_window("2020-01-01", "2020-12-31")

    def fill(dialog: connect.ConnectDialog) -> int:
        dialog.url.setText(endpoint.query_url)
        dialog.limit.setValue(40)
        return connect.QDialog.DialogCode.Accepted

    monkeypatch.setattr(connect.ConnectDialog, "exec", fill)
    with qtbot.waitSignal(window.graphShown, timeout=30000):
        window.connect_action.trigger()
    remote = window.session.kb
    assert remote is not kb and (remote.window.first, remote.window.last) == ("2020-01-01", "2020-12-31")
    undated = window.session.controls.include_undated
    assert set(remote.claims) == _among(kb, IN_2020.with_(include_undated=undated), set(remote.actors))
    shown = window.timebar.apply_to(FilterState())
    assert (shown.date_from, shown.date_to) == ("2020-01-01", "2020-12-31")
