"""The Metrics dock: the lens controls, the legend of the current lens, and a sortable table per actor.

The table is a QAbstractTableModel over :func:`explorer.app.lenses.metrics_rows` (numbers sort as
numbers through a QSortFilterProxyModel on the UserRole); selecting rows selects the actors in the
session, and the session's selection selects the rows. The lens combos tell the session; the window
applies the lens to the graph when the session announces it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.app.lens import COLUMNS, EDGE_COLOURS, NODE_COLOURS, NODE_SIZES, Lens

SORT_ROLE = Qt.ItemDataRole.UserRole
IRI_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class MetricsModel(QAbstractTableModel):
    """Rows of the metrics table: one actor each, the columns of :data:`explorer.app.lens.COLUMNS`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        value = row[key]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            return f"{value:.4f}" if isinstance(value, float) else str(value)
        if role == SORT_ROLE:
            return value if value is not None else (-1 if key != "label" else "")
        if role == IRI_ROLE:
            return row["actor"]
        if role == Qt.ItemDataRole.TextAlignmentRole and key != "label":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and \
                0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None


class MetricsPanel(QWidget):
    """Lens controls, legend, metrics table and Export CSV."""

    lensChosen = Signal(object)  # a Lens
    actorsPicked = Signal(list)  # actor IRIs selected in the table
    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MetricsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.size_box = QComboBox()
        self.size_box.addItems(list(NODE_SIZES))
        self.colour_box = QComboBox()
        self.colour_box.addItems(list(NODE_COLOURS))
        self.edge_box = QComboBox()  # edges by relation category, quad class, intensity or PLOVER event
        self.edge_box.addItems(list(EDGE_COLOURS))
        self.method_box = QComboBox()  # community detection
        self.method_box.addItems(["louvain", "leiden"])
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Size by"))
        controls.addWidget(self.size_box)
        controls.addWidget(QLabel("Colour by"))
        controls.addWidget(self.colour_box)
        controls.addWidget(QLabel("Edges by"))
        controls.addWidget(self.edge_box)
        controls.addWidget(QLabel("Communities"))
        controls.addWidget(self.method_box)
        controls.addStretch(1)
        self.export_button = QPushButton("Export CSV…")
        controls.addWidget(self.export_button)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # betweenness
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 1)
        self._syncing = False
        self.size_box.currentTextChanged.connect(self._lens_changed)
        self.colour_box.currentTextChanged.connect(self._lens_changed)
        self.edge_box.currentTextChanged.connect(self._lens_changed)
        self.method_box.currentTextChanged.connect(self._lens_changed)
        self.table.selectionModel().selectionChanged.connect(self._picked)
        self.export_button.clicked.connect(self.exportRequested)

    def _lens_changed(self, _text: str) -> None:
        if not self._syncing:
            self.lensChosen.emit(Lens(node_size=self.size_box.currentText(),
                                      node_colour=self.colour_box.currentText(),
                                      edge_colour=self.edge_box.currentText(), method=self.method_box.currentText()))

    def _picked(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._syncing:
            return
        rows = self.table.selectionModel().selectedRows()
        self.actorsPicked.emit([self.proxy.data(index, IRI_ROLE) for index in rows])

    def show_lens(self, lens: Lens, legend: list[str]) -> None:
        """The combos and legend as the session's lens says (no signal back)."""
        self._syncing = True
        try:
            self.size_box.setCurrentText(lens.node_size)
            self.colour_box.setCurrentText(lens.node_colour)
            self.edge_box.setCurrentText(lens.edge_colour)
            self.method_box.setCurrentText(lens.method)
        finally:
            self._syncing = False
        self.legend.setText("\n".join(legend))

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        self._syncing = True
        try:
            self.model.set_rows(rows)
        finally:
            self._syncing = False

    def select_actors(self, actors: list[str] | tuple[str, ...]) -> None:
        """Select the rows of ``actors`` (the session's selection), scrolling to the first."""
        wanted = set(actors)
        selection = QItemSelection()
        first = None
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, IRI_ROLE) in wanted:
                selection.select(index, self.proxy.index(row, len(COLUMNS) - 1))
                first = first or index
        self._syncing = True
        try:
            self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._syncing = False
        if first is not None:
            self.table.scrollTo(first)
