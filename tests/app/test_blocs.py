"""The blocs collapsed into groups: every shown claim lands on exactly one group edge, by its ends' blocs."""

from __future__ import annotations

from explorer.app.blocs import UNALIGNED, bloc_view, group_key
from explorer.app.lenses import analysis_of
from explorer.app.session import Session
from explorer.core.filters import FilterState
from explorer.core.knowledge import KnowledgeBase

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


def test_each_shown_claim_is_on_the_edge_of_its_ends_groups(kb: KnowledgeBase) -> None:
    session = Session()
    session.set_knowledge(kb)
    view = bloc_view(session)
    assert view is not None
    bloc = analysis_of(session).blocs.bloc
    placed = [iri for edge in view.edges for iri in edge.claims]
    assert sorted(placed) == sorted(session.visible.claim_set)  # each once
    for edge in view.edges:
        for iri in edge.claims:
            ends = sorted(group_key(bloc.get(a)) for a in kb.claims[iri].ends)
            assert ends == [edge.a, edge.b]
    members = [a for g in view.groups.values() for a in g]
    assert sorted(members) == sorted(session.visible.actors)
    assert set(view.groups) == {group_key(b) for b in bloc.values()} | {UNALIGNED}
    assert all(view.labels[g].startswith("Bloc") for g in view.groups if g != UNALIGNED)
    across = next(e for e in view.edges if {e.a, e.b} == {"bloc:0", "bloc:1"})
    assert across.sign == -1 and across.conflict > across.cooperation  # the blocs are hostile to each other


def test_the_collapsed_view_follows_the_filters(kb: KnowledgeBase) -> None:
    session = Session()
    session.set_knowledge(kb)
    session.set_filters(FilterState(categories=frozenset({"https://w3id.org/caucasus-explorer/vocab#Conflict"})))
    view = bloc_view(session)
    assert view is not None
    assert sum(len(e.claims) for e in view.edges) == len(session.visible.claim_set) < len(kb.claims)
