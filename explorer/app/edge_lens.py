"""Edge colours under an edge lens (quad class, intensity, PLOVER event), and the legend rows that explain them.

:func:`explorer.app.lenses.lens_values` gives each visible claim a key ("4 material conflict", "-10",
"ASSAULT", "structural"); an edge drawn for several claims takes one colour from its claims' keys
(:func:`edge_colour`). Colours are '#rrggbb' strings: the window and any export can draw the same ones. No Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from explorer.core.analysis.coding import QUAD_LABELS
from explorer.core.palette import LIGHT, Theme, readable

STRUCTURAL = "structural"
#: PLOVER's sixteen categories: cooperative ones in blues and teals, hostile ones in oranges and reds (the two
#: families stay apart for every kind of colour vision: tests/core/test_lens_palette.py). Drawn through
#: :func:`event_hex`, which darkens (or, on a dark canvas, lightens) the pale ones until they read.
EVENT_HEX = {
    "AGREE": "#9ecae1", "CONSULT": "#6baed6", "SUPPORT": "#3182bd", "CONCEDE": "#08519c",
    "COOPERATE": "#41b6c4", "AID": "#1d91c0", "RETREAT": "#225ea8", "REQUEST": "#a6bddb",
    "ACCUSE": "#f0a050", "REJECT": "#fd8d3c", "THREATEN": "#e6550d", "PROTEST": "#fdae6b",
    "SANCTION": "#d94801", "MOBILIZE": "#fb6a4a", "COERCE": "#cb181d", "ASSAULT": "#67000d",
}


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def intensity_hex(value: float, theme: Theme = LIGHT) -> str:
    """The colour of a net intensity from -10 (hostile: red) through 0 (grey) to +10 (friendly: blue), on the
    theme's scale."""
    hostile, neutral, friendly = (_rgb(c) for c in theme.intensity)
    share = max(-1.0, min(1.0, value / 10.0))
    end = friendly if share > 0 else hostile
    k = abs(share)
    r, g, b = (round(n + (e - n) * k) for n, e in zip(neutral, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def event_hex(name: str, theme: Theme = LIGHT) -> str:
    """A PLOVER category's colour on the theme's canvas (readable against it)."""
    return readable(EVENT_HEX[name], theme.base) if name in EVENT_HEX else structural_hex(theme)


def structural_hex(theme: Theme = LIGHT) -> str:
    """Claims with no PLOVER code: the theme's neutral grey (the Time bar's undated bin)."""
    return theme.undated


def quad_hex(quad: int, theme: Theme = LIGHT) -> str:
    """A quad class's colour: the theme's, as the Dyad chart and the Time bar draw it (checked for contrast
    and colour-vision deficiencies in tests/core/test_palette.py)."""
    return theme.quads[quad - 1] if 1 <= quad <= 4 else structural_hex(theme)


def key_hex(mode: str, key: str, theme: Theme = LIGHT) -> str:
    """The colour of one claim's key under the edge lens ``mode`` ("quad", "intensity" or "event")."""
    if key == STRUCTURAL or not key:
        return structural_hex(theme)
    if mode == "quad":
        return quad_hex(int(key.split()[0]), theme)
    if mode == "intensity":
        return intensity_hex(float(key), theme)
    return event_hex(key, theme)


def edge_colour(mode: str, keys: Iterable[str], theme: Theme = LIGHT) -> str:
    """One colour for an edge drawn for claims with these keys: the mean intensity of its coded claims under
    "intensity"; else the commonest quad class or category (on a tie the more hostile one); grey when every
    claim is structural."""
    coded = [k for k in keys if k and k != STRUCTURAL]
    if not coded:
        return structural_hex(theme)
    if mode == "intensity":
        return intensity_hex(sum(float(k) for k in coded) / len(coded), theme)
    counts = Counter(coded)
    if mode == "quad":
        best = max(counts, key=lambda k: (counts[k], int(k.split()[0])))
    else:
        order = list(EVENT_HEX)
        best = max(counts, key=lambda k: (counts[k], order.index(k) if k in order else -1))
    return key_hex(mode, best, theme)


def legend_rows(mode: str, keys: Iterable[str], theme: Theme = LIGHT) -> list[tuple[str, str]]:
    """(label, colour) rows that explain the edge lens ``mode`` for the keys shown (structural last)."""
    present = set(keys)
    rows: list[tuple[str, str]] = []
    if mode == "quad":
        rows = [(f"{QUAD_LABELS[q]}", quad_hex(q, theme)) for q in (1, 2, 3, 4)]
    elif mode == "intensity":
        rows = [(f"intensity {v:+d}" if v else "intensity 0 (or mixed)", intensity_hex(v, theme))
                for v in (10, 5, 0, -5, -10)]
    elif mode == "event":
        rows = [(name.lower(), event_hex(name, theme)) for name in EVENT_HEX if name in present]
    if STRUCTURAL in present or not rows:
        rows.append(("structural (no PLOVER code)", structural_hex(theme)))
    return rows
