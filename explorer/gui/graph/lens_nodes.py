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

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from itertools import compress, filterfalse
from operator import is_, is_not, ne, or_
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtGui import QColor

from explorer.core.placement import node_radius
from explorer.gui.style import node_bounds, node_path, shared_kind_colour

if TYPE_CHECKING:
    from explorer.gui.graph.nodes import NodeItem

T = TypeVar("T")

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


def _kept(scene: Any, name: str, holds: tuple[Any, ...], make: Callable[[], T]) -> T:
    """``make()``, kept in the scene under ``name`` while it is asked for with the same objects ``holds`` (by
    identity: the entry holds them, so their ids are not reused meanwhile)."""
    kept = scene.__dict__.get(name)
    if kept is None or not _same(kept[0], holds):
        kept = scene.__dict__[name] = (holds, make())
    return kept[1]  # type: ignore[no-any-return]


def _kept_among(scene: Any, name: str, holds: tuple[Any, ...], make: Callable[[], T]) -> T:
    """:func:`_kept` with up to 32 entries under ``name`` (one per lens value, say), the oldest dropped together."""
    entries: dict[tuple[int, ...], tuple[tuple[Any, ...], Any]] = scene.__dict__.setdefault(name, {})
    key = tuple(map(id, holds))
    found = entries.get(key)
    if found is not None and _same(found[0], holds):
        return found[1]  # type: ignore[no-any-return]
    if len(entries) >= 32:
        entries.clear()
    value = make()
    entries[key] = (holds, value)
    return value


def _same(kept: tuple[Any, ...], holds: tuple[Any, ...]) -> bool:
    return len(kept) == len(holds) and all(map(is_, kept, holds))


def _aligned(scene: Any, table: tuple[Any, ...], mapping: Mapping[str, Any]) -> list[Any]:
    """``mapping``'s values in the order of the scene's actors, kept per mapping (a radius or colour by IRI for
    40k actors is 4-10 ms of lookups: made ahead of a switch by :func:`prepare`)."""

    def make() -> list[Any]:
        values = list(map(mapping.__getitem__, table[0]))
        if values and isinstance(values[0], float):  # radii: one float object per size (comparisons stay in cache)
            one: dict[float, float] = {}
            values = list(map(one.setdefault, values, values))
        return values

    return _kept_among(scene, "_lens_aligned", (mapping, table), make)


def _applied(scene: Any, table: tuple[Any, ...]) -> list[list[Any]]:
    """Each actor's radius and colour as last given, aligned with the table ([radii, colours]): a switch compares
    two lists instead of reading 40k actors' attributes. Only :func:`restyle` changes them after an actor is made
    (it puts in the lists it applied, kept lists never changed in place)."""
    states = table[2]
    return _kept(scene, "_lens_applied", (table,), lambda: [[state["radius"] for state in states],
                                                            [state["colour"] for state in states]])


def _style_list(scene: Any, table: tuple[Any, ...], radii: list[float], colours: list[Any],
                lensed: bool) -> list[dict[str, Any]]:
    """Per actor, the attributes it takes from these aligned radii and colours (one dict shared by the actors of
    a kind, radius and colour), kept per pair of lists: a switch then updates each actor's attributes in C."""

    def make() -> list[dict[str, Any]]:
        shared: dict[tuple[str, float, int], dict[str, Any]] = {}
        styles = []
        for kind, radius, colour in zip(table[3], radii, colours, strict=True):
            style = shared.get((kind, radius, id(colour)))
            if style is None:
                outline, bounds = _OUTLINES.get((kind, radius)) or _outline(kind, radius)
                style = shared[(kind, radius, id(colour))] = {"colour": colour, "lens_coloured": lensed,
                                                              "radius": radius, "outline": outline,
                                                              "outline_rect": bounds}
            styles.append(style)
        return styles

    return _kept_among(scene, "_lens_styles", (radii, colours, table, lensed), make)


