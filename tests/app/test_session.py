"""The session's rules, without Qt: selection, focus, filters, find, paths, and one change per action."""

from __future__ import annotations

import subprocess
import sys

import pytest

from explorer.app import present
from explorer.app.session import Change, Session
from explorer.core.filters import FilterState
from explorer.core.knowledge import KnowledgeBase

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
CX = "https://w3id.org/caucasus-explorer/vocab#"
RUSSIA, ARMENIA, AZERBAIJAN, TURKIYE, IRAQ = (ACTOR + n for n in ("Russia", "Armenia", "Azerbaijan", "Turkiye",
                                                                     "Iraq"))


@pytest.fixture()
def session(kb: KnowledgeBase) -> Session:
    s = Session()
    s.set_knowledge(kb)
    return s


@pytest.fixture()
def changes(session: Session) -> list[Change]:
    """The changes the session announces from now on."""
    seen: list[Change] = []
    session.changed.connect(seen.append)
    return seen


def test_the_app_layer_imports_without_qt() -> None:
    probe = ("import sys; sys.modules['PySide6'] = None; "
             "import explorer.app.session, explorer.app.present, explorer.app.opening, explorer.app.events; "
             "print('ok')")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def linked(kb: KnowledgeBase) -> frozenset[str]:
    """The actors with a claim (the others are hidden by default: explorer.app.hiding)."""
    return frozenset(end for c in kb.claims.values() for end in c.ends)


def test_a_new_graph_shows_everything_and_nothing_selected(session: Session, kb: KnowledgeBase) -> None:
    assert session.visible.actors == linked(kb)
    assert len(session.visible.claims) == len(kb.claims)
    assert session.selection.empty
    view = present.evidence_view(session)
    assert view.title == present.NOTHING and view.details == present.HINT and not view.groups


def test_one_click_selects_one_actor_with_its_visible_claims(session: Session, changes: list[Change],
                                                            kb: KnowledgeBase) -> None:
    session.select([RUSSIA])
    assert changes == [Change(selection=True)]
    view = present.evidence_view(session)
    assert view.title == "Russia" and view.actor == RUSSIA
    shown = [c.iri for _title, claims in view.groups for c in claims]
    assert sorted(shown) == sorted(c.iri for c in kb.claims_of(RUSSIA))
    assert f"{len(shown)} claims shown" in view.details and len(shown) > 50


def test_two_actors_show_the_claims_among_them(session: Session, kb: KnowledgeBase) -> None:
    session.select([RUSSIA])
    session.toggle_actor(ARMENIA)
    assert session.selection.actors == (RUSSIA, ARMENIA)
    view = present.evidence_view(session)
    shown = {c.iri for _title, claims in view.groups for c in claims}
    assert shown == {c.iri for c in kb.claims_between(RUSSIA, ARMENIA)}
    assert shown and all({kb.claims[c].subject, kb.claims[c].object} == {RUSSIA, ARMENIA} for c in shown)
    assert view.title == "Russia, Armenia"
    assert view.details.startswith("2 actors selected")
    assert present.counts_line(session).endswith("· 2 selected")
    session.toggle_actor(RUSSIA)  # Ctrl+click again takes it out
    assert session.selection.actors == (ARMENIA,)
    assert present.evidence_view(session).title == "Armenia"


def test_focus_follows_the_click_in_one_change(session: Session, changes: list[Change], kb: KnowledgeBase) -> None:
    session.set_filters(FilterState(), focus_mode=True)
    assert session.filters.focus is None  # nothing selected yet: nothing to narrow around
    changes.clear()
    session.select([TURKIYE])
    assert len(changes) == 1
    assert changes[0].visible and changes[0].selection and changes[0].refit
    neighbours = {c.object if c.subject == TURKIYE else c.subject for c in kb.claims_of(TURKIYE)}
    assert session.visible.actors == frozenset(neighbours | {TURKIYE})
    assert present.focus_line(session) == "around: Türkiye"
    # the evidence is computed from the new visible set: every claim of Türkiye is within one hop
    assert len(present.evidence_view(session).groups) > 0


def test_deselecting_clears_focus_evidence_and_counts(session: Session, changes: list[Change],
                                                      kb: KnowledgeBase) -> None:
    session.set_filters(FilterState(), focus_mode=True)
    session.select([TURKIYE])
    changes.clear()
    session.clear_selection()
    assert len(changes) == 1
    assert session.focus_actor is None
    assert present.focus_line(session) == "no actor selected"
    assert present.evidence_view(session).title == present.NOTHING
    assert session.visible.actors == linked(kb)  # focus mode narrows around nobody
    lonely = len(kb.actors) - len(linked(kb))
    assert present.counts_line(session) == f"{len(linked(kb))} of {len(kb.actors)} actors · " \
                                           f"{len(kb.claims)} of {len(kb.claims)} claims shown · " \
                                           f"{lonely} actors without claims hidden"


def test_ctrl_click_keeps_the_focus_on_the_first_actor(session: Session) -> None:
    session.set_filters(FilterState(), focus_mode=True)
    session.select([RUSSIA])
    session.toggle_actor(ARMENIA)
    assert session.focus_actor == RUSSIA
    assert session.selection.actors == (RUSSIA, ARMENIA)


def test_filters_drop_the_hidden_part_of_the_selection(session: Session, kb: KnowledgeBase) -> None:
    session.select([RUSSIA])
    session.set_filters(FilterState(kinds=frozenset({"organisation"})))
    assert RUSSIA not in session.visible.actors
    assert session.selection.empty
    assert present.evidence_view(session).title == present.NOTHING


