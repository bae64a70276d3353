"""The query API every front end uses: actors, claims, evidence with context, articles.

A :class:`KnowledgeBase` reads a store once through a handful of SPARQL queries and keeps plain
indexes, so a click on an actor is a dictionary lookup, never a scan of the graph.
It builds on :class:`KnowledgeRecords` (the record dicts and the questions answered from them alone),
which the remote knowledge base of :mod:`explorer.core.remote.knowledge` builds on too; what callers may
rely on is :class:`explorer.core.api.Knowledge`.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from explorer.core.api import SelectsTuples
from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.evidence import ArticleTexts, locate, paragraph_span
from explorer.core.folding import fold  # (re-exported: `from explorer.core.knowledge import fold`)
from explorer.core.jobs import Progress, ShouldCancel
from explorer.core.model import (
    Actor,
    Agent,
    Article,
    Category,
    Claim,
    Evidence,
    EvidenceContext,
    Relation,
    evidence_context,
)
from explorer.core.store import Row, Store
from explorer.core.vocab import ACTOR_KINDS, CX, SPARQL_PREFIXES, local_name

#: Called with (fraction done 0..1, what is happening).
LABEL_PROPERTIES = ("rdfs:label", "skos:prefLabel", "schema:name", "dcterms:title")
#: Article texts kept in memory for context(), in characters (older ones are dropped first).
TEXT_CACHE_CHARS = 64 << 20

Q_ACTOR_TYPES = SPARQL_PREFIXES + """
SELECT DISTINCT ?a ?t WHERE { ?a a ?t . ?t rdfs:subClassOf* cx:Actor . FILTER(!isLiteral(?a)) }
"""
_KIND_VALUES = " ".join(f"<{k}>" for k in ACTOR_KINDS)
Q_CLASS_KINDS = SPARQL_PREFIXES + f"""
SELECT DISTINCT ?t ?kind WHERE {{ ?t rdfs:subClassOf* ?kind . VALUES ?kind {{ {_KIND_VALUES} }} }}
"""
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
SELECT ?st ?s ?p ?o ?date ?start ?end WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?st cx:eventDate ?date }
  OPTIONAL { ?st cx:startDate ?start }
  OPTIONAL { ?st cx:endDate ?end }
}
"""
Q_ANNOTATIONS = SPARQL_PREFIXES + """
SELECT ?ann ?claim ?src ?exact ?prefix ?suffix ?start ?end ?by ?fact WHERE {
  ?ann a oa:Annotation ; oa:hasBody ?claim ; oa:hasTarget ?t .
  ?t oa:hasSource ?src .
  OPTIONAL { ?t oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact .
             OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix } }
  OPTIONAL { ?t oa:hasSelector ?ps . ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }
  OPTIONAL { ?ann cx:assertedBy ?by }
  OPTIONAL { ?ann cx:factuality ?fact }
}
"""
Q_ARTICLES = SPARQL_PREFIXES + """
SELECT ?art ?type ?pub ?author ?date ?url ?seed ?b0 ?b1 WHERE {
  { SELECT DISTINCT ?art WHERE {
      { ?art cx:seedFile ?anySeed } UNION
      { ?art a ?anyType .
        VALUES ?anyType { schema:Article schema:NewsArticle schema:OpinionNewsArticle } } } }
  OPTIONAL { ?art cx:seedFile ?seed }
  OPTIONAL { ?art a ?type . VALUES ?type { schema:Article schema:NewsArticle schema:OpinionNewsArticle } }
  OPTIONAL { ?art dcterms:publisher ?pub }
  OPTIONAL { ?art dcterms:creator ?author }
  OPTIONAL { ?art dcterms:issued ?date }
  OPTIONAL { ?art schema:url ?url }
  OPTIONAL { ?art cx:bodyStart ?b0 ; cx:bodyEnd ?b1 }
}
"""


