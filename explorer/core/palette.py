"""The colours and shapes of kinds and categories, Qt-free: the window (explorer.gui.style) and the
briefings' SVG figures (explorer.core.report) draw the same ones."""

from __future__ import annotations

import zlib

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

#: By the category's local name; unknown categories get a colour from FALLBACK by a stable hash.
CATEGORY_COLOURS: dict[str, str] = {
    "Conflict": "#d62728",
    "Cooperation": "#2ca02c",
    "DiplomaticContact": "#1f77b4",
    "Membership": "#9467bd",
    "Mediation": "#17becf",
    "Leadership": "#8c564b",
    "Influence": "#ff7f0e",
    "Economy": "#bcbd22",
}
FALLBACK = ("#7f7f7f", "#e377c2", "#aec7e8", "#98df8a", "#c5b0d5", "#c49c94", "#dbdb8d")


def category_hex(category_iri: str) -> str:
    """A category's colour ('#rrggbb'): by its local name, else a stable pick from FALLBACK."""
    name = category_iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if name in CATEGORY_COLOURS:
        return CATEGORY_COLOURS[name]
    return FALLBACK[zlib.crc32(category_iri.encode()) % len(FALLBACK)]


def kind_hex(kind: str) -> str:
    return KIND_COLOURS.get(kind, KIND_COLOURS["other"])
