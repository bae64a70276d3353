"""The Time bar dock: a histogram of claims over time, a window to drag, and play.

The histogram counts claims per bin (years, months or days, the finest that fits the width), stacked by
relation category; the selected actors' activity is drawn as lines over it, and undated claims sit in a
bin of their own at the right. The window is dragged (inside: move; an edge: resize; outside: a new
window); "Up to" makes it cumulative. Play steps the window by one bin per tick. Two clocks: event time
(when it happened) and report time (when it was known: the article dates). The bar only says what the
window is; :meth:`TimeBar.apply_to` puts it into the session's filters.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from explorer.app.lens import Lens
from explorer.core.timeline import (
    FIRST_DAY,
    LAST_DAY,
    Interval,
    Unit,
    bin_edges,
    bin_label,
    claim_interval,
    day_text,
    next_bin,
    report_day,
    stacked_histogram,
    unit_for,
)
from explorer.gui.style import category_colour
from explorer.gui.theme import current_theme

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.filters import FilterState

#: Milliseconds between play steps at 1× speed.
STEP_MS = 700
SPEEDS = (("0.5×", 2.0), ("1×", 1.0), ("2×", 0.5), ("4×", 0.25))
UNDATED_PX = 46
HANDLE_PX = 6


class Histogram(QWidget):
    """The bars, the window over them, the actors' lines and the undated bin; drag to set the window."""

    windowDragged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.edges: list[int] = []
        self.unit: Unit = "year"
        self.stacks: list[tuple[QColor, list[int]]] = []
        #: what the stacks are: a title ("by relation category") and a colour and name per stack
        self.legend: tuple[str, list[tuple[QColor, str]]] = ("", [])
        self.lines: list[tuple[QColor, list[int]]] = []
        self.undated = 0
        self.include_undated = True
        self.window: Interval | None = None  # None: everything
        self.cumulative = False
        self._drag: tuple[str, float, Interval] | None = None

    # ---------------------------------------------------------------- geometry

    def _plot(self) -> QRectF:
        return QRectF(4, 4, max(self.width() - UNDATED_PX - 12, 10), max(self.height() - 22, 10))

    def x_of(self, day: int) -> float:
        plot = self._plot()
        if len(self.edges) < 2:
            return plot.left()
        lo, hi = self.edges[0], self.edges[-1]
        day = min(max(day, lo), hi)
        return plot.left() + plot.width() * (day - lo) / max(hi - lo, 1)

    def day_at(self, x: float) -> int:
        plot = self._plot()
        if len(self.edges) < 2:
            return FIRST_DAY
        lo, hi = self.edges[0], self.edges[-1]
        frac = min(max((x - plot.left()) / max(plot.width(), 1), 0.0), 1.0)
        return round(lo + frac * (hi - lo))

    def snapped(self, day: int) -> int:
        """The first day of the bin holding ``day``."""
        for a, b in pairwise(self.edges):
            if a <= day < b:
                return a
        return self.edges[-1] if self.edges and day >= self.edges[-1] else (self.edges[0] if self.edges else day)

    # ---------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        # (a rectangle drawn, not fillRect: fillRect's overloads make PySide build QGradient's enums, a
        # millisecond of the window's first frame)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRect(self.rect())
        painter.restore()
        plot = self._plot()
        text = palette.color(QPalette.ColorRole.Text)
        bins = len(self.edges) - 1
        if bins <= 0:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No dated claims")
            return
        totals = [sum(counts[i] for _c, counts in self.stacks) for i in range(bins)]
        # the dated bars set the scale; the undated bin (often the biggest) is capped and says its count
        top = max([*totals, *(max(c, default=0) for _c, c in self.lines), 1])
        # the bars stop below the legend's line
        tall = max(plot.height() - (painter.fontMetrics().height() + 6 if self.legend[0] else 0), 10)
        for i in range(bins):
            x0, x1 = self.x_of(self.edges[i]), self.x_of(self.edges[i + 1])
            y = plot.bottom()
            for colour, counts in self.stacks:
                h = tall * counts[i] / top
                if h > 0:
                    painter.fillRect(QRectF(x0 + 0.5, y - h, max(x1 - x0 - 1, 1), h), colour)
                    y -= h
        # the undated bin
        ux = plot.right() + 8
        h = tall * min(self.undated / top, 1.0)
        theme = current_theme()
        colour = QColor(theme.undated if self.include_undated else theme.undated_off)
        painter.fillRect(QRectF(ux, plot.bottom() - h, UNDATED_PX - 8, h), colour)
        if not self.include_undated:
            painter.setPen(QPen(text, 1))
            painter.drawLine(QPointF(ux, plot.bottom() - h), QPointF(ux + UNDATED_PX - 8, plot.bottom()))
        # the selected actors' activity
        for colour, counts in self.lines:
            pen = QPen(colour, 2)
            painter.setPen(pen)
            points = [QPointF((self.x_of(self.edges[i]) + self.x_of(self.edges[i + 1])) / 2,
                              plot.bottom() - tall * counts[i] / top) for i in range(bins)]
            for a, b in pairwise(points):
                painter.drawLine(a, b)
        # the window
        if self.window is not None:
            lo = self.edges[0] if self.cumulative else self.window[0]
            x0, x1 = self.x_of(lo), self.x_of(self.window[1] + 1)
            shade = QColor(palette.color(QPalette.ColorRole.Highlight))
            shade.setAlpha(45)
            painter.fillRect(QRectF(x0, plot.top(), max(x1 - x0, 2), plot.height()), shade)
            edge = QColor(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(QPen(edge, 2))
            if not self.cumulative:
                painter.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom()))
            painter.drawLine(QPointF(x1, plot.top()), QPointF(x1, plot.bottom()))
        # the axis: a label every few bins
        painter.setPen(text)
        metrics = painter.fontMetrics()
        step = max(1, int(metrics.horizontalAdvance("2020-10-10 ") / max(plot.width() / bins, 1)) + 1)
        for i in range(0, bins, step):
            painter.drawText(QPointF(self.x_of(self.edges[i]) + 1, self.height() - 5), bin_label(self.edges[i],
                                                                                                 self.unit))
        painter.drawText(QPointF(ux, self.height() - 5), "undated")
        painter.drawText(QRectF(ux, plot.top(), UNDATED_PX - 8, 16), Qt.AlignmentFlag.AlignCenter, str(self.undated))
        painter.drawText(QRectF(plot.left() + 2, plot.top(), 60, 16), Qt.AlignmentFlag.AlignLeft, str(top))
        self._paint_legend(painter, plot)
        painter.end()

    def _paint_legend(self, painter: QPainter, plot: QRectF) -> None:
        """What the stacks are, at the top right of the plot: the title, then a swatch and a name per
        stack, as many as fit (all of them are in the tooltip)."""
        title, entries = self.legend
        if not title:
            return
        metrics = painter.fontMetrics()
        swatch, gap = 9.0, 8.0
        parts = [title, *(name for _c, name in entries)]
        widths = [metrics.horizontalAdvance(t) for t in parts]
        room = plot.width() - 70  # (the scale's number is at the top left)
        shown = len(entries)
        while shown and widths[0] + sum(swatch + 3 + w + gap for w in widths[1:shown + 1]) > room:
            shown -= 1
        width = widths[0] + sum(swatch + 3 + w + gap for w in widths[1:shown + 1]) + 8
        base = QColor(self.palette().color(QPalette.ColorRole.Base))
        base.setAlpha(210)
        box = QRectF(plot.right() - width, plot.top(), width, metrics.height() + 4)
        painter.fillRect(box, base)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        x, y = box.left() + 4, box.top() + 2 + metrics.ascent()
        painter.drawText(QPointF(x, y), title)
        x += widths[0] + gap
        for (colour, name), w in zip(entries[:shown], widths[1:shown + 1], strict=True):
            painter.fillRect(QRectF(x, y - swatch, swatch, swatch), colour)
            painter.drawText(QPointF(x + swatch + 3, y), name)
            x += swatch + 3 + w + gap

    # ---------------------------------------------------------------- dragging

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if len(self.edges) < 2 or event.button() != Qt.MouseButton.LeftButton:
            return
        x = event.position().x()
        if x > self._plot().right() + 4:
            return
        span = self.window or (self.edges[0], self.edges[-1] - 1)
        x0, x1 = self.x_of(span[0]), self.x_of(span[1] + 1)
        if self.window is not None and abs(x - x1) <= HANDLE_PX:
            mode = "end"
        elif self.window is not None and not self.cumulative and abs(x - x0) <= HANDLE_PX:
            mode = "start"
        elif self.window is not None and x0 < x < x1 and not self.cumulative:
            mode = "move"
        else:
            day = self.snapped(self.day_at(x))
            span = (day, next_bin(day, self.unit) - 1)
            self.window = span
            mode = "end"
        self._drag = (mode, x, span)
        self.update()
        self.windowDragged.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if self._drag is None:
            near = self.window is not None and abs(x - self.x_of(self.window[1] + 1)) <= HANDLE_PX
            self.setCursor(Qt.CursorShape.SizeHorCursor if near else Qt.CursorShape.ArrowCursor)
            return
        mode, x_start, (lo, hi) = self._drag
        day = self.day_at(x)
        if mode == "move":
            shift = day - self.day_at(x_start)
            first, last = self.edges[0], self.edges[-1] - 1
            shift = min(max(shift, first - lo), last - hi)
            start = self.snapped(lo + shift)
            window = (start, start + (hi - lo))
        elif mode == "start":
            window = (min(self.snapped(day), hi), hi)
        else:
            end = next_bin(self.snapped(day), self.unit) - 1
            window = (lo, max(end, lo))
        if window != self.window:
            self.window = window
            self.update()
            self.windowDragged.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None


