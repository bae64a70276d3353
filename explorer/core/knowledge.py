"""The query API every front end uses: actors, claims, evidence with context, articles.

A :class:`KnowledgeBase` reads a store once through a handful of SPARQL queries and keeps plain
indexes, so a click on an actor is a dictionary lookup, never a scan of the graph.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from explorer.core.errors import ExplorerError
from explorer.core.evidence import ArticleTexts, locate, paragraph_span
from explorer.core.model import (
    Actor,
    Agent,
    Article,
    Category,
    Claim,
    Evidence,
    EvidenceContext,
    Relation,
)
from explorer.core.store import OxigraphStore, Row, Store
from explorer.core.vocab import ACTOR_KINDS, CX, OA, SPARQL_PREFIXES, local_name

LABEL_PROPERTIES = ("rdfs:label", "skos:prefLabel", "schema:name", "dcterms:title")
#: The text properties Q_TEXT gathers, in its order.
TEXT_PROPERTIES = ("rdfs:label", "skos:prefLabel", "schema:name", "dcterms:title", "skos:altLabel",
                   "schema:jobTitle", "rdfs:comment", "skos:definition", "owl:sameAs", "schema:sameAs")
#: Article texts kept in memory for context(), in characters (older ones are dropped first).
TEXT_CACHE_CHARS = 64 << 20

Q_ACTOR_TYPES = SPARQL_PREFIXES + """
SELECT DISTINCT ?a ?t WHERE { ?a a ?t . ?t rdfs:subClassOf* cx:Actor . FILTER(!isLiteral(?a)) }
"""
Q_CLASS_KINDS = SPARQL_PREFIXES + """
SELECT DISTINCT ?t ?kind WHERE { ?t rdfs:subClassOf* ?kind . VALUES ?kind { %s } }
""" % " ".join(f"<{k}>" for k in ACTOR_KINDS)
Q_TEXT = SPARQL_PREFIXES + """
SELECT ?s ?p ?o (LANG(?o) AS ?lang) WHERE {
  VALUES ?p { rdfs:label skos:prefLabel schema:name dcterms:title skos:altLabel schema:jobTitle
              rdfs:comment skos:definition owl:sameAs schema:sameAs }
  ?s ?p ?o .
}
"""
Q_RELATIONS = SPARQL_PREFIXES + """
SELECT ?p ?cat ?sym WHERE {
  ?p cx:category ?cat .
  OPTIONAL { ?p a owl:SymmetricProperty . BIND(true AS ?sym) }
}
"""
Q_TRIPLES = SPARQL_PREFIXES + """
SELECT ?s ?p ?o WHERE { ?p cx:category ?cat . ?s ?p ?o . FILTER(!isLiteral(?o)) }
"""
Q_STATEMENTS = SPARQL_PREFIXES + """
SELECT ?st ?s ?p ?o ?date WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?st cx:eventDate ?date }
}
"""
Q_ANNOTATIONS = SPARQL_PREFIXES + """
SELECT ?ann ?claim ?src ?exact ?prefix ?suffix ?start ?end ?by WHERE {
  ?ann a oa:Annotation ; oa:hasBody ?claim ; oa:hasTarget ?t .
  ?t oa:hasSource ?src .
  OPTIONAL { ?t oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact .
             OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix } }
  OPTIONAL { ?t oa:hasSelector ?ps . ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }
  OPTIONAL { ?ann cx:assertedBy ?by }
}
"""
Q_ARTICLES = SPARQL_PREFIXES + """
SELECT ?art ?type ?pub ?author ?date ?url ?seed ?b0 ?b1 WHERE {
  { SELECT DISTINCT ?art WHERE {
      { ?art cx:seedFile ?anySeed } UNION
      { ?art a ?anyType . VALUES ?anyType { schema:Article schema:NewsArticle schema:OpinionNewsArticle } } } }
  OPTIONAL { ?art cx:seedFile ?seed }
  OPTIONAL { ?art a ?type . VALUES ?type { schema:Article schema:NewsArticle schema:OpinionNewsArticle } }
  OPTIONAL { ?art dcterms:publisher ?pub }
  OPTIONAL { ?art dcterms:creator ?author }
  OPTIONAL { ?art dcterms:issued ?date }
  OPTIONAL { ?art schema:url ?url }
  OPTIONAL { ?art cx:bodyStart ?b0 ; cx:bodyEnd ?b1 }
}
"""


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search: 'Türkiye' matches 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def triple_key(s: str, p: str, o: str) -> str:
    digest = hashlib.sha1(f"{s}\n{p}\n{o}".encode()).hexdigest()[:16]
    return f"urn:explorer:triple:{digest}"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class _Texts:
    """Labels, aliases and other text properties gathered from one query."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.values: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for row in rows:
            s, p, o = row["s"], row["p"], row["o"]
            if s is not None and p is not None and o is not None:
                self.values[(s, p)].append((o, row.get("lang") or ""))

    @classmethod
    def of_values(cls, values: Iterable[tuple[str, str, str, str]]) -> _Texts:
        """From (subject, property, value, language) tuples, as :class:`_OxigraphRows` gives them."""
        texts = cls(())
        for s, p, o, lang in values:
            texts.values[(s, p)].append((o, lang))
        return texts

    def first(self, subject: str, *props: str) -> str | None:
        for prop in props:
            values = self.values.get((subject, _expand(prop)))
            if values:
                return _prefer_english(values)
        return None

    def all(self, subject: str, prop: str) -> list[str]:
        return [v for v, _lang in self.values.get((subject, _expand(prop)), [])]


