"""The graph as shown (filters, and on request the selection's highlights) written to a PNG or SVG file,
with the legend beside it unless left out."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QRegion
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from explorer.gui.graph.scene import GraphScene

#: Room around the actors' extent for the labels of those on its edges: left, top, right, bottom.
MARGIN = (-90, -40, 90, 60)
#: A PNG's device pixel ratio: two pixels each way per unit of the scene.
PNG_PIXEL_RATIO = 2.0
#: Space between the graph and the legend, and around the legend.
LEGEND_GAP = 16


def write_picture(scene: GraphScene, path: Path, fmt: str, background: QColor, title: str,
                  legend: QWidget | None = None, highlights: bool = False) -> bool:
    """Draw the visible graph into ``path``: an SVG drawing (``fmt`` "svg", with ``title``) or else a
    PNG image, on ``background``; ``legend`` (a widget that paints one) to the right of the graph, never
    over it; the selection's dimming and halos only with ``highlights`` (a picture is of the graph, not
    of a passing click). False when there is nothing to draw or the file was not written.

    The scene's labels are planned for the picture; a view showing the scene plans its own again
    afterwards (the scene asks it to, and a caller may do so at once with ``GraphView.plan_labels``).
    """
    source = scene.graph_rect()
    if source.isEmpty():
        return False
    source = source.adjusted(*MARGIN)
    graph_width, graph_height = math.ceil(source.width()), math.ceil(source.height())
    key = legend.size() if legend is not None else QSize(0, 0)
    width = graph_width + (key.width() + 2 * LEGEND_GAP if legend is not None else 0)
    height = max(graph_height, key.height() + 2 * LEGEND_GAP if legend is not None else 0)
    target = QRectF(0, 0, graph_width, graph_height)

    def draw(painter: QPainter) -> None:
        painter.fillRect(QRectF(0, 0, width, height), background)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        scene.render_picture(painter, target, source, highlights=highlights)
        if legend is not None:
            legend.render(painter, QPoint(graph_width + LEGEND_GAP, LEGEND_GAP), QRegion(legend.rect()),
                          QWidget.RenderFlag.DrawChildren)

    if fmt == "svg":
        from PySide6.QtSvg import QSvgGenerator  # (QtSvg: loaded only when an SVG is written)

        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRect(0, 0, width, height))
        generator.setTitle(title)
        generator.setDescription("Actors and claims drawn by explorer")
        painter = QPainter(generator)
        draw(painter)
        painter.end()
        ok = True
    else:
        ratio = PNG_PIXEL_RATIO
        image = QImage(int(width * ratio), int(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(background)
        painter = QPainter(image)
        draw(painter)
        painter.end()
        ok = image.save(str(path), "PNG")
    return ok and path.exists()
