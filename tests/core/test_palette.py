"""The themes keep their contrast and their categories stay apart, also for colour-blind readers."""

from __future__ import annotations

import pytest

from explorer.core.colour_vision import (
    DEFICIENCIES,
    ciede2000,
    contrast_ratio,
    delta_e2000,
    hex_rgb,
    min_distance,
    simulate,
)
from explorer.core.palette import (
    DARK,
    LIGHT,
    MIN_CATEGORY_DISTANCE,
    MIN_GRAPHIC_CONTRAST,
    MIN_TEXT_CONTRAST,
    THEMES,
    Theme,
    category_hex,
    over,
)

THEME_IDS = list(THEMES)


@pytest.fixture(params=THEME_IDS)
def theme(request) -> Theme:
    return THEMES[request.param]


# ---------------------------------------------------------------- the arithmetic is right


def test_ciede2000_matches_sharma_s_published_pairs() -> None:
    """Sharma, Wu & Dalal (2005), table 1: pairs 1, 17 and 25."""
    assert delta_e2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
    assert delta_e2000((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387)) == pytest.approx(
        1.2644, abs=1e-4)


@pytest.mark.parametrize(("deficiency", "colour", "expected"), [
    # colorspacious 1.1.2, cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": ..., "severity": 100},
    # "sRGB1"), which implements the same Machado 2009 matrices
    ("protanopia", "#ff0000", (0.427, 0.373, 0.0)),
    ("protanopia", "#0066dd", (0.0, 0.457, 0.883)),
    ("deuteranopia", "#ff3377", (0.629, 0.594, 0.447)),
    ("deuteranopia", "#998800", (0.609, 0.542, 0.077)),
    ("tritanopia", "#006644", (0.0, 0.399, 0.365)),
    ("tritanopia", "#998800", (0.651, 0.489, 0.451)),
])
def test_the_simulation_agrees_with_colorspacious(deficiency: str, colour: str, expected) -> None:
    assert hex_rgb(simulate(colour, deficiency)) == pytest.approx(expected, abs=3 / 255)


def test_red_and_green_look_alike_to_a_deuteranope_only() -> None:
    assert ciede2000("#d62728", "#2ca02c") > 40
    assert min_distance(["#ff7f0e", "#2ca02c"], "protanopia")[0] < 5  # the old palette's pair


def test_wcag_contrast() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# ---------------------------------------------------------------- the themes


@pytest.mark.parametrize("vision", [None, *DEFICIENCIES])
def test_categories_stay_apart_for_every_kind_of_vision(theme: Theme, vision: str | None) -> None:
    """The closest two category colours differ by at least MIN_CATEGORY_DISTANCE (CIEDE2000) as seen with
    typical vision and with each dichromacy (Machado 2009, full severity)."""
    distance, a, b = min_distance(theme.categories.values(), vision)
    assert distance >= MIN_CATEGORY_DISTANCE, (vision, a, b, distance)


def test_every_edge_colour_stands_out_from_the_canvas_and_the_legend(theme: Theme) -> None:
    legend = over(theme.window, 225 / 255, theme.base)  # the legend's translucent panel
    for colour in [*theme.categories.values(), *theme.fallback]:
        for ground in (theme.base, legend):
            assert contrast_ratio(colour, ground) >= MIN_GRAPHIC_CONTRAST, (colour, ground)


def test_text_reads_on_every_ground_it_is_painted_on(theme: Theme) -> None:
    for ground in (theme.base, theme.window, theme.alternate_base, theme.button):
        assert contrast_ratio(theme.text, ground) >= MIN_TEXT_CONTRAST, ground
    for colour in (theme.placeholder, theme.link, theme.warning):
        assert contrast_ratio(colour, theme.base) >= MIN_TEXT_CONTRAST, colour
    assert contrast_ratio(theme.placeholder, theme.window) >= MIN_TEXT_CONTRAST
    assert contrast_ratio(theme.highlighted_text, theme.highlight) >= MIN_TEXT_CONTRAST


def test_labels_read_on_their_halo_over_any_edge(theme: Theme) -> None:
    """A label is drawn on a halo of the canvas colour at alpha 215, which lets edges under it show through."""
    for colour in theme.categories.values():
        assert contrast_ratio(theme.text, over(theme.base, 215 / 255, colour)) >= MIN_TEXT_CONTRAST, colour


def test_marked_quotes_keep_their_text_readable(theme: Theme) -> None:
    """The quote's mark in the evidence panel (highlight at alpha 60) and the reader (alpha 90), and the
    reader's suggested sentences (link colour at alpha 38, explorer.gui.sources)."""
    for alpha in (60, 90):
        assert contrast_ratio(theme.text, over(theme.highlight, alpha / 255, theme.base)) >= MIN_TEXT_CONTRAST
    assert contrast_ratio(theme.text, over(theme.link, 38 / 255, theme.base)) >= MIN_TEXT_CONTRAST


def test_the_selection_halo_the_check_boxes_and_the_time_bar_stand_out(theme: Theme) -> None:
    assert contrast_ratio(theme.highlight, theme.base) >= MIN_GRAPHIC_CONTRAST
    for ground in (theme.base, theme.window, theme.alternate_base):
        assert contrast_ratio(theme.control_edge, ground) >= MIN_GRAPHIC_CONTRAST, ground
    for colour in (*theme.time_lines, theme.undated):
        assert contrast_ratio(colour, theme.base) >= MIN_GRAPHIC_CONTRAST, colour


def test_both_themes_name_the_same_categories_and_unknown_ones_get_a_stable_colour() -> None:
    assert LIGHT.categories.keys() == DARK.categories.keys()
    assert LIGHT.dark is False and DARK.dark is True
    iri = "https://example.org/vocab#Sports"
    assert category_hex(iri, DARK) == category_hex(iri, DARK) in DARK.fallback
    assert category_hex("https://w3id.org/caucasus-explorer/vocab#Conflict", DARK) == DARK.categories["Conflict"]


@pytest.mark.parametrize("vision", [None, *DEFICIENCIES])
def test_the_dyad_chart_s_quad_classes_stay_apart_and_stand_out(theme: Theme, vision: str | None) -> None:
    distance, a, b = min_distance(theme.quads, vision)
    assert distance >= MIN_CATEGORY_DISTANCE, (vision, a, b, distance)
    for colour in (*theme.quads, theme.trend):
        assert contrast_ratio(colour, theme.window) >= MIN_GRAPHIC_CONTRAST, colour
