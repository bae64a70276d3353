"""The canvas's rules without Qt (issue 16): what a click on an edge selects, actors without claims hidden
by default, Hide / Show Only This / Expand Neighbours / Focus Here / Path from and to Here, and the view
history that never touches the data."""

from __future__ import annotations

import pytest

from explorer.app import present
from explorer.app.session import Change, Session
from explorer.app.view_history import ViewHistory, ViewStep
from explorer.core.filters import FilterState
from explorer.core.knowledge import KnowledgeBase

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
ARMENIA, AZERBAIJAN, RUSSIA, IRAQ, SYRIA, CENTRAL_ASIA, TURKIYE = (
    ACTOR + n for n in ("Armenia", "Azerbaijan", "Russia", "Iraq", "Syria", "CentralAsia", "Turkiye"))


@pytest.fixture()
def session(kb: KnowledgeBase) -> Session:
    s = Session()
    s.set_knowledge(kb)
    return s


def test_a_click_on_a_pair_selects_every_relation_between_the_two_grouped_by_category(
        session: Session, kb: KnowledgeBase) -> None:
    session.select_edge(ARMENIA, AZERBAIJAN)
    between = {c.iri for c in kb.claims_between(ARMENIA, AZERBAIJAN)}
    assert set(session.selection.claims) == between and len(between) == 7
    view = present.evidence_view(session)
    assert set(view.title.split(" – ")) == {"Armenia", "Azerbaijan"}
    assert [title for title, _claims in view.groups] == ["conflict", "diplomatic contact", "economy"]
    assert {c.iri for _t, claims in view.groups for c in claims} == between
    for title, claims in view.groups:
        assert {kb.category_of(c).label for c in claims} == {title}
    assert "7 claims in 3 categories" in view.details


def test_a_click_on_one_category_s_edge_selects_only_that_category(session: Session, kb: KnowledgeBase) -> None:
    conflict = next(kb.category_of(c).iri for c in kb.claims_between(ARMENIA, AZERBAIJAN)
                    if kb.category_of(c).label == "conflict")
    session.select_edge(ARMENIA, AZERBAIJAN, conflict)
    assert len(session.selection.claims) == 5
    assert present.evidence_view(session).details.startswith("conflict · 5 claims")


def test_a_click_on_a_pair_selects_only_the_claims_the_filters_show(session: Session, kb: KnowledgeBase) -> None:
    conflict = next(kb.category_of(c).iri for c in kb.claims_between(ARMENIA, AZERBAIJAN)
                    if kb.category_of(c).label == "conflict")
    session.set_filters(FilterState(categories=frozenset({conflict})))
    session.select_edge(ARMENIA, AZERBAIJAN)
    assert len(session.selection.claims) == 5


def test_actors_without_claims_are_hidden_by_default_and_a_toggle_shows_them(session: Session) -> None:
    lonely = {IRAQ, SYRIA, CENTRAL_ASIA}
    assert not lonely & session.visible.actors
    assert session.unlinked == 3
    assert "3 actors without claims hidden" in present.counts_line(session)
    session.set_show_unlinked(True)
    assert lonely <= session.visible.actors
    assert session.unlinked == 0 and "without claims" not in present.counts_line(session)


def test_an_actor_whose_claims_are_all_hidden_with_its_neighbour_is_hidden_too(session: Session,
                                                                              kb: KnowledgeBase) -> None:
    only = {end for c in kb.claims.values() for end in c.ends if kb.degree(end) == 1}
    lonely = next(iter(only))
    partner = next(end for end in kb.claims_of(lonely)[0].ends if end != lonely)
    session.hide([partner])
    assert partner not in session.visible.actors and lonely not in session.visible.actors
    assert all(partner not in kb.claims[c].ends for c in session.visible.claims)


def test_find_says_why_an_actor_is_not_shown_and_the_way_back(session: Session) -> None:
    assert session.find("Iraq").message == "Iraq has no claim shown (View › Show Actors Without Claims shows it)"
    session.hide([TURKIYE])
    assert session.find("Türkiye").message == "Türkiye is hidden (View › Show Hidden Actors brings it back)"


def test_revealing_an_actor_without_claims_shows_it(session: Session) -> None:
    assert session.reveal(IRAQ)
    assert IRAQ in session.visible.actors and session.selection.actors == (IRAQ,)


