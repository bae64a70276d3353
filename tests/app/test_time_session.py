"""The time window as part of the filters: what the session shows, finds, paths over and counts."""

from __future__ import annotations

import pytest

from explorer.app import present
from explorer.app.session import Session
from explorer.core.filters import FilterState, visible
from explorer.core.knowledge import KnowledgeBase
from explorer.core.timeline import claim_interval, select_in_time, window

YEAR_2020 = dict(date_from="2020-01-01", date_to="2020-12-31")


@pytest.fixture()
def session(kb: KnowledgeBase) -> Session:
    s = Session()
    s.set_knowledge(kb)
    return s


def test_an_event_window_shows_the_claims_overlapping_it(kb: KnowledgeBase) -> None:
    shown = visible(kb, FilterState(include_undated=False, **YEAR_2020))
    expected = select_in_time(kb.claims, kb.evidence, kb.articles, **YEAR_2020).claims
    assert shown.claims == expected and shown.claims
    dated = sum(1 for c in kb.claims.values() if claim_interval(c) is not None)
    assert shown.out_of_time == len(kb.claims) - len(expected)
    with_undated = visible(kb, FilterState(**YEAR_2020))
    assert len(with_undated.claims) == len(expected) + len(kb.claims) - dated
    assert with_undated.out_of_time == dated - len(expected)


def test_fading_keeps_out_of_time_claims_apart_instead_of_dropping_them(kb: KnowledgeBase) -> None:
    hidden = visible(kb, FilterState(include_undated=False, **YEAR_2020))
    faded = visible(kb, FilterState(include_undated=False, fade=True, **YEAR_2020))
    assert faded.claims == hidden.claims
    assert set(faded.faded) == set(kb.claims) - set(hidden.claims)
    assert not hidden.faded
    assert faded.actors == hidden.actors  # Find and the counts see only what is in time


def test_the_report_clock_shows_what_was_known_on_a_date(kb: KnowledgeBase) -> None:
    shown = visible(kb, FilterState(clock="report", date_to="2016-12-31"))
    known = select_in_time(kb.claims, kb.evidence, kb.articles, as_of="2016-12-31")
    assert shown.claims == known.claims
    assert shown.articles is not None
    assert {kb.articles[a].date[:4] for a in shown.articles} == {"2014", "2016"}  # type: ignore[index]
    assert shown.out_of_time == len(kb.claims) - len(known.claims)


def test_find_paths_and_counts_respect_the_window(session: Session, kb: KnowledgeBase) -> None:
    session.set_filters(FilterState(include_undated=False, **YEAR_2020))
    in_2020 = set(session.visible.claims)
    outside = next(a for a in kb.actors.values() if a.iri not in session.visible.actors and kb.degree(a.iri))
    assert "hidden by the filters" in session.find(outside.label).message
    span = window("2020", "2020")
    for a, b in ((c.subject, c.object) for c in (kb.claims[i] for i in in_2020)):
        for path in session.find_paths(a, b):
            for step in path:
                for claim in step.claims:
                    found = claim_interval(claim)
                    assert claim.iri in in_2020 and found is not None and found[0] <= span[1]
        break
    assert f"{session.visible.out_of_time} out of time" in present.counts_line(session)
    session.set_filters(FilterState())
    assert "out of time" not in present.counts_line(session)


@pytest.mark.parametrize("fade", [False, True])
@pytest.mark.parametrize("undated", [False, True])
def test_a_play_step_gives_what_the_full_filter_gives(kb: KnowledgeBase, fade: bool, undated: bool) -> None:
    """Stepping the window (the incremental path) agrees with the full filter (forced here by choosing every
    category, which filters nothing) for a window moving back and forth, growing and shrinking."""
    every = frozenset(r.category for r in kb.relations.values())
    windows = [("1990", "2000"), ("1995", "2016-08"), ("2014-06", "2014-06-30"), ("2020-10", "2020-10"),
               ("2008", "2023"), (None, "2016-12-31"), ("2022", None), ("1990", "2000")]
    for date_from, date_to in windows:
        state = FilterState(date_from=date_from, date_to=date_to, include_undated=undated, fade=fade)
        fast = visible(kb, state)
        full = visible(kb, state.with_(categories=every))
        assert (fast.claims, fast.actors, fast.faded, fast.out_of_time) == \
            (full.claims, full.actors, full.faded, full.out_of_time), (date_from, date_to)
