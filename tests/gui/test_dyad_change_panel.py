"""The Dyad dock's Warmed / cooled tab: suggested periods, a ranked list, a click selects the pair."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from explorer.gui.dyad_change import PAIR_ROLE
from explorer.gui.main_window import MainWindow

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


def _pairs(panel) -> list[tuple[str, str]]:
    tree = panel.tree
    return [tree.topLevelItem(i).data(0, PAIR_ROLE) for i in range(tree.topLevelItemCount())
            if tree.topLevelItem(i).data(0, PAIR_ROLE)]


def test_the_tab_ranks_pairs_and_a_click_selects_one(window: MainWindow, qtbot) -> None:
    lenses = window.lenses
    lenses.dyad_dock.show()
    tabs = lenses.dyad_dock.widget()
    assert isinstance(tabs, QTabWidget)
    tabs.setCurrentIndex(1)
    panel = lenses.change
    qtbot.waitUntil(lambda: bool(_pairs(panel)))
    assert all(edit.text() for edit in panel.bounds)  # suggested from the shown claims' years
    panel.set_periods(("1991", "2015", "2016", "2024"))
    panel.compare_button.click()
    pairs = _pairs(panel)
    assert (ACTOR + "Armenia", ACTOR + "Azerbaijan") in pairs
    row = next(i for i in range(panel.tree.topLevelItemCount())
               if panel.tree.topLevelItem(i).data(0, PAIR_ROLE) == (ACTOR + "Armenia", ACTOR + "Azerbaijan"))
    item = panel.tree.topLevelItem(row)
    assert item.text(3).startswith("+")  # warmed
    panel.tree.itemClicked.emit(item, 0)
    assert set(window.session.selection.actors) == {ACTOR + "Armenia", ACTOR + "Azerbaijan"}
    tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: lenses.dyad.chart.dyad is not None and lenses.dyad.chart.dyad.a in
                    (ACTOR + "Armenia", ACTOR + "Azerbaijan"))


def test_a_bad_period_is_said_in_the_tab(window: MainWindow) -> None:
    panel = window.lenses.change
    panel.set_periods(("2016", "2015", "2016", "2024"))
    panel.compare_button.click()
    assert "ends before it begins" in panel.note.text() and not _pairs(panel)
