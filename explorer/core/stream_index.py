"""The knowledge base's rows gathered from the parsed triples as they stream into an on-disk store.

Building the cache entry of a large file used to index it with the knowledge base's SPARQL queries over the
on-disk store just written: every join step a lookup on disk, 4-5 times slower than the same queries in
memory (benchmarks/RESULTS.md). Here the batches of quads the store receives are looked at once on their
way (:meth:`StreamRows.add`), keeping only the values those queries read, and the same rows are answered
from them (:class:`StreamRows` stands in for :class:`explorer.core.knowledge.StoreRows`): no query at all.

Where several values could answer (two labels in English, two targets of one annotation) the SPARQL
queries take whichever row comes first, in no promised order; here the first in the file. A graph this
cannot answer exactly (a structural predicate such as ``rdf:type`` given a ``cx:category``, which makes it a
relation) says so (:attr:`StreamRows.exact` False) and the caller indexes by SPARQL instead.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from explorer.core.model import Evidence

if TYPE_CHECKING:
    from explorer.core.store import OxigraphStore
    from explorer.core.weight import Assessments
from explorer.core.store import Row
from explorer.core.vocab import ACTOR_KINDS, CX, DCTERMS, OA, OWL, RDF, RDFS, SCHEMA, SKOS

TYPE = str(RDF.type)
SUBCLASS = str(RDFS.subClassOf)
CATEGORY = str(CX.category)
SYMMETRIC = str(OWL.SymmetricProperty)
STATEMENT = str(RDF.Statement)
ANNOTATION = str(OA.Annotation)
TARGET = str(OA.hasTarget)
CREATOR = str(DCTERMS.creator)
MOTIVATED = str(OA.motivatedBy)
#: The motives of an analyst's assessments (explorer.core.weight.Q_ASSESSMENTS).
ASSESSING_MOTIVES = frozenset({str(OA.assessing), str(OA.moderating)})
COUNTS_AS_SOURCE = str(CX.countsAsSource)
CONTRARY_TO = str(CX.contraryTo)
COMMENT = str(RDFS.comment)
SHA256 = str(SCHEMA.sha256)
#: The predicates the PLOVER coding is read from (explorer.core.analysis.coding), besides
#: ``rdf:type cx:StructuralRelation``: their quads are kept whole, to be asked the coding's own queries.
CODING = frozenset(str(p) for p in (SKOS.inScheme, SKOS.notation, CX.quadClass, CX.intensity, SKOS.closeMatch,
                                    SKOS.broadMatch, CX.ploverMode))
STRUCTURAL_RELATION = str(CX.StructuralRelation)
QUOTE = str(OA.TextQuoteSelector)
POSITION = str(OA.TextPositionSelector)
ACTOR = str(CX.Actor)
ARTICLE_TYPES = (str(SCHEMA.Article), str(SCHEMA.NewsArticle), str(SCHEMA.OpinionNewsArticle))
#: The text properties of explorer.core.knowledge.Q_TEXT.
TEXT = frozenset(str(p) for p in (RDFS.label, SKOS.prefLabel, SCHEMA.name, DCTERMS.title, SKOS.altLabel,
                                  SCHEMA.jobTitle, RDFS.comment, SKOS.definition, OWL.sameAs, SCHEMA.sameAs))
#: Single-valued properties read by the statements', annotations' and articles' queries: the first value kept.
FIRST = {str(p): str(p) for p in (
    RDF.subject, RDF.predicate, RDF.object, CX.eventDate, CX.startDate, CX.endDate,
    OA.hasBody, OA.hasSource, OA.exact, OA.prefix, OA.suffix, OA.start, OA.end, CX.assertedBy, CX.factuality,
    CX.seedFile, DCTERMS.publisher, DCTERMS.creator, DCTERMS.issued, SCHEMA.url, CX.bodyStart, CX.bodyEnd,
    DCTERMS.created)}
#: Many-valued ones (an annotation's targets, a target's selectors).
MANY = frozenset(str(p) for p in (OA.hasTarget, OA.hasSelector))
#: Predicates no query reads, one value per passage: not kept (unless one of them is made a relation).
SKIPPED = frozenset(str(p) for p in (OA.motivatedBy, OA.hasPurpose, RDF.value))
#: Predicates that are never a claim's relation here: their triples are not kept as candidates for one.
STRUCTURAL = frozenset({TYPE, SUBCLASS, CATEGORY, *TEXT, *FIRST, *MANY, *SKIPPED})


def _text(term: Any) -> str:
    """A term as SPARQL results give it to the knowledge base (IRIs interned, ``_:id`` for a blank node)."""
    kind = term.__class__.__name__
    if kind == "NamedNode":
        return sys.intern(term.value)
    if kind == "BlankNode":  # (a target or selector, named in several triples: one string for all)
        return sys.intern("_:" + term.value)
    return str(term.value)


class StreamRows:
    """What the knowledge base's queries read, gathered from quads as they stream past, and the rows of
    those queries answered from it (the interface of :class:`explorer.core.knowledge.StoreRows`)."""

    def __init__(self) -> None:
        self._texts: list[Row] = []
        self._types: dict[str, list[str]] = defaultdict(list)
        self._subclass: list[tuple[str, str]] = []
        self._category: list[tuple[str, str]] = []
        self._first: dict[str, dict[str, str]] = {p: {} for p in FIRST}
        self._many: dict[str, dict[str, list[str]]] = {p: defaultdict(list) for p in MANY}
        self._candidates: list[tuple[str, str, str]] = []
        #: Subject -> the least IRI among its ``dcterms:creator`` values (a passage's maker, as
        #: explorer.core.creators reads it).
        self._creators: dict[str, str] = {}
        self._passages_read = False
        self._coding_quads: list[Any] = []
        #: (subject, recorded SHA-256) of every ``schema:sha256`` (explorer.core.anchoring.stale_texts).
        self._hashes: list[tuple[str, str]] = []
        #: What explorer.core.weight.Q_ASSESSMENTS reads beyond the above: each assessment's motive (the
        #: first), the IRI targets of annotations, and every countsAsSource and contraryTo pair.
        self._motives: dict[str, str] = {}
        self._iri_targets: dict[str, list[str]] = defaultdict(list)
        self._counts_as: list[tuple[str, str]] = []
        self._contrary: list[tuple[str, str]] = []

    def add(self, quads: Iterable[Any]) -> None:
        """Look at a batch of parsed quads (named graphs merged, as the queries see the store)."""
        texts, types, first, many, candidates = self._texts, self._types, self._first, self._many, self._candidates
        creators, iri_targets = self._creators, self._iri_targets
        for quad in quads:
            p = sys.intern(quad.predicate.value)
            o = quad.object
            literal = o.__class__.__name__ == "Literal"
            if p in CODING:
                self._coding_quads.append(quad)
            elif p == SHA256:
                self._hashes.append((_text(quad.subject), _text(o)))
            if p == TYPE:
                if not literal:
                    types[_text(o)].append(_text(quad.subject))
            elif p in FIRST:
                values = first[p]
                s = _text(quad.subject)
                if s not in values:
                    values[s] = _text(o)
                if p == CREATOR and o.__class__.__name__ == "NamedNode":
                    made = creators.get(s)
                    if made is None or o.value < made:
                        creators[s] = sys.intern(o.value)
            elif p in TEXT:
                texts.append({"s": _text(quad.subject), "p": p, "o": _text(o),
                              "lang": (o.language or "") if literal else None})
            elif p in MANY:
                s, value = _text(quad.subject), _text(o)
                many[p][s].append(value)
                if o.__class__.__name__ == "NamedNode" and p == TARGET:
                    iri_targets[s].append(value)
            elif p == SUBCLASS:
                self._subclass.append((_text(quad.subject), _text(o)))
            elif p == CATEGORY:
                self._category.append((_text(quad.subject), _text(o)))
            elif p == MOTIVATED:
                if not literal and o.value in ASSESSING_MOTIVES:
                    self._motives.setdefault(_text(quad.subject), sys.intern(o.value))
            elif not literal and p not in SKIPPED and o.__class__.__name__ != "Triple":
                candidates.append((_text(quad.subject), p, _text(o)))
            if p in (COUNTS_AS_SOURCE, CONTRARY_TO):
                (self._counts_as if p == COUNTS_AS_SOURCE else self._contrary).append(
                    (_text(quad.subject), _text(o)))

    @property
    def exact(self) -> bool:
        """Whether the rows answer as the SPARQL queries would: no predicate left out of the candidates
        for relations is given a category."""
        return not any(p in STRUCTURAL for p, _cat in self._category)

    # ------------------------------------------------------------------ the rows of the queries

    def _subclasses(self, root: str) -> list[str]:
        """``?t rdfs:subClassOf* root``: root itself first, then its subclasses breadth first."""
        below: dict[str, list[str]] = defaultdict(list)
        for sub, sup in self._subclass:
            below[sup].append(sub)
        found, queue = {root: None}, [root]
        for cls in queue:
            for sub in below.get(cls, ()):
                if sub not in found:
                    found[sub] = None
                    queue.append(sub)
        return list(found)

    def text(self) -> Iterable[Row]:
        return self._texts

    def class_kinds(self) -> Iterator[tuple[str, str]]:
        for kind in ACTOR_KINDS:
            for t in self._subclasses(kind):
                yield t, kind

    def relations(self) -> Iterator[tuple[str, str, bool]]:
        symmetric = set(self._types.get(SYMMETRIC, ()))
        for p, cat in self._category:
            yield p, cat, p in symmetric

    def actor_types(self) -> Iterator[tuple[str, str]]:
        seen: set[tuple[str, str]] = set()
        for t in self._subclasses(ACTOR):
            for a in self._types.get(t, ()):
                if (a, t) not in seen:
                    seen.add((a, t))
                    yield a, t

    def annotations(self) -> Iterator[tuple[str | None, ...]]:
        """The passages' rows, once: what only they read (targets, selectors, quotes, offsets; most of the
        rows' memory) is let go as soon as they are given, so that the claims made next reuse that memory
        instead of adding to the peak of a first open."""
        if self._passages_read:
            raise RuntimeError("the passages' rows are read once")
        self._passages_read = True
        yield from self._annotations()
        for read in (OA.hasSource, OA.exact, OA.prefix, OA.suffix, OA.start, OA.end, CX.assertedBy, CX.factuality):
            self._first[str(read)] = {}
        for many in MANY:
            self._many[many] = defaultdict(list)
        for kind in (QUOTE, POSITION):
            self._types.pop(kind, None)

    def _annotations(self) -> Iterator[tuple[str | None, ...]]:
        first, many = self._first, self._many
        body, source = first[str(OA.hasBody)], first[str(OA.hasSource)]
        targets, selectors = many[str(OA.hasTarget)], many[str(OA.hasSelector)]
        exact, prefix, suffix = first[str(OA.exact)], first[str(OA.prefix)], first[str(OA.suffix)]
        start, end = first[str(OA.start)], first[str(OA.end)]
        by, fact = first[str(CX.assertedBy)], first[str(CX.factuality)]
        quotes, positions = set(self._types.get(QUOTE, ())), set(self._types.get(POSITION, ()))
        for ann in self._types.get(ANNOTATION, ()):
            claim = body.get(ann)
            target = next((t for t in targets.get(ann, ()) if t in source), None)
            if claim is None or target is None:
                continue
            quote = next((q for q in selectors.get(target, ()) if q in quotes and q in exact), None)
            place = next((q for q in selectors.get(target, ()) if q in positions and q in start and q in end), None)
            yield (ann, claim, source[target], exact.get(quote or ""), prefix.get(quote or "") if quote else None,
                   suffix.get(quote or "") if quote else None, start.get(place or "") if place else None,
                   end.get(place or "") if place else None, by.get(ann), fact.get(ann))

    def passage_creators(self, evidence: Mapping[str, Evidence]) -> dict[str, str]:
        """What :func:`explorer.core.creators.passage_creators` reads by a query (which over an on-disk
        store takes seconds at 100 000 passages): passage -> the least IRI naming who made it, for the
        passages of ``evidence`` whose claim is an ``rdf:Statement``."""
        statements = set(self._types.get(STATEMENT, ()))
        return {ann: made for ann, made in self._creators.items()
                if ann in evidence and evidence[ann].claim in statements}

    def assessments(self) -> Assessments:
        """What :func:`explorer.core.weight.read_assessments` reads by a query over the store: the analyst's
        gradings, overrides and deprecations, source groups and contrary predicates."""
        from explorer.core.weight import Assessment, Assessments

        first = self._first
        body, creator, created = first[str(OA.hasBody)], first[CREATOR], first[str(DCTERMS.created)]
        annotations = set(self._types.get(ANNOTATION, ()))
        wanted = {ann for ann in self._motives if ann in annotations and ann in body and self._iri_targets.get(ann)}
        reasons: dict[str, str] = {}
        for row in self._texts:
            if row["p"] == COMMENT and row["s"] in wanted:
                reasons.setdefault(row["s"] or "", row["o"] or "")
        found = [Assessment(ann, self._motives[ann], self._iri_targets[ann][0], body[ann], reasons.get(ann),
                            creator.get(ann), created.get(ann)) for ann in wanted]
        return Assessments.of(found, dict(self._counts_as), self._contrary)

    def coding_quads(self) -> OxigraphStore:
        """An in-memory store of the quads :func:`explorer.core.analysis.coding.coding_from_store` can match:
        its queries give the same answers there as over the whole store."""
        import pyoxigraph as ox

        from explorer.core.store import OxigraphStore

        small = OxigraphStore()
        kind, structural = ox.NamedNode(TYPE), ox.NamedNode(STRUCTURAL_RELATION)
        small.oxigraph.extend(ox.Quad(q.subject, q.predicate, q.object) for q in self._coding_quads)
        small.oxigraph.extend(ox.Quad(ox.BlankNode(s[2:]) if s.startswith("_:") else ox.NamedNode(s), kind,
                                      structural) for s in self._types.get(STRUCTURAL_RELATION, ()))
        return small

    def recorded_hashes(self) -> list[tuple[str, str]]:
        """Every (subject, SHA-256) a ``schema:sha256`` records, as explorer.core.anchoring reads them."""
        return list(self._hashes)

    def statements(self) -> Iterator[tuple[str | None, ...]]:
        first = self._first
        subject, predicate, obj = first[str(RDF.subject)], first[str(RDF.predicate)], first[str(RDF.object)]
        date, start, end = first[str(CX.eventDate)], first[str(CX.startDate)], first[str(CX.endDate)]
        for st in self._types.get(STATEMENT, ()):
            if st in subject and st in predicate and st in obj:
                yield st, subject[st], predicate[st], obj[st], date.get(st), start.get(st), end.get(st)

    def triples(self) -> Iterator[tuple[str, str, str]]:
        relations = {p for p, _cat in self._category}
        for s, p, o in self._candidates:
            if p in relations:
                yield s, p, o

    def articles(self) -> Iterator[Row]:
        first = self._first
        seed = first[str(CX.seedFile)]
        typed: dict[str, str] = {}
        for kind in ARTICLE_TYPES:
            for art in self._types.get(kind, ()):
                typed.setdefault(art, kind)
        pub, author, date = first[str(DCTERMS.publisher)], first[str(DCTERMS.creator)], first[str(DCTERMS.issued)]
        url, b0, b1 = first[str(SCHEMA.url)], first[str(CX.bodyStart)], first[str(CX.bodyEnd)]
        for art in dict.fromkeys([*seed, *typed]):
            both = art in b0 and art in b1
            yield {"art": art, "type": typed.get(art), "pub": pub.get(art), "author": author.get(art),
                   "date": date.get(art), "url": url.get(art), "seed": seed.get(art),
                   "b0": b0[art] if both else None, "b1": b1[art] if both else None}
