"""The Time bar dock: its window filters the graph, play steps it, fade draws the rest faint, the clocks
and the undated toggle, and the dates shown in the window's texts."""

from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import ACTOR
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from explorer.core.timeline import claim_interval, overlaps, when, window
from explorer.gui.graph.scene import FADED
from explorer.gui.main_window import MainWindow


@pytest.fixture()
def window_2020(qtbot, window: MainWindow, kb):
    """The bundled graph with the time window on 2020 (event time)."""
    with qtbot.waitSignal(window.filtersApplied):
        window.timebar.set_window("2020-01-01", "2020-12-31")
    return window, kb


def test_the_window_filters_the_graph_and_the_status_bar_counts_what_is_out(qtbot, window_2020) -> None:
    win, kb = window_2020
    span = window("2020", "2020")
    shown = win.session.visible.claims
    assert shown
    for iri in shown:
        found = claim_interval(kb.claims[iri])
        assert found is None or overlaps(found, span)
    assert f"{win.session.visible.out_of_time} out of time" in win.counts.text()
    assert win.timebar.label.text() == "happened 2020-01-01 … 2020-12-31"
    with qtbot.waitSignal(win.filtersApplied):
        win.timebar.undated.setChecked(False)
    assert all(claim_interval(kb.claims[i]) is not None for i in win.session.visible.claims)
    with qtbot.waitSignal(win.filtersApplied):
        win.timebar.all_button.click()
    assert len(win.session.visible.claims) == len(kb.claims) - sum(
        1 for c in kb.claims.values() if claim_interval(c) is None)  # undated still excluded


def test_fade_draws_out_of_time_claims_faint_and_unpickable(qtbot, window_2020) -> None:
    win, _kb = window_2020
    assert FADED not in win.scene.layers or not win.scene.layers[FADED].bundles
    with qtbot.waitSignal(win.filtersApplied):
        win.timebar.fade.setChecked(True)
    faded = win.session.visible.faded
    assert faded and not set(faded) & set(win.session.visible.claims)
    layer = win.scene.layers[FADED]
    assert {c for bu in layer.bundles for c in bu.claims} <= set(faded) and layer.bundles
    assert not {c for bu in win.scene.bundles for c in bu.claims} & set(faded)


def test_play_steps_the_window_and_the_report_clock_uses_article_dates(qtbot, window: MainWindow, kb) -> None:
    bar = window.timebar
    bar.speed.setCurrentIndex(3)
    with qtbot.waitSignal(window.filtersApplied):
        bar.step_button.click()
    first = bar.histogram.window
    assert first is not None and first[0] == bar.histogram.edges[0]
    with qtbot.waitSignal(window.filtersApplied):
        bar.play_button.click()
    assert bar.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: bar.histogram.window is not None and bar.histogram.window[0] > first[0], timeout=5000)
    bar.play_button.click()
    assert not bar.timer.isActive()
    with qtbot.waitSignal(window.filtersApplied):
        bar.clock.setCurrentIndex(1)
    with qtbot.waitSignal(window.filtersApplied):
        bar.mode.setCurrentIndex(1)
    with qtbot.waitSignal(window.filtersApplied):
        bar.set_window(None, "2016-12-31")
    state = window.session.filters
    assert (state.clock, state.date_from, state.date_to) == ("report", None, "2016-12-31")
    assert {kb.articles[a].date[:4] for a in window.session.visible.articles} == {"2014", "2016"}
    assert bar.label.text() == "reported up to 2016-12-31"


