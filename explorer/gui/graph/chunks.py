"""An edge layer's hairline picture in chunks: one QPainterPath per few hundred bundles.

A layer stroked from one path must build that path anew whenever one of its edges comes or goes; a
play step of the Time bar adds and removes a few edges in every layer. Chunks keep each path small,
so a step rebuilds only the chunks it touched (lazily, when the hairlines are next drawn), and the
layer's extent is the union of the chunks' extents.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from itertools import chain

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPen

from explorer.gui.graph.bundles import Bundle

#: Bundles per chunk: small enough that a rebuilt chunk costs little, large enough that a frame
#: strokes few paths.
CHUNK_SIZE = 256


class Chunk:
    """A few hundred bundles, their hairline path and their extent (None until asked for again)."""

    __slots__ = ("box", "bundles", "path")

    def __init__(self) -> None:
        self.bundles: dict[Bundle, None] = {}
        self.path: QPainterPath | None = None
        self.box: tuple[float, float, float, float] | None = None

    def touched(self) -> None:
        self.path, self.box = None, None

    def hairlines(self) -> QPainterPath:
        if self.path is None:
            path = QPainterPath()
            for bundle in self.bundles:
                bundle.add_to(path)
            self.path = path
        return self.path

    def extent(self) -> tuple[float, float, float, float] | None:
        """(left, top, right, bottom) of its bundles' bounds, None when empty."""
        if self.box is None and self.bundles:
            boxes = [bundle.box for bundle in self.bundles]
            self.box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                        max(b[2] for b in boxes), max(b[3] for b in boxes))
        return self.box


class Chunks:
    """The chunks of one layer, filled in order; a bundle taken out leaves room for the next one."""

    def __init__(self) -> None:
        self.chunks: list[Chunk] = []
        self._of: dict[Bundle, Chunk] = {}
        self._room: dict[Chunk, None] = {}  # chunks with room, oldest first

    def fill(self, bundles: Iterable[Bundle]) -> None:
        """All bundles anew (a full build, or every edge moved)."""
        self.chunks, self._of, self._room = [], {}, {}
        for bundle in bundles:
            self.add(bundle)

    def add(self, bundle: Bundle) -> None:
        chunk = next(iter(self._room), None)
        if chunk is None:
            chunk = Chunk()
            self.chunks.append(chunk)
            self._room[chunk] = None
        chunk.bundles[bundle] = None
        chunk.touched()
        self._of[bundle] = chunk
        if len(chunk.bundles) >= CHUNK_SIZE:
            del self._room[chunk]

    def discard(self, bundle: Bundle) -> None:
        chunk = self._of.pop(bundle, None)
        if chunk is None:
            return
        del chunk.bundles[bundle]
        chunk.touched()
        self._room[chunk] = None

    def touch(self, bundle: Bundle) -> None:
        """A bundle placed anew: its chunk's path and extent are made again."""
        chunk = self._of.get(bundle)
        if chunk is not None:
            chunk.touched()

    def rect(self) -> QRectF:
        """The union of the bundles' bounds (a null rectangle when there are none)."""
        boxes = [box for chunk in self.chunks if (box := chunk.extent()) is not None]
        if not boxes:
            return QRectF()
        left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
        right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
        return QRectF(left, top, right - left, bottom - top)

    def stroke(self, painter: QPainter, pen: QPen) -> None:
        for chunk in self.chunks:
            if chunk.bundles:
                painter.strokePath(chunk.hairlines(), pen)


class StyledLines:
    """A layer's straight pieces grouped by how they are drawn (width and support), kept per bundle: a play
    step files only the bundles it changed, and a frame joins each group's pieces in one call."""

    def __init__(self, key: Callable[[Bundle], Hashable]) -> None:
        self.key = key
        self._groups: dict[Hashable, dict[Bundle, list[QLineF]]] = {}
        self._key_of: dict[Bundle, Hashable] = {}
        self._joined: dict[Hashable, list[QLineF]] = {}

    def fill(self, bundles: Iterable[Bundle]) -> None:
        self._groups, self._key_of, self._joined = {}, {}, {}
        for bundle in bundles:
            self.add(bundle)

    def add(self, bundle: Bundle) -> None:
        key = self.key(bundle)
        self._groups.setdefault(key, {})[bundle] = bundle.segments()
        self._key_of[bundle] = key
        self._joined.pop(key, None)

    def discard(self, bundle: Bundle) -> None:
        key = self._key_of.pop(bundle, None)
        if key is None:
            return
        group = self._groups[key]
        del group[bundle]
        if not group:
            del self._groups[key]
        self._joined.pop(key, None)

    def lines(self) -> dict[Hashable, list[QLineF]]:
        """Each group's pieces, as one list (joined again only where a bundle came, went or changed)."""
        for key, group in self._groups.items():
            if key not in self._joined:
                self._joined[key] = list(chain.from_iterable(group.values()))
        return self._joined
