"""Checks that keep the evidence honest, with one report type for every front end.

Quote checks: every quote is exactly the article text at its offsets, inside the article body,
with matching prefix and suffix. Graph checks: every claim has evidence, every actor a label and a
type, annotations point at known claims and articles. Structure: the SHACL shapes in resources/.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.core.knowledge import KnowledgeBase
from explorer.core.vocab import SH, SPARQL_PREFIXES, shorten
from explorer.resources import shapes_file

if TYPE_CHECKING:
    import rdflib


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, naming what it concerns (a claim, an annotation, an actor, an article or a file)."""

    subject: str
    message: str
    check: str  # "quote", "evidence", "actor", "article", "shacl"
    severity: str = "error"

    def __str__(self) -> str:
        return f"{shorten(self.subject)}: {self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def about(self, subject: str) -> list[Problem]:
        return [p for p in self.problems if p.subject == subject]


def check_quotes(kb: KnowledgeBase) -> Iterable[Problem]:
    for ev in kb.evidence.values():
        article = kb.articles.get(ev.article)
        if article is None:
            yield Problem(ev.iri, f"cites {shorten(ev.article)}, which is not a known article", "article")
            continue
        if not article.seed_file:
            yield Problem(ev.iri, f"article {shorten(article.iri)} names no seed file (cx:seedFile)", "article")
            continue
        try:
            text = kb.texts.text(article.seed_file)
        except ExplorerError as exc:
            yield Problem(ev.iri, f"article text unavailable: {exc}", "article")
            continue
        if not ev.exact:
            yield Problem(ev.iri, "has no quote (oa:exact)", "quote")
            continue
        if ev.start is None or ev.end is None:
            yield Problem(ev.iri, "has no position (oa:start/oa:end)", "quote")
            continue
        if not 0 <= ev.start <= ev.end <= len(text):
            yield Problem(ev.iri, f"offsets {ev.start}-{ev.end} are outside the article "
                                  f"({len(text)} characters)", "quote")
            continue
        found = text[ev.start:ev.end]
        if found != ev.exact:
            yield Problem(ev.iri, f"quote {_clip(ev.exact)!r} is not at offsets {ev.start}-{ev.end}, "
                                  f"which hold {_clip(found)!r}", "quote")
            continue
        if article.body_start is not None and article.body_end is not None and not (
                article.body_start <= ev.start and ev.end <= article.body_end):
            yield Problem(ev.iri, f"quote at {ev.start}-{ev.end} lies outside the article body "
                                  f"({article.body_start}-{article.body_end}): site boilerplate cannot be "
                                  "evidence", "quote")
        if ev.prefix is not None and not text[:ev.start].endswith(ev.prefix):
            yield Problem(ev.iri, "oa:prefix does not match the text before the quote", "quote")
        if ev.suffix is not None and not text[ev.end:].startswith(ev.suffix):
            yield Problem(ev.iri, "oa:suffix does not match the text after the quote", "quote")


def check_claims(kb: KnowledgeBase) -> Iterable[Problem]:
    for claim in kb.claims.values():
        if not claim.has_statement:
            yield Problem(claim.iri, f"the triple {kb.describe(claim)!r} has no rdf:Statement and so no "
                                     "evidence", "evidence")
        elif not claim.evidence:
            yield Problem(claim.iri, f"claim {kb.describe(claim)!r} has no evidence (no oa:Annotation)",
                          "evidence")
    for ev in kb.evidence.values():
        if ev.claim not in kb.claims:
            yield Problem(ev.iri, f"its body {shorten(ev.claim)} is not a claim", "evidence")


