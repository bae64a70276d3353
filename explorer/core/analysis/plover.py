"""PLOVER event records (JSON lines): one per coded claim, and back into the claims' RDF.

Field names follow the PLOVER manual's data interchange section (``id``, ``date``, ``actor``,
``recipient``, ``event``, ``mode``, ``quad_code``, ``event_text``; https://github.com/openeventdata/PLOVER).
What PLOVER has no field for is kept under names of our own so that reading the file back gives the same
claims: the actors' and predicate's IRIs, the statement's other properties, and every passage (annotation)
with its selectors. An undated claim takes the date of the earliest article citing it, and
``date_source`` says so ("article" rather than "event").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.analysis.coding import CATEGORIES, QUAD_LABELS
from explorer.core.analysis.events import coded_claims
from explorer.core.errors import ExplorerError
from explorer.core.vocab import CX, OA, RDF, SPARQL_PREFIXES, WD

if TYPE_CHECKING:
    import rdflib

    from explorer.core.knowledge import KnowledgeBase

REQUIRED = ("id", "date", "date_source", "actor", "recipient", "event", "quad_code", "event_text", "passages")
_STATEMENT_OWN = {str(RDF.type), str(RDF.subject), str(RDF.predicate), str(RDF.object), str(CX.eventDate)}
_ANNOTATION_OWN = {str(RDF.type), str(OA.hasBody), str(OA.hasTarget), str(CX.assertedBy)}


def _wikidata(kb: KnowledgeBase, iri: str) -> str | None:
    actor = kb.actors.get(iri)
    ids = [s[len(str(WD)):] for s in (actor.same_as if actor else ()) if s.startswith(str(WD))]
    return ids[0] if ids else None


def _others(graph: rdflib.Graph, node: rdflib.term.Node, own: set[str]) -> list[list[str]]:
    """The node's other properties as [predicate IRI, object in N-Triples syntax], sorted."""
    return sorted([str(p), o.n3()] for p, o in graph.predicate_objects(node) if str(p) not in own)


def _passage(kb: KnowledgeBase, graph: rdflib.Graph, annotation: str) -> dict[str, Any]:
    import rdflib

    node = rdflib.URIRef(annotation)
    ev = kb.evidence.get(annotation)
    article = kb.articles.get(ev.article) if ev else None
    target = graph.value(node, OA.hasTarget)
    quote: dict[str, Any] = {}
    if target is not None:
        for selector in graph.objects(target, OA.hasSelector):
            for p, o in graph.predicate_objects(selector):
                if p != RDF.type:
                    quote[str(p).rsplit("#", 1)[-1]] = o.toPython() if isinstance(o, rdflib.Literal) else str(o)
    return {
        "id": annotation,
        "text": quote.get("exact"),
        "start": quote.get("start"),
        "end": quote.get("end"),
        "prefix": quote.get("prefix"),
        "suffix": quote.get("suffix"),
        "source": str(graph.value(target, OA.hasSource)) if target is not None else None,
        "url": article.url if article else None,
        "title": article.title if article else None,
        "publication": kb.label(article.publisher) if article and article.publisher else None,
        "publication_date": article.date if article else None,
        "asserted_by": ev.asserted_by if ev else None,
        "annotation_properties": _others(graph, node, _ANNOTATION_OWN),
    }


_STATEMENTS = "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { $VALUES } ?s ?p ?o }"
_ANNOTATIONS = """CONSTRUCT { ?s ?p ?o . ?t ?tp ?to . ?sel ?sp ?so } WHERE {
    VALUES ?s { $VALUES } ?s ?p ?o .
    OPTIONAL { ?s oa:hasTarget ?t . ?t ?tp ?to . OPTIONAL { ?t oa:hasSelector ?sel . ?sel ?sp ?so } } }"""


def _claims_graph(kb: KnowledgeBase, claims: list[str]) -> rdflib.Graph:
    """The statements and annotations (with targets and selectors) of ``claims``, from the store."""
    import rdflib

    graph = rdflib.Graph()
    statements = sorted(c for c in claims if kb.claims[c].has_statement)
    annotations = sorted(e for c in claims for e in kb.claims[c].evidence)
    for iris, template in ((statements, _STATEMENTS), (annotations, _ANNOTATIONS)):
        for i in range(0, len(iris), 500):
            values = " ".join(f"<{x}>" for x in iris[i:i + 500])
            graph += kb.store.construct(SPARQL_PREFIXES + template.replace("$VALUES", values))
    return graph


