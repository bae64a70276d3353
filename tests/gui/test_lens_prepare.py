"""What the preparation in idle turns keeps for the next lens switch (issue 15) is what a switch would compute
itself: every claim's edge keys, each candidate lens's values, radii and colours, the edge lens's lines per mode;
and after a filter change it is prepared again for the claims shown then (never the stale one)."""

from __future__ import annotations

from gui_helpers import shown_window

from explorer.app import lenses
from explorer.app.lens import EDGE_COLOURS, Lens
from explorer.core.filters import FilterState
from explorer.gui.graph.lens_edges import LensEdgeLayer, _geometry
from explorer.gui.main_window import MainWindow
from explorer.gui.theme import current_theme

CONFLICT = "https://w3id.org/caucasus-explorer/vocab#Conflict"


def _window(qtbot, kb, positions) -> MainWindow:
    return shown_window(qtbot, kb, positions, (1200, 800))


def _prepared(qtbot, win: MainWindow, runs_before: int) -> None:
    """Wait for a preparation started after ``runs_before`` finished ones to finish."""
    preparer = win.lenses.preparer
    qtbot.waitUntil(lambda: preparer.finished > runs_before and not preparer.busy and not win.lenses._pending,
                    timeout=20000)


def _lines(lines: dict) -> dict:
    return {colour: sorted((ln.x1(), ln.y1(), ln.x2(), ln.y2()) for ln in found) for colour, found in lines.items()}


def _check_prepared_equals_computed(win: MainWindow) -> None:
    session, view, scene = win.session, win.lenses, win.scene
    prepared_keys = lenses.kept_edge_keys(session)
    assert prepared_keys is not None, "the edge keys were not prepared for the claims shown"
    assert set(prepared_keys["quad"]) == set(session.visible.claim_set)
    del session.__dict__["_lens_edge_keys"]
    computed_keys = lenses.edge_keys(session)
    assert prepared_keys == computed_keys
    session.__dict__["_lens_edge_keys"] = (lenses._edge_keys_key(session), prepared_keys)  # (the dicts' identity)

    layer = view._kept_edges or view.edge_layer
    assert layer is not None and layer._built_for == _geometry(scene)
    for mode in EDGE_COLOURS:
        if mode == "category":
            continue
        kept = layer._built.get(mode)
        assert kept is not None and kept[0] is prepared_keys[mode], mode
        fresh = LensEdgeLayer(mode, prepared_keys[mode])._bucket(scene.bundles)[0]
        assert _lines(kept[1]) == _lines(fresh), mode

    analysis = lenses.kept_analysis(session)
    assert analysis is not None
    cache = session.__dict__["_lens_values"]
    theme = current_theme().name
    for lens in lenses.candidate_lenses(session.lens):
        values = cache.get((lenses._analysis_key(session), lens))
        assert values is not None, lens
        assert values == lenses._lens_values(session, analysis, lens), lens
        if lens.plain:
            continue
        size, group, radii, colours = view._style_of[(lens.node_size, lens.node_colour, theme)]
        assert size is values.size and group is values.group, lens
        del view._style_of[(lens.node_size, lens.node_colour, theme)]
        fresh_radii, fresh_colours = view._styles(lens, values.size, values.group)
        assert radii == fresh_radii, lens
        assert (None if colours is None else {a: c.rgba() for a, c in colours.items()}) == \
            (None if fresh_colours is None else {a: c.rgba() for a, c in fresh_colours.items()}), lens


def test_a_prepared_lens_is_the_computed_one_and_follows_a_filter(qtbot, kb, positions) -> None:
    win = _window(qtbot, kb, positions)
    lenses.analysis_of(win.session)  # (the window analyses when a lens or the Metrics dock asks for it)
    before = win.lenses.preparer.finished
    win.lenses.prepare()
    _prepared(qtbot, win, before)
    _check_prepared_equals_computed(win)

    # the switch takes the prepared lines, not new ones
    prepared_quad = (win.lenses._kept_edges or win.lenses.edge_layer)._built["quad"][1]
    win.session.set_lens(Lens(edge_colour="quad"))
    qtbot.waitUntil(lambda: win.lenses.edge_layer is not None and not win.lenses._pending, timeout=20000)
    assert win.lenses.edge_layer.lines is prepared_quad

    shown = len(win.session.visible.claim_set)
    before = win.lenses.preparer.finished
    win.session.set_filters(FilterState(categories=frozenset({CONFLICT})))
    assert len(win.session.visible.claim_set) < shown
    _prepared(qtbot, win, before)
    _check_prepared_equals_computed(win)


def test_a_switch_gives_each_stamped_actor_the_outline_of_its_new_size(qtbot, kb, positions, monkeypatch) -> None:
    """restyle writes the actors' attributes in bulk (lens_nodes): radius, outline and bounds stay together."""
    from explorer.gui.graph import lens_nodes
    from explorer.gui.graph import scene as scene_module
    from explorer.gui.graph import view as view_module
    from explorer.gui.style import node_path

    monkeypatch.setattr(scene_module, "NODE_CACHE_MAX", 1)  # stamped, as a 10k-actor scene is
    monkeypatch.setattr(view_module, "NODE_CACHE_MAX", 1)
    win = _window(qtbot, kb, positions)
    assert win.scene.batched
    for lens in (Lens(node_size="betweenness", node_colour="bloc"), Lens(), Lens(node_size="claims")):
        win.session.set_lens(lens)
        qtbot.waitUntil(lambda lens=lens: win.session.lens == lens and not win.lenses._pending
                        and not tuple(lens_nodes.pending(win.scene)), timeout=20000)
        sizes = {round(node.radius, 2) for node in win.scene.nodes.values()}
        assert len(sizes) > 2, lens
        for iri, node in win.scene.nodes.items():
            expected = node_path(node.actor.kind, node.radius).boundingRect()
            assert node.outline_rect == expected, (lens, iri)
            assert node.outline.boundingRect() == expected, (lens, iri)