def test_hide_and_show_hidden(session: Session, kb: KnowledgeBase) -> None:
    seen: list[Change] = []
    session.changed.connect(seen.append)
    session.hide([TURKIYE])
    assert TURKIYE not in session.visible.actors and len(seen) == 1 and seen[0].visible
    assert "Türkiye" in seen[0].message and "1 hidden by you" in present.counts_line(session)
    session.show_hidden()
    assert TURKIYE in session.visible.actors and not session.hidden


def test_show_only_this_keeps_the_actor_and_its_neighbours(session: Session, kb: KnowledgeBase) -> None:
    session.show_only(ARMENIA)
    near = {end for c in kb.claims_of(ARMENIA) for end in c.ends}
    assert session.visible.actors == near
    assert session.selection.actors == (ARMENIA,)
    assert all(ARMENIA in kb.claims[c].ends or set(kb.claims[c].ends) <= near for c in session.visible.claims)


def test_expand_neighbours_brings_back_hidden_neighbours(session: Session) -> None:
    session.hide([AZERBAIJAN, TURKIYE])
    session.expand_neighbours(ARMENIA)
    assert {AZERBAIJAN, TURKIYE} <= session.visible.actors


def test_focus_here_narrows_around_the_actor(session: Session, kb: KnowledgeBase) -> None:
    session.focus_on(TURKIYE)
    assert session.focus_mode and session.focus_actor == TURKIYE
    assert session.selection.actors == (TURKIYE,)
    assert session.visible.actors < frozenset(kb.actors)
    assert TURKIYE in session.visible.actors


def test_path_from_here_then_path_to_here(session: Session) -> None:
    assert session.path_to(RUSSIA) == []  # no start yet
    session.path_from(TURKIYE)
    paths = session.path_to(RUSSIA)
    assert paths and paths[0][0].source == TURKIYE and paths[0][-1].target == RUSSIA
    assert session.selection.path == 0


def test_the_view_history_goes_back_and_forward() -> None:
    history = ViewHistory()
    first, second, third = (ViewStep(positions={"a": (float(i), 0.0)}) for i in range(3))
    history.reset(first)
    assert not history.can_go_back and history.back() is None
    assert history.record(second) and history.record(third)
    assert not history.record(third)  # the same view twice is one step
    assert history.back() == second and history.back() == first and history.back() is None
    assert history.forward() == second
    history.record(ViewStep(hidden=frozenset({"x"})))  # a new branch drops what lay ahead
    assert not history.can_go_forward and history.back() == second


def test_the_view_history_keeps_a_limited_number_of_steps() -> None:
    history = ViewHistory(limit=3)
    for i in range(10):
        history.record(ViewStep(positions={"a": (float(i), 0.0)}))
    assert len(history.steps) == 3 and history.steps[-1].positions["a"] == (9.0, 0.0)


def test_restoring_a_view_step_brings_back_filters_focus_and_hidden_but_never_touches_the_data(
        session: Session, kb: KnowledgeBase) -> None:
    claims_before = dict(kb.claims)
    before = session.view_step({}, ())
    session.hide([TURKIYE])
    session.focus_on(ARMENIA)
    after = session.view_step({}, ())
    session.restore_view_step(before)
    assert not session.focus_mode and not session.hidden and TURKIYE in session.visible.actors
    session.restore_view_step(after)
    assert session.focus_actor == ARMENIA and session.hidden == {TURKIYE}
    assert kb.claims == claims_before


def test_a_saved_view_keeps_the_hidden_actors(session: Session) -> None:
    from explorer.app.views import Layout

    session.hide([TURKIYE])
    view = session.capture_view("v", Layout())
    assert view.hidden == (TURKIYE,)
    session.show_hidden()
    session.apply_view(view)
    assert TURKIYE not in session.visible.actors


def test_a_play_step_never_brings_back_a_hidden_actor_s_claims(session: Session, kb: KnowledgeBase) -> None:
    """A play step says which claims entered (the scene adds only those): none of a hidden actor's."""
    session.hide([RUSSIA])
    stepped = False
    for year in range(2014, 2024):
        session.set_filters(session.filters.with_(date_from=f"{year}-01-01", date_to=f"{year}-12-31"))
        shown = session.visible
        stepped = stepped or bool(shown.since)
        for iri in (*shown.claims, *shown.entered):
            assert RUSSIA not in kb.claims[iri].ends, iri
    assert stepped  # (else the test proves nothing: the steps were full filters)
