"""The lenses' colours in both themes: the intensity scale and the PLOVER event colours read on the canvas and
keep cooperation apart from conflict for every kind of colour vision; community and bloc colours come from the
theme, the first six apart for every kind of colour vision, their nodes' outline standing out from the canvas."""

from __future__ import annotations

import pytest

from explorer.app.edge_lens import EVENT_HEX, event_hex, intensity_hex
from explorer.core.colour_vision import DEFICIENCIES, ciede2000, contrast_ratio, simulate, worst_case
from explorer.core.palette import MIN_CATEGORY_DISTANCE, MIN_GRAPHIC_CONTRAST, THEMES, Theme, over, readable

COOPERATIVE = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST")
HOSTILE = tuple(name for name in EVENT_HEX if name not in COOPERATIVE)
#: Cooperation and conflict should not be mistaken for each other: far more than a just-noticeable difference.
FAMILY_DISTANCE = 20.0


@pytest.fixture(params=list(THEMES))
def theme(request) -> Theme:
    return THEMES[request.param]


def _seen(colour: str, vision: str | None) -> str:
    return simulate(colour, vision) if vision else colour


def test_every_step_of_the_intensity_scale_reads_on_the_canvas(theme: Theme) -> None:
    for value in range(-10, 11):
        colour = intensity_hex(value, theme)
        assert contrast_ratio(colour, theme.base) >= MIN_GRAPHIC_CONTRAST, (value, colour)


@pytest.mark.parametrize("vision", [None, *DEFICIENCIES])
def test_hostile_neutral_and_friendly_stay_apart_for_every_kind_of_vision(theme: Theme, vision: str | None) -> None:
    hostile, neutral, friendly = (_seen(intensity_hex(v, theme), vision) for v in (-10, 0, 10))
    assert ciede2000(hostile, friendly) >= FAMILY_DISTANCE, vision
    assert min(ciede2000(hostile, neutral), ciede2000(friendly, neutral)) >= MIN_CATEGORY_DISTANCE, vision
    # half way is still on its side: a -5 edge is nearer the hostile end than the friendly one
    assert ciede2000(_seen(intensity_hex(-5, theme), vision), hostile) < \
        ciede2000(_seen(intensity_hex(-5, theme), vision), friendly)


def test_every_event_colour_reads_on_the_canvas(theme: Theme) -> None:
    for name in EVENT_HEX:
        assert contrast_ratio(event_hex(name, theme), theme.base) >= MIN_GRAPHIC_CONTRAST, name


@pytest.mark.parametrize("vision", [None, *DEFICIENCIES])
def test_cooperative_and_hostile_events_stay_apart_for_every_kind_of_vision(theme: Theme, vision: str | None) -> None:
    closest = min((ciede2000(_seen(event_hex(a, theme), vision), _seen(event_hex(b, theme), vision)), a, b)
                  for a in COOPERATIVE for b in HOSTILE)
    assert closest[0] >= FAMILY_DISTANCE, (vision, closest)


def test_the_first_six_group_colours_stay_apart_and_their_outline_stands_out(theme: Theme) -> None:
    assert worst_case(theme.groups[:6]) >= MIN_CATEGORY_DISTANCE
    outline = over(theme.text, 150 / 255, theme.base)  # (explorer.gui.style.outline_colour)
    assert contrast_ratio(outline, theme.base) >= MIN_GRAPHIC_CONTRAST
    assert theme.no_group not in theme.groups


def test_readable_darkens_on_light_and_lightens_on_dark_keeping_readable_colours() -> None:
    assert readable("#3182bd", "#ffffff") == "#3182bd"  # already reads
    pale = readable("#fdd0a2", "#ffffff")
    assert contrast_ratio(pale, "#ffffff") >= MIN_GRAPHIC_CONTRAST
    dark = readable("#67000d", "#1e1e1e")
    assert contrast_ratio(dark, "#1e1e1e") >= MIN_GRAPHIC_CONTRAST


def test_the_lens_and_the_collapsed_blocs_take_group_and_sign_colours_from_the_theme(qapp) -> None:
    from explorer.gui.graph.group_layer import sign_colour
    from explorer.gui.lens_view import group_colour
    from explorer.gui.theme import current_theme

    theme = current_theme()
    assert group_colour(1).name().lower() == theme.groups[1].lower()
    assert group_colour(None).name().lower() == theme.no_group.lower()
    assert [sign_colour(s).name() for s in (-1, 0, 1)] == list(theme.intensity)