class TimeBar(QWidget):
    """The dock's content: clocks, window mode, play controls, fade and undated toggles, the histogram."""

    changed = Signal()  # the time window or one of its options changed: filter again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb: Knowledge | None = None
        self.lens = Lens()  # the session's: under a coded edge lens the bars are stacked by quad class
        self._actors: tuple[str, ...] = ()
        self._intervals: dict[str, Interval | None] = {}
        self._restack_pending = False  # a restack for a new lens is asked for (set_lens)
        self.clock = QComboBox()
        self.clock.addItem("Event time", "event")
        self.clock.addItem("Report time", "report")
        self.clock.setToolTip("Event time: when it happened. Report time: what was known on a date "
                              "(passages from articles published by then)")
        self.mode = QComboBox()
        self.mode.addItem("Window", "window")
        self.mode.addItem("Up to", "cumulative")
        self.mode.setToolTip("A window you drag and resize, or everything up to a date")
        self.play_button = QPushButton("Play")
        self.play_button.setCheckable(True)
        self.step_button = QPushButton("Step")
        self.loop = QCheckBox("Loop")
        self.speed = QComboBox()
        for label, factor in SPEEDS:
            self.speed.addItem(label, factor)
        self.speed.setCurrentIndex(1)
        self.speed.setToolTip("Play speed")
        self.fade = QCheckBox("Fade")
        self.fade.setToolTip("Draw the claims outside the window faint instead of hiding them")
        self.undated = QCheckBox("Undated")
        self.undated.setChecked(True)
        self.undated.setToolTip("Include the claims that have no date")
        self.all_button = QPushButton("All")
        self.all_button.setToolTip("No time window: every claim")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # (narrow windows)
        self.histogram = Histogram()
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(4)
        for widget in (self.clock, self.mode, self.play_button, self.step_button, self.loop, self.speed,
                       self.fade, self.undated, self.all_button):
            controls.addWidget(widget)
        controls.addWidget(self.label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(controls)
        layout.addWidget(self.histogram, 1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.step)
        self.clock.currentIndexChanged.connect(self._clock_changed)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.play_button.toggled.connect(self.set_playing)
        self.step_button.clicked.connect(self.step)
        self.speed.currentIndexChanged.connect(self._speed_changed)
        self.fade.toggled.connect(self._emit)
        self.undated.toggled.connect(self._undated_changed)
        self.all_button.clicked.connect(self.show_all)
        self.histogram.windowDragged.connect(self._emit)
        self._show_label()

    # ---------------------------------------------------------------- the graph

    def set_knowledge(self, kb: Knowledge | None) -> None:
        """Bin the new graph's claims; the window starts afresh (everything)."""
        for _step in self.knowledge_steps(kb):
            pass

    def knowledge_steps(self, kb: Knowledge | None) -> Iterator[None]:
        """:meth:`set_knowledge` in two turns of the event loop, for a large graph drawn in steps: the claims'
        time spans, then their bins (each about 40 ms at 50k claims)."""
        self.kb = kb
        self.set_playing(False)
        self.histogram.window = None
        yield from self._rebin_steps()
        from explorer.core.filters import FilterState

        self.show_session(FilterState())

    def show_session(self, controls: FilterState) -> None:
        """Follow the session when it dropped the time window itself (to show an edit, or a hidden item);
        nothing is emitted."""
        if controls.date_from is None and controls.date_to is None and self.histogram.window is not None:
            self.set_playing(False)
            self.histogram.window = None
            self.histogram.update()
            self._show_label()
        for box, wanted in ((self.undated, controls.include_undated), (self.fade, controls.fade)):
            if box.isChecked() != wanted:
                box.blockSignals(True)
                box.setChecked(wanted)
                box.blockSignals(False)
        self.histogram.include_undated = controls.include_undated

    def set_lens(self, lens: Lens) -> None:
        """Stack the bars as ``lens`` reads the claims (by quad class under a coded edge lens)."""
        from explorer.app.timestacks import CODED_LENSES  # (the analysis modules wait for a lens or a graph)

        stacked = lens.edge_colour in CODED_LENSES
        if lens != self.lens:
            before, self.lens = self.lens.edge_colour in CODED_LENSES, lens
            if stacked != before and not self._restack_pending:
                # on the next turn: the lens switch repaints the graph first (50k claims take 0.1 s to stack)
                self._restack_pending = True
                QTimer.singleShot(0, self, self._restack)

    def _restack(self) -> None:
        self._restack_pending = False
        self._rebin()

    def show_actors(self, actors: tuple[str, ...]) -> None:
        """Draw the activity of these actors (up to four) as lines on the bar."""
        if actors != self._actors:
            self._actors = actors
            self._lines()
            self.histogram.update()

    def _rebin(self) -> None:
        for _step in self._rebin_steps():
            pass

    def _rebin_steps(self) -> Iterator[None]:
        """The claims' time spans, then (after a yield) the bins, the stacks and the lines from them."""
        kb = self.kb
        hist = self.histogram
        if kb is None:
            hist.edges, hist.stacks, hist.lines, hist.undated, hist.legend = [], [], [], 0, ("", [])
            self._intervals = {}
            hist.update()
            self._show_label()
            return
        if self.clock.currentData() == "report":
            self._intervals = {}
            for c in kb.claims.values():
                day = report_day(c, kb.evidence, kb.articles)
                self._intervals[c.iri] = (day, day) if day is not None else None  # the bin it became known in
        else:
            self._intervals = {c.iri: claim_interval(c) for c in kb.claims.values()}
        yield
        days = [d for span in self._intervals.values() if span is not None for d in span if FIRST_DAY < d < LAST_DAY]
        if not days:
            hist.edges, hist.stacks, hist.legend = [], [], ("", [])
        else:
            span = (min(days), max(days))
            hist.unit = unit_for(span, max(self.histogram.width() // 6, 20))
            hist.edges = bin_edges(span, hist.unit)
            from explorer.app.timestacks import time_stacking

            stacking = time_stacking(kb, self.lens)
            stacks = stacked_histogram(self._intervals, stacking.keys, hist.edges)
            colour = _quad_colour if stacking.by == "quad" else category_colour
            hist.stacks = [(colour(k), stacks[k]) for k in stacking.order if k in stacks]
            hist.legend = (stacking.title, [(colour(k), stacking.labels[k]) for k in stacking.order if k in stacks])
            hist.setToolTip(stacking.title[0].upper() + stacking.title[1:] + ", from the bottom: "
                            + ", ".join(stacking.labels[k] for k in stacking.order if k in stacks))
        hist.undated = sum(1 for span in self._intervals.values() if span is None)
        self._lines()
        hist.update()
        self._show_label()

    def restyle(self) -> None:
        """The theme changed: the bars and lines take its colours (the time window stays)."""
        if self.kb is not None:
            self._rebin()

    def _lines(self) -> None:
        kb, hist = self.kb, self.histogram
        hist.lines = []
        if kb is None or len(hist.edges) < 2:
            return
        for colour, actor in zip(current_theme().time_lines, self._actors, strict=False):
            spans = {c.iri: self._intervals.get(c.iri) for c in kb.claims_of(actor)}
            counts = stacked_histogram(spans, dict.fromkeys(spans, ""), hist.edges).get("", [0] * (len(hist.edges) - 1))
            hist.lines.append((QColor(colour), counts))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self.kb is not None:
            unit = unit_for((self.histogram.edges[0], self.histogram.edges[-1] - 1),
                            max(self.histogram.width() // 6, 20)) if len(self.histogram.edges) > 1 else None
            if unit is not None and unit != self.histogram.unit:
                self._rebin()

    # ---------------------------------------------------------------- the window

    def apply_to(self, state: FilterState) -> FilterState:
        """``state`` with this bar's time window and options."""
        window = self.histogram.window
        cumulative = self.mode.currentData() == "cumulative"
        return state.with_(
            date_from=day_text(window[0]) if window is not None and not cumulative else None,
            date_to=day_text(window[1]) if window is not None else None,
            clock=self.clock.currentData(), include_undated=self.undated.isChecked(),
            fade=self.fade.isChecked())

    def show_controls(self, controls: FilterState) -> None:
        """Show the time window, clock and options a saved view brought (the session has them already;
        nothing is emitted)."""
        from explorer.core.timeline import window as window_of

        self.set_playing(False)
        mode = "cumulative" if controls.date_from is None and controls.date_to is not None else "window"
        for widget, value in ((self.clock, controls.clock), (self.mode, mode)):
            index = widget.findData(value)
            if index >= 0 and index != widget.currentIndex():
                widget.blockSignals(True)
                widget.setCurrentIndex(index)
                widget.blockSignals(False)
        for box, wanted in ((self.undated, controls.include_undated), (self.fade, controls.fade)):
            if box.isChecked() != wanted:
                box.blockSignals(True)
                box.setChecked(wanted)
                box.blockSignals(False)
        dated = controls.date_from is not None or controls.date_to is not None
        self.histogram.cumulative = self.mode.currentData() == "cumulative"
        self.histogram.window = window_of(controls.date_from, controls.date_to) if dated else None
        self.histogram.update()
        self._show_label()

    def set_window(self, first: str | None, last: str | None) -> None:
        """Set the window from dates (None on both: everything), as a drag would, and filter."""
        from explorer.core.timeline import window as window_of

        self.histogram.window = None if first is None and last is None else window_of(first, last)
        self.histogram.update()
        self._emit()

    def show_all(self) -> None:
        self.set_playing(False)
        self.histogram.window = None
        self.histogram.update()
        self._emit()

    def step(self) -> None:
        """Move the window one bin later (grow it, when cumulative); at the end, loop or stop."""
        hist = self.histogram
        if len(hist.edges) < 2:
            self.set_playing(False)
            return
        first, last = hist.edges[0], hist.edges[-1] - 1
        window = hist.window
        if window is None:
            start = first
            window = (start, next_bin(start, hist.unit) - 1)
        elif window[1] >= last:
            if not self.loop.isChecked() and self.timer.isActive():
                self.set_playing(False)
                return
            width = window[1] - window[0]
            window = (first, next_bin(first, hist.unit) - 1 if self.histogram.cumulative else first + width)
        else:
            end = next_bin(hist.snapped(window[1]), hist.unit)
            new_end = min(next_bin(end, hist.unit) - 1, last)
            window = (window[0], new_end) if hist.cumulative else \
                (hist.snapped(window[0] + (new_end - window[1])), new_end)
        hist.window = window
        hist.update()
        self._emit()

    def set_playing(self, on: bool) -> None:
        if on:
            self.timer.start(int(STEP_MS * self.speed.currentData()))
        else:
            self.timer.stop()
        if self.play_button.isChecked() != on:
            self.play_button.blockSignals(True)
            self.play_button.setChecked(on)
            self.play_button.blockSignals(False)
        self.play_button.setText("Pause" if on else "Play")

    def _speed_changed(self) -> None:
        if self.timer.isActive():
            self.timer.start(int(STEP_MS * self.speed.currentData()))

    def _clock_changed(self) -> None:
        self._rebin()
        self._emit()

    def _mode_changed(self) -> None:
        self.histogram.cumulative = self.mode.currentData() == "cumulative"
        self.histogram.update()
        self._emit()

    def _undated_changed(self, on: bool) -> None:
        self.histogram.include_undated = on
        self.histogram.update()
        self._emit()

    def _emit(self) -> None:
        self._show_label()
        self.changed.emit()

    def _show_label(self) -> None:
        window = self.histogram.window
        clock = "reported" if self.clock.currentData() == "report" else "happened"
        if window is None:
            self.label.setText("all time")
        elif self.mode.currentData() == "cumulative":
            self.label.setText(f"{clock} up to {day_text(window[1])}")
        else:
            self.label.setText(f"{clock} {day_text(window[0])} … {day_text(window[1])}")


def _quad_colour(key: str) -> QColor:
    """A quad class's colour, as the Dyad panel draws it (grey: structural)."""
    from explorer.app.timestacks import STRUCTURAL

    theme = current_theme()
    return QColor(theme.undated) if key == STRUCTURAL else QColor(theme.quads[int(key) - 1])
