"""View › Theme: light, dark or the system's, remembered; everything the graph paints takes the theme's
colours (the palettes' contrast is checked in tests/core/test_palette.py)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from explorer.core.palette import DARK, LIGHT, category_hex
from explorer.gui.main_window import MainWindow
from explorer.gui.models import Role
from explorer.gui.theme import apply_theme, chosen_theme


def _base(widget) -> str:
    return widget.palette().color(QPalette.ColorRole.Base).name()


def test_the_dark_theme_recolours_the_canvas_edges_legend_swatches_and_time_bar(qtbot, window: MainWindow) -> None:
    window.theme_actions["dark"].trigger()
    assert chosen_theme() == "dark"
    assert _base(QApplication.instance()) == DARK.base
    qtbot.waitUntil(lambda: window.view._background().name() == DARK.base)
    layers = {c: layer.colour.name() for c, layer in window.scene.layers.items() if c.startswith("http")}
    assert layers and layers == {c: category_hex(c, DARK) for c in layers}
    assert {colour.name() for _label, colour in window.view.legend.categories} <= set(DARK.categories.values())
    model = window.filters.categories
    for item in (model.item(r) for r in range(model.rowCount())):
        image = item.icon().pixmap(16, 16).toImage()
        drawn = {image.pixelColor(x, y).name() for x in range(16) for y in range(16)
                 if image.pixelColor(x, y).alpha() == 255}
        assert category_hex(item.data(Role.KEY), DARK) in drawn, item.text()
    kb = window.session.kb
    conflict = next(c for c in kb.categories if c.endswith("#Conflict"))
    stacks = {colour.name() for colour, _counts in window.timebar.histogram.stacks}
    assert category_hex(conflict, DARK) in stacks and category_hex(conflict, LIGHT) not in stacks
    assert window.scene.colours["text"].name() == DARK.text


def test_the_choice_is_remembered_and_checked_in_the_next_window(qtbot, window: MainWindow) -> None:
    window.theme_actions["light"].trigger()
    assert _base(QApplication.instance()) == LIGHT.base and chosen_theme() == "light"
    window.theme_actions["dark"].trigger()
    other = MainWindow()
    qtbot.addWidget(other)
    assert other.theme_actions["dark"].isChecked() and not other.theme_actions["system"].isChecked()


def test_system_gives_the_palette_back_to_the_platform(qtbot, window: MainWindow) -> None:
    platform = _base(QApplication.instance())
    window.theme_actions["dark"].trigger()
    assert _base(QApplication.instance()) == DARK.base
    window.theme_actions["system"].trigger()
    assert _base(QApplication.instance()) == platform and chosen_theme() == "system"
    assert QApplication.instance().palette().resolveMask() == 0  # not pinned: it follows a switch of the system


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_an_unchecked_box_stands_out_from_its_panel(qtbot, choice: str) -> None:
    """WCAG 1.4.11: a control's outline at 3:1 against the panel around it (Fusion's own is 1.2:1 on the
    dark panel, 2.3:1 on white)."""
    from PySide6.QtWidgets import QCheckBox

    from explorer.core.colour_vision import contrast_ratio
    from explorer.core.palette import THEMES

    apply_theme(choice)
    box = QCheckBox()  # no text: only the indicator is drawn
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    image = box.grab().toImage()
    window = THEMES[choice].window
    best = max(contrast_ratio(image.pixelColor(x, y).name(), window)
               for x in range(image.width()) for y in range(image.height()))
    assert best >= 3.0


def test_the_evidence_rows_take_the_new_theme_at_once(qtbot, window: MainWindow) -> None:
    """Rows are laid out and drawn once and kept: a new theme must not leave them in the old text colour
    (dark text on the dark panel)."""
    from PySide6.QtGui import QColor

    window.select_actor("https://w3id.org/caucasus-explorer/actor/Armenia")
    tree = window.evidence.tree
    group = tree.model().index(0, 0)
    claim = tree.model().index(0, 0, group)
    tree.expand(group)
    tree.expand(claim)
    tree.viewport().grab()  # drawn, and kept, in the light theme
    window.theme_actions["dark"].trigger()
    qtbot.waitUntil(lambda: _base(tree) == DARK.base)
    image = tree.viewport().grab().toImage()
    for index in (claim, tree.model().index(0, 0, claim)):  # a claim row and its first passage
        rect = tree.visualRect(index).intersected(tree.viewport().rect())
        assert not rect.isEmpty()
        brightest = max(QColor(image.pixelColor(x, y)).lightness()
                        for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom()))
        assert brightest > 180, index.data()
