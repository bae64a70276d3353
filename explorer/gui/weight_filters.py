"""The filters panel's "Weight of evidence" page (issue 13): strongest factuality, minimum independent
sources, minimum credibility, contested and deprecated claims. It only edits a FilterState; the rules
are explorer.core.filters'."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QSpinBox, QWidget

from explorer.core.filters import FilterState
from explorer.core.weight import ASSERTED, CONDITIONAL, NEGATED, PLANNED, POSSIBLE, PROBABLE

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
        form.addRow("Factuality", self.factuality)
        form.addRow("Sources ≥", self.min_sources)
        form.addRow("Credibility", self.credibility)
        form.addRow(self.contested)
        form.addRow(self.deprecated)
        self.factuality.currentIndexChanged.connect(self.changed)
        self.min_sources.valueChanged.connect(self.changed)
        self.credibility.currentIndexChanged.connect(self.changed)
        self.contested.toggled.connect(self.changed)
        self.deprecated.toggled.connect(self.changed)

    def apply_to(self, state: FilterState) -> FilterState:
        """``state`` with these controls' filters."""
        return state.with_(
            factualities=FACTUALITY_CHOICES[max(self.factuality.currentIndex(), 0)][1],
            min_sources=self.min_sources.value(),
            max_credibility=CREDIBILITY_CHOICES[max(self.credibility.currentIndex(), 0)][1],
            show_contested=self.contested.isChecked(),
            show_deprecated=self.deprecated.isChecked(),
        )

    def reset(self) -> None:
        """Back to the defaults (everything but deprecated claims), without signals."""
        for widget in (self.factuality, self.min_sources, self.credibility, self.contested, self.deprecated):
            widget.blockSignals(True)
        try:
            self.factuality.setCurrentIndex(0)
            self.min_sources.setValue(0)
            self.credibility.setCurrentIndex(0)
            self.contested.setChecked(True)
            self.deprecated.setChecked(False)
        finally:
            for widget in (self.factuality, self.min_sources, self.credibility, self.contested, self.deprecated):
                widget.blockSignals(False)
