"""Colours, node shapes and icons: one place that decides how kinds and categories look.

Colours are mid-tone (readable on light and dark backgrounds); everything else comes from the
application palette, so the window follows the system's light or dark theme.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from explorer.core.palette import (  # noqa: F401  (Qt-free: briefings draw them too)
    CATEGORY_COLOURS,
    FALLBACK,
    KIND_COLOURS,
    KIND_ORDER,
    KIND_SHAPES,
    category_hex,
)
from explorer.gui.theme import current_theme

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon


def kind_colour(kind: str) -> QColor:
    return QColor(KIND_COLOURS.get(kind, KIND_COLOURS["other"]))


_SHARED_KIND_COLOURS: dict[str, QColor] = {}


def shared_kind_colour(kind: str) -> QColor:
    """One colour per kind, shared by every actor of it (never changed in place): a lens that recolours 10k
    actors then frees no 10k colours of their own (about 10 ms of a first switch)."""
    colour = _SHARED_KIND_COLOURS.get(kind)
    if colour is None:
        colour = _SHARED_KIND_COLOURS[kind] = kind_colour(kind)
    return colour


def category_colour(category_iri: str) -> QColor:
    """A category's colour in the theme shown now (explorer.gui.theme): each theme has its own set."""
    return QColor(category_hex(category_iri, current_theme()))


def warning_colour() -> QColor:
    """"Against", contested, problems: the theme's red, readable on its canvas."""
    return QColor(current_theme().warning)


def _polygon(sides: int, radius: float, rotation: float = -math.pi / 2) -> QPolygonF:
    return QPolygonF(
        [
            QPointF(
                radius * math.cos(rotation + 2 * math.pi * i / sides),
                radius * math.sin(rotation + 2 * math.pi * i / sides),
            )
            for i in range(sides)
        ]
    )


@functools.lru_cache(maxsize=4096)
def node_bounds(kind: str, radius: float) -> QRectF:
    """The bounds of :func:`node_path`, shared like it (never changed in place): a lens that resizes 10k actors
    then frees no 10k rectangles of their own."""
    return node_path(kind, radius).boundingRect()


@functools.lru_cache(maxsize=4096)
def node_path(kind: str, radius: float) -> QPainterPath:
    """The outline of an actor's node, centred on the origin, about ``radius`` from centre to edge.

    Cached: nodes of one kind and degree share one (immutable, implicitly shared) path.
    """
    shape = KIND_SHAPES.get(kind, "circle")
    path = QPainterPath()
    if shape == "square":
        r = radius * 0.9
        path.addRoundedRect(QRectF(-r, -r, 2 * r, 2 * r), r * 0.3, r * 0.3)
    elif shape == "diamond":
        path.addPolygon(_polygon(4, radius * 1.15))
    elif shape == "hexagon":
        path.addPolygon(_polygon(6, radius * 1.05, 0.0))
    elif shape == "triangle":
        path.addPolygon(_polygon(3, radius * 1.25))
    elif shape == "pentagon":
        path.addPolygon(_polygon(5, radius * 1.1))
    else:
        path.addEllipse(QPointF(0, 0), radius, radius)
    path.closeSubpath()
    return path


def outline_colour(palette: QPalette) -> QColor:
    colour = QColor(palette.color(QPalette.ColorRole.Text))
    colour.setAlpha(150)
    return colour


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


_ICONS: dict[tuple[str, int, str], QIcon] = {}


def kind_icon(kind: str, size: int = 16, palette: QPalette | None = None) -> QIcon:
    """The node shape of a kind, as an icon (drawn once per kind, size and outline colour)."""
    outline = outline_colour(palette) if palette else QColor(0, 0, 0, 150)
    key = (kind, size, outline.name(QColor.NameFormat.HexArgb))
    icon = _ICONS.get(key)
    if icon is None:
        icon = _ICONS[key] = _draw_kind_icon(kind, size, outline)
    return icon


def _draw_kind_icon(kind: str, size: int, outline: QColor) -> QIcon:
    from PySide6.QtGui import QIcon, QPixmap  # icons are drawn once a graph is shown, not at start

    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(size / 2, size / 2)
    painter.setBrush(kind_colour(kind))
    painter.setPen(QPen(outline, 1))
    painter.drawPath(node_path(kind, size * 0.36))
    painter.end()
    return QIcon(pixmap)


def swatch_icon(colour: QColor, size: int = 16) -> QIcon:
    """A short thick line in a category's colour, as edges are drawn."""
    from PySide6.QtGui import QIcon, QPixmap

    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, max(3, size // 5), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(2, size - 3), QPointF(size - 2, 3))
    painter.end()
    return QIcon(pixmap)


def plain_tooltip(text: str) -> str:
    """Tooltip text that Qt shows literally: Qt guesses rich text for tooltips, so the data is escaped."""
    import html  # here: the module carries a big table the first paint does not need

    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"
