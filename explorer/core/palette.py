"""The colours and shapes of kinds and categories, and the light and dark themes, Qt-free: the window
(explorer.gui.style, explorer.gui.theme) and the briefings' SVG figures (explorer.core.report) draw the
same ones.

Each theme's colours are checked (tests/core/test_palette.py) for WCAG contrast against the theme's
backgrounds, and the relation categories for distinctness under typical vision and the three dichromacies,
simulated with the Machado et al. (2009) matrices (explorer.core.colour_vision).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

KIND_COLOURS: dict[str, str] = {
    "country": "#4e79a7",
    "organisation": "#f28e2b",
    "person": "#b07aa1",
    "place": "#76b7b2",
    "event": "#edc948",
    "group": "#ff9da7",
    "other": "#9c9c9c",
}
KIND_SHAPES: dict[str, str] = {
    "country": "circle",
    "organisation": "square",
    "person": "diamond",
    "place": "hexagon",
    "event": "triangle",
    "group": "pentagon",
    "other": "circle",
}
KIND_ORDER = ("country", "organisation", "person", "group", "place", "event", "other")

#: The least CIEDE2000 difference between any two category colours, under typical vision and as simulated
#: for protanopia, deuteranopia and tritanopia (Machado 2009, full severity). 10 is about the step between
#: neighbouring colours of a qualitative map palette; the themes below reach 12 and more.
MIN_CATEGORY_DISTANCE = 10.0
#: WCAG 2.x: graphical objects (edges, marks, bars) 3:1 against what they lie on, text 4.5:1.
MIN_GRAPHIC_CONTRAST = 3.0
MIN_TEXT_CONTRAST = 4.5


@dataclass(frozen=True)
class Theme:
    """Every colour the window paints in one theme: the Qt palette's roles and the graph's own colours."""

    name: str
    window: str  # panels and docks
    base: str  # the canvas, lists and the reader's page
    alternate_base: str
    text: str
    placeholder: str  # hints and empty-panel notes
    button: str
    highlight: str  # the selection, and (translucent) the marked quote in the evidence panel and reader
    highlighted_text: str
    link: str
    control_edge: str  # the outline of check boxes and radio buttons
    #: By the category's local name; unknown categories get a colour from ``fallback`` by a stable hash.
    categories: dict[str, str] = field(default_factory=dict)
    fallback: tuple[str, ...] = ()
    warning: str = "#c62828"  # "against", the contested mark, problems
    #: The Time bar's lines for the selected actors.
    time_lines: tuple[str, ...] = ()
    undated: str = "#8c8c8c"  # the Time bar's undated bin, when it counts
    undated_off: str = "#b4b4b4"  # ... and when it does not (meant faint: it is switched off)
    #: The dyad chart's PLOVER quad classes 1-4 (verbal and material cooperation in blues, verbal and
    #: material conflict in oranges: apart for every kind of colour vision), and its net-intensity line.
    quads: tuple[str, str, str, str] = ("#2f80c0", "#0b3f7a", "#b35900", "#8a1c0a")
    trend: str = "#1f4e9e"
    #: The intensity lens's scale (hostile -10, neutral 0, friendly +10): red to grey to blue, apart for every kind
    #: of colour vision (not red to green) and every step readable on the canvas.
    intensity: tuple[str, str, str] = ("#b2182b", "#8c8c8c", "#2166ac")
    #: Communities and blocs as node fills (Okabe-Ito, then Tableau): the first six, given to the first groups,
    #: stay apart for every kind of colour vision; the nodes' outline carries their contrast with the canvas.
    groups: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                               "#4E79A7", "#59A14F", "#B07AA1", "#FF9DA7", "#9C755F")
    no_group: str = "#BBBBBB"  # actors in no community or bloc

    @property
    def dark(self) -> bool:
        return self.name == "dark"


LIGHT = Theme(
    name="light",
    window="#efefef",
    base="#ffffff",
    alternate_base="#f5f5f5",
    text="#1b1b1b",
    placeholder="#666666",
    button="#e8e8e8",
    highlight="#2f6fb5",
    highlighted_text="#ffffff",
    link="#1a5fb4",
    control_edge="#767676",
    categories={
        "Conflict": "#ff3377",
        "Cooperation": "#006644",
        "DiplomaticContact": "#0066dd",
        "Membership": "#553377",
        "Mediation": "#009977",
        "Leadership": "#553300",
        "Influence": "#995511",
        "Economy": "#998800",
    },
    fallback=("#6e6e6e", "#aa3399", "#336699", "#557722", "#7755aa", "#885544", "#666633"),
    warning="#c62828",
    time_lines=("#1b1b1b", "#c0392b", "#1f5fa8", "#7b3fa0"),
    undated="#6e6e6e",
    undated_off="#b4b4b4",
)

DARK = Theme(
    name="dark",
    window="#2b2b2b",
    base="#1e1e1e",
    alternate_base="#262626",
    text="#e8e8e8",
    placeholder="#9a9a9a",
    button="#353535",
    highlight="#3574d4",
    highlighted_text="#ffffff",
    link="#6cb6ff",
    control_edge="#8c8c8c",
    categories={
        "Conflict": "#dd4477",
        "Cooperation": "#00aa99",
        "DiplomaticContact": "#aaaaee",
        "Membership": "#5566ee",
        "Mediation": "#00eebb",
        "Leadership": "#887722",
        "Influence": "#cc9966",
        "Economy": "#bbdd11",
    },
    fallback=("#9a9a9a", "#ee88cc", "#88aadd", "#99cc66", "#bb99ee", "#cc9988", "#cccc77"),
    warning="#ff6b6b",
    time_lines=("#e8e8e8", "#ff7b72", "#6cb6ff", "#d2a8ff"),
    undated="#9a9a9a",
    undated_off="#5f5f5f",
    quads=("#9fd3f5", "#4a9be0", "#f5c060", "#e8553a"),
    trend="#6cb6ff",
    intensity=("#ff7b72", "#9a9a9a", "#6cb6ff"),
    no_group="#6e6e6e",
)
THEMES: dict[str, Theme] = {"light": LIGHT, "dark": DARK}

#: The light theme's categories: what the briefings and the GEXF/GraphML exports use (printed on white).
CATEGORY_COLOURS: dict[str, str] = LIGHT.categories
FALLBACK = LIGHT.fallback


def category_hex(category_iri: str, theme: Theme = LIGHT) -> str:
    """A category's colour ('#rrggbb') in ``theme``: by its local name, else a stable pick from the fallback."""
    name = category_iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if name in theme.categories:
        return theme.categories[name]
    return theme.fallback[zlib.crc32(category_iri.encode()) % len(theme.fallback)]