def test_dragging_on_the_bar_makes_a_window(qtbot, window: MainWindow) -> None:
    hist = window.timebar.histogram
    assert len(hist.edges) > 2
    x = int(hist.x_of(hist.edges[len(hist.edges) // 2]) + 2)
    with qtbot.waitSignal(window.filtersApplied):
        qtbot.mousePress(hist, Qt.MouseButton.LeftButton, pos=QPoint(x, hist.height() // 2))
    qtbot.mouseRelease(hist, Qt.MouseButton.LeftButton, pos=QPoint(x, hist.height() // 2))
    assert hist.window is not None
    assert window.session.filters.date_to is not None


def test_dates_show_in_claim_rows_and_tooltips(qtbot, window: MainWindow, kb) -> None:
    armenia = ACTOR + "Armenia"
    window.session.select([armenia])
    model = window.evidence.model
    lines = [model.claim_line(g, r) for g in range(model.group_count()) for r in range(model.group_size(g))]
    claims = [model.claim_at(g, r) for g in range(model.group_count()) for r in range(model.group_size(g))]
    assert lines and all(f" · {when(c)} · " in line for line, c in zip(lines, claims, strict=True))
    assert any("undated" in line for line in lines) and any("undated" not in line for line in lines)
    bundle = next(bu for bu in window.scene.bundles if armenia in (bu.a, bu.b))
    assert when(kb.claims[bundle.claims[0]]) in window.scene.describe_bundle(bundle)


def test_the_bars_are_stacked_by_quad_class_under_the_quad_lens_and_the_legend_says_so(window: MainWindow,
                                                                                        qtbot) -> None:
    from explorer.app.lens import Lens
    from explorer.gui.theme import current_theme

    hist = window.timebar.histogram
    assert hist.legend[0] == "by relation category"
    totals = [sum(counts[i] for _c, counts in hist.stacks) for i in range(len(hist.edges) - 1)]
    window.session.set_lens(Lens(edge_colour="quad"))
    qtbot.waitUntil(lambda: hist.legend[0] != "by relation category")  # restacked on the next turn
    title, entries = hist.legend
    assert title == "by quad class (PLOVER)"
    assert [name for _c, name in entries][:2] == ["verbal cooperation", "material cooperation"]
    quads = current_theme().quads
    assert [c.name() for c, _n in hist.stacks][:4] == [QColor(quads[q - 1]).name() for q in (1, 2, 3, 4)]
    # the same claims in each bin, stacked another way
    assert [sum(counts[i] for _c, counts in hist.stacks) for i in range(len(hist.edges) - 1)] == totals
    assert "verbal conflict" in hist.toolTip()
    window.session.set_lens(Lens())
    qtbot.waitUntil(lambda: hist.legend[0] == "by relation category")


def test_by_report_time_the_csto_edge_is_corroborated_once_the_2023_article_arrives(window: MainWindow, kb) -> None:
    """What was known on a date weighs the edges: Russia's lead of the CSTO has one source as of 2016 (a thin
    edge), two once the 2023 article is in (a wide one), and the tooltip says so."""
    from explorer.core.filters import FilterState

    claim = "https://w3id.org/caucasus-explorer/claim/Russia_leads_CSTO"
    session = window.session

    def edge():
        return next(bu for bu in window.scene.bundles if claim in bu.claims)

    session.set_filters(FilterState(clock="report", date_to="2016-12-31"))
    assert claim in session.visible.claim_set and edge().support == "single"
    assert "1 passage · 1 independent source · credibility 2" in window.scene.describe_bundle(edge())
    session.select(claims=[claim])
    assert "1 independent source · credibility 2" in window.evidence.model.claim_line(0, 0)
    session.set_filters(FilterState(clock="report", date_to="2023-12-31"))
    assert edge().support == "strong"
    assert "2 passages · 2 independent sources · credibility 1" in window.scene.describe_bundle(edge())
    session.select(claims=[claim])
    assert "2 independent sources · credibility 1" in window.evidence.model.claim_line(0, 0)


def test_month_by_month_through_2020_the_ceasefire_claims_appear_in_october(window: MainWindow, kb) -> None:
    from explorer.core.filters import FilterState

    ceasefires = {iri for iri in kb.claims if "brokeredCeasefire" in iri and "_2020" in iri}
    assert len(ceasefires) == 4
    first_seen = []
    for month in range(1, 13):
        last = date(2020, month + 1, 1).toordinal() - 1 if month < 12 else date(2020, 12, 31).toordinal()
        window.session.set_filters(FilterState(date_from=f"2020-{month:02d}-01",
                                               date_to=date.fromordinal(last).isoformat(), include_undated=False))
        drawn = {c for bu in window.scene.bundles for c in bu.claims}
        if ceasefires <= drawn:
            first_seen.append(month)
    assert first_seen == [10]  # drawn in October 2020, and only then


def test_a_graph_is_binned_over_two_turns_when_drawn_in_steps(qtbot, kb) -> None:
    """A large graph's claims are spanned in one turn of the event loop and binned in the next (each about
    40 ms at 50k claims: together they were the longest stall of opening one); the end is as set_knowledge's."""
    from explorer.gui.timebar import TimeBar

    stepped, whole = TimeBar(), TimeBar()
    qtbot.addWidget(stepped)
    qtbot.addWidget(whole)
    steps = stepped.knowledge_steps(kb)
    next(steps)
    assert stepped._intervals and stepped.histogram.edges == []  # the spans, not the bins yet
    assert list(steps) == []
    whole.set_knowledge(kb)
    assert stepped.histogram.edges == whole.histogram.edges and stepped.histogram.edges
    assert stepped.histogram.stacks == whole.histogram.stacks and stepped._intervals == whole._intervals