def restyle(scene: Any, radii: Mapping[str, float] | None, colours: Mapping[str, QColor] | None) -> int:
    """Size every actor of ``scene`` by ``radii`` (None: by degree; else a radius per actor of the scene, in
    :func:`quantised` units) and colour it by ``colours`` (None: by kind; else a colour per actor); say how many
    actors still wait for their bounding box (:func:`settle`). Colours shared among actors (one QColor per group)
    are compared by identity: a switch touches only the actors it changes.

    Every pass over the actors is a C loop (map, compress, dict.update) over lists kept ahead of the switch
    (:func:`prepare`): at 40k actors a Python loop took 14 ms only to find that nothing changed, and 35-45 ms
    to give every actor its usual size back."""
    usual_radii, usual_colours = plain_style(scene)
    table = _table(scene)
    stale = _stale(scene, table)
    _iris, items, states, _kinds = table
    lensed = colours is not None
    new_radii = _aligned(scene, table, usual_radii if radii is None else radii)
    new_colours = _aligned(scene, table, usual_colours if colours is None else colours)
    applied = _applied(scene, table)
    old_radii, old_colours = applied
    changed = list(compress(range(len(states)), map(or_, map(ne, new_radii, old_radii),
                                                    map(is_not, new_colours, old_colours))))
    if not changed:
        return len(stale)
    if scene.batched:  # actors that paint themselves (labelled, selected, pinned) change at once, the rest below
        position = _positions(scene, table)
        painting = {position[node] for node in scene.own_nodes if node in position}
        own = [i for i in painting if new_radii[i] != old_radii[i] or new_colours[i] is not old_colours[i]]
        drawn = list(filterfalse(painting.__contains__, changed)) if painting else changed
    else:
        own, drawn = changed, []
    for i in own:
        items[i].apply_lens(new_radii[i], new_colours[i])  # what Qt draws of it changes now
        state = states[i]
        state["colour"] = new_colours[i]  # (shared: the next switch compares it by identity)
        state["lens_coloured"] = lensed
    if drawn:
        styles = _style_list(scene, table, new_radii, new_colours, lensed)
        resized = compress(drawn, map(ne, map(new_radii.__getitem__, drawn), map(old_radii.__getitem__, drawn)))
        stale.extend(resized)  # their bounding boxes still the old ones: see settle
        deque(map(dict.update, map(states.__getitem__, drawn), map(styles.__getitem__, drawn)), maxlen=0)
    applied[:] = [new_radii, new_colours]
    scene.node_layer.mark_dirty()
    scene.actors_resized()
    scene.update()
    return len(stale)


def prepare(scene: Any, radii: Mapping[str, float] | None, colours: Mapping[str, QColor] | None = None) -> None:
    """What a switch to these radii and colours needs of the scene ahead of it: its table of actors, the usual
    style, the outlines of each kind at each radius, and the radii and colours in the table's order."""
    usual_radii, usual_colours = plain_style(scene)
    table = _table(scene)
    iris, _items, _states, kinds = table
    radii = usual_radii if radii is None else radii  # (back to the usual sizes needs their outlines too)
    for kind, radius in {(kind, radii[iri]) for iri, kind in zip(iris, kinds, strict=True) if iri in radii}:
        _outline(kind, radius)
    _applied(scene, table)
    _positions(scene, table)
    if all(iri in radii for iri in iris) and (colours is None or all(iri in colours for iri in iris)):
        _style_list(scene, table, _aligned(scene, table, radii),
                    _aligned(scene, table, usual_colours if colours is None else colours), colours is not None)


def _stale(scene: Any, table: tuple[Any, ...]) -> list[int]:
    """The positions in the table of the actors whose bounding box is not yet their new size (positions, not items:
    hashing 40k Qt wrappers took 8 ms of a switch; an actor twice is brought up to date twice); an older graph's
    are dropped with its table."""
    return _kept(scene, "_lens_stale", (table,), list)


def _positions(scene: Any, table: tuple[Any, ...]) -> dict[Any, int]:
    """Each actor's position in the table (for the few that paint themselves), kept with the table."""
    return _kept(scene, "_lens_positions", (table,), lambda: dict(zip(table[1], range(len(table[1])), strict=True)))


def settle(scene: Any, budget: int = SETTLE_STEP) -> int:
    """Bring up to ``budget`` actors' bounding boxes to their new size; say how many still wait."""
    kept = scene.__dict__.get("_lens_stale")  # (as _stale keeps it: (the table,), positions)
    if kept is None:
        return 0
    (table,), stale = kept
    items, nodes = table[1], scene.nodes
    done = stale[-budget:] if budget > 0 else []
    del stale[len(stale) - len(done):]
    for i in done:
        node = items[i]
        if nodes.get(node.iri) is node:  # (not an actor of a graph shown before)
            node.prepareGeometryChange()
            node._refresh_bounds()
    return len(stale)


def pending(scene: Any) -> Iterable[NodeItem]:
    """The actors whose bounding box is not yet their new size (tests)."""
    kept = scene.__dict__.get("_lens_stale")  # (see _stale)
    return () if kept is None else tuple(dict.fromkeys(map(kept[0][0][1].__getitem__, kept[1])))
