"""What the graph's items need from the scene that holds them.

The items (:mod:`.edges`, :mod:`.nodes`) are typed against :class:`SceneHost`, never against
GraphScene, which imports them: nothing here imports an item, the scene or the view. The scene's
actor item is a type parameter (GraphScene is a ``SceneHost[NodeItem]``) for the same reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeVar

if TYPE_CHECKING:
    from PySide6.QtCore import QPointF, SignalInstance
    from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
    from PySide6.QtWidgets import QGraphicsItem

NodeT = TypeVar("NodeT")


class Row(NamedTuple, Generic[NodeT]):
    """A visible actor's place as plain floats: its outline's scene rectangle, centre, radius and
    label size in pixels."""

    left: float
    top: float
    right: float
    bottom: float
    x: float
    y: float
    radius: float
    label_w: float
    label_h: float
    node: NodeT


class NodeBatch(Protocol):
    """The item that draws a batched scene's plain actors (a NodeLayer)."""

    #: bumped by every mark_dirty
    changes: int

    def mark_dirty(self) -> None: ...


class SceneHost(Protocol[NodeT]):
    """The scene as its items see it: style, lookups, and what they tell it."""

    #: a large scene: plain actors are drawn by ``node_layer``, not each by itself
    batched: bool
    #: the palette's colours by role: "text", "outline", "highlight", "highlighted_text", "halo", "base"
    colours: dict[str, QColor]
    label_font: QFont
    bold_font: QFont
    #: in a batched scene, the actors that paint themselves
    own_nodes: set[NodeT]
    #: True while a view draws the actors alone: the edges paint nothing
    actors_only: bool

    @property
    def node_layer(self) -> NodeBatch: ...

    @property
    def actorActivated(self) -> SignalInstance: ...

    def metrics(self, bold: bool) -> QFontMetricsF: ...

    def radius_of(self, iri: str) -> float: ...

    def edge_count(self) -> int: ...

    def visible_rows(self) -> list[Row[NodeT]]: ...

    def all_rows(self) -> list[Row[NodeT]]: ...

    def draw_badge(self, painter: QPainter, pos: QPointF, count: int, colour: QColor, lod: float) -> None: ...

    def selectedItems(self) -> list[QGraphicsItem]: ...

    def nodes_moved(self, nodes: Iterable[NodeT]) -> None: ...

    def set_hover(self, iri: str | None) -> None: ...
