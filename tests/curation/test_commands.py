"""Every curation command: what it changes, and that undo gives back exactly the triples there were."""

from __future__ import annotations

import pytest
import rdflib
from curation_helpers import ACTOR, ARTICLE, CLAIM, CX, EVIDENCE
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from explorer.core.compare import isomorphic
from explorer.core.curation import (
    AddPassage,
    Command,
    DeleteActor,
    DeleteClaim,
    Document,
    EditActor,
    EditClaim,
    MergeActors,
    NewActor,
    NewClaim,
    RemovePassage,
    attribution_choices,
    curation_relations,
    name_part,
    parse_event_date,
)
from explorer.core.errors import ExplorerError

OA = "http://www.w3.org/ns/oa#"
A003 = ARTICLE + "a003"


def graph(doc: Document) -> rdflib.Graph:
    out = rdflib.Graph()
    for triple in doc.all_triples():
        out.add(triple)
    return out


def parts(doc: Document) -> dict:
    return {f: set(ts) for f, ts in doc.parts.items()}


def run_undo_redo(doc: Document, command: Command):
    """Run, undo, redo: undo restores every file's triples exactly; redo gives the same result again."""
    before, before_graph, changed = parts(doc), graph(doc), doc.changed_files()
    change = doc.run(command)
    assert change, f"{command.text} changed nothing"
    after = parts(doc)
    doc.apply(change.inverse())
    assert parts(doc) == before
    assert isomorphic(graph(doc), before_graph)
    assert doc.changed_files() == changed
    doc.apply(change)
    assert parts(doc) == after
    return change


def quote_span(doc: Document, article: str, words: str) -> tuple[int, int]:
    text = doc.kb.article_text(article)
    start = text.index(words)
    return start, start + len(words)


def new_claim(doc: Document, words: str = "Türkiye", subject: str = "Turkiye", predicate: str = "supports",
              obj: str = "Azerbaijan", date: str | None = "2023", by: str | None = None) -> NewClaim:
    start, end = quote_span(doc, A003, words)
    return NewClaim(ACTOR + subject, CX + predicate, ACTOR + obj, A003, start, end, date, by)


# ---------------------------------------------------------------- new claim


def test_a_new_claim_has_the_hand_written_shape(doc: Document) -> None:
    command = new_claim(doc, by=NS_AGENT + "VasifHuseynov")
    run_undo_redo(doc, command)
    claim = URIRef(command.result)
    assert command.result == CLAIM + "Turkiye_supports_Azerbaijan_2023"
    g = graph(doc)
    assert (URIRef(ACTOR + "Turkiye"), URIRef(CX + "supports"), URIRef(ACTOR + "Azerbaijan")) in g
    # the same predicates as a hand-written claim, at every level of the annotation
    written = URIRef(CLAIM + "SergeiLavrov_visits_Azerbaijan_2023")
    assert shape(g, claim) == shape(g, written)
    annotation = next(g.subjects(URIRef(OA + "hasBody"), claim))
    assert str(annotation) == EVIDENCE + "a003-50"  # one past the highest passage of a003
    selectors = list(g.objects(g.value(annotation, URIRef(OA + "hasTarget")), URIRef(OA + "hasSelector")))
    quote = next(s for s in selectors if (s, ns.RDF.type, URIRef(OA + "TextQuoteSelector")) in g)
    position = next(s for s in selectors if (s, ns.RDF.type, URIRef(OA + "TextPositionSelector")) in g)
    text = doc.kb.article_text(A003)
    start, end = int(g.value(position, URIRef(OA + "start"))), int(g.value(position, URIRef(OA + "end")))
    assert str(g.value(quote, URIRef(OA + "exact"))) == text[start:end] == "Türkiye"
    assert str(g.value(quote, URIRef(OA + "prefix"))) == text[start - 32:start]
    assert str(g.value(quote, URIRef(OA + "suffix"))) == text[end:end + 32]
    assert g.value(claim, URIRef(CX + "eventDate")) == Literal("2023", datatype=ns.XSD.gYear)
    # it is in the knowledge base at once, with its passage verified
    kb = doc.kb
    assert command.result in kb.claims
    (evidence,) = kb.evidence_of(command.result)
    assert kb.context(evidence).verified
    assert kb.context(evidence).asserted_by.label == "Vasif Huseynov"
    # and it lives in the claims file of its article
    assert [f.name for f in doc.changed_files()] == ["claims-a003.ttl"]


NS_AGENT = "https://w3id.org/caucasus-explorer/agent/"