def triple_key(s: str, p: str, o: str) -> str:
    digest = hashlib.sha1(f"{s}\n{p}\n{o}".encode()).hexdigest()[:16]
    return f"urn:explorer:triple:{digest}"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class TextProperties:
    """Labels, aliases and other text properties gathered from one query."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.values: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for row in rows:
            s, p, o = row["s"], row["p"], row["o"]
            if s is not None and p is not None and o is not None:
                self.values[(s, p)].append((o, row.get("lang") or ""))

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


def _tuples(store: Store, query: str, names: tuple[str, ...]) -> Iterable[tuple[str | None, ...]]:
    """The rows of a SELECT as tuples of ``names``: straight from a store that gives tuples (an Oxigraph
    store: no dictionary per row, which matters for 100 000 annotations), else from its rows."""
    if not isinstance(store, SelectsTuples):
        return (tuple(row.get(n) for n in names) for row in store.select(query))
    found, rows = store.select_tuples(query)
    if tuple(found) == names:
        return rows
    where = [found.index(n) for n in names]
    return (tuple(row[i] for i in where) for row in rows)


_ANNOTATION_VARS = ("ann", "claim", "src", "exact", "prefix", "suffix", "start", "end", "by", "fact")
_STATEMENT_VARS = ("st", "s", "p", "o", "date", "start", "end")


class IndexRows(Protocol):
    """Where the rows :meth:`KnowledgeBase._build` indexes come from (see :class:`StoreRows`)."""

    def text(self) -> Iterable[Row]: ...

    def class_kinds(self) -> Iterable[tuple[str, str]]: ...

    def relations(self) -> Iterable[tuple[str, str, bool]]: ...

    def actor_types(self) -> Iterable[tuple[str, str]]: ...

    def annotations(self) -> Iterable[tuple[str | None, ...]]: ...

    def statements(self) -> Iterable[tuple[str | None, ...]]: ...

    def triples(self) -> Iterable[tuple[str, str, str]]: ...

    def articles(self) -> Iterable[Row]: ...


class StoreRows:
    """The rows :meth:`KnowledgeBase._build` indexes, read from a store by SPARQL (the usual source; the cache
    of large files reads them from the parsed triples instead, :mod:`explorer.core.stream_index`)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def text(self) -> Iterable[Row]:
        return self.store.select(Q_TEXT)

    def class_kinds(self) -> Iterable[tuple[str, str]]:
        return ((row["t"] or "", row["kind"] or "") for row in self.store.select(Q_CLASS_KINDS))

    def relations(self) -> Iterable[tuple[str, str, bool]]:
        return ((row["p"] or "", row["cat"] or "", row.get("sym") is not None)
                for row in self.store.select(Q_RELATIONS))

    def actor_types(self) -> Iterable[tuple[str, str]]:
        return ((row["a"] or "", row["t"] or "") for row in self.store.select(Q_ACTOR_TYPES))

    def annotations(self) -> Iterable[tuple[str | None, ...]]:
        return _tuples(self.store, Q_ANNOTATIONS, _ANNOTATION_VARS)

    def statements(self) -> Iterable[tuple[str | None, ...]]:
        return _tuples(self.store, Q_STATEMENTS, _STATEMENT_VARS)

    def triples(self) -> Iterable[tuple[str, str, str]]:
        return ((row["s"] or "", row["p"] or "", row["o"] or "") for row in self.store.select(Q_TRIPLES))

    def articles(self) -> Iterable[Row]:
        return self.store.select(Q_ARTICLES)


