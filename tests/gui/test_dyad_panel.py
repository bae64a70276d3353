"""The Dyad panel: a selected pair's claims per year by quad class; a click lists a year's claims."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.gui.main_window import MainWindow

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


def test_the_armenia_azerbaijan_dyad_lists_a_years_claims(window: MainWindow, qtbot) -> None:
    lenses = window.lenses
    lenses.dyad_dock.show()
    chart = lenses.dyad.chart
    assert chart.dyad is None
    window.session.select([ACTOR + "Armenia", ACTOR + "Azerbaijan"])
    qtbot.waitUntil(lambda: chart.dyad is not None)
    periods = chart.dyad.periods
    assert [p.period for p in periods] == sorted(p.period for p in periods)
    war = next(i for i, p in enumerate(periods) if p.period == "2020")
    assert periods[war].by_quad[4] >= 1 and periods[war].net_intensity < 0
    assert "Armenia – Azerbaijan" in lenses.dyad.title.text()
    with qtbot.waitSignal(chart.periodClicked):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(war).center().toPoint())
    listed = [lenses.dyad.claims.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lenses.dyad.claims.count())]
    assert listed == list(periods[war].claims)
    assert any("clashed with" in lenses.dyad.claims.item(i).text() for i in range(lenses.dyad.claims.count()))
    lenses.dyad.claimActivated.emit(listed[0])
    assert window.session.selection.claims == (listed[0],)
    window.session.select([ACTOR + "Armenia"])
    qtbot.waitUntil(lambda: chart.dyad is None)
