"""What the graph's items share: the level of detail they draw at, and their labels' text and slots.

The items themselves: :mod:`.bundles` (edges as data), :mod:`.edges` (edge layers), :mod:`.nodes`
(actors). Label planning (:mod:`.labels`) tries the same slots as a NodeItem draws its label in.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

#: Below this level of detail edges are hairlines and arrows, badges and minor labels are hidden.
LOD_DETAIL = 0.28
LOD_BADGES = 0.6
#: Below this level of detail arrow heads (11 scene units long) would be specks: not drawn.
LOD_ARROWS = 0.4
LABEL_GAP_PX = 3.0


LABEL_CHARS = 28


def elide(label: str, chars: int = LABEL_CHARS) -> str:
    """Long names are cut at a word break on the graph (the tooltip and panel show them whole)."""
    if len(label) <= chars:
        return label
    cut = label.rfind(" ", 0, chars - 1)
    return label[: cut if cut > chars // 2 else chars - 1].rstrip(" ,;(") + "…"


def lod_of(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())



#: How far a slid slot moves a label along the node's side, in shares of its width (twice that of its
#: height beside the node).
SLIDES = (0.25, -0.25, 0.45, -0.45)
#: The plain slots, tried for every actor; the slid ones after them are tried for the major actors only.
PLAIN_SLOTS = 16


def label_offsets(radius: float, width: float, height: float) -> dict[str, tuple[float, float]]:
    """The top-left corner of a ``width`` x ``height`` label in each slot around a node of ``radius``,
    from the node's centre, all in label pixels (plain floats: label planning tries thousands)."""
    gap = LABEL_GAP_PX
    d = radius * 0.7 + gap  # the diagonals start at the node's corner
    offsets = {
        "below": (-width / 2, radius + gap),
        "right": (radius + gap, -height / 2),
        "above": (-width / 2, -radius - gap - height),
        "left": (-radius - gap - width, -height / 2),
        "below-right": (d, d),
        "below-left": (-d - width, d),
        "above-right": (d, -d - height),
        "above-left": (-d - width, -d - height),
        # farther out, tried last: in a crowded middle the slots next to a hub are taken by its neighbours
        "far-below": (-width / 2, radius + gap + 1.5 * height),
        "far-above": (-width / 2, -radius - gap - 2.5 * height),
        "far-right": (radius + gap + 1.5 * height, -height / 2),
        "far-left": (-radius - gap - 1.5 * height - width, -height / 2),
        "far-below-right": (d + height, d + height),
        "far-below-left": (-d - height - width, d + height),
        "far-above-right": (d + height, -d - 2 * height),
        "far-above-left": (-d - height - width, -d - 2 * height),
    }
    # slid along the node's side, tried after all of those (the major actors' labels only: a hub's neighbours
    # crowd every slot above, but a label shifted a quarter of its width fits between them)
    for side in ("above", "below", "far-above", "far-below"):
        x, y = offsets[side]
        for share in SLIDES:
            offsets[f"{side}{share:+}"] = (x + share * width, y)
    for side in ("left", "right"):
        x, y = offsets[side]
        for share in SLIDES:
            offsets[f"{side}{2 * share:+}"] = (x, y + 2 * share * height)
    return offsets