def check_actors(kb: KnowledgeBase) -> Iterable[Problem]:
    iris = sorted(a for a in kb.actors if not a.startswith("_:"))
    labelled: set[str] = set()
    for i in range(0, len(iris), 500):
        values = " ".join(f"<{a}>" for a in iris[i:i + 500])
        rows = kb.store.select(SPARQL_PREFIXES + f"SELECT DISTINCT ?a WHERE {{ VALUES ?a {{ {values} }} "
                               "?a rdfs:label ?l }")
        labelled.update(r["a"] for r in rows if r["a"])
    for iri in iris:
        actor = kb.actors[iri]
        if iri not in labelled:
            yield Problem(iri, "actor has no rdfs:label", "actor")
        if actor.kind == "other":
            yield Problem(iri, "actor has no actor type (cx:Country, cx:Person, ...)", "actor")


def _control_characters(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cc"})


def check_text(kb: KnowledgeBase) -> Iterable[Problem]:
    """Names and titles must be printable: control characters hide or garble what a reader sees."""
    named: list[tuple[str, str, str]] = []
    for actor in kb.actors.values():
        named += [(actor.iri, "label", actor.label), *((actor.iri, "alias", a) for a in actor.aliases)]
    named += [(r.iri, "label", r.label) for r in kb.relations.values()]
    named += [(a.iri, "title", a.title) for a in kb.articles.values()]
    for subject, what, text in named:
        bad = _control_characters(text)
        if bad:
            yield Problem(subject, f"{what} {text!r} contains control characters ({', '.join(bad)})", "actor")
    rows = kb.store.select(SPARQL_PREFIXES + """
        SELECT ?a ?lang (COUNT(DISTINCT ?l) AS ?n) WHERE { ?a rdfs:label ?l BIND(LANG(?l) AS ?lang) }
        GROUP BY ?a ?lang HAVING (COUNT(DISTINCT ?l) > 1)""")
    for row in rows:
        subject = row["a"] or ""
        if subject in kb.actors:
            lang = f"@{row['lang']}" if row.get("lang") else "without a language tag"
            yield Problem(subject, f"actor has {row['n']} different rdfs:label values {lang}: one name "
                                   "is the label, the others belong in skos:altLabel", "actor")
    for iri in sorted(set(kb.actors) & set(kb.claims)):
        yield Problem(iri, "the same IRI names both an actor and a claim", "actor")


#: rdflib's SPARQL parser (pyparsing) is not thread-safe: two validations at once (the window's, in its
#: worker, and another) failed with "Expected SelectQuery" on the shapes' SPARQL targets. One at a time.
_SHACL = threading.Lock()


def check_shapes(kb: KnowledgeBase, data: rdflib.Graph | None = None) -> Iterable[Problem]:
    import pyshacl  # imported here: it takes a while and only validation needs it
    import rdflib

    shapes = rdflib.Graph().parse(shapes_file(), format="turtle")
    graph = data if data is not None else kb.store.to_rdflib()
    with _SHACL:
        conforms, results, _text = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                                    allow_warnings=True,
                                                    advanced=True)  # SPARQL targets (resources/shapes.ttl)
    if conforms:
        return
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        where = f" ({shorten(str(path))})" if isinstance(path, rdflib.URIRef) else ""
        yield Problem(str(focus), f"SHACL: {message}{where}", "shacl")


CHECKS: dict[str, Callable[[KnowledgeBase], Iterable[Problem]]] = {
    "quote": check_quotes,
    "evidence": check_claims,
    "actor": check_actors,
    "text": check_text,
    "shacl": check_shapes,
}


def validate(kb: KnowledgeBase, *, shacl: bool = True) -> Report:
    """Run every check; problems come back in a stable order."""
    from explorer.core.weight_checks import check_weight  # the weight model's rules (issue 13)

    def weight(kb: KnowledgeBase) -> Iterable[Problem]:
        return (Problem(subject, message, "weight", severity) for subject, message, severity in check_weight(kb))

    checks = {**CHECKS, "weight": weight}
    report = Report(checked={"claims": len(kb.claims), "annotations": len(kb.evidence),
                             "actors": len(kb.actors), "articles": len(kb.articles)})
    for name, check in checks.items():
        if name == "shacl" and not shacl:
            continue
        report.problems.extend(sorted(check(kb), key=lambda p: (p.subject, p.message)))
    return report


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
