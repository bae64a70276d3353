"""A lens switched to, after other lenses, draws the same picture as a window built fresh under that lens:
each actor's size, colour, bounding box and stamp, and each edge's colour (issue 15: switches reuse kept
lens values and edge lines, and actors' bounding boxes follow a turn later, so stale state would show)."""

from __future__ import annotations

import pytest
from gui_helpers import shown_window

from explorer.app.edge_lens import edge_colour
from explorer.app.lens import Lens
from explorer.app.lenses import lens_values
from explorer.core.placement import node_radius
from explorer.gui.graph import lens_nodes
from explorer.gui.graph import scene as scene_module
from explorer.gui.graph import view as view_module
from explorer.gui.graph.lens_nodes import quantised
from explorer.gui.lens_view import MAX_RADIUS, MIN_RADIUS, group_colour
from explorer.gui.main_window import MainWindow
from explorer.gui.style import kind_colour
from explorer.gui.theme import current_theme

SEQUENCE = [Lens(node_colour="community"), Lens(node_size="betweenness", node_colour="bloc"),
            Lens(edge_colour="quad"), Lens(edge_colour="intensity"), Lens(node_size="pagerank", edge_colour="event"),
            Lens(),
            Lens(node_colour="community", edge_colour="quad"), Lens(node_size="claims", node_colour="bloc")]


@pytest.fixture()
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled graph drawn as a large one is (stamped by the NodeLayer: the path a 10k switch takes)."""
    monkeypatch.setattr(scene_module, "NODE_CACHE_MAX", 1)
    monkeypatch.setattr(view_module, "NODE_CACHE_MAX", 1)


def _open(qtbot, kb, positions, lens: Lens | None = None) -> MainWindow:
    win = shown_window(qtbot, kb, positions, (1200, 800))
    if lens is not None:
        win.session.set_lens(lens)
    return win


def _settled(win: MainWindow, lens: Lens) -> bool:
    lenses = win.lenses
    edges_done = (lens.edge_colour == "category") == (lenses.edge_layer is None)
    return (edges_done and not lenses._pending and not tuple(lens_nodes.pending(win.scene))
            and win.session.lens == lens)


def _rounded(rect) -> tuple[float, ...]:
    return tuple(round(v, 3) for v in rect.getRect())


def _picture(win: MainWindow) -> tuple[dict, dict]:
    """Per actor: radius, fill and lens flag; per edge: its colour. Checks on the way that what Qt and the
    NodeLayer hold of each actor agree with it: its bounding box fits its outline, its stamp has its fill."""
    scene = win.scene
    scene.node_layer.rebuild()
    stamped = {}
    for _bounds, groups in scene.node_layer.tiles:
        for (_kind, radius, fill), xy in groups.items():
            for i in range(0, len(xy), 2):
                stamped[(round(xy[i], 3), round(xy[i + 1], 3))] = (radius, fill)
    actors = {}
    for iri, node in scene.nodes.items():
        outline = node.outline.boundingRect().adjusted(-4, -4, 4, 4)
        box = node.boundingRect()
        assert box.adjusted(-0.01, -0.01, 0.01, 0.01).contains(outline), iri
        assert node.label_visible or _rounded(box) == _rounded(outline), iri
        if scene.batched and not node.paints_itself and node.isVisible() and not node.pinned:
            where = (round(node.pos().x(), 3), round(node.pos().y(), 3))
            assert stamped.get(where) == (node.radius, node.colour.rgba()), iri
        actors[iri] = (node.radius, node.colour.rgba(), node.lens_coloured)
    layer = win.lenses.edge_layer
    edges = {(b.a, b.b, b.category): layer.colour(b) if layer is not None else b.category for b in scene.bundles}
    return actors, edges


def _expected_actors(win: MainWindow) -> dict:
    """What the lens values say each actor looks like, worked out here from the formulas."""
    values = lens_values(win.session)
    lens = win.session.lens
    out = {}
    for iri, node in win.scene.nodes.items():
        radius = node_radius(node.degree) if lens.node_size == "degree" else \
            quantised(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * values.size.get(iri, 0.0) ** 0.5)
        by_group = lens.node_colour != "type"
        colour = group_colour(values.group.get(iri)) if by_group else kind_colour(node.actor.kind)
        out[iri] = (radius, colour.rgba(), by_group)
    return out


def _expected_edges(win: MainWindow) -> dict:
    values = lens_values(win.session)
    mode = win.session.lens.edge_colour
    return {(b.a, b.b, b.category): edge_colour(mode, [values.edge_key.get(c, "") for c in b.claims], current_theme())
            for b in win.scene.bundles}


@pytest.mark.parametrize("batched", [True, False], ids=["stamped", "items"])
def test_a_switched_lens_draws_what_a_fresh_window_under_it_draws(qtbot, kb, positions, batched: bool,
                                                                   request: pytest.FixtureRequest) -> None:
    if batched:
        request.getfixturevalue("small_batches")
    win = _open(qtbot, kb, positions)
    assert win.scene.batched == batched
    for lens in SEQUENCE:
        win.session.set_lens(lens)
        qtbot.waitUntil(lambda lens=lens: _settled(win, lens), timeout=20000)
        fresh = _open(qtbot, kb, positions, lens)
        qtbot.waitUntil(lambda lens=lens, fresh=fresh: _settled(fresh, lens), timeout=20000)
        switched_actors, switched_edges = _picture(win)
        fresh_actors, fresh_edges = _picture(fresh)
        differing = [iri for iri in fresh_actors if switched_actors.get(iri) != fresh_actors[iri]]
        assert not differing, (lens, differing[:3], [(switched_actors.get(i), fresh_actors[i]) for i in differing[:3]])
        assert switched_edges == fresh_edges, lens
        assert switched_actors == _expected_actors(win), lens
        if lens.edge_colour != "category":
            assert switched_edges == _expected_edges(win), lens
        fresh.close()