def plover_records(kb: KnowledgeBase, claims: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The PLOVER record of every coded claim among ``claims`` (all by default), in IRI order."""
    import rdflib

    chosen = None if claims is None else [kb.claims[c] for c in claims if c in kb.claims]
    coded = coded_claims(kb, chosen)
    graph = _claims_graph(kb, [c.iri for c in coded])
    records = []
    for c in coded:
        claim = c.claim
        passages = sorted((_passage(kb, graph, a) for a in claim.evidence),
                          key=lambda p: (p["publication_date"] or "", p["id"]))
        first = passages[0] if passages else None
        event_date = graph.value(rdflib.URIRef(claim.iri), CX.eventDate) if claim.has_statement else None
        records.append({
            "id": claim.iri,
            "date": c.date,
            "date_source": c.date_source,
            **({"date_note": "undated claim: the date of the earliest article that reports it"}
               if c.date_source == "article" else {}),
            "actor": kb.label(claim.subject),
            "recipient": kb.label(claim.object),
            "event": c.code.category.name,
            "mode": c.code.mode,
            "quad_code": c.quad,
            "quad_class": QUAD_LABELS[c.quad],
            "intensity": c.intensity,
            "event_text": first["text"] if first else None,
            "start": first["start"] if first else None,
            "end": first["end"] if first else None,
            "citation": {k: first[k] for k in ("url", "title", "publication", "publication_date")} if first else None,
            "actor_id": claim.subject,
            "recipient_id": claim.object,
            "actor_wikidata": _wikidata(kb, claim.subject),
            "recipient_wikidata": _wikidata(kb, claim.object),
            "predicate": claim.predicate,
            "match": c.code.match,
            "statement": claim.has_statement,
            "event_date": event_date.n3() if event_date is not None else None,
            "statement_properties": _others(graph, rdflib.URIRef(claim.iri), _STATEMENT_OWN)
            if claim.has_statement else [],
            "passages": passages,
        })
    return records


def plover_bytes(kb: KnowledgeBase, claims: Iterable[str] | None = None) -> bytes:
    """The records as JSON lines (UTF-8, one object a line)."""
    lines = (json.dumps(r, ensure_ascii=False, sort_keys=True) for r in plover_records(kb, claims))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExplorerError(f"cannot read PLOVER events: {exc}", path=path) from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExplorerError(f"line {number}: not JSON ({exc.msg})", path=path) from None
        if not isinstance(record, dict):
            raise ExplorerError(f"line {number}: a PLOVER event is a JSON object", path=path)
        missing = [f for f in REQUIRED if f not in record]
        if missing:
            raise ExplorerError(f"line {number}: missing field(s) {', '.join(missing)}", path=path)
        if record["event"] not in CATEGORIES:
            raise ExplorerError(f"line {number}: {record['event']!r} is none of PLOVER's sixteen categories",
                                path=path)
        yield number, record


def _asserts(passage: dict[str, Any]) -> bool:
    """Whether a passage states its claim as fact (no factuality recorded counts as asserted)."""
    for prop, value in passage.get("annotation_properties") or ():
        if prop == str(CX.factuality):
            return bool(value == f"<{CX.Asserted}>")
    return True


def read_plover(path: str | Path) -> rdflib.Graph:
    """The claims of a file written by :func:`plover_bytes`, as RDF: each plain triple, its rdf:Statement and
    its passages' annotations with their selectors (what the export had of them, nothing added)."""
    import rdflib
    from rdflib.util import from_n3

    path = Path(path)
    graph = rdflib.Graph()

    def term(text: str, number: int) -> rdflib.term.Node:
        try:
            node = from_n3(text)
        except Exception:
            node = None
        if node is None:
            raise ExplorerError(f"line {number}: cannot read the RDF term {text!r}", path=path)
        return node  # type: ignore[return-value]

    for number, record in _records(path):
        try:
            s, p, o = (rdflib.URIRef(record[k]) for k in ("actor_id", "predicate", "recipient_id"))
        except (KeyError, TypeError):
            raise ExplorerError(f"line {number}: actor_id, predicate and recipient_id are needed to rebuild "
                                "the claim", path=path) from None
        if not record.get("statement", True):
            graph.add((s, p, o))  # a bare triple, as it was
            continue
        if any(_asserts(passage) for passage in record["passages"]):
            graph.add((s, p, o))  # the plain-triple rule: only where a passage states it as fact
        st = rdflib.URIRef(record["id"])
        graph.add((st, RDF.type, RDF.Statement))
        graph.add((st, RDF.subject, s))
        graph.add((st, RDF.predicate, p))
        graph.add((st, RDF.object, o))
        if record.get("event_date"):
            graph.add((st, CX.eventDate, term(record["event_date"], number)))
        for prop, value in record.get("statement_properties") or ():
            graph.add((st, rdflib.URIRef(prop), term(value, number)))
        for passage in record["passages"]:
            ann = rdflib.URIRef(passage["id"])
            graph.add((ann, RDF.type, OA.Annotation))
            graph.add((ann, OA.hasBody, st))
            if passage.get("asserted_by"):
                graph.add((ann, CX.assertedBy, rdflib.URIRef(passage["asserted_by"])))
            for prop, value in passage.get("annotation_properties") or ():
                graph.add((ann, rdflib.URIRef(prop), term(value, number)))
            if not passage.get("source"):
                continue
            target = rdflib.BNode()
            graph.add((ann, OA.hasTarget, target))
            graph.add((target, RDF.type, OA.SpecificResource))
            graph.add((target, OA.hasSource, rdflib.URIRef(passage["source"])))
            if passage.get("text") is not None:
                quote = rdflib.BNode()
                graph.add((target, OA.hasSelector, quote))
                graph.add((quote, RDF.type, OA.TextQuoteSelector))
                for key in ("text", "prefix", "suffix"):
                    if passage.get(key) is not None:
                        graph.add((quote, OA["exact" if key == "text" else key], rdflib.Literal(passage[key])))
            if passage.get("start") is not None and passage.get("end") is not None:
                position = rdflib.BNode()
                graph.add((target, OA.hasSelector, position))
                graph.add((position, RDF.type, OA.TextPositionSelector))
                graph.add((position, OA.start, rdflib.Literal(int(passage["start"]))))
                graph.add((position, OA.end, rdflib.Literal(int(passage["end"]))))
    return graph
