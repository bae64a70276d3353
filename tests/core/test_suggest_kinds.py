"""Suggested relations respect what the vocabulary says of them: a relation's rdfs:domain and rdfs:range
(memberOf's object is an organisation, participatesIn's an event), a mutual (symmetric) relation only
between parties that act (an event or a place is not met or fought with), and an energy export only
where energy flows from one to the other."""

from __future__ import annotations

import pytest

from explorer.core.loading import load_bundled
from explorer.core.suggest import NameIndex, fits, suggest_text

CX = "https://w3id.org/caucasus-explorer/vocab#"
KINDS = {"armenia": "country", "russia": "country", "csto": "organisation", "war": "event", "yerevan": "place"}
NAMES = {"Armenia": "armenia", "Russia": "russia", "CSTO": "csto", "April war": "war", "Yerevan": "yerevan"}


@pytest.fixture(scope="module")
def relations():  # type: ignore[no-untyped-def]
    return load_bundled().relations


def triples(text: str, relations) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    index = NameIndex()
    for name, actor in NAMES.items():
        index.add(name, actor)
    index.compile()
    return {(s.subject, s.predicate.removeprefix(CX), s.object)
            for s in suggest_text("urn:a", text, index, relations, KINDS)}


def test_the_vocabulary_says_which_kinds_a_relation_joins() -> None:
    assert fits("memberOf", "country", "organisation") and not fits("memberOf", "organisation", "country")
    assert fits("participatesIn", "country", "event") and not fits("participatesIn", "country", "country")
    assert fits("foreignMinisterOf", "person", "country") and not fits("foreignMinisterOf", "country", "country")
    assert fits("supports", "country", "event")  # rdfs:range cx:Actor: any kind


def test_a_typed_relation_turns_to_fit(relations) -> None:  # type: ignore[no-untyped-def]
    found = triples("The CSTO's members include Armenia.", relations)
    assert ("armenia", "memberOf", "csto") in found


def test_an_event_is_taken_part_in_not_fought_with(relations) -> None:  # type: ignore[no-untyped-def]
    found = triples("The April war saw heavy fighting by Armenia.", relations)
    assert found == {("armenia", "participatesIn", "war")}
    assert triples("Armenia and the April war.", relations) == {("armenia", "participatesIn", "war")}


def test_a_place_is_not_met_with(relations) -> None:  # type: ignore[no-untyped-def]
    found = triples("Russia met officials in Yerevan.", relations)
    assert found and not any(p == "meetsWith" for _s, p, _o in found)  # (only the weak "has ties with" is left)


def test_energy_flows_or_it_is_no_export(relations) -> None:  # type: ignore[no-untyped-def]
    assert ("russia", "exportsEnergyTo", "armenia") in triples("Russia supplies gas to Armenia.", relations)
    assert ("russia", "exportsEnergyTo", "armenia") in triples("Russia's gas to Armenia grew.", relations)
    wealth = triples("Russia's oil and gas wealth is a worry for Armenia.", relations)
    assert not any(p == "exportsEnergyTo" for _s, p, _o in wealth)