class KnowledgeRecords(ABC):
    """The record dicts of a knowledge base, and the questions answered from them alone.

    What a local :class:`KnowledgeBase` (indexed from a store at once) and a remote knowledge base (filled
    from an endpoint as it is explored, in :mod:`explorer.core.remote.knowledge`) share: each adds its own
    indexes and the questions that need them. Both satisfy :class:`explorer.core.api.Knowledge`.
    """

    def __init__(self, store: Store, texts: ArticleTexts | None = None, sources: Iterable[Path] = ()) -> None:
        """Empty records over ``store`` (filling them is the subclass's business)."""
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

    def resolve_actor(self, name_or_iri: str) -> Actor:
        """The actor named exactly (IRI, local name, label or alias), for the CLI's ``--actor``."""
        if name_or_iri in self.actors:
            return self.actors[name_or_iri]
        wanted = fold(name_or_iri)
        for actor in self.actors.values():
            if fold(local_name(actor.iri)) == wanted or any(fold(n) == wanted for n in actor.names()):
                return actor
        raise ExplorerError(f"no actor named {name_or_iri!r}",
                            hint="try `explorer stats --all` for the list of actors")

    @abstractmethod
    def find_actors(self, text: str, limit: int = 20) -> list[Actor]:
        """Actors whose label or alias starts with, then contains, ``text`` (case and accents ignored)."""

    @abstractmethod
    def claims_of(self, actor: str) -> list[Claim]:
        """The claims ``actor`` takes part in, as subject or object."""

    @abstractmethod
    def degree(self, actor: str) -> int:
        """How many claims ``actor`` takes part in."""

    @abstractmethod
    def summary(self) -> dict[str, int]:
        """Counts: triples, actors, claims, annotations, articles, relations."""

    def evidence_of(self, claim: str) -> list[Evidence]:
        """The claim's passages held in memory."""
        found = map(self.evidence.get, self.claims[claim].evidence)
        return [ev for ev in found if ev is not None]

    def claims_between(self, a: str, b: str) -> list[Claim]:
        return [c for c in self.claims_of(a) if {c.subject, c.object} == {a, b}]

    def category_of(self, claim: Claim) -> Category:
        return self.categories[self.relations[claim.predicate].category]

    def describe(self, claim: Claim) -> str:
        """'Armenia member of CSTO', for lists and tooltips."""
        relation = self.relations[claim.predicate].label
        return f"{self.label(claim.subject)} {relation} {self.label(claim.object)}"

    def article_text(self, article: str) -> str:
        cache = self._text_cache()
        text = cache.get(article)
        if text is None:
            art = self.articles.get(article)
            if art is None or not art.seed_file:
                raise ExplorerError(f"no text is recorded for article {article}")
            text = cache[article] = self.texts.text(art.seed_file)
            self._text_cache_chars += len(text)
            while self._text_cache_chars > TEXT_CACHE_CHARS and len(cache) > 1:
                self._text_cache_chars -= len(cache.pop(next(iter(cache))))
        return text

    def _text_cache(self) -> dict[str, str]:
        """Article IRI -> text, kept once read (oldest dropped past TEXT_CACHE_CHARS): a click on a busy
        actor shows passages from hundreds of articles, and finding and reading each file again would
        take longer than a frame. Made anew when :attr:`texts` is replaced."""
        state = self.__dict__
        cache: dict[str, str] | None = state.get("_text_cache_dict")
        if cache is None or state.get("_text_cache_of") is not self.texts:
            cache = self._text_cache_dict = {}
            self._text_cache_of = self.texts
            self._text_cache_chars = 0
        return cache

    def context(self, evidence: Evidence | str) -> EvidenceContext:
        """The passage inside its paragraph, with the article and attribution, ready to show.

        Cheap enough to fill the evidence panel of an actor with thousands of passages in one frame:
        dictionary lookups, a cached article text, a comparison in place and two searches for line
        breaks around the quote (articles put one paragraph per line).
        """
        ev = self.evidence[evidence] if evidence.__class__ is str else evidence  # type: ignore[index]
        name = ev.article
        article = self.articles.get(name)
        by = ev.asserted_by
        agent = self.agents.get(by) if by else None
        state = self.__dict__
        text = None
        if state.get("_text_cache_of") is self.texts:
            text = state["_text_cache_dict"].get(name)
        if text is None:
            try:
                text = self.article_text(name)
            except ExplorerError as exc:
                return EvidenceContext(ev, article, ev.exact, 0, 0, len(ev.exact), False, agent, (str(exc),))
        start, end, exact = ev.start, ev.end, ev.exact
        if start is not None and end is not None and start >= 0 and end - start == len(exact) \
                and text.startswith(exact, start):
            # The paragraph is the line holding the quote (as explorer.core.evidence.paragraph_span).
            para_start = text.rfind("\n", 0, start) + 1
            para_end = text.find("\n", end)
            if para_end < 0:
                para_end = len(text)
            return evidence_context(ev, article, text[para_start:para_end], para_start, start - para_start,
                                    end - para_start, True, agent, ())
        problems = ["the quote is not at its recorded offsets"]
        span = locate(text, exact, near=start)
        if span is None:
            problems.append("the quote does not occur in the article")
            return EvidenceContext(ev, article, exact, 0, 0, len(exact), False, agent, tuple(problems))
        para = paragraph_span(text, span.start, span.end)
        return EvidenceContext(
            evidence=ev, article=article, paragraph=text[para.start:para.end], paragraph_start=para.start,
            quote_start=span.start - para.start, quote_end=span.end - para.start, verified=False,
            asserted_by=agent, problems=tuple(problems))


