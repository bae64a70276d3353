"""Saved views without Qt: what they hold, how they are stored, and what opening one does to the session."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from explorer.app.session import Change, Session
from explorer.app.views import (
    LAST,
    Layout,
    SavedView,
    ViewStore,
    fitted,
    last_state_file,
    read_last,
    views_file,
    write_last,
)
from explorer.core.errors import ExplorerError
from explorer.core.export import export_to
from explorer.core.filters import FilterState
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
CX = "https://w3id.org/caucasus-explorer/vocab#"
RUSSIA, ARMENIA, CSTO = ACTOR + "Russia", ACTOR + "Armenia", ACTOR + "CSTO"
#: Floats that a lossy writer (fixed decimals, single precision) would not bring back.
AWKWARD = (0.1 + 0.2, -123.45678901234567, 1e-7, 98765.4321e3)


def _layout(kb: KnowledgeBase) -> Layout:
    positions = {a: (AWKWARD[i % 4] * (i + 1), -AWKWARD[(i + 1) % 4] / (i + 1))
                 for i, a in enumerate(sorted(kb.actors))}
    return Layout(positions, frozenset({RUSSIA, CSTO}), zoom=0.7371234567891, centre=(12.345678901234, -0.1 - 0.2),
                  size=(1185, 777))


@pytest.fixture()
def session(kb: KnowledgeBase) -> Session:
    s = Session()
    s.set_knowledge(kb)
    return s


def _filtered(session: Session) -> None:
    session.set_filters(FilterState(categories=frozenset({CX + "Cooperation", CX + "Membership"}), hops=2,
                                    date_from="2015", include_unsourced=False), focus_mode=True)
    session.select([ARMENIA])
    session.toggle_actor(RUSSIA)


def test_a_view_comes_back_from_its_file_exactly(session: Session, kb: KnowledgeBase, tmp_path: Path) -> None:
    _filtered(session)
    view = session.capture_view("Armenia's allies", _layout(kb))
    store = ViewStore(tmp_path / "explorer-views.json")
    store.put(view)
    again = ViewStore.open(store.path).get("Armenia's allies")
    assert again == view
    assert dict(again.layout.positions) == dict(view.layout.positions)  # every float to the bit
    assert again.filters.categories == frozenset({CX + "Cooperation", CX + "Membership"})
    assert again.focus_mode and again.focus == ARMENIA and again.selected_actors == (ARMENIA, RUSSIA)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["views"][0]["layout"]["positions"][RUSSIA]  # by IRI, not by an index


def test_opening_a_view_restores_filters_focus_and_selection_in_one_change(session: Session,
                                                                           kb: KnowledgeBase) -> None:
    _filtered(session)
    view = session.capture_view("v", _layout(kb))
    shown, selection = session.visible, session.selection
    session.set_filters(FilterState())
    session.clear_selection()
    assert session.visible != shown
    seen: list[Change] = []
    session.changed.connect(seen.append)
    applied = session.apply_view(view)
    assert len(seen) == 1 and seen[0].visible and seen[0].selection and not seen[0].message
    assert session.visible == shown and session.selection == selection
    assert session.controls == view.filters and session.focus_actor == ARMENIA
    assert applied.layout == view.layout


def test_a_view_naming_a_vanished_actor_opens_with_a_note(session: Session, kb: KnowledgeBase) -> None:
    gone = ACTOR + "Atlantis"
    view = SavedView("old", focus=gone, selected_actors=(gone, RUSSIA),
                     layout=Layout({gone: (1.0, 2.0), RUSSIA: (3.0, 4.0)}, frozenset({gone})))
    seen: list[Change] = []
    session.changed.connect(seen.append)
    applied = session.apply_view(view)
    assert "Atlantis" in seen[-1].message and "no longer in the graph" in seen[-1].message
    assert session.selection.actors == (RUSSIA,)
    assert dict(applied.layout.positions) == {RUSSIA: (3.0, 4.0)} and not applied.layout.pinned
    assert fitted(view, kb)[1] == seen[-1].message


def test_a_view_survives_export_and_reimport_of_the_graph(session: Session, kb: KnowledgeBase,
                                                          tmp_path: Path) -> None:
    _filtered(session)
    store = ViewStore(views_file([tmp_path / "graph.ttl"]))
    store.put(session.capture_view("v", _layout(kb)))
    shown, selection = session.visible, session.selection
    export_to(kb, tmp_path / "graph.ttl", "turtle")
    reread = load_knowledge([tmp_path / "graph.ttl"])
    again = Session()
    again.set_knowledge(reread, [tmp_path / "graph.ttl"])
    view = ViewStore.open(views_file(again.sources)).get("v")
    assert view is not None
    applied = again.apply_view(view)
    assert again.visible.actors == shown.actors and set(again.visible.claims) == set(shown.claims)
    assert again.selection == selection
    assert dict(applied.layout.positions) == dict(_layout(kb).positions)


def test_views_live_beside_the_files_or_in_the_settings_folder(tmp_path: Path) -> None:
    assert views_file([tmp_path / "a" / "g.ttl", tmp_path / "b.ttl"]) == (tmp_path / "a" / "explorer-views.json")
    assert views_file([], tmp_path / "settings") == tmp_path / "settings" / "explorer-views.json"


def test_rename_update_delete_and_the_last_state(tmp_path: Path) -> None:
    store = ViewStore(tmp_path / "s" / "explorer-views.json")  # the folder is made when first saved
    store.put(SavedView("a", layout=Layout({RUSSIA: (1.0, 1.0)})))
    store.put(SavedView("b"))
    store.put(SavedView("a", layout=Layout({RUSSIA: (2.0, 2.0)})))  # Update keeps its place
    assert store.names() == ["a", "b"]
    store.rename("a", "c")
    with pytest.raises(ExplorerError, match="already called"):
        store.rename("b", "c")
    store.delete("b")
    again = ViewStore.open(store.path)
    assert again.names() == ["c"] and again.get("c").layout.positions == {RUSSIA: (2.0, 2.0)}


def test_the_last_state_is_kept_per_graph_in_the_settings_folder(tmp_path: Path) -> None:
    path = last_state_file(tmp_path / "settings")
    assert read_last(path, []) is None
    write_last(path, [], SavedView("whatever", focus=RUSSIA))
    write_last(path, [tmp_path / "g.ttl"], SavedView("x", focus=CSTO))
    bundled, other = read_last(path, []), read_last(path, [tmp_path / "g.ttl"])
    assert bundled is not None and bundled.name == LAST and bundled.focus == RUSSIA
    assert other is not None and other.focus == CSTO
    path.write_text("{ broken", encoding="utf-8")
    assert read_last(path, []) is None  # a lost last state: a fitted view, no error at start-up


def test_a_broken_views_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "explorer-views.json"
    path.write_text('{"views": [\n{"name": "x",\n', encoding="utf-8")
    with pytest.raises(ExplorerError) as caught:
        ViewStore.open(path)
    assert str(path) in str(caught.value) and "line 3" in str(caught.value)
    path.write_text('{"views": [{"layout": {}}]}', encoding="utf-8")
    with pytest.raises(ExplorerError, match="malformed"):
        ViewStore.open(path)


def test_the_views_file_gets_the_users_permissions(tmp_path: Path, umask: int) -> None:
    store = ViewStore(tmp_path / "explorer-views.json")
    store.put(SavedView("a"))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o666 & ~umask


def test_a_view_keeps_the_lens(session: Session, kb: KnowledgeBase, tmp_path: Path) -> None:
    """Size by betweenness and colour by community: saved with the view, back when it opens, in one change."""
    from explorer.app.lens import Lens

    session.set_lens(Lens(node_size="betweenness", node_colour="community"))
    store = ViewStore(tmp_path / "explorer-views.json")
    store.put(session.capture_view("lensed", _layout(kb)))
    session.set_lens(Lens())
    changes: list[Change] = []
    session.changed.connect(changes.append)
    session.apply_view(ViewStore.open(store.path).get("lensed"))
    assert session.lens == Lens(node_size="betweenness", node_colour="community")
    assert len(changes) == 1 and changes[0].lens
