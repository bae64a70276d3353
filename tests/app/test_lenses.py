"""Lenses belong to the session: one change per switch, values from the visible claims, the metrics table."""

from __future__ import annotations

import csv
import io

import pytest

from explorer.app.lenses import COLUMNS, Lens, analysis_of, lens_values, metrics_csv, metrics_rows
from explorer.app.session import Change, Session
from explorer.core.filters import FilterState
from explorer.core.knowledge import KnowledgeBase

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


@pytest.fixture()
def session(kb: KnowledgeBase) -> Session:
    s = Session()
    s.set_knowledge(kb)
    return s


def test_switching_the_lens_is_one_change_and_the_same_lens_none(session: Session) -> None:
    seen: list[Change] = []
    session.changed.connect(seen.append)
    lens = Lens(node_size="betweenness", node_colour="community")
    session.set_lens(lens)
    session.set_lens(lens)
    assert len(seen) == 1 and seen[0].lens and not seen[0].visible
    assert "betweenness" in seen[0].message
    assert session.lens == lens and not lens.plain and Lens().plain
    with pytest.raises(ValueError):
        Lens(node_size="closeness")


def test_an_edge_lens_alone_draws_the_actors_as_usual() -> None:
    """The window leaves 40k actors untouched for an edge lens (their sizes and colours are the usual ones)."""
    assert Lens(edge_colour="quad").plain_actors and Lens(method="leiden").plain_actors
    assert not Lens(edge_colour="quad").plain
    assert not Lens(node_size="claims").plain_actors and not Lens(node_colour="bloc").plain_actors


def test_betweenness_sizes_and_community_groups_come_from_the_visible_claims(session: Session) -> None:
    session.set_lens(Lens(node_size="betweenness", node_colour="community", edge_colour="quad"))
    values = lens_values(session)
    assert max(values.size.values()) == 1.0 and min(values.size.values()) >= 0
    top = max(values.size, key=values.size.__getitem__)
    assert top in (ACTOR + "Azerbaijan", ACTOR + "Russia")
    assert len(set(values.group.values())) >= 2
    assert set(values.edge_key) == set(session.visible.claim_set)
    assert any(k.startswith("4 material conflict") for k in values.edge_key.values())
    assert "structural" in values.edge_key.values()
    assert any("community" in line for line in values.legend)
    # a filter changes what is analysed
    before = analysis_of(session)
    session.set_filters(FilterState(categories=frozenset({"https://w3id.org/caucasus-explorer/vocab#Conflict"})))
    after = analysis_of(session)
    assert after is not before and len(after.coded) < len(before.coded)
    assert analysis_of(session) is after  # kept while nothing changes


def test_bloc_and_intensity_lenses_explain_themselves(session: Session) -> None:
    session.set_lens(Lens(node_colour="bloc", edge_colour="intensity"))
    values = lens_values(session)
    assert any("frustrated" in line for line in values.legend)
    assert "-10" in values.edge_key.values() and "+1" in values.edge_key.values()


def test_the_metrics_table_and_its_csv(session: Session) -> None:
    rows = metrics_rows(session)
    assert rows and rows[0]["betweenness"] >= rows[-1]["betweenness"]
    table = list(csv.reader(io.StringIO(metrics_csv(rows).decode("utf-8"))))
    assert table[0] == [h for _k, h in COLUMNS] + ["iri"]
    assert len(table) == len(rows) + 1
    assert table[1][0] == rows[0]["label"] and table[1][-1] == rows[0]["actor"]


def test_the_dyad_is_the_selected_pair_or_an_edges_ends(session: Session, kb: KnowledgeBase) -> None:
    from explorer.app.lenses import dyad_of

    assert dyad_of(session) is None
    session.select([ACTOR + "Armenia", ACTOR + "Azerbaijan"])
    pair = dyad_of(session)
    assert pair is not None and {pair.a, pair.b} == {ACTOR + "Armenia", ACTOR + "Azerbaijan"}
    claims = [iri for p in pair.periods for iri in p.claims]
    assert claims and all({kb.claims[c].subject, kb.claims[c].object} == {pair.a, pair.b} for c in claims)
    session.select(claims=[claims[0]])
    assert dyad_of(session).periods == pair.periods