def shape(g: rdflib.Graph, claim: URIRef) -> dict:
    """The predicates used on a claim's statement, annotations, targets and selectors (without dates,
    attributions, factuality and the curators' provenance, which the hand-written data has and the app
    does not add yet)."""
    optional = {URIRef(CX + "eventDate"), URIRef(CX + "startDate"), URIRef(CX + "endDate"), URIRef(CX + "dateNote"),
                URIRef(CX + "assertedBy"), URIRef(CX + "factuality"),
                URIRef("http://purl.org/dc/terms/creator"), URIRef("http://purl.org/dc/terms/created")}
    annotation = next(g.subjects(URIRef(OA + "hasBody"), claim))
    target = g.value(annotation, URIRef(OA + "hasTarget"))
    selectors = sorted(
        (sorted(set(g.predicates(s))), sorted(g.objects(s, ns.RDF.type)))
        for s in g.objects(target, URIRef(OA + "hasSelector")))
    return {
        "statement": set(g.predicates(claim)) - optional,
        "annotation": set(g.predicates(annotation)) - optional,
        "target": set(g.predicates(target)),
        "target type": set(g.objects(target, ns.RDF.type)),
        "selectors": selectors,
        "motivation": set(g.objects(annotation, URIRef(OA + "motivatedBy"))),
    }


def test_a_non_ascii_quote_is_the_seed_text_at_its_offsets(doc: Document) -> None:
    words = "Russia’s Foreign Minister Sergei Lavrov"
    command = new_claim(doc, words, "SergeiLavrov", "foreignMinisterOf", "Russia", None)
    doc.run(command)
    assert command.result == CLAIM + "SergeiLavrov_foreignMinisterOf_Russia_2"  # the plain name is taken
    (ev,) = doc.kb.evidence_of(command.result)
    seed = doc.kb.article_text(A003)
    assert ev.exact == seed[ev.start:ev.end] == words


def test_the_plain_triple_already_in_the_file_is_not_added_again_nor_removed_by_undo(doc: Document) -> None:
    plain = (URIRef(ACTOR + "SergeiLavrov"), URIRef(CX + "foreignMinisterOf"), URIRef(ACTOR + "Russia"))
    file = doc.file_for_claim(A003)
    assert plain in doc.parts[file]
    change = run_undo_redo(doc, new_claim(doc, "Sergei Lavrov", "SergeiLavrov", "foreignMinisterOf", "Russia", None))
    assert (file, plain) not in change.added
    doc.apply(change.inverse())
    assert plain in doc.parts[file]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"subject": "Nobody"}, "not an actor"),
    ({"predicate": "likes"}, "not a relation"),
    ({"date": "October 2020"}, "not a date"),
    ({"date": "2020-13"}, "no month"),
    ({"date": "2023-02-30"}, "no such day"),
])
def test_a_new_claim_refuses_what_validation_would_reject(doc: Document, kwargs: dict, message: str) -> None:
    with pytest.raises(ExplorerError, match=message):
        doc.run(new_claim(doc, **kwargs))
    assert not doc.changed_files()


def test_a_passage_outside_the_body_or_empty_is_refused(doc: Document) -> None:
    kb = doc.kb
    a002 = kb.articles[ARTICLE + "a002"]
    assert a002.body_start and a002.body_start > 5
    with pytest.raises(ExplorerError, match="outside the article body"):
        doc.run(NewClaim(ACTOR + "Russia", CX + "supports", ACTOR + "Armenia", a002.iri, 0, 5))
    with pytest.raises(ExplorerError, match="empty"):
        doc.run(NewClaim(ACTOR + "Russia", CX + "supports", ACTOR + "Armenia", A003, 10, 10))
    text = kb.article_text(A003)
    blank = text.index("\n\n") if "\n\n" in text else text.index("\n")
    with pytest.raises(ExplorerError, match="empty"):
        doc.run(NewClaim(ACTOR + "Russia", CX + "supports", ACTOR + "Armenia", A003, blank, blank + 1))


# ---------------------------------------------------------------- passages


def test_add_and_remove_a_passage(doc: Document) -> None:
    claim = CLAIM + "SergeiLavrov_visits_Azerbaijan_2023"
    before = len(doc.kb.claims[claim].evidence)
    start, end = quote_span(doc, A003, "Lavrov’s visit")
    command = AddPassage(claim, A003, start, end, NS_AGENT + "VasifHuseynov")
    run_undo_redo(doc, command)
    evidence = doc.kb.claims[claim].evidence
    assert len(evidence) == before + 1
    new = EVIDENCE + "a003-50"
    assert new in evidence and doc.kb.evidence[new].exact == "Lavrov’s visit"
    remove = RemovePassage(new)
    run_undo_redo(doc, remove)
    assert len(doc.kb.claims[claim].evidence) == before
    assert not any(t[0] == URIRef(new) or t[2] == URIRef(new) for t in doc.all_triples())


