"""A lens's sizes and colours applied to every actor of the scene at once, within a frame at 10k actors.

A lens switch used to call NodeItem.apply_lens ten thousand times: a geometry change, an update and a
repaint of its own per actor (0.1-0.3 s). Here the switch sets each actor's colour, radius and outline as
plain attributes (outlines shared per kind and radius, radii in quarter units), and the scene's NodeLayer,
which stamps actors by kind, radius and colour, draws the new picture on the next paint. What Qt needs
to know of a bigger or smaller actor (its bounding box, for the mouse and the scene's index) follows over
the next turns of the event loop, a few thousand actors a turn (:func:`settle`); actors that paint
themselves (labelled, selected, pinned) and every actor of a small scene change at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor

from explorer.core.placement import node_radius
from explorer.gui.style import kind_colour, node_path

if TYPE_CHECKING:
    from explorer.gui.graph.nodes import NodeItem

#: Actors whose bounding box is brought up to date per turn of the event loop after a switch.
SETTLE_STEP = 2500


def quantised(radius: float) -> float:
    """A lens radius in quarter units: outlines and stamps are shared among actors of one kind and size."""
    return round(radius * 4) / 4


def _outline(kind: str, radius: float) -> tuple[Any, Any]:
    path = node_path(kind, radius)  # (cached per kind and radius)
    return path, path.boundingRect()


def plain_style(scene: Any) -> tuple[dict[str, float], dict[str, QColor]]:
    """Every actor's usual radius (by degree) and colour (by kind), kept for the scene's actors."""
    nodes = scene.nodes
    kept = scene.__dict__.get("_lens_plain")
    if kept is not None and kept[0] is nodes and len(kept[1]) == len(nodes):
        return kept[1], kept[2]
    by_degree: dict[int, float] = {}
    by_kind: dict[str, QColor] = {}
    radii, colours = {}, {}
    for iri, node in nodes.items():
        radius = by_degree.get(node.degree)
        if radius is None:
            radius = by_degree[node.degree] = node_radius(node.degree)
        kind = node.actor.kind
        colour = by_kind.get(kind)
        if colour is None:
            colour = by_kind[kind] = kind_colour(kind)
        radii[iri], colours[iri] = radius, colour
    scene.__dict__["_lens_plain"] = (nodes, radii, colours)
    return radii, colours


def restyle(scene: Any, radii: Mapping[str, float] | None, colours: Mapping[str, QColor] | None) -> int:
    """Size every actor of ``scene`` by ``radii`` (None: by degree; else a radius per actor of the scene, in
    :func:`quantised` units) and colour it by ``colours`` (None: by kind; else a colour per actor); say how many
    actors still wait for their bounding box (:func:`settle`). Colours shared among actors (one QColor per group)
    are compared by identity: a switch touches only the actors it changes."""
    nodes: dict[str, NodeItem] = scene.nodes
    stale: dict[NodeItem, None] = scene.__dict__.setdefault("_lens_stale", {})
    usual_radii, usual_colours = plain_style(scene)
    lensed = colours is not None
    radius_of = usual_radii if radii is None else radii
    colour_of = usual_colours if colours is None else colours
    outlines: dict[tuple[str, float], tuple[Any, Any]] = {}
    batched = bool(scene.batched)
    changed = False
    for iri, node in nodes.items():
        radius, colour = radius_of[iri], colour_of[iri]
        if colour is node.colour and radius == node.radius:
            continue
        changed = True
        if not batched or node.paints_itself:
            node.apply_lens(radius, colour)  # what Qt draws of it changes now
            node.colour = colour  # (shared: the next switch compares it by identity)
            node.lens_coloured = lensed
            continue
        node.colour = colour
        node.lens_coloured = lensed
        if radius != node.radius:
            node.radius = radius
            kind = node.actor.kind
            outline = outlines.get((kind, radius))
            if outline is None:
                outline = outlines[(kind, radius)] = _outline(kind, radius)
            node.outline, node.outline_rect = outline
            stale[node] = None  # its bounding box still the old one: see settle
    if changed:
        scene.node_layer.mark_dirty()
        scene.actors_resized()
        scene.update()
    return len(stale)


def settle(scene: Any, budget: int = SETTLE_STEP) -> int:
    """Bring up to ``budget`` actors' bounding boxes to their new size; say how many still wait."""
    stale: dict[NodeItem, None] = scene.__dict__.get("_lens_stale", {})
    done: list[NodeItem] = []
    nodes = scene.nodes
    for node in stale:
        if len(done) >= budget:
            break
        done.append(node)
    for node in done:
        del stale[node]
        if nodes.get(node.iri) is node:  # (not an actor of a graph shown before)
            node.prepareGeometryChange()
            node._refresh_bounds()
    return len(stale)


def pending(scene: Any) -> Iterable[NodeItem]:
    """The actors whose bounding box is not yet their new size (tests)."""
    return tuple(scene.__dict__.get("_lens_stale", {}))
