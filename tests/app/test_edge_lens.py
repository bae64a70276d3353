"""Edge colours under an edge lens: one colour per edge from its claims' keys, and legend rows."""

from __future__ import annotations

from explorer.app.edge_lens import edge_colour, event_hex, intensity_hex, key_hex, legend_rows
from explorer.core.palette import DARK, LIGHT

QUAD_HEX = dict(enumerate(LIGHT.quads, start=1))
STRUCTURAL_HEX = LIGHT.undated


def test_intensity_runs_from_red_through_grey_to_blue_on_the_theme_s_scale() -> None:
    assert (intensity_hex(-10), intensity_hex(0), intensity_hex(10)) == LIGHT.intensity
    assert (intensity_hex(-10, DARK), intensity_hex(0, DARK), intensity_hex(10, DARK)) == DARK.intensity
    assert intensity_hex(-40) == intensity_hex(-10)  # clamped
    red = int(intensity_hex(-5)[1:3], 16)
    assert 0x8C < red < 0xB2  # half way between grey and red


def test_an_edge_takes_the_commonest_quad_the_more_hostile_on_a_tie() -> None:
    assert edge_colour("quad", ["1 verbal cooperation", "1 verbal cooperation", "4 material conflict"]) == QUAD_HEX[1]
    assert edge_colour("quad", ["1 verbal cooperation", "4 material conflict"]) == QUAD_HEX[4]
    assert edge_colour("quad", ["structural", "3 verbal conflict"]) == QUAD_HEX[3]  # structural claims abstain
    assert edge_colour("quad", ["structural"]) == STRUCTURAL_HEX
    assert edge_colour("event", ["ACCUSE", "AID", "AID"]) == event_hex("AID")


def test_an_edge_takes_the_mean_intensity_of_its_coded_claims() -> None:
    assert edge_colour("intensity", ["-10", "+6", "structural"]) == intensity_hex(-2)
    assert key_hex("intensity", "+7") == intensity_hex(7)


def test_legend_rows_explain_the_lens() -> None:
    assert [label for label, _ in legend_rows("quad", ["4 material conflict"])] == [
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
    rows = dict(legend_rows("event", ["AID", "structural"]))
    assert rows == {"aid": event_hex("AID"), "structural (no PLOVER code)": STRUCTURAL_HEX}
    assert dict(legend_rows("intensity", []))["intensity -10"] == LIGHT.intensity[0]


def test_quad_colours_follow_the_theme_as_the_dyad_chart_and_the_time_bar_draw_them() -> None:
    for theme in (LIGHT, DARK):
        rows = dict(legend_rows("quad", ["structural"], theme))
        assert list(rows.values()) == [*theme.quads, theme.undated]
        assert edge_colour("quad", ["4 material conflict"], theme) == theme.quads[3]
    assert LIGHT.quads != DARK.quads
