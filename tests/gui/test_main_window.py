"""The main window as a user drives it: clicks, search, filters, focus, paths, reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import ACTOR, linked_actors, view_point
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

from explorer.core.filters import visible
from explorer.gui.find_completer import ALSO_ROLE, IRI_ROLE, LABEL_ROLE
from explorer.gui.graph.nodes import NodeItem
from explorer.gui.graph.view import PICK_TOLERANCE_PX
from explorer.gui.main_window import MainWindow
from explorer.gui.models import Role
from explorer.resources import seeds_dir

CLAIM = "https://w3id.org/caucasus-explorer/claim/"
RUSSIA, CSTO, LAVROV = ACTOR + "Russia", ACTOR + "CSTO", ACTOR + "SergeiLavrov"


def passages(model, claim: str) -> list[QModelIndex]:
    row = model.index_of_claim(claim)
    assert row.isValid(), f"{claim} is not listed"
    return [model.index(i, 0, row) for i in range(model.rowCount(row))]


def click_actor(qtbot, win: MainWindow, iri: str) -> None:
    node = win.scene.node(iri)
    assert node is not None and node.isVisible()
    pos = view_point(win, node.scenePos())
    assert win.view.viewport().rect().contains(pos), "the actor is outside the fitted view"
    assert isinstance(win.view.itemAt(pos), NodeItem) and win.view.itemAt(pos).iri == iri
    qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_clicking_russia_lists_its_csto_claim_with_a_verbatim_passage(qtbot, kb) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    with qtbot.waitSignal(win.graphShown, timeout=60000):
        win.load_bundled()
    assert len(win.scene.nodes) == len(kb.actors)
    assert "bundled graph" in win.windowTitle()
    assert f"{len(kb.claims)} of {len(kb.claims)} claims" in win.counts.text()
    click_actor(qtbot, win, RUSSIA)
    assert win.scene.selected_actor() == RUSSIA
    assert win.evidence.title.text() == "Russia"
    model = win.evidence.model
    claim = CLAIM + "Russia_leads_CSTO"
    assert claim in model.claims()
    assert {kb.claims[claim].subject, kb.claims[claim].object} == {RUSSIA, CSTO}
    rows = passages(model, claim)
    assert rows
    for index in rows:
        ctx = index.data(Role.CONTEXT)
        ev = ctx.evidence
        seed = (seeds_dir() / ctx.article.seed_file).read_text(encoding="utf-8")
        assert index.data(Role.QUOTE) == seed[ev.start : ev.end] == ev.exact
        shown = index.data(Qt.ItemDataRole.DisplayRole).removeprefix("… ").removesuffix(" …")
        assert shown in seed
        assert ctx.verified
    # every claim listed involves Russia, and every claim of Russia is listed
    assert set(model.claims()) == {c.iri for c in kb.claims_of(RUSSIA)}


def test_clicking_an_edge_shows_its_claims(qtbot, window: MainWindow, kb) -> None:
    bundle = next(b for b in window.scene.bundles if {b.a, b.b} == {RUSSIA, CSTO})
    # a point on the drawn edge that no node and no other edge covers (layouts change with the data)
    tolerance = PICK_TOLERANCE_PX / window.view.scale_factor()
    points = [view_point(window, bundle.point_at(t / 40)) for t in range(6, 35)]
    free = [p for p in points if not isinstance(window.view.itemAt(p), NodeItem)
            and window.scene.bundle_at(window.view.mapToScene(p), tolerance) is bundle]
    assert free, "some of the edge is visible between the nodes"
    pos = free[len(free) // 2]
    with qtbot.waitSignal(window.scene.bundleSelected) as picked:
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert set(picked.args[0]) == set(bundle.claims)
    assert set(window.evidence.model.claims()) == set(bundle.claims)
    assert window.scene.selected_bundles == [bundle]
    assert any(stroke.bundle is bundle for stroke in window.scene.overlay.strokes)


def test_a_claim_chosen_in_the_panel_highlights_its_edge(qtbot, window: MainWindow) -> None:
    window.select_actor(RUSSIA)
    claim = CLAIM + "Russia_leads_CSTO"
    assert window.evidence.select_claim(claim)
    bundle = window.scene.bundles_of([claim])[0]
    assert window.scene.selected_bundles == [bundle]
    assert {bundle.a, bundle.b} == {RUSSIA, CSTO}


def test_find_completes_aliases_and_centres_the_actor(qtbot, window: MainWindow) -> None:
    window.view.zoom_by(3.0)
    window.find_action.trigger()
    assert window.find_edit.hasFocus() or window.focusWidget() is window.find_edit
    qtbot.keyClicks(window.find_edit, "Collective Security")
    window.completer.setCompletionPrefix("Collective Security")
    assert window.completer.currentIndex().data(IRI_ROLE) == CSTO
    assert window.completer.pathFromIndex(window.completer.currentIndex()) == "CSTO"
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Return)
    assert window.scene.selected_actor() == CSTO
    node = window.scene.node(CSTO)
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert abs(centre.x() - node.scenePos().x()) < 3 / window.view.scale_factor() + 1
    assert abs(centre.y() - node.scenePos().y()) < 3 / window.view.scale_factor() + 1
    assert window.evidence.title.text() == "CSTO"


def test_find_shortcut_is_the_standard_one(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    assert window.find_action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Find)


def uncheck(model, key: str) -> None:
    assert model.set_checked(key, False)


def test_category_filter_changes_what_is_visible(qtbot, window: MainWindow, kb) -> None:
    conflict = next(c for c in kb.categories.values() if c.label == "conflict").iri
    with qtbot.waitSignal(window.filtersApplied):
        uncheck(window.filters.categories, conflict)
    shown = window.session.visible.claims
    assert shown and len(shown) < len(kb.claims)
    assert all(kb.relations[kb.claims[c].predicate].category != conflict for c in shown)
    assert not window.scene.layers[conflict].bundles
    assert f"{len(shown)} of {len(kb.claims)} claims" in window.counts.text()


def test_kind_filter_hides_people(qtbot, window: MainWindow, kb) -> None:
    with qtbot.waitSignal(window.filtersApplied):
        uncheck(window.filters.kinds, "person")
    people = [a for a in kb.actors.values() if a.kind == "person"]
    assert people
    assert not any(window.scene.node(p.iri).isVisible() for p in people)
    assert window.scene.node(RUSSIA).isVisible()


def test_source_filter_by_article_and_by_publisher(qtbot, window: MainWindow, kb) -> None:
    a004 = "https://w3id.org/caucasus-explorer/article/a004"
    with qtbot.waitSignal(window.filtersApplied):
        uncheck(window.filters.sources, a004)
    assert 0 < len(window.session.visible.claims) < len(kb.claims)
    for claim in window.session.visible.claims:
        assert any(kb.evidence[e].article != a004 for e in kb.claims[claim].evidence)
    # unchecking a publisher unchecks its articles
    window.filters.reset()
    group = next(
        window.filters.sources.item(r)
        for r in range(window.filters.sources.rowCount())
        if window.filters.sources.item(r).text() == "commonspace.eu"
    )
    with qtbot.waitSignal(window.filtersApplied):
        group.setCheckState(Qt.CheckState.Unchecked)
    state = window.session.filters
    assert state.articles is not None
    assert all(kb.articles[a].publisher != "commonspace.eu" for a in state.articles)


def test_focus_mode_shows_one_or_two_hops(qtbot, window: MainWindow, kb) -> None:
    from explorer.core.network import neighbourhood

    window.select_actor(ACTOR + "Armenia")
    with qtbot.waitSignal(window.filtersApplied):
        window.filters.focus_box.setChecked(True)
    one = window.session.visible.actors
    assert one == neighbourhood(kb, ACTOR + "Armenia", 1)
    with qtbot.waitSignal(window.filtersApplied):
        window.filters.hops.setValue(2)
    two = window.session.visible.actors
    assert two == neighbourhood(kb, ACTOR + "Armenia", 2)
    assert len(two) > len(one)
    assert all(window.scene.node(a).isVisible() == (a in two) for a in kb.actors)
    with qtbot.waitSignal(window.filtersApplied):
        window.filters.focus_box.setChecked(False)
    assert window.session.visible.actors == linked_actors(kb)


def test_path_between_two_actors_with_evidence_per_step(qtbot, window: MainWindow, kb) -> None:
    window.filters.path_from.setCurrentText("Kazakhstan")
    window.filters.path_to.setCurrentText("Georgia")
    with qtbot.waitSignal(window.filters.pathRequested):
        qtbot.mouseClick(window.filters.path_button, Qt.MouseButton.LeftButton)
    paths = window.session.paths
    assert paths
    first = paths[0]
    assert first[0].source == ACTOR + "Kazakhstan" and first[-1].target == ACTOR + "Georgia"
    assert all(step.claims for step in first)
    assert window.filters.paths.rowCount() == len(paths)
    # the first path is shown: one group per step, with the passages for its claims
    model = window.evidence.model
    assert model.rowCount() == len(first)
    assert set(model.claims()) == {c.iri for s in first for c in s.claims}
    assert window.scene.path_bundles
    assert window.scene.path_actors == {first[0].source, *(s.target for s in first)}


def test_clicking_a_passage_opens_the_article_at_the_quote(qtbot, window: MainWindow, kb) -> None:
    window.select_actor(RUSSIA)
    rows = passages(window.evidence.model, CLAIM + "Russia_leads_CSTO")
    tree = window.evidence.tree
    tree.scrollTo(rows[0], QAbstractItemView.ScrollHint.PositionAtCenter)
    rect = tree.visualRect(rows[0])
    assert rect.isValid()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = window.reader
    assert reader.isVisible()
    ev = rows[0].data(Role.CONTEXT).evidence
    assert reader.marked_text() == ev.exact
    assert reader.text.textCursor().position() == ev.start
    assert reader.heading.text() == kb.articles[ev.article].title
    # the quote is on screen
    cursor_rect = reader.text.cursorRect()
    assert reader.text.viewport().rect().contains(cursor_rect.center())


def test_labels_are_readable_at_the_default_zoom(qtbot, window: MainWindow) -> None:
    """No two labels placed by the planner overlap, and at 1600x1000 most of the main actors are labelled (a
    hub whose neighbours crowd every place round it is left out rather than cover them: its name is in its
    tooltip, and a zoom brings it back)."""
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600)
    window.fit_action.trigger()
    window.view.plan_labels()
    view = window.view
    shown = [n for n in window.scene.visible_nodes() if n.label_visible]
    rects = [view.mapFromScene(n.mapRectToScene(n.label_rect())).boundingRect() for n in shown]
    port = view.viewport().rect()
    # the main actors: the major ones (by number of claims, so the list follows the curated data)
    majors = [n for n in window.scene.visible_nodes() if n.major]
    assert {"Russia", "Armenia", "Azerbaijan"} <= {n.actor.label for n in majors}
    for node in majors:
        assert port.contains(view.mapFromScene(node.scenePos()))
    assert sum(node in shown for node in majors) >= 0.75 * len(majors)
    overlapping = [
        (a.actor.label, b.actor.label)
        for i, a in enumerate(shown)
        for j, b in enumerate(shown)
        if i < j and rects[i].adjusted(1, 1, -1, -1).intersects(rects[j].adjusted(1, 1, -1, -1))
    ]
    assert overlapping == []
    assert len(shown) >= 0.6 * len(window.scene.visible_nodes())
    cut = [n.actor.label for n, r in zip(shown, rects, strict=True) if not port.adjusted(-1, -1, 1, 1).contains(r)]
    assert cut == []  # no label runs off the window's edge


def test_zoom_keys_and_wheel_change_the_scale(qtbot, window: MainWindow) -> None:
    before = window.view.scale_factor()
    window.zoom_in_action.trigger()
    assert window.view.scale_factor() > before
    window.zoom_out_action.trigger()
    window.zoom_out_action.trigger()
    assert window.view.scale_factor() < before
    window.fit_action.trigger()
    assert abs(window.view.scale_factor() - before) < 1e-6
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Plus)
    assert window.view.scale_factor() > before


def test_dragging_a_node_pins_it_and_moves_its_edges(qtbot, window: MainWindow) -> None:
    node = window.scene.node(CSTO)
    bundle = next(b for b in window.scene.bundles if CSTO in (b.a, b.b))
    start = view_point(window, node.scenePos())
    end = start + QPoint(40, 30)
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    for step in range(1, 6):
        pos = start + (end - start) * step / 5
        move = QMouseEvent(
            QMouseEvent.Type.MouseMove,
            pos,
            viewport.mapToGlobal(pos),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert node.pinned
    moved_to = window.view.mapToScene(end)
    assert abs(node.scenePos().x() - moved_to.x()) < 3 / window.view.scale_factor() + 1
    ends = (bundle.p0, bundle.p1) if bundle.a == CSTO else (bundle.p1, bundle.p0)
    assert ends[0] == node.scenePos()


def test_visible_set_matches_the_core(window: MainWindow, kb) -> None:
    shown = visible(kb)
    assert window.session.visible.claims == shown.claims
    assert window.session.visible.actors == shown.actors & linked_actors(kb)
    assert {n.iri for n in window.scene.visible_nodes()} == linked_actors(kb)


def test_about_names_the_articles_and_licences(window: MainWindow, kb) -> None:
    from explorer.gui.about import AboutDialog

    dialog = AboutDialog(kb, window)
    text = dialog.text.text()
    for art in kb.articles.values():
        assert art.title in text and art.publisher in text
    assert "MIT" in text and "publishers' rights" in text
    assert dialog.text.textFormat() == Qt.TextFormat.PlainText


def test_the_window_starts_from_files_named_on_the_command_line(qtbot, tmp_path: Path) -> None:
    from explorer.resources import curated_files

    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.graphShown, timeout=60000):
        win.open_files(curated_files()[:3])
    assert win.session.kb is not None and win.session.kb.articles
    assert win.session.sources == curated_files()[:3]


def test_find_lists_one_entry_per_actor_whatever_name_matches(qtbot, window: MainWindow) -> None:
    """"lavrov" matches three names of one man: one row, his name and type, the others in small print;
    choosing it selects him and puts his name, not the matched alias, in the box."""
    window.find_action.trigger()
    window.completer.setCompletionPrefix("lavrov")
    rows = [window.completer.completionModel().index(i, 0) for i in range(window.completer.completionCount())]
    assert [r.data(IRI_ROLE) for r in rows] == [LAVROV]
    assert rows[0].data() == "Sergei Lavrov · person"
    assert "Lavrov" in rows[0].data(ALSO_ROLE)
    assert window.completer.small_print(rows[0]) == rows[0].data(ALSO_ROLE)  # the name shown matched
    window.completer.setCompletionPrefix("aliev")  # matches only other names: those come first, said so
    aliyev = window.completer.completionModel().index(0, 0)
    matched, _dot, others = window.completer.small_print(aliyev).partition(" · ")
    assert sorted(matched.removeprefix("matches ").split(", ")) == ["Aliev", "Ilham Aliev"]
    assert matched.startswith("matches ") and others == "also Aliyev"
    window.completer.setCompletionPrefix("lavrov")
    window.completer.activated[QModelIndex].emit(rows[0])
    assert window.scene.selected_actor() == LAVROV
    window.completer.setCompletionPrefix("turkiye")  # accents aside
    assert window.completer.currentIndex().data(LABEL_ROLE) == "Türkiye"


def test_words_no_actor_is_called_are_found_in_the_passages(qtbot, window: MainWindow) -> None:
    window.find_actor("ceasefire")
    claims = window.session.selection.claims
    assert claims and window.evidence.title.text() == "Passages saying “ceasefire”"
    kb = window.session.kb
    assert all(any("ceasefire" in ev.exact.casefold() for ev in kb.evidence_of(c)) for c in claims)


def test_the_keyboard_moves_between_neighbours_and_enter_reads_the_evidence(qtbot, window: MainWindow) -> None:
    """Arrows go to the neighbour that way (as explorer.app.navigation computes on screen), Tab round the
    first actor's neighbours and back with Shift+Tab, Enter to the evidence panel; with nothing selected the
    arrows scroll and Tab leaves the view."""
    from explorer.app.navigation import clockwise, toward

    window.select_actor(RUSSIA)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)

    def on_screen(iri: str) -> tuple[float, float]:
        p = window.view.mapFromScene(window.scene.node(iri).scenePos())
        return (float(p.x()), float(p.y()))

    here = on_screen(RUSSIA)
    around = {n: on_screen(n) for n in window.scene.neighbours(RUSSIA) if window.scene.node(n).isVisible()}
    expected = toward(here, around, "right")
    assert expected is not None
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.session.selection.actors == (expected,)
    assert window.scene.selected_actor() == expected

    window.select_actor(RUSSIA)
    here = on_screen(RUSSIA)
    around = {n: on_screen(n) for n in window.scene.neighbours(RUSSIA) if window.scene.node(n).isVisible()}
    order = clockwise(here, around)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert window.session.selection.actors == (order[0],)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert window.session.selection.actors == (order[1],)  # still round Russia
    qtbot.keyClick(window.view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.selection.actors == (order[0],)
    assert window.view.hasFocus()

    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.evidence.tree.hasFocus())


def test_filters_that_hide_everything_say_so_on_the_canvas(qtbot, window: MainWindow) -> None:
    from explorer.core.filters import FilterState

    assert not window.view.empty_note.isVisible()
    window.session.set_filters(FilterState(kinds=frozenset()))
    note = window.view.empty_note
    assert note.isVisible() and "The filters hide all" in note.text() and "Reset all filters" in note.text()
    assert window.view.viewport().geometry().contains(note.geometry().center())
    window.session.set_filters(FilterState())
    assert not note.isVisible()


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 700)], ids=["1600x1000", "1024x700"])
def test_no_label_covers_another_label_or_a_node_at_fit_zoom(qtbot, window: MainWindow, size) -> None:
    """At both window sizes, after Fit: the drawn labels cover no other label and no other actor's node
    (a label that fits nowhere is left out, its name in the node's tooltip)."""
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    window.fit_action.trigger()
    view = window.view
    view.plan_labels()
    lod = view.transform().m11()
    nodes = window.scene.visible_nodes()
    labels = [(n, n.mapRectToScene(n.label_rect())) for n in nodes
              if n.label_visible and n.shows_label(n.isSelected(), lod)]
    bodies = [(n, n.mapRectToScene(n.boundingRect().intersected(n.shape().boundingRect()))) for n in nodes]
    tiny = 1.0 / lod ** 2  # a square pixel: rounding, not overlap

    def area(a, b) -> float:
        both = a.intersected(b)
        return both.width() * both.height() if not both.isEmpty() else 0.0

    covered = [(a.actor.label, b.actor.label) for i, (a, ra) in enumerate(labels) for b, rb in labels[i + 1:]
               if area(ra, rb) > tiny]
    covered += [(a.actor.label, b.actor.label) for a, ra in labels for b, rb in bodies
                if b is not a and area(ra, rb) > tiny]
    assert covered == []
    assert len(labels) >= 10  # the main actors still read


def test_at_1024_by_700_the_canvas_gets_at_least_half_the_width(qtbot) -> None:
    """With no saved layout, the docks' widths follow the window's: at 1024 pixels the canvas keeps half."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitExposed(win)
    assert win.view.width() >= 512
    assert win.filters_dock.width() >= 180 and win.evidence_dock.width() >= 260


def test_finds_model_passes_the_model_tester(qtmodeltester, window: MainWindow) -> None:
    model = window.completer.model()
    assert model.rowCount() == len(window.session.kb.actors)
    qtmodeltester.check(model)
