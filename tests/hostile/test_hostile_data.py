"""Data that parses but is wrong: it loads (it is data), the knowledge base keeps working, the evidence
panel reports the problem instead of failing, and validation names each problem.

Article texts for these files are in ``files/seeds/``: hostile-article.txt (166 characters, UTF-8) and
latin1-article.txt (not UTF-8).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from hostile_helpers import ACTOR, FILES

from explorer.core.errors import ExplorerError
from explorer.core.export import serialize
from explorer.core.formats import FORMATS
from explorer.core.knowledge import KnowledgeBase
from explorer.core.layout import force_layout
from explorer.core.loading import load_knowledge
from explorer.core.network import centrality, claim_graph, neighbourhood, shortest_paths
from explorer.core.validate import validate

EVIDENCE = "https://w3id.org/caucasus-explorer/evidence/"
CLAIM = "https://w3id.org/caucasus-explorer/claim/"

#: file, what the problem concerns, the check that finds it, words of its message.
PROBLEMS: list[tuple[str, str, str, str]] = [
    ("wrong-quote-offsets.ttl", EVIDENCE + "h-moved", "quote", "is not at offsets 50-81"),
    ("wrong-quote-absent.ttl", EVIDENCE + "h-absent", "quote", "is not at offsets 43-64"),
    ("wrong-offsets-past-end.ttl", EVIDENCE + "h-past", "quote", "outside the article (166 characters)"),
    ("wrong-offsets-negative.ttl", EVIDENCE + "h-negative", "quote", "outside the article"),
    ("wrong-missing-article-file.ttl", EVIDENCE + "h-missing", "article", "'no-such-article.txt' not found"),
    ("wrong-article-not-utf8.ttl", EVIDENCE + "h-latin1", "article", "not valid UTF-8 (byte 0xfc)"),
    ("wrong-claim-without-evidence.ttl", CLAIM + "Armenia_memberOf_CSTO", "evidence", "has no evidence"),
    ("wrong-claim-without-evidence.ttl", "urn:explorer:triple:", "evidence", "has no rdf:Statement"),
    ("wrong-actor-without-label.ttl", ACTOR + "Nameless", "actor", "no rdfs:label"),
    ("wrong-actor-without-label.ttl", ACTOR + "Untyped", "actor", "no actor type"),
    ("wrong-duplicate-ids.ttl", CLAIM + "Armenia_memberOf_CSTO", "shacl", "subject must be one typed actor"),
    ("wrong-duplicate-ids.ttl", EVIDENCE + "h-dup", "shacl", "More than 1 values"),
    ("wrong-duplicate-ids.ttl", ACTOR + "CSTO", "shacl", "must be one typed actor"),
    ("wrong-duplicate-ids.ttl", ACTOR + "Armenia", "actor", "2 different rdfs:label values @en"),
    ("wrong-control-chars.ttl", ACTOR + "Russia", "actor", "contains control characters (U+0000, U+0007, U+001B)"),
    ("wrong-control-chars.ttl", ACTOR + "Raw", "actor", "contains control characters (U+0001, U+0007)"),
]
WRONG = sorted(p.name for p in FILES.glob("wrong-*.ttl"))


def _load(name: str) -> KnowledgeBase:
    return load_knowledge([FILES / name])


def _exercise(kb: KnowledgeBase) -> None:
    """Everything a front end does with a knowledge base, none of which may fail on wrong data."""
    for claim in kb.claims.values():
        kb.describe(claim)
        kb.evidence_of(claim.iri)
    for evidence in kb.evidence:
        kb.context(evidence)
    graph = claim_graph(kb, include_isolated=True)
    centrality(kb)
    for actor in kb.actors:
        neighbourhood(kb, actor, hops=5)
        kb.find_actors(kb.actors[actor].label)
    actors = sorted(kb.actors)
    if len(actors) > 1:
        shortest_paths(kb, actors[0], actors[-1])
    force_layout(list(graph.nodes), [(u, v) for u, v, _k in graph.edges], seed=1, iterations=20)
    kb.summary()


@pytest.mark.parametrize("name", WRONG)
def test_wrong_data_loads_and_everything_keeps_working(name: str) -> None:
    kb = _load(name)
    assert kb.claims
    _exercise(kb)


@pytest.mark.parametrize(("name", "subject", "check", "words"), PROBLEMS,
                         ids=[f"{p[0]}-{p[2]}" for p in PROBLEMS])
def test_validation_names_each_problem(name: str, subject: str, check: str, words: str) -> None:
    report = validate(_load(name))
    found = [p for p in report.problems
             if p.subject.startswith(subject) and p.check == check and words in p.message]
    assert found, [str(p) for p in report.problems]
    assert not report.ok


def test_the_valid_baseline_has_no_problem() -> None:
    kb = _load("valid-small.ttl")
    report = validate(kb)
    assert report.ok, [str(p) for p in report.problems]
    (evidence,) = kb.evidence
    assert kb.context(evidence).verified


def test_a_moved_quote_is_found_and_flagged() -> None:
    kb = _load("wrong-quote-offsets.ttl")
    context = kb.context(EVIDENCE + "h-moved")
    assert not context.verified
    assert context.problems == ("the quote is not at its recorded offsets",)
    assert context.paragraph[context.quote_start:context.quote_end] == "Armenia is a member of the CSTO"


@pytest.mark.parametrize(("name", "evidence"), [("wrong-offsets-past-end.ttl", "h-past"),
                                                 ("wrong-offsets-negative.ttl", "h-negative")])
def test_offsets_outside_the_article_fall_back_to_the_quote(name: str, evidence: str) -> None:
    context = _load(name).context(EVIDENCE + evidence)
    assert not context.verified
    assert "the quote is not at its recorded offsets" in context.problems
    assert context.paragraph[context.quote_start:context.quote_end] == "Armenia is a member of the CSTO"


def test_an_absent_quote_is_shown_alone_with_both_problems() -> None:
    context = _load("wrong-quote-absent.ttl").context(EVIDENCE + "h-absent")
    assert context.problems == ("the quote is not at its recorded offsets",
                                "the quote does not occur in the article")
    assert context.paragraph == "Armenia left the CSTO"


@pytest.mark.parametrize(("name", "evidence", "words"), [
    ("wrong-missing-article-file.ttl", "h-missing", "'no-such-article.txt' not found"),
    ("wrong-article-not-utf8.ttl", "h-latin1", "article text is not valid UTF-8 (byte 0xfc)"),
])
def test_an_unreadable_article_becomes_a_problem_not_a_crash(name: str, evidence: str, words: str) -> None:
    kb = _load(name)
    context = kb.context(EVIDENCE + evidence)
    assert not context.verified
    assert any(words in p for p in context.problems), context.problems
    assert context.paragraph == kb.evidence[EVIDENCE + evidence].exact
    with pytest.raises(ExplorerError, match=r"UTF-8|not found"):
        kb.article_text(kb.evidence[EVIDENCE + evidence].article)


def test_an_actor_without_label_shows_its_local_name() -> None:
    kb = _load("wrong-actor-without-label.ttl")
    assert kb.actors[ACTOR + "Nameless"].label == "Nameless"
    assert kb.actors[ACTOR + "Untyped"].label == "Untyped"
    assert kb.actors[ACTOR + "Untyped"].kind == "other"
    assert kb.find_actors("namel") == [kb.actors[ACTOR + "Nameless"]]


def test_a_claim_without_evidence_has_no_evidence_and_no_context() -> None:
    kb = _load("wrong-claim-without-evidence.ttl")
    assert kb.evidence_of(CLAIM + "Armenia_memberOf_CSTO") == []
    bare = [c for c in kb.claims.values() if not c.has_statement]
    assert [(c.subject, c.object) for c in bare] == [(ACTOR + "Russia", ACTOR + "Armenia")]


def test_duplicate_identifiers_resolve_the_same_way_every_time() -> None:
    first, second = _load("wrong-duplicate-ids.ttl"), _load("wrong-duplicate-ids.ttl")
    assert first.claims == second.claims
    assert first.evidence == second.evidence
    assert first.actors == second.actors
    assert len(first.evidence_of(CLAIM + "Armenia_memberOf_CSTO")) == 1


def test_cycles_terminate_everywhere() -> None:
    kb = _load("wrong-cycles.ttl")
    armenia, csto, russia = ACTOR + "Armenia", ACTOR + "CSTO", ACTOR + "Russia"
    assert len(kb.claims_between(armenia, csto)) == 2
    assert neighbourhood(kb, armenia, hops=50) == {armenia, csto}
    assert neighbourhood(kb, russia, hops=50) == {russia}
    (path,) = shortest_paths(kb, armenia, csto)
    assert [s.target for s in path] == [csto]
    assert shortest_paths(kb, russia, armenia) == []
    assert ACTOR + "Looped" in kb.actors  # typed by a class in a subclass cycle
    graph = claim_graph(kb)
    assert graph.number_of_edges(russia, russia) == 1


def test_html_in_labels_stays_text() -> None:
    """The core hands labels over verbatim: no markup is interpreted, stripped or escaped here; views
    show them as plain text (Qt.PlainText), the CLI prints them as they are."""
    kb = _load("wrong-html-labels.ttl")
    russia = kb.actors[ACTOR + "Russia"]
    assert russia.label == "<b>Russia</b><script>alert(1)</script>"
    assert kb.find_actors("<script>") == [russia]
    (claim,) = kb.claims.values()
    assert kb.describe(claim) == "<b>Russia</b><script>alert(1)</script> <i>supports</i> Armenia"
    assert kb.articles["https://w3id.org/caucasus-explorer/article/h001"].publisher == \
        "<img src=x onerror=alert(1)>Press"


def test_control_characters_are_kept_and_survive_export() -> None:
    kb = _load("wrong-control-chars.ttl")
    label = "Rus\x00sia\x1b[31m red\x07"
    assert kb.actors[ACTOR + "Russia"].label == label
    assert kb.actors[ACTOR + "Raw"].label == "Raw\x01control\x07chars"
    assert kb.find_actors("rus") == [kb.actors[ACTOR + "Russia"]]
    for fmt in ("turtle", "ntriples", "jsonld"):
        for claims in (None, list(kb.claims)):
            graph = rdflib.Graph().parse(data=serialize(kb, fmt, claims=claims), format=FORMATS[fmt].rdflib)
            labels = set(graph.objects(rdflib.URIRef(ACTOR + "Russia")))
            assert rdflib.Literal(label, lang="en") in labels, fmt


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "trig", "jsonld"])
def test_control_characters_reload_after_export(tmp_path: Path, fmt: str) -> None:
    """rdflib writes a NUL inside a literal unescaped; that is legal Turtle, so the loader must not call
    the exported file binary."""
    kb = _load("wrong-control-chars.ttl")
    extension = {"turtle": ".ttl", "ntriples": ".nt", "trig": ".trig", "jsonld": ".jsonld"}[fmt]
    path = tmp_path / f"export{extension}"
    path.write_bytes(serialize(kb, fmt, claims=list(kb.claims)))
    again = load_knowledge([path])
    assert again.actors[ACTOR + "Russia"].label == kb.actors[ACTOR + "Russia"].label


def test_control_characters_in_rdfxml_export_are_refused_or_reload(tmp_path: Path) -> None:
    kb = _load("wrong-control-chars.ttl")
    path = tmp_path / "export.rdf"
    with pytest.raises(ExplorerError, match="RDF/XML cannot carry"):
        path.write_bytes(serialize(kb, "rdfxml", claims=list(kb.claims)))
    assert not path.exists()