def test_an_edge_shows_its_claims(session: Session, kb: KnowledgeBase) -> None:
    claims = [c.iri for c in kb.claims_between(RUSSIA, ARMENIA)][:2]
    session.select(claims=claims)
    view = present.evidence_view(session)
    assert view.title == "Armenia – Russia" or view.title == "Russia – Armenia"
    assert sum(len(g) for _t, g in view.groups) == len(claims)


def test_find_by_name_alias_and_hidden(session: Session, kb: KnowledgeBase) -> None:
    assert session.find("Russia").actor == RUSSIA
    assert session.find("  ").actor is None
    missing = session.find("Atlantis")
    assert missing.actor is None and missing.message == "No actor is called 'Atlantis', and no passage says it"
    session.set_filters(FilterState(kinds=frozenset({"organisation"})))
    hidden = session.find("Russia")
    assert hidden.actor is None and hidden.message == "Russia is hidden by the filters"


def test_paths_choose_the_first_and_show_it(session: Session, kb: KnowledgeBase) -> None:
    paths = session.find_paths(TURKIYE, ARMENIA)
    assert paths and session.selection.path == 0
    view = present.evidence_view(session)
    assert view.title.startswith("Türkiye → ") and view.title.endswith("Armenia")
    assert len(view.groups) == len(paths[0])
    session.set_filters(FilterState(kinds=frozenset({"country"})))
    assert session.paths == [] and session.selection.path is None  # the paths were of the old picture


def test_reveal_resets_filters_that_hide_the_item(session: Session, kb: KnowledgeBase) -> None:
    session.set_filters(FilterState(kinds=frozenset({"organisation"})))
    claim = kb.claims_of(RUSSIA)[0]
    assert session.reveal(claim.evidence[0] if claim.evidence else claim.iri)
    assert session.controls == FilterState()
    assert session.selection.actors == (claim.subject,)
    assert not session.reveal(ACTOR + "Nobody")


def test_an_actor_without_claims_shows_an_empty_panel(session: Session) -> None:
    session.select([IRAQ])
    view = present.evidence_view(session)
    assert view.title == "Iraq" and not view.groups and "0 claims shown" in view.details


def test_replacing_the_knowledge_keeps_what_still_exists(session: Session, kb: KnowledgeBase) -> None:
    session.select([RUSSIA])
    session.set_filters(FilterState(kinds=frozenset({"country"})))
    seen: list[Change] = []
    session.changed.connect(seen.append)
    session.replace_knowledge(kb)
    assert seen[-1].edited and seen[-1].message == "The filters were reset to show the change."
    assert session.selection.actors == (RUSSIA,)
    assert session.controls == FilterState()


def test_an_observer_method_is_held_weakly_and_a_function_strongly(session: Session) -> None:
    import weakref

    class Panel:
        def __init__(self) -> None:
            self.seen: list[Change] = []

        def redraw(self, change: Change) -> None:
            self.seen.append(change)

    panel, kept = Panel(), []
    session.changed.connect(panel.redraw)
    session.changed.connect(lambda change: kept.append(change))
    session.select([RUSSIA])
    assert len(panel.seen) == 1 and len(kept) == 1
    gone = weakref.ref(panel)
    del panel
    assert gone() is None  # the session did not keep the panel alive
    session.clear_selection()  # and announcing to a panel that is gone is harmless
    assert len(kept) == 2


def test_path_boxes_resolve_names_from_memory(session: Session) -> None:
    assert session.actor_named("Russia") == RUSSIA
    assert session.actor_named("Russian Federation") == RUSSIA  # an alias
    assert session.actor_named("turkiye") == TURKIYE  # case and accents aside
    assert session.actor_named("Arme") == ARMENIA  # part of a name
    assert session.actor_named("Atlantis") is None and session.actor_named(" ") is None


def test_words_that_name_no_actor_are_looked_for_in_the_quotes(session: Session, kb: KnowledgeBase) -> None:
    """Every visible claim with a passage holding all the words (case and accents aside) is selected; the
    evidence panel says what was looked for."""
    found = session.find("MEDIATED ceasefire")
    expected = sorted(c for c in session.visible.claims
                      if any("ceasefire" in e.exact.casefold() and "mediated" in e.exact.casefold()
                             for e in kb.evidence_of(c)))
    assert expected and sorted(found.claims) == expected and found.actor is None
    assert session.selection.claims == found.claims and session.selection.found == "MEDIATED ceasefire"
    assert present.evidence_view(session).title == "Passages saying “MEDIATED ceasefire”"
    session.set_filters(FilterState(kinds=frozenset({"person"})))
    assert not set(session.find("MEDIATED ceasefire").claims) - set(session.visible.claims)


def test_find_offers_one_completion_per_actor(kb: KnowledgeBase) -> None:
    from explorer.app.finding import completions

    entries = completions(kb)
    assert len(entries) == len(kb.actors) == len({e.iri for e in entries})
    turkiye = next(e for e in entries if e.label == "Türkiye")
    assert "turkiye" in turkiye.key.split("\n")


def test_paths_are_restricted_to_claims_at_or_above_a_credibility(session: Session) -> None:
    from explorer.core.weight import weights_of

    w = weights_of(session.kb)
    IRAN = ACTOR + "Iran"
    everything = session.find_paths(ARMENIA, IRAN)
    assert any(w[c.iri].credibility > 2 for path in everything for step in path for c in step.claims)
    session.set_filters(FilterState(max_credibility=2))
    restricted = session.find_paths(ARMENIA, IRAN)
    assert restricted, "Armenia and Iran are still linked by claims of credibility 2 or better"
    assert all(w[c.iri].credibility <= 2 for path in restricted for step in path for c in step.claims)
