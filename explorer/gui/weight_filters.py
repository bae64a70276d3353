"""The filters panel's "Weight of evidence" page (issue 13): strongest factuality, minimum independent
sources, minimum credibility, who made the claims, contested and deprecated claims. It only edits a
FilterState; the rules are explorer.core.filters'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QSpinBox, QWidget

from explorer.core.factuality import ASSERTED, CONDITIONAL, NEGATED, PLANNED, POSSIBLE, PROBABLE
from explorer.core.filters import FilterState

if TYPE_CHECKING:  # (the weighing rules wait for a graph)
    from explorer.core.creators import Creator

#: The factuality choices: what each lets through (the claim's strongest factuality).
FACTUALITY_CHOICES: list[tuple[str, frozenset[str] | None]] = [
    ("any", None),
    ("asserted", frozenset({ASSERTED})),
    ("asserted or probable", frozenset({ASSERTED, PROBABLE})),
    ("hedged or planned only", frozenset({PROBABLE, POSSIBLE, PLANNED, CONDITIONAL})),
    ("denied only", frozenset({NEGATED})),
]
CREDIBILITY_CHOICES: list[tuple[str, int | None]] = [
    ("any", None), ("1 confirmed", 1), ("2 or better", 2), ("3 or better", 3), ("4 or better", 4),
    ("5 or better", 5)]


class WeightFilters(QWidget):
    """The controls of the weight filters; ``changed`` when the user moves one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.factuality = QComboBox(self)
        for text, _value in FACTUALITY_CHOICES:
            self.factuality.addItem(text)
        self.factuality.setAccessibleName("strongest factuality")
        self.min_sources = QSpinBox(self)
        self.min_sources.setRange(0, 20)
        self.min_sources.setAccessibleName("minimum independent sources")
        self.credibility = QComboBox(self)
        for text, _n in CREDIBILITY_CHOICES:
            self.credibility.addItem(text)
        self.credibility.setAccessibleName("minimum credibility")
        self.contested = QCheckBox("Show contested", self)
        self.contested.setChecked(True)
        self.deprecated = QCheckBox("Show deprecated", self)
        self.made_by = QComboBox(self)
        self.made_by.setAccessibleName("who made the claims")
        self.made_by.setToolTip("Only the claims with a passage made by this curator or analyst "
                                "(the dcterms:creator of its annotation)")
        self.made_by.addItem("anyone", None)
        self._creators: list[Creator] = []
        form.addRow("Factuality", self.factuality)
        form.addRow("Sources ≥", self.min_sources)
        form.addRow("Credibility", self.credibility)
        form.addRow("Made by", self.made_by)
        form.addRow(self.contested)
        form.addRow(self.deprecated)
        self.factuality.currentIndexChanged.connect(self.changed)
        self.min_sources.valueChanged.connect(self.changed)
        self.credibility.currentIndexChanged.connect(self.changed)
        self.contested.toggled.connect(self.changed)
        self.deprecated.toggled.connect(self.changed)
        self.made_by.currentIndexChanged.connect(self.changed)
        for combo in (self.factuality, self.credibility, self.made_by):  # (the page fits a narrow dock)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

    def set_creators(self, creators: list[Creator]) -> None:
        """Offer these creators (a graph opened or edited), keeping the chosen one while it is there;
        without signals (the filters apply as they were)."""
        if creators == self._creators:
            return  # (asked at every change of the shown graph: a play step costs nothing here)
        self._creators = list(creators)
        chosen = self.made_by.currentData()
        self.made_by.blockSignals(True)
        try:
            self.made_by.clear()
            self.made_by.addItem("anyone", None)
            for c in creators:
                self.made_by.addItem(f"{c.label} ({c.claims})", c.iri)
            self.made_by.setCurrentIndex(max(self.made_by.findData(chosen), 0) if chosen is not None else 0)
        finally:
            self.made_by.blockSignals(False)

    def apply_to(self, state: FilterState) -> FilterState:
        """``state`` with these controls' filters."""
        return state.with_(
            factualities=FACTUALITY_CHOICES[max(self.factuality.currentIndex(), 0)][1],
            min_sources=self.min_sources.value(),
            max_credibility=CREDIBILITY_CHOICES[max(self.credibility.currentIndex(), 0)][1],
            show_contested=self.contested.isChecked(),
            show_deprecated=self.deprecated.isChecked(),
            creators=None if self.made_by.currentData() is None else frozenset({self.made_by.currentData()}),
        )

    def show_state(self, state: FilterState) -> None:
        """Make the controls say ``state``'s weight filters (a saved view or a step back in the view's
        history), without signals: the session has them already."""
        widgets = (self.factuality, self.min_sources, self.credibility, self.contested, self.deprecated,
                   self.made_by)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            values = [value for _text, value in FACTUALITY_CHOICES]
            self.factuality.setCurrentIndex(values.index(state.factualities) if state.factualities in values else 0)
            self.min_sources.setValue(state.min_sources)
            ranks = [n for _text, n in CREDIBILITY_CHOICES]
            self.credibility.setCurrentIndex(ranks.index(state.max_credibility)
                                             if state.max_credibility in ranks else 0)
            self.contested.setChecked(state.show_contested)
            self.deprecated.setChecked(state.show_deprecated)
            chosen = next(iter(state.creators)) if state.creators and len(state.creators) == 1 else None
            self.made_by.setCurrentIndex(max(self.made_by.findData(chosen), 0) if chosen is not None else 0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def reset(self) -> None:
        """Back to the defaults (everything but deprecated claims), without signals."""
        widgets = (self.factuality, self.min_sources, self.credibility, self.contested, self.deprecated,
                   self.made_by)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.made_by.setCurrentIndex(0)
            self.factuality.setCurrentIndex(0)
            self.min_sources.setValue(0)
            self.credibility.setCurrentIndex(0)
            self.contested.setChecked(True)
            self.deprecated.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
