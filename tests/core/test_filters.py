"""Filter state -> visible actors and claims, on the bundled knowledge base."""

from __future__ import annotations

import pytest

from explorer.core.filters import (
    FilterState,
    claim_articles,
    find_paths,
    publishers,
    visible,
)
from explorer.core.network import neighbourhood
from explorer.core.vocab import CX

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
ARTICLE = "https://w3id.org/caucasus-explorer/article/"


def test_no_filter_shows_everything(kb) -> None:
    shown = visible(kb)
    assert shown.actors == frozenset(kb.actors)
    assert set(shown.claims) == set(kb.claims)
    assert not FilterState().active



def test_no_filter_takes_a_short_cut_to_what_the_full_test_gives(kb) -> None:
    """Every kind allowed restricts nothing but goes through the per-claim test."""
    every_kind = FilterState(kinds=frozenset({a.kind for a in kb.actors.values()} | {"other"}))
    assert visible(kb, FilterState()) == visible(kb, every_kind)
    assert visible(kb, FilterState()).claims == visible(kb, every_kind).claims

def test_category_filter_keeps_only_those_categories(kb) -> None:
    conflict = str(CX.Conflict)
    shown = visible(kb, FilterState(categories=frozenset({conflict})))
    assert shown.claims
    assert all(kb.relations[kb.claims[c].predicate].category == conflict for c in shown.claims)
    assert shown.actors == {end for c in shown.claims for end in kb.claims[c].ends}


def test_kind_filter_hides_actors_and_their_claims(kb) -> None:
    kinds = frozenset(a.kind for a in kb.actors.values()) - {"person"}
    shown = visible(kb, FilterState(kinds=kinds))
    assert all(kb.actors[a].kind != "person" for a in shown.actors)
    assert all(kb.actors[e].kind != "person" for c in shown.claims for e in kb.claims[c].ends)
    assert len(shown.claims) < len(kb.claims)


def test_article_filter_keeps_claims_with_a_passage_there(kb) -> None:
    a001 = ARTICLE + "a001"
    shown = visible(kb, FilterState(articles=frozenset({a001})))
    assert shown.claims
    assert all(a001 in claim_articles(kb, kb.claims[c]) for c in shown.claims)
    expected = {c.iri for c in kb.claims.values() if a001 in claim_articles(kb, c)}
    assert set(shown.claims) == expected


def test_publisher_filter(kb) -> None:
    by_publisher = publishers(kb)
    assert "commonspace.eu" in by_publisher
    shown = visible(kb, FilterState(publishers=frozenset({"The Duran"})))
    duran = set(by_publisher["The Duran"])
    assert shown.claims
    assert all(claim_articles(kb, kb.claims[c]) & duran for c in shown.claims)


def test_a_report_time_window_uses_article_dates(kb) -> None:
    shown = visible(kb, FilterState(date_from="2020-01-01", date_to="2020-12-31", clock="report"))
    in_2020 = {a.iri for a in kb.articles.values() if (a.date or "").startswith("2020")}
    assert shown.claims
    assert all(claim_articles(kb, kb.claims[c]) & in_2020 for c in shown.claims)
    # a partial date ('2023') overlaps a range that starts inside its year
    late = visible(kb, FilterState(date_from="2023-06", clock="report"))
    assert any(ARTICLE + "a002" in claim_articles(kb, kb.claims[c]) for c in late.claims)


@pytest.mark.parametrize("hops", [1, 2])
def test_focus_keeps_the_neighbourhood(kb, hops: int) -> None:
    russia = ACTOR + "Russia"
    shown = visible(kb, FilterState(focus=russia, hops=hops))
    assert shown.actors == neighbourhood(kb, russia, hops)
    assert all(set(kb.claims[c].ends) <= shown.actors for c in shown.claims)


def test_focus_is_taken_over_the_claims_that_pass(kb) -> None:
    russia = ACTOR + "Russia"
    membership = str(CX.Membership)
    shown = visible(kb, FilterState(focus=russia, categories=frozenset({membership})))
    assert russia in shown.actors
    assert all(kb.relations[kb.claims[c].predicate].category == membership for c in shown.claims)
    assert len(shown.actors) < len(neighbourhood(kb, russia, 1))


def test_paths_use_only_the_claims_given(kb) -> None:
    armenia, csto = ACTOR + "Armenia", ACTOR + "CSTO"
    paths = find_paths(kb, armenia, csto)
    assert paths and len(paths[0]) == 1
    without_membership = [c.iri for c in kb.claims.values() if kb.category_of(c).iri != str(CX.Membership)]
    longer = find_paths(kb, armenia, csto, without_membership)
    for path in longer:
        for step in path:
            assert step.claims
            assert all(c.iri in without_membership for c in step.claims)
    assert find_paths(kb, armenia, armenia) == []
