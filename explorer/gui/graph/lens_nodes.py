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
from explorer.gui.style import node_bounds, node_path, shared_kind_colour

if TYPE_CHECKING:
    from explorer.gui.graph.nodes import NodeItem

#: Actors whose bounding box is brought up to date per turn of the event loop after a switch.
SETTLE_STEP = 2500


def quantised(radius: float) -> float:
    """A lens radius in quarter units: outlines and stamps are shared among actors of one kind and size."""
    return round(radius * 4) / 4


#: each kind's outline and its bounds per radius, shared by every scene (node_path caches the paths)
_OUTLINES: dict[tuple[str, float], tuple[Any, Any]] = {}


def _outline(kind: str, radius: float) -> tuple[Any, Any]:
    found = _OUTLINES.get((kind, radius))
    if found is None:
        if len(_OUTLINES) > 4096:
            _OUTLINES.clear()
        path = node_path(kind, radius)  # (cached per kind and radius)
        found = _OUTLINES[(kind, radius)] = (path, node_bounds(kind, radius))
    return found


def _table(scene: Any) -> tuple[list[str], list[NodeItem], list[dict[str, Any]], list[str]]:
    """The scene's actors as aligned lists (IRIs, items, their attribute dicts, kinds), kept for its actors: the
    switch's loop reads and writes plain dicts, not Qt wrappers' attributes."""
    nodes = scene.nodes
    kept = scene.__dict__.get("_lens_table")
    if kept is not None and kept[0] is nodes and len(kept[1][0]) == len(nodes):
        return kept[1]  # type: ignore[no-any-return]
    items = list(nodes.values())
    table = (list(nodes), items, [node.__dict__ for node in items], [node.actor.kind for node in items])
    scene.__dict__["_lens_table"] = (nodes, table)
    return table


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
            colour = by_kind[kind] = shared_kind_colour(kind)
        radii[iri], colours[iri] = radius, colour
    scene.__dict__["_lens_plain"] = (nodes, radii, colours)
    return radii, colours


def restyle(scene: Any, radii: Mapping[str, float] | None, colours: Mapping[str, QColor] | None) -> int:
    """Size every actor of ``scene`` by ``radii`` (None: by degree; else a radius per actor of the scene, in
    :func:`quantised` units) and colour it by ``colours`` (None: by kind; else a colour per actor); say how many
    actors still wait for their bounding box (:func:`settle`). Colours shared among actors (one QColor per group)
    are compared by identity: a switch touches only the actors it changes."""
    stale: dict[NodeItem, None] = scene.__dict__.setdefault("_lens_stale", {})
    usual_radii, usual_colours = plain_style(scene)
    iris, items, states, kinds = _table(scene)
    lensed = colours is not None
    radius_of = usual_radii if radii is None else radii
    colour_of = usual_colours if colours is None else colours
    new_radii = list(map(radius_of.__getitem__, iris))
    new_colours = list(map(colour_of.__getitem__, iris))
    batched = bool(scene.batched)
    changed = False
    for state, radius, colour, node, kind in zip(states, new_radii, new_colours, items, kinds, strict=True):
        if colour is state["colour"] and radius == state["radius"]:
            continue
        changed = True
        if not batched or state["paints_itself"]:
            node.apply_lens(radius, colour)  # what Qt draws of it changes now
            state["colour"] = colour  # (shared: the next switch compares it by identity)
            state["lens_coloured"] = lensed
        elif radius != state["radius"]:
            outline, bounds = _OUTLINES.get((kind, radius)) or _outline(kind, radius)
            state["colour"] = colour
            state["lens_coloured"] = lensed
            state["radius"] = radius
            state["outline"] = outline
            state["outline_rect"] = bounds
            stale[node] = None  # its bounding box still the old one: see settle
        else:
            state["colour"] = colour
            state["lens_coloured"] = lensed
    if changed:
        scene.node_layer.mark_dirty()
        scene.actors_resized()
        scene.update()
    return len(stale)


def prepare(scene: Any, radii: Mapping[str, float] | None) -> None:
    """What a switch to these radii needs of the scene ahead of it: its table of actors, the usual style and the
    outlines of each kind at each radius."""
    usual_radii, _colours = plain_style(scene)
    iris, _items, _states, kinds = _table(scene)
    radii = usual_radii if radii is None else radii  # (back to the usual sizes needs their outlines too)
    for kind, radius in {(kind, radii[iri]) for iri, kind in zip(iris, kinds, strict=True) if iri in radii}:
        _outline(kind, radius)


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