# ---------------------------------------------------------------- editing claims


def test_changing_the_relation_renames_the_claim_and_moves_its_passages(doc: Document) -> None:
    old = CLAIM + "Russia_leads_CSTO"
    passages = set(doc.kb.claims[old].evidence)
    command = EditClaim(old, predicate=CX + "memberOf")
    run_undo_redo(doc, command)
    kb = doc.kb
    assert old not in kb.claims
    assert command.result == CLAIM + "Russia_memberOf_CSTO"
    assert set(kb.claims[command.result].evidence) == passages
    g = graph(doc)
    assert (URIRef(ACTOR + "Russia"), URIRef(CX + "leads"), URIRef(ACTOR + "CSTO")) not in g
    assert (URIRef(ACTOR + "Russia"), URIRef(CX + "memberOf"), URIRef(ACTOR + "CSTO")) in g


def test_changing_only_the_date_keeps_the_claim(doc: Document) -> None:
    claim = CLAIM + "SergeiLavrov_visits_Azerbaijan_2023"
    assert doc.kb.claims[claim].event_date == "2023-02"
    command = EditClaim(claim, event_date="2023-02-27")
    run_undo_redo(doc, command)
    assert command.result == claim
    assert doc.kb.claims[claim].event_date == "2023-02-27"
    cleared = EditClaim(claim, event_date="")
    doc.run(cleared)
    assert cleared.result != claim  # the year was part of the name
    assert doc.kb.claims[cleared.result].event_date is None


def test_an_edit_that_changes_nothing_is_empty(doc: Document) -> None:
    claim = CLAIM + "Russia_leads_CSTO"
    assert not EditClaim(claim, predicate=CX + "leads").plan(doc)


def test_deleting_a_claim_keeps_a_triple_another_statement_describes(doc: Document) -> None:
    kb = doc.kb
    plain = (ACTOR + "UnitedStates", CX + "brokeredCeasefire", ACTOR + "Armenia")
    claims = [c.iri for c in kb.claims.values() if (c.subject, c.predicate, c.object) == plain]
    assert len(claims) == 2
    triple = tuple(URIRef(x) for x in plain)
    run_undo_redo(doc, DeleteClaim(claims[0]))
    assert claims[0] not in doc.kb.claims and triple in graph(doc)
    run_undo_redo(doc, DeleteClaim(claims[1]))
    assert triple not in graph(doc)
    assert not [e for e in doc.kb.evidence.values() if e.claim in claims]


# ---------------------------------------------------------------- actors


def test_new_actor_then_a_claim_about_it(doc: Document) -> None:
    command = NewActor("Nikol Pashinyan", "person", ["Pashinyan"], "Prime Minister of Armenia")
    run_undo_redo(doc, command)
    assert command.result == ACTOR + "NikolPashinyan"
    actor = doc.kb.actors[command.result]
    assert (actor.label, actor.kind, actor.aliases, actor.role) == (
        "Nikol Pashinyan", "person", ("Pashinyan",), "Prime Minister of Armenia")
    assert [f.name for f in doc.changed_files()] == ["actors.ttl"]
    again = NewActor("Nikol Pashinyan", "person")
    doc.run(again)
    assert again.result == ACTOR + "NikolPashinyan_2"
    with pytest.raises(ExplorerError):
        doc.run(NewActor("  ", "person"))
    with pytest.raises(ExplorerError):
        doc.run(NewActor("X", "planet"))


def test_edit_an_actor(doc: Document) -> None:
    command = EditActor(ACTOR + "Turkiye", label="Republic of Türkiye", aliases=["Turkey", "Türkiye"],
                        kind="country", description="A country.")
    run_undo_redo(doc, command)
    actor = doc.kb.actors[ACTOR + "Turkiye"]
    assert actor.label == "Republic of Türkiye"
    assert set(actor.aliases) == {"Turkey", "Türkiye"}
    assert actor.description == "A country."
    g = graph(doc)
    assert g.value(URIRef(ACTOR + "Turkiye"), ns.RDFS.label).language == "en"


