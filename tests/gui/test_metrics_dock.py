"""The Metrics dock and the lenses on the graph: the table model, selection both ways, lens, CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog

from explorer.app.lens import Lens
from explorer.app.lenses import metrics_rows
from explorer.core.placement import node_radius
from explorer.gui.lens_view import MAX_RADIUS, MIN_RADIUS
from explorer.gui.main_window import MainWindow
from explorer.gui.metrics_panel import IRI_ROLE, MetricsModel
from explorer.gui.style import kind_colour

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


@pytest.fixture()
def dock(window: MainWindow, qtbot):
    window.lenses.dock.show()
    qtbot.waitUntil(lambda: window.lenses.panel.model.rowCount() > 0)
    return window.lenses


def test_the_table_model_passes_the_model_tester(qtmodeltester, window: MainWindow) -> None:
    model = MetricsModel()
    model.set_rows(metrics_rows(window.session))
    assert model.rowCount() > 50
    qtmodeltester.check(model, force_py=True)


def test_sorting_is_numeric_and_selection_syncs_both_ways(dock, window: MainWindow, qtbot) -> None:
    panel = dock.panel
    panel.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # claims
    claims = [int(panel.proxy.index(r, 1).data()) for r in range(panel.proxy.rowCount())]
    assert claims == sorted(claims, reverse=True) and claims[0] >= 10
    window.session.select([ACTOR + "Armenia"])
    qtbot.waitUntil(lambda: [panel.proxy.data(i, IRI_ROLE) for i in panel.table.selectionModel().selectedRows()]
                    == [ACTOR + "Armenia"])
    row = next(r for r in range(panel.proxy.rowCount())
               if panel.proxy.data(panel.proxy.index(r, 0), IRI_ROLE) == ACTOR + "Russia")
    panel.table.selectionModel().select(panel.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                        | QItemSelectionModel.SelectionFlag.Rows)
    assert window.session.selection.actors == (ACTOR + "Russia",)


def test_a_lens_sizes_and_colours_the_actors_and_back(dock, window: MainWindow, qtbot) -> None:
    azerbaijan = window.scene.nodes[ACTOR + "Azerbaijan"]
    with qtbot.waitSignal(dock.panel.lensChosen):
        dock.panel.colour_box.setCurrentText("community")
    qtbot.waitUntil(lambda: azerbaijan.lens_coloured)
    assert window.session.lens.node_colour == "community"
    colours = {n.colour.name() for n in window.scene.nodes.values()}
    assert len(colours) >= 3 and azerbaijan.colour != kind_colour("country")
    assert window.view.legend.kinds == []  # kinds' colours are not what the nodes show now
    window.session.set_lens(Lens(node_size="betweenness", node_colour="community"))
    qtbot.waitUntil(lambda: azerbaijan.radius == MAX_RADIUS)  # the most between
    assert window.scene.nodes[ACTOR + "Syria"].radius == MIN_RADIUS
    assert "betweenness" in dock.panel.legend.text() and dock.panel.size_box.currentText() == "betweenness"
    window.session.set_lens(Lens())
    qtbot.waitUntil(lambda: not azerbaijan.lens_coloured)
    assert azerbaijan.radius == node_radius(azerbaijan.degree) and window.view.legend.kinds


def test_export_csv_writes_the_table(dock, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "metrics.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV (*.csv)"))
    dock.panel.export_button.click()
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0][0] == "actor" and len(rows) == dock.panel.model.rowCount() + 1
