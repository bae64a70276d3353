"""Colour arithmetic for checking the palettes: WCAG contrast, CIEDE2000 colour difference, and the
Machado, Oliveira & Fernandes (2009) simulation of colour-vision deficiencies.

Pure Python (no numpy): the palettes hold a few dozen colours and the checks run in tests and in
``explorer palette``-style reports, never per frame.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import combinations

RGB = tuple[float, float, float]

#: Machado et al. 2009, "A Physiologically-based Model for Simulation of Color Vision Deficiency"
#: (IEEE TVCG 15(6)), the matrices for severity 1.0 (full dichromacy), applied to linear sRGB.
MACHADO_2009: dict[str, tuple[RGB, RGB, RGB]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
DEFICIENCIES = tuple(MACHADO_2009)


def hex_rgb(colour: str) -> RGB:
    """'#rrggbb' as three numbers in 0..1."""
    value = colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def rgb_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _encoded(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def linear_rgb(colour: str) -> RGB:
    r, g, b = hex_rgb(colour)
    return (_linear(r), _linear(g), _linear(b))


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    r, g, b = linear_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio, 1 (none) to 21 (black on white)."""
    a, b = relative_luminance(first), relative_luminance(second)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def simulate(colour: str, deficiency: str) -> str:
    """How ``colour`` looks to someone with the full form of ``deficiency`` (Machado 2009)."""
    matrix = MACHADO_2009[deficiency]
    lin = linear_rgb(colour)
    out = tuple(_encoded(sum(m * c for m, c in zip(row, lin, strict=True))) for row in matrix)
    return rgb_hex(out)  # type: ignore[arg-type]


def lab(colour: str) -> RGB:
    """CIE L*a*b* (D65) of an sRGB colour."""
    r, g, b = linear_rgb(colour)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def ciede2000(first: str, second: str) -> float:
    """The CIEDE2000 difference between two sRGB colours (about 1 is just noticeable side by side)."""
    return delta_e2000(lab(first), lab(second))


def delta_e2000(first: RGB, second: RGB) -> float:
    """CIEDE2000 between two L*a*b* colours (Sharma, Wu & Dalal 2005)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_bar = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl = l2 - l1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    elif h2p - h1p > 180:
        dh = h2p - h1p - 360
    else:
        dh = h2p - h1p + 360
    d_hue = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar = (l1 + l2) / 2
    cp_bar = (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        h_bar = (h1p + h2p + 360) / 2
    else:
        h_bar = (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6)) - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    sc = 1 + 0.045 * cp_bar
    sh = 1 + 0.015 * cp_bar * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (d_hue / sh) ** 2 + rt * (dc / sc) * (d_hue / sh))


def min_distance(colours: Iterable[str], deficiency: str | None = None) -> tuple[float, str, str]:
    """The closest pair of ``colours`` (CIEDE2000), as seen with ``deficiency`` (None: typical vision)."""
    shown = [(c, simulate(c, deficiency) if deficiency else c) for c in colours]
    best = (math.inf, "", "")
    for (a, sa), (b, sb) in combinations(shown, 2):
        d = ciede2000(sa, sb)
        if d < best[0]:
            best = (d, a, b)
    return best


def worst_case(colours: Sequence[str]) -> float:
    """The smallest pairwise CIEDE2000 difference over typical vision and the three dichromacies."""
    return min(min_distance(colours, d)[0] for d in (None, *DEFICIENCIES))
