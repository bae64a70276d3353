"""The graph as shown (filters, highlights) written to a PNG or SVG file."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter

if TYPE_CHECKING:
    from explorer.gui.graph.scene import GraphScene

#: Room around the actors' extent for the labels of those on its edges: left, top, right, bottom.
MARGIN = (-90, -40, 90, 60)
#: A PNG's device pixel ratio: two pixels each way per unit of the scene.
PNG_PIXEL_RATIO = 2.0


def write_picture(scene: GraphScene, path: Path, fmt: str, background: QColor, title: str) -> bool:
    """Draw the visible graph into ``path``: an SVG drawing (``fmt`` "svg", with ``title``) or else a
    PNG image, on ``background``. False when there is nothing to draw or the file was not written.

    The scene's labels are planned for the picture; a view showing the scene plans its own again
    afterwards (the scene asks it to, and a caller may do so at once with ``GraphView.plan_labels``).
    """
    source = scene.graph_rect()
    if source.isEmpty():
        return False
    source = source.adjusted(*MARGIN)
    width, height = math.ceil(source.width()), math.ceil(source.height())
    target = QRectF(0, 0, width, height)
    ok = True
    if fmt == "svg":
        from PySide6.QtSvg import QSvgGenerator  # (QtSvg: loaded only when an SVG is written)

        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRect(0, 0, width, height))
        generator.setTitle(title)
        generator.setDescription("Actors and claims drawn by explorer")
        painter = QPainter(generator)
        painter.fillRect(target, background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render_picture(painter, target, source)
        painter.end()
    else:
        ratio = PNG_PIXEL_RATIO
        image = QImage(int(width * ratio), int(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(background)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        scene.render_picture(painter, target, source)
        painter.end()
        ok = image.save(str(path), "PNG")
    return ok and path.exists()
