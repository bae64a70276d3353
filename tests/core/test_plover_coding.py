"""The PLOVER scheme of the vocabulary: sixteen categories, every relation predicate coded or structural."""

from __future__ import annotations

import rdflib
from rdflib.namespace import OWL, RDF, SKOS

from explorer.core.analysis.coding import CATEGORIES, QUAD_CODES, bundled_coding, coding_from_store
from explorer.core.analysis.events import coded_claims
from explorer.core.loading import load_bundled, load_store
from explorer.resources import vocabulary_file

CX = rdflib.Namespace("https://w3id.org/caucasus-explorer/vocab#")


def _vocabulary() -> rdflib.Graph:
    return rdflib.Graph().parse(vocabulary_file(), format="turtle")


def test_the_scheme_has_plovers_sixteen_categories_with_quad_class_and_intensity() -> None:
    coding = bundled_coding()
    assert sorted(coding.categories) == sorted(CATEGORIES)
    quads = {name: c.quad for name, c in coding.categories.items()}
    assert {n for n, q in quads.items() if q == 1} == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
    assert {n for n, q in quads.items() if q == 2} == {"COOPERATE", "AID", "RETREAT"}
    assert {n for n, q in quads.items() if q == 3} == {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    assert {n for n, q in quads.items() if q == 4} == {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    for category in coding.categories.values():
        assert -10 <= category.intensity <= 10
        assert (category.intensity > 0) == category.cooperative, category.name


def test_every_relation_predicate_is_coded_or_structural_never_both() -> None:
    graph = _vocabulary()
    predicates = set(graph.subjects(CX.category, None))
    assert len(predicates) > 40
    coded = {p for p in predicates
             if any(graph.objects(p, SKOS.closeMatch)) or any(graph.objects(p, SKOS.broadMatch))}
    structural = set(graph.subjects(RDF.type, CX.StructuralRelation))
    assert predicates - coded - structural == set(), "uncoded relation predicates"
    assert coded & structural == set()
    assert structural <= predicates, "a structural mark on a term that is no relation predicate"
    for p in coded:
        targets = [*graph.objects(p, SKOS.closeMatch), *graph.objects(p, SKOS.broadMatch)]
        assert len(targets) == 1, p
        assert (targets[0], SKOS.inScheme, CX.PloverCategories) in graph
    coding = bundled_coding()
    assert set(coding.codes) == {str(p) for p in coded}
    assert coding.structural == {str(p) for p in structural}


def test_the_new_terms_are_documented() -> None:
    graph = _vocabulary()
    for term in (CX.quadClass, CX.intensity, CX.ploverMode, CX.StructuralRelation, CX.PloverCategories,
                 CX.QuadClasses):
        assert (term, rdflib.RDFS.label, None) in graph and (term, rdflib.RDFS.comment, None) in graph, term
    for quad in QUAD_CODES:
        assert (CX[quad], SKOS.prefLabel, None) in graph
    assert (CX.quadClass, RDF.type, OWL.ObjectProperty) in graph


def test_a_users_vocabulary_codes_its_own_predicate(tmp_path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text("@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .\n"
                     "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                     "cx:bombed skos:closeMatch cx:ASSAULT ; cx:ploverMode \"air\" .\n", encoding="utf-8")
    coding = coding_from_store(load_store([extra]))
    code = coding.codes["https://w3id.org/caucasus-explorer/vocab#bombed"]
    assert (code.category.name, code.match, code.mode) == ("ASSAULT", "close", "air")


def test_bundled_claims_are_coded_and_undated_ones_take_their_articles_date() -> None:
    kb = load_bundled()
    coded = coded_claims(kb)
    coding = bundled_coding()
    structural = [c for c in kb.claims.values() if c.predicate in coding.structural]
    assert coded and structural
    assert {c.iri for c in coded}.isdisjoint(c.iri for c in structural)
    for c in coded:
        if c.claim.event_date:
            assert (c.date, c.date_source) == (c.claim.event_date, "event")
        else:
            dates = {kb.articles[kb.evidence[e].article].date for e in c.claim.evidence}
            assert c.date_source == "article" and c.date == min(d for d in dates if d)