def test_delete_an_actor_and_its_claims(doc: Document) -> None:
    iri = ACTOR + "SergeiLavrov"
    claims = [c.iri for c in doc.kb.claims_of(iri)]
    assert claims
    run_undo_redo(doc, DeleteActor(iri))
    kb = doc.kb
    assert iri not in kb.actors
    assert not set(claims) & set(kb.claims)
    assert not any(URIRef(iri) in t for t in doc.all_triples())
    assert all(ev.claim in kb.claims for ev in kb.evidence.values())


def test_merge_two_actors(doc: Document) -> None:
    doc.run(NewActor("Russian Federation government", "country", ["Moscow"]))
    drop = ACTOR + "RussianFederationGovernment"
    start, end = quote_span(doc, A003, "Russia")
    doc.run(NewClaim(drop, CX + "supports", ACTOR + "Armenia", A003, start, end))
    keep = ACTOR + "Russia"
    degree = doc.kb.degree(keep)
    command = MergeActors(keep, drop)
    run_undo_redo(doc, command)
    kb = doc.kb
    assert drop not in kb.actors
    actor = kb.actors[keep]
    assert actor.label == "Russia" and actor.kind == "country"
    assert {"Russian Federation government", "Moscow"} <= set(actor.aliases)
    assert kb.degree(keep) == degree + 1
    assert not any(URIRef(drop) in t for t in doc.all_triples())
    with pytest.raises(ExplorerError):
        doc.run(MergeActors(keep, keep))


# ---------------------------------------------------------------- choices and names


def test_choices_for_the_dialogs(doc: Document) -> None:
    relations = curation_relations(doc.kb)
    assert CX + "supports" in [r.iri for r in relations]
    assert all(r.comment for r in relations)
    who = dict(attribution_choices(doc))
    assert who[NS_AGENT + "RyanBohl"] == "Ryan Bohl"
    assert ACTOR + "SergeiLavrov" in who


def test_names_and_dates() -> None:
    assert name_part("Türkiye") == "Turkiye"
    assert name_part("European Union (EU)") == "EuropeanUnionEU"
    assert name_part("1st Army") == "Actor1stArmy"
    assert parse_event_date("2020") == Literal("2020", datatype=ns.XSD.gYear)
    assert parse_event_date(" 2020-10 ") == Literal("2020-10", datatype=ns.XSD.gYearMonth)
    assert parse_event_date("2024-02-29") == Literal("2024-02-29", datatype=ns.XSD.date)
    assert parse_event_date("") is None


def test_the_last_passage_of_a_claim_cannot_be_removed(doc: Document) -> None:
    claim = CLAIM + "Russia_leads_CSTO"
    evidence = doc.kb.claims[claim].evidence
    for ev in evidence[1:]:
        doc.run(RemovePassage(ev))
    with pytest.raises(ExplorerError, match="only passage"):
        doc.run(RemovePassage(evidence[0]))
    assert doc.kb.claims[claim].evidence == evidence[:1]


# ---------------------------------------------------------------- the plain-triple rule


def test_edits_keep_the_plain_triple_only_where_a_passage_states_it_as_fact(doc: Document) -> None:
    """Armenia's membership of the Customs Union is only planned: no plain triple. A passage added without a
    factuality states it as fact (and records cx:Asserted), so the plain triple comes; removing that passage
    takes it away again; an edit of a planned claim never asserts its new triple."""
    a000 = ARTICLE + "a000"
    claim = CLAIM + "Armenia_memberOf_CustomsUnion"
    plain = (URIRef(ACTOR + "Armenia"), URIRef(CX + "memberOf"), URIRef(ACTOR + "CustomsUnion"))
    assert not doc.holds(plain)
    before = set(doc.kb.claims[claim].evidence)
    start, end = quote_span(doc, a000, "Armenia")
    run_undo_redo(doc, AddPassage(claim, a000, start, end))
    assert doc.holds(plain)
    [added] = [e for e in doc.kb.claims[claim].evidence if e not in before]
    assert doc.kb.evidence[added].factuality == CX + "Asserted"  # recorded, not left to assume
    run_undo_redo(doc, RemovePassage(added))
    assert not doc.holds(plain)
    run_undo_redo(doc, EditClaim(claim, predicate=CX + "dependsOn"))
    edited = (plain[0], URIRef(CX + "dependsOn"), plain[2])
    assert any((c.subject, c.predicate, c.object) == tuple(map(str, edited)) for c in doc.kb.claims.values())
    assert not doc.holds(edited) and not doc.holds(plain)