def _prefer_english(values: list[tuple[str, str]]) -> str:
    for wanted in ("en", ""):
        for value, lang in values:
            if lang.split("-")[0] == wanted:
                return value
    return values[0][0]


_NS = {
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
}


_EXPANDED: dict[str, str] = {}


def _expand(curie: str) -> str:
    iri = _EXPANDED.get(curie)
    if iri is None:
        prefix, name = curie.split(":", 1)
        iri = _EXPANDED[curie] = _NS[prefix] + name
    return iri


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_OA = str(OA)


class _OxigraphRows:
    """What the heavy queries (Q_TEXT, Q_ANNOTATIONS, Q_STATEMENTS, Q_TRIPLES) select, read from an embedded
    Oxigraph store with one single-pattern scan per property and joined here in dictionaries.

    Oxigraph's SPARQL engine joins the OPTIONAL patterns of Q_ANNOTATIONS one index lookup at a time, and
    handing every value to Python as a term object costs more than the lookup. A single-pattern scan
    written by Oxigraph as CSV and split by Python's C csv reader is several times cheaper per value. The
    CSV values are exactly what :meth:`Store.select` gives (IRI, ``_:id``, or the literal's lexical form),
    and the rows come out as the SPARQL queries give them (the first value of a subject wins).
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def _columns(self, query: str, width: int) -> list[list[str]]:
        """The result columns of a SELECT of ``width`` variables, as strings ("" where unbound)."""
        solutions = self.store.query(query, use_default_graph_as_union=True)
        data = solutions.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
        if '"' not in data:
            # Nothing is quoted, so no value holds a comma or a line break: split at C speed.
            body = data[data.find("\r\n") + 2:]
            if width == 1:
                return [body.split("\r\n")[:-1]]
            cells = body.replace("\r\n", ",").split(",")[:-1]
            return [cells[i::width] for i in range(width)]
        rows = list(csv.reader(io.StringIO(data, newline="")))[1:]
        return [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]

    def _pairs(self, predicate: str, where: str = "") -> tuple[list[str], list[str]]:
        subjects, objects = self._columns(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o {where} }}", 2)
        return subjects, objects

    def _first(self, predicate: str) -> dict[str, str]:
        """Subject -> its first value of ``predicate`` (later pairs are overwritten by earlier ones)."""
        subjects, objects = self._pairs(predicate)
        return dict(zip(reversed(subjects), reversed(objects), strict=True))

    def _all(self, predicate: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for s, o in zip(*self._pairs(predicate), strict=True):
            found[s].append(o)
        return found

    def _typed(self, cls: str) -> list[str]:
        return self._columns(f"SELECT ?s WHERE {{ ?s a <{cls}> }}", 1)[0]

    def texts(self) -> Iterator[tuple[str, str, str, str]]:
        intern = sys.intern
        for curie in TEXT_PROPERTIES:
            p = _expand(curie)
            columns = self._columns(f"SELECT ?s ?o (LANG(?o) AS ?l) WHERE {{ ?s <{p}> ?o }}", 3)
            for s, o, lang in zip(*columns, strict=True):
                yield intern(s), p, o, lang

    def annotations(self) -> Iterator[tuple[str, str, str, str | None, str | None, str | None, str | None,
                                             str | None, str | None]]:
        """(ann, claim, src, exact, prefix, suffix, start, end, by), one per annotation with a body and a
        target that has a source."""
        annotations = self._typed(_OA + "Annotation")
        if not annotations:
            return
        body = self._first(_OA + "hasBody")
        targets = self._all(_OA + "hasTarget")
        source = self._first(_OA + "hasSource")
        selectors = self._all(_OA + "hasSelector")
        quote_selectors = set(self._typed(_OA + "TextQuoteSelector"))
        position_selectors = set(self._typed(_OA + "TextPositionSelector"))
        exact, prefix, suffix = self._first(_OA + "exact"), self._first(_OA + "prefix"), self._first(_OA + "suffix")
        start, end = self._first(_OA + "start"), self._first(_OA + "end")
        by = self._first(str(CX) + "assertedBy")
        intern = sys.intern
        seen: set[str] = set()
        for ann in annotations:
            claim = body.get(ann)
            if claim is None or ann in seen:
                continue
            target = src = None
            for t in targets.get(ann, ()):
                src = source.get(t)
                if src is not None:
                    target = t
                    break
            if target is None or src is None:
                continue
            seen.add(ann)
            q_exact = q_prefix = q_suffix = p_start = p_end = None
            quoted = placed = False
            for sel in selectors.get(target, ()):
                if not quoted and sel in quote_selectors and sel in exact:
                    quoted = True
                    q_exact, q_prefix, q_suffix = exact[sel], prefix.get(sel), suffix.get(sel)
                if not placed and sel in position_selectors and sel in start and sel in end:
                    placed = True
                    p_start, p_end = start[sel], end[sel]
            asserted = by.get(ann)
            yield (ann, intern(claim), intern(src), q_exact, q_prefix, q_suffix, p_start, p_end,
                   intern(asserted) if asserted is not None else None)

    def statements(self) -> Iterator[tuple[str, str, str, str, str | None]]:
        """(statement, subject, predicate, object, event date) of every complete rdf:Statement."""
        statements = self._typed(_RDF + "Statement")
        if not statements:
            return
        subject, predicate = self._first(_RDF + "subject"), self._first(_RDF + "predicate")
        obj, date = self._first(_RDF + "object"), self._first(str(CX) + "eventDate")
        intern = sys.intern
        for st in statements:
            s, p, o = subject.get(st), predicate.get(st), obj.get(st)
            if s is not None and p is not None and o is not None:
                yield intern(st), intern(s), intern(p), intern(o), date.get(st)

    def triples(self, predicates: Iterable[str]) -> Iterator[tuple[str, str, str]]:
        """The plain triples of the relation ``predicates`` whose object is not a literal."""
        intern = sys.intern
        for p in dict.fromkeys(predicates):
            for s, o in zip(*self._pairs(p, "FILTER(!isLiteral(?o))"), strict=True):
                yield intern(s), p, intern(o)


def _annotation_rows(rows: list[Row]) -> Iterator[tuple]:
    for row in rows:
        yield (row["ann"] or "", row["claim"] or "", row["src"] or "", row.get("exact"), row.get("prefix"),
               row.get("suffix"), row.get("start"), row.get("end"), row.get("by"))


def _statement_rows(rows: list[Row]) -> Iterator[tuple[str, str, str, str, str | None]]:
    for row in rows:
        yield row["st"] or "", row["s"] or "", row["p"] or "", row["o"] or "", row.get("date")


def _triple_rows(rows: list[Row]) -> Iterator[tuple[str, str, str]]:
    for row in rows:
        yield row["s"] or "", row["p"] or "", row["o"] or ""


class KnowledgeBase:
    """Indexes over one store's actors, relations, claims, evidence and articles."""

    def __init__(self, store: Store, texts: ArticleTexts | None = None,
                 sources: Iterable[Path] = ()) -> None:
        self.store = store
        self.texts = texts or ArticleTexts()
        self.sources = [Path(p) for p in sources]
        self.actors: dict[str, Actor] = {}
        self.relations: dict[str, Relation] = {}
        self.categories: dict[str, Category] = {}
        self.claims: dict[str, Claim] = {}
        self.evidence: dict[str, Evidence] = {}
        self.articles: dict[str, Article] = {}
        self.agents: dict[str, Agent] = {}
        self._claims_of: dict[str, list[str]] = defaultdict(list)
        self._search: list[tuple[str, str]] = []
        self._build()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        # An embedded Oxigraph store is read through its indexes (fast at any size); any other store
        # through SPARQL. Both give the same rows.
        fast = _OxigraphRows(self.store.oxigraph) if isinstance(self.store, OxigraphStore) else None
        texts = _Texts.of_values(fast.texts()) if fast else _Texts(self.store.select(Q_TEXT))
        kind_of_class: dict[str, str] = {}
        for row in self.store.select(Q_CLASS_KINDS):
            kind_of_class.setdefault(row["t"] or "", ACTOR_KINDS[row["kind"] or ""])
        for row in self.store.select(Q_RELATIONS):
            p, cat = row["p"] or "", row["cat"] or ""
            self.relations[p] = Relation(
                iri=p, label=texts.first(p, "rdfs:label") or local_name(p), category=cat,
                comment=texts.first(p, "rdfs:comment"), symmetric=row.get("sym") is not None)
            if cat not in self.categories:
                self.categories[cat] = Category(
                    iri=cat, label=texts.first(cat, "skos:prefLabel", "rdfs:label") or local_name(cat),
                    definition=texts.first(cat, "skos:definition", "rdfs:comment"))
        kinds: dict[str, str] = {}
        for row in self.store.select(Q_ACTOR_TYPES):
            a, t = row["a"] or "", row["t"] or ""
            kind = kind_of_class.get(t, "other")
            if kinds.get(a, "other") == "other":
                kinds[a] = kind
        described: set[tuple[str, str, str]] = set()
        evidence_of: dict[str, list[str]] = defaultdict(list)
        evidence = self.evidence
        annotations = fast.annotations() if fast else _annotation_rows(self.store.select(Q_ANNOTATIONS))
        for ann, claim, src, exact, prefix, suffix, start, end, by in annotations:
            if ann in evidence:
                continue
            evidence[ann] = Evidence(ann, claim, src, exact or "", _int(start), _int(end), prefix, suffix, by)
            evidence_of[claim].append(ann)
        claims = self.claims
        statements = fast.statements() if fast else _statement_rows(self.store.select(Q_STATEMENTS))
        for st, s, p, o, date in statements:
            if st in claims:
                continue
            found = evidence_of.get(st)
            claims[st] = Claim(st, s, p, o, date, tuple(sorted(found)) if found else ())
            described.add((s, p, o))
        triples = (fast.triples(p for p in self.relations if not p.startswith("_:")) if fast
                   else _triple_rows(self.store.select(Q_TRIPLES)))
        for s, p, o in triples:
            if (s, p, o) not in described:
                key = triple_key(s, p, o)
                claims[key] = Claim(iri=key, subject=s, predicate=p, object=o, has_statement=False)
                described.add((s, p, o))
        for claim in self.claims.values():
            for end in claim.ends:
                kinds.setdefault(end, "other")
            self._claims_of[claim.subject].append(claim.iri)
            if claim.object != claim.subject:
                self._claims_of[claim.object].append(claim.iri)
            if claim.predicate not in self.relations:  # a statement with a predicate the vocabulary lacks
                self.relations[claim.predicate] = Relation(
                    iri=claim.predicate, label=texts.first(claim.predicate, "rdfs:label")
                    or local_name(claim.predicate), category=str(CX) + "Uncategorised")
                self.categories.setdefault(str(CX) + "Uncategorised",
                                           Category(str(CX) + "Uncategorised", "uncategorised"))
        for a, kind in kinds.items():
            if a.startswith("_:"):
                continue
            self.actors[a] = Actor(
                iri=a, label=texts.first(a, *LABEL_PROPERTIES) or local_name(a), kind=kind,
                aliases=tuple(sorted(set(texts.all(a, "skos:altLabel")))),
                role=texts.first(a, "schema:jobTitle"), description=texts.first(a, "rdfs:comment"),
                same_as=tuple(sorted(set(texts.all(a, "owl:sameAs") + texts.all(a, "schema:sameAs")))))
        merged: dict[str, Row] = {}
        for row in self.store.select(Q_ARTICLES):
            into = merged.setdefault(row["art"] or "", {})
            for key, value in row.items():
                if value is not None and into.get(key) is None:
                    into[key] = value
        for art, row in merged.items():
            pub, author = row.get("pub"), row.get("author")
            self.articles[art] = Article(
                iri=art, title=texts.first(art, "dcterms:title", "rdfs:label", "schema:name") or local_name(art),
                publisher=(texts.first(pub, *LABEL_PROPERTIES) or pub) if pub else None,
                author=(texts.first(author, *LABEL_PROPERTIES) or author) if author else None,
                date=row.get("date"), url=row.get("url"), seed_file=row.get("seed"),
                body_start=_int(row.get("b0")), body_end=_int(row.get("b1")),
                kind="opinion" if (row.get("type") or "").endswith("OpinionNewsArticle") else "news article")
        for ev in self.evidence.values():
            if ev.asserted_by and ev.asserted_by not in self.agents:
                self.agents[ev.asserted_by] = Agent(
                    iri=ev.asserted_by,
                    label=texts.first(ev.asserted_by, *LABEL_PROPERTIES) or local_name(ev.asserted_by),
                    role=texts.first(ev.asserted_by, "schema:jobTitle"))
        self._search = sorted((fold(name), a.iri) for a in self.actors.values() for name in a.names())

    # ------------------------------------------------------------------ queries

    def actor(self, iri: str) -> Actor:
        try:
            return self.actors[iri]
        except KeyError:
            raise ExplorerError(f"unknown actor {iri}") from None

    def label(self, iri: str) -> str:
        """A display label for any actor, relation, article or agent IRI."""
        for table in (self.actors, self.relations, self.agents, self.categories):
            if iri in table:
                return table[iri].label  # type: ignore[attr-defined]
        if iri in self.articles:
            return self.articles[iri].title
        return local_name(iri)

    def find_actors(self, text: str, limit: int = 20) -> list[Actor]:
        """Actors whose label or alias starts with, then contains, ``text`` (case and accents ignored)."""
        needle = fold(text.strip())
        if not needle:
            return []
        starts: dict[str, None] = {}
        contains: dict[str, None] = {}
        for name, iri in self._search:
            if name.startswith(needle):
                starts.setdefault(iri)
            elif needle in name:
                contains.setdefault(iri)
        ordered = list(starts) + [i for i in contains if i not in starts]
        return [self.actors[i] for i in ordered[:limit]]

    def resolve_actor(self, name_or_iri: str) -> Actor:
        """The actor named exactly (IRI, local name, label or alias), for the CLI's ``--actor``."""
        if name_or_iri in self.actors:
            return self.actors[name_or_iri]
        wanted = fold(name_or_iri)
        for actor in self.actors.values():
            if fold(local_name(actor.iri)) == wanted or any(fold(n) == wanted for n in actor.names()):
                return actor
        raise ExplorerError(f"no actor named {name_or_iri!r}",
                            hint="try `explorer stats` for the list of actors")

    def claims_of(self, actor: str) -> list[Claim]:
        return [self.claims[c] for c in self._claims_of.get(actor, ())]

    def claims_between(self, a: str, b: str) -> list[Claim]:
        return [c for c in self.claims_of(a) if {c.subject, c.object} == {a, b}]

    def degree(self, actor: str) -> int:
        return len(self._claims_of.get(actor, ()))

    def evidence_of(self, claim: str) -> list[Evidence]:
        return [self.evidence[e] for e in self.claims[claim].evidence if e in self.evidence]

    def relation_of(self, claim: Claim) -> Relation:
        return self.relations[claim.predicate]

    def category_of(self, claim: Claim) -> Category:
        return self.categories[self.relations[claim.predicate].category]

    def describe(self, claim: Claim) -> str:
        """'Armenia member of CSTO', for lists and tooltips."""
        relation = self.relations[claim.predicate].label
        return f"{self.label(claim.subject)} {relation} {self.label(claim.object)}"

    def article_text(self, article: str) -> str:
        art = self.articles.get(article)
        if art is None or not art.seed_file:
            raise ExplorerError(f"no text is recorded for article {article}")
        return self.texts.text(art.seed_file)

    def context(self, evidence: Evidence | str) -> EvidenceContext:
        """The passage inside its paragraph, with the article and attribution, ready to show."""
        ev = self.evidence[evidence] if isinstance(evidence, str) else evidence
        article = self.articles.get(ev.article)
        agent = self.agents.get(ev.asserted_by) if ev.asserted_by else None
        problems: list[str] = []
        try:
            text = self.article_text(ev.article)
        except ExplorerError as exc:
            return EvidenceContext(ev, article, ev.exact, 0, 0, len(ev.exact), False, agent, (str(exc),))
        start, end = ev.start, ev.end
        verified = start is not None and end is not None and text[start:end] == ev.exact
        if not verified:
            problems.append("the quote is not at its recorded offsets")
            span = locate(text, ev.exact, near=start)
            if span is None:
                problems.append("the quote does not occur in the article")
                return EvidenceContext(ev, article, ev.exact, 0, 0, len(ev.exact), False, agent, tuple(problems))
            start, end = span.start, span.end
        assert start is not None and end is not None
        para = paragraph_span(text, start, end)
        return EvidenceContext(
            evidence=ev, article=article, paragraph=text[para.start:para.end], paragraph_start=para.start,
            quote_start=start - para.start, quote_end=end - para.start, verified=verified,
            asserted_by=agent, problems=tuple(problems))

    def summary(self) -> dict[str, int]:
        return {
            "triples": len(self.store),
            "actors": len(self.actors),
            "claims": len(self.claims),
            "annotations": len(self.evidence),
            "articles": len(self.articles),
            "relations": len(self.relations),
        }