class KnowledgeBase(KnowledgeRecords):
    """Indexes over one store's actors, relations, claims, evidence and articles, read at once.

    ``isinstance(kb, KnowledgeBase)`` means a local knowledge base, indexed from a store (a remote one is a
    :class:`KnowledgeRecords` of its own kind).
    """

    def __init__(self, store: Store, texts: ArticleTexts | None = None,
                 sources: Iterable[Path] = (), *, progress: Progress | None = None,
                 should_cancel: ShouldCancel | None = None, rows: IndexRows | None = None) -> None:
        """Index ``store``. On a large graph this takes seconds: ``progress`` hears how far it is
        (0..1, what is happening) and ``should_cancel`` can stop it between steps (raising Cancelled).
        ``rows``: where the indexed rows come from (by default SPARQL over ``store``)."""
        super().__init__(store, texts, sources)
        self._claims_of: dict[str, list[str]] = defaultdict(list)
        # The records themselves, next to the IRIs above: a click on an actor with thousands of claims
        # then copies two lists instead of looking every claim and passage up in dictionaries of 100 000.
        self._claim_records_of: dict[str, list[Claim]] = defaultdict(list)
        self._evidence_records: dict[str, tuple[Evidence, ...]] = {}
        self._search: list[tuple[str, str]] = []
        self._progress = progress
        self._should_cancel = should_cancel
        self._build(rows or StoreRows(store))
        self._progress = self._should_cancel = None

    # ------------------------------------------------------------------ building

    def _step(self, fraction: float, what: str) -> None:
        if self._should_cancel is not None and self._should_cancel():
            raise Cancelled()
        if self._progress is not None:
            self._progress(fraction, what)

    def _build(self, rows: IndexRows) -> None:
        # Fractions: how long each step takes on a graph of 100 000 claims.
        self._step(0.0, "reading labels")
        texts = TextProperties(rows.text())
        kind_of_class: dict[str, str] = {}
        for t, kind in rows.class_kinds():
            kind_of_class.setdefault(t, ACTOR_KINDS[kind])
        for p, cat, symmetric in rows.relations():
            self.relations[p] = Relation(
                iri=p, label=texts.first(p, "rdfs:label") or local_name(p), category=cat,
                comment=texts.first(p, "rdfs:comment"), symmetric=symmetric)
            if cat not in self.categories:
                self.categories[cat] = Category(
                    iri=cat, label=texts.first(cat, "skos:prefLabel", "rdfs:label") or local_name(cat),
                    definition=texts.first(cat, "skos:definition", "rdfs:comment"))
        kinds: dict[str, str] = {}
        for a, t in rows.actor_types():
            kind = kind_of_class.get(t, "other")
            if kinds.get(a, "other") == "other":
                kinds[a] = kind
        described: set[tuple[str, str, str]] = set()
        evidence_of: dict[str, list[str]] = defaultdict(list)
        self._step(0.05, "indexing evidence")
        evidence = self.evidence
        for ann, claim, src, exact, prefix, suffix, start, end, by, fact in rows.annotations():
            ann, claim = ann or "", claim or ""
            if ann in evidence:
                continue
            evidence[ann] = Evidence(ann, claim, src or "", exact or "", _int(start), _int(end), prefix, suffix, by,
                                     fact)
            evidence_of[claim].append(ann)
        self._step(0.6, "indexing claims")
        claims = self.claims
        for st, s, p, o, date, start, end in rows.statements():
            st, s, p, o = st or "", s or "", p or "", o or ""
            if st in claims:
                continue
            found = evidence_of.get(st)
            if found:
                found.sort()
                claims[st] = Claim(st, s, p, o, date, tuple(found), True, start, end)
                self._evidence_records[st] = tuple([evidence[e] for e in found])
            else:
                claims[st] = Claim(st, s, p, o, date, (), True, start, end)
            described.add((s, p, o))
        self._step(0.85, "indexing relations")
        for s, p, o in rows.triples():
            if (s, p, o) not in described:
                key = triple_key(s, p, o)
                claims[key] = Claim(iri=key, subject=s, predicate=p, object=o, has_statement=False)
                described.add((s, p, o))
        self._step(0.93, "indexing actors and articles")
        records_of = self._claim_records_of
        for claim in self.claims.values():
            for end in claim.ends:
                kinds.setdefault(end, "other")
            self._claims_of[claim.subject].append(claim.iri)
            records_of[claim.subject].append(claim)
            if claim.object != claim.subject:
                self._claims_of[claim.object].append(claim.iri)
                records_of[claim.object].append(claim)
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
        for row in rows.articles():
            into = merged.setdefault(row["art"] or "", {})
            for key, value in row.items():
                if value is not None and into.get(key) is None:
                    into[key] = value
        for art, row in merged.items():
            pub, author = row.get("pub"), row.get("author")
            self.articles[art] = Article(
                iri=art,
                title=texts.first(art, "dcterms:title", "rdfs:label", "schema:name") or local_name(art),
                publisher=(texts.first(pub, *LABEL_PROPERTIES) or pub) if pub else None,
                author=(texts.first(author, *LABEL_PROPERTIES) or author) if author else None,
                date=row.get("date"), url=row.get("url"), seed_file=row.get("seed"),
                body_start=_int(row.get("b0")), body_end=_int(row.get("b1")),
                kind="opinion" if (row.get("type") or "").endswith("OpinionNewsArticle") else "news article",
                publisher_iri=pub)
        for ev in self.evidence.values():
            if ev.asserted_by and ev.asserted_by not in self.agents:
                self.agents[ev.asserted_by] = Agent(
                    iri=ev.asserted_by,
                    label=texts.first(ev.asserted_by, *LABEL_PROPERTIES) or local_name(ev.asserted_by),
                    role=texts.first(ev.asserted_by, "schema:jobTitle"))
        self._search = sorted((fold(name), a.iri) for a in self.actors.values() for name in a.names())
        self._step(1.0, "indexed")

    # ------------------------------------------------------------------ queries over the indexes

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

    def claims_of(self, actor: str) -> list[Claim]:
        records = self._claim_records_of.get(actor)
        return list(records) if records is not None else []

    def degree(self, actor: str) -> int:
        return len(self._claims_of.get(actor, ()))

    def evidence_of(self, claim: str) -> list[Evidence]:
        records = self._evidence_records.get(claim)
        if records is not None:
            return list(records)
        return super().evidence_of(claim)

    def summary(self) -> dict[str, int]:
        return {
            "triples": len(self.store),
            "actors": len(self.actors),
            "claims": len(self.claims),
            "annotations": len(self.evidence),
            "articles": len(self.articles),
            "relations": len(self.relations),
        }
