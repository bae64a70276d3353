"""The audit's findings (issue 13) and the dates (issue 14) in the curated claims of articles a000-a002.

Read with plain rdflib from the bundled Turtle, independently of the explorer's loader.
"""

from __future__ import annotations

import re

import pytest
from curated_rdf import ACTOR, AGENT, CLAIM, CX, DCT, EVIDENCE, MONTHS, OA, bundled_graph
from rdflib import RDF, Graph, URIRef

from explorer.resources import bundled_files, seeds_dir

FILES = ("claims-a000.ttl", "claims-a001.ttl", "claims-a002.ttl")


@pytest.fixture(scope="module")
def everything() -> Graph:
    return bundled_graph()


@pytest.fixture(scope="module")
def mine() -> Graph:
    graph = Graph()
    for path in bundled_files():
        if path.name in FILES:
            graph.parse(path, format="turtle")
    return graph


def factualities(graph: Graph, claim: URIRef) -> list:
    return [graph.value(ann, CX.factuality) for ann in graph.subjects(OA.hasBody, claim)]


def test_every_passage_has_a_factuality_a_curator_and_a_date(mine: Graph) -> None:
    annotations = set(mine.subjects(RDF.type, OA.Annotation))
    assert len(annotations) >= 100
    for ann in annotations:
        assert mine.value(ann, CX.factuality) is not None, ann
        assert mine.value(ann, DCT.creator) == AGENT.curators, ann
        assert mine.value(ann, DCT.created) is not None, ann


def test_lavrov_met_the_foreign_ministers_not_the_countries(everything: Graph) -> None:
    for claim, country in (("SergeiLavrov_meetsWith_Armenia_2014", "Armenia"),
                           ("SergeiLavrov_meetsWith_Azerbaijan_2014", "Azerbaijan")):
        minister = everything.value(CLAIM[claim], RDF.object)
        assert (minister, RDF.type, CX.Person) in everything
        assert (ACTOR.SergeiLavrov, CX.meetsWith, ACTOR[country]) not in everything
        assert (minister, CX.foreignMinisterOf, ACTOR[country]) in everything


def test_lavrovs_visit_to_baku_in_2014_is_its_own_dated_statement(everything: Graph) -> None:
    visit = CLAIM.SergeiLavrov_visits_Azerbaijan_2014
    assert str(everything.value(visit, CX.eventDate)) == "2014-06"
    assert everything.value(visit, CX.dateNote) is not None  # 'last week', counted from the article's date
    others = [st for st in everything.subjects(RDF.object, ACTOR.Azerbaijan)
              if everything.value(st, RDF.predicate) == CX.visits and st != visit
              and everything.value(st, RDF.subject) == ACTOR.SergeiLavrov]
    assert others == [CLAIM.SergeiLavrov_visits_Azerbaijan_2023]  # Lavrov's visit of February 2023 (a003)


def test_kazakhstan_and_belarus_concerns_are_hedged_not_asserted(everything: Graph) -> None:
    for country in ("Kazakhstan", "Belarus"):
        claim = CLAIM[f"{country}_criticises_Armenia_2014"]
        assert factualities(everything, claim) == [CX.Probable]
        assert (ACTOR[country], CX.criticises, ACTOR.Armenia) not in everything


def test_a001_names_its_speakers(everything: Graph) -> None:
    for n in range(6, 11):  # Lavrov's announcement of the ceasefire after the ten-hour meeting
        assert everything.value(EVIDENCE[f"a001-{n:02d}"], CX.assertedBy) == ACTOR.SergeiLavrov
    sides = everything.value(EVIDENCE["a001-11"], CX.assertedBy)  # both sides report fighting
    assert sides is not None and (sides, RDF.type, None) in everything


def test_the_broken_ceasefire_and_the_failed_second_attempt(everything: Graph) -> None:
    for party in ("Armenia", "Azerbaijan"):
        failed = CLAIM[f"SergeiLavrov_brokeredCeasefire_{party}_2020_secondAttempt"]
        assert factualities(everything, failed) == [CX.Negated]
        assert str(everything.value(failed, CX.eventDate)) == "2020-10"
    broken = [ann for ann in everything.subjects(OA.hasBody, CLAIM.Armenia_clashedWith_Azerbaijan_2020)
              if "cease fire was broken" in _exact(everything, ann)]
    assert broken and everything.value(broken[0], CX.factuality) == CX.Asserted


def test_the_consultations_with_lavrov_are_planned(everything: Graph) -> None:
    for minister in ("ZohrabMnatsakanyan", "JeyhunBayramov"):
        planned = CLAIM[f"SergeiLavrov_meetsWith_{minister}_2020_consultations"]
        assert set(factualities(everything, planned)) == {CX.Planned}
        quotes = [_exact(everything, ann) for ann in everything.subjects(OA.hasBody, planned)]
        assert any("consultations with Lavrov" in q for q in quotes)  # the headline


def test_the_1994_and_2022_us_ceasefires_are_two_dated_statements_and_one_plain_triple(everything: Graph) -> None:
    text = next(p for p in bundled_files() if p.name == "claims-a002.ttl").read_text(encoding="utf-8")
    for party in ("Armenia", "Azerbaijan"):
        assert str(everything.value(CLAIM[f"UnitedStates_brokeredCeasefire_{party}_1994"], CX.eventDate)) == "1994"
        assert str(everything.value(CLAIM[f"UnitedStates_brokeredCeasefire_{party}_2022"], CX.eventDate)) == "2022-09"
        assert text.count(f"actor:UnitedStates cx:brokeredCeasefire actor:{party} .") == 1


def test_negotiations_keep_their_claim(everything: Graph) -> None:
    claim = CLAIM.Armenia_negotiatesWith_Azerbaijan
    assert CX.Asserted in factualities(everything, claim)


def test_every_date_is_in_the_paragraph_or_explained(mine: Graph, everything: Graph) -> None:
    checked = 0
    for st in set(mine.subjects(RDF.type, RDF.Statement)):
        for prop in (CX.eventDate, CX.startDate, CX.endDate):
            value = mine.value(st, prop)
            if value is None:
                continue
            checked += 1
            if mine.value(st, CX.dateNote) is not None:
                continue
            year, month = re.match(r"(\d{4})(?:-(\d{2}))?", str(value)).groups()
            words = [year] + ([MONTHS[int(month) - 1]] if month else [])
            paragraphs = [_paragraph(everything, ann) for ann in everything.subjects(OA.hasBody, st)]
            assert any(all(w in p for w in words) for p in paragraphs), f"{st}: {value} is not in the text"
    assert checked >= 40


def _exact(graph: Graph, ann: URIRef) -> str:
    target = graph.value(ann, OA.hasTarget)
    for selector in graph.objects(target, OA.hasSelector):
        if graph.value(selector, OA.exact) is not None:
            return str(graph.value(selector, OA.exact))
    return ""


def _paragraph(graph: Graph, ann: URIRef) -> str:
    target = graph.value(ann, OA.hasTarget)
    seed = graph.value(graph.value(target, OA.hasSource), CX.seedFile)
    text = (seeds_dir() / str(seed)).read_text(encoding="utf-8")
    start = next(int(graph.value(s, OA.start)) for s in graph.objects(target, OA.hasSelector)
                 if graph.value(s, OA.start) is not None)
    begin = text.rfind("\n\n", 0, start)
    end = text.find("\n\n", start)
    return text[begin + 2 if begin >= 0 else 0:end if end >= 0 else len(text)]