def kind_hex(kind: str) -> str:
    """A kind's fill. The same in both themes: a node is outlined in the text colour and its kind also has
    its own shape, so the fill carries no meaning alone."""
    return KIND_COLOURS.get(kind, KIND_COLOURS["other"])


def over(top: str, alpha: float, bottom: str) -> str:
    """``top`` at opacity ``alpha`` (0..1) laid over ``bottom``, as the result's '#rrggbb'."""
    a, b = top.lstrip("#"), bottom.lstrip("#")
    return "#" + "".join(
        f"{round(int(a[i:i + 2], 16) * alpha + int(b[i:i + 2], 16) * (1 - alpha)):02x}" for i in (0, 2, 4)
    )


def readable(colour: str, ground: str, minimum: float = MIN_GRAPHIC_CONTRAST) -> str:
    """``colour``, darkened (on a light ground) or lightened (on a dark one) in small steps until it stands out
    from ``ground`` by ``minimum`` (WCAG contrast): its hue kept, for lines drawn on the canvas."""
    from explorer.core.colour_vision import contrast_ratio, hex_rgb, relative_luminance, rgb_hex

    rgb = hex_rgb(colour)
    target = (0.0, 0.0, 0.0) if relative_luminance(ground) > 0.18 else (1.0, 1.0, 1.0)
    for _step in range(40):
        if contrast_ratio(rgb_hex(rgb), ground) >= minimum:
            break
        rgb = (rgb[0] + (target[0] - rgb[0]) * 0.06, rgb[1] + (target[1] - rgb[1]) * 0.06,
               rgb[2] + (target[2] - rgb[2]) * 0.06)
    return rgb_hex(rgb)
