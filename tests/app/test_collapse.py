"""Blocs collapsed into group nodes on the canvas (explorer.app.collapse): every shown actor in one group node,
every shown claim on one group edge, group nodes at their members' centre; a view change that Back undoes;
the filters followed; the same from the shell."""

from __future__ import annotations

import json

import pytest

from explorer.app.blocs import group_key
from explorer.app.collapse import collapsed_of
from explorer.app.lenses import analysis_of
from explorer.app.session import Change, Session
from explorer.app.view_history import ViewHistory
from explorer.cli import main
from explorer.core.filters import FilterState
from explorer.core.knowledge import KnowledgeBase

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
CONFLICT = "https://w3id.org/caucasus-explorer/vocab#Conflict"


def _session(kb: KnowledgeBase) -> Session:
    session = Session()
    session.set_knowledge(kb)
    return session


def test_each_shown_actor_is_in_one_group_node_and_each_claim_on_one_group_edge(kb: KnowledgeBase) -> None:
    session = _session(kb)
    collapsed = collapsed_of(session)
    assert collapsed is not None
    bloc = analysis_of(session).blocs.bloc
    assert set(collapsed.group_of) == set(session.visible.actors)
    assert all(collapsed.group_of[a] == group_key(bloc.get(a)) for a in session.visible.actors)
    assert sorted(a for members in collapsed.groups.values() for a in members) == sorted(session.visible.actors)
    on_edges = [c for e in collapsed.edges for c in e.claims]
    assert sorted(on_edges) == sorted(session.visible.claim_set)
    for edge in collapsed.edges:
        for iri in edge.claims:
            assert sorted(collapsed.group_of[x] for x in kb.claims[iri].ends) == [edge.a, edge.b]
    first = collapsed.edges[0]
    assert collapsed.edge(first.b, first.a) is first


def test_a_group_node_stands_at_its_members_centre(kb: KnowledgeBase) -> None:
    collapsed = collapsed_of(_session(kb))
    assert collapsed is not None
    group, members = next(iter(collapsed.groups.items()))
    positions = {a: (float(i), 2.0 * i) for i, a in enumerate(members)}
    x, y = collapsed.centres(positions)[group]
    assert x == pytest.approx(sum(p[0] for p in positions.values()) / len(members))
    assert y == pytest.approx(2 * x)
    assert set(collapsed.centres(positions)) == {group}  # (the others have no member placed)


def test_collapsing_is_a_view_change_that_back_undoes(kb: KnowledgeBase) -> None:
    session = _session(kb)
    seen: list[Change] = []
    session.changed.connect(seen.append)
    history = ViewHistory()
    history.reset(session.view_step({}, ()))
    session.set_collapsed_blocs(True)
    assert session.collapsed_blocs and seen[-1].blocs and "collapsed" in seen[-1].message
    assert history.record(session.view_step({}, ()))
    back = history.back()
    assert back is not None and not back.collapsed_blocs
    session.restore_view_step(back)
    assert not session.collapsed_blocs and seen[-1].blocs
    forward = history.forward()
    assert forward is not None
    session.restore_view_step(forward)
    assert session.collapsed_blocs
    count = len(seen)
    session.set_collapsed_blocs(True)  # no change, no announcement
    assert len(seen) == count


def test_the_collapsed_graph_follows_the_filters(kb: KnowledgeBase) -> None:
    session = _session(kb)
    session.set_collapsed_blocs(True)
    everything = collapsed_of(session)
    session.set_filters(FilterState(categories=frozenset({CONFLICT})))
    filtered = collapsed_of(session)
    assert everything is not None and filtered is not None
    shown = session.visible.claim_set
    assert sorted(c for e in filtered.edges for c in e.claims) == sorted(shown)
    assert len(shown) < sum(len(e.claims) for e in everything.edges)
    assert set(filtered.group_of) == set(session.visible.actors)


def test_the_shell_prints_the_group_nodes_and_their_edges(kb: KnowledgeBase, capsys) -> None:
    assert main(["analyze", "--collapse-blocs", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = collapsed_of(_session(kb))
    assert expected is not None
    assert [g["group"] for g in data["groups"]] == list(expected.groups)
    assert sorted(c for e in data["edges"] for c in e["claims"]) == sorted(c for e in expected.edges for c in e.claims)
    assert {e["sign"] for e in data["edges"]} <= {-1, 0, 1}
    assert main(["analyze", "--collapse-blocs"]) == 0
    text = capsys.readouterr().out
    assert "group edges" in text and "Bloc 1" in text
