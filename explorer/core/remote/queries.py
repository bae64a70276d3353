"""The SPARQL the remote explorer sends, as templates whose only holes are ``${name}`` terms.

They are shaped for speed on a big store: each fetch starts from something bound (an actor IRI, a
VALUES block, the summary graph) and joins outward through basic graph patterns. Optional parts are
mostly fetched as separate UNION branches rather than OPTIONAL, because engines such as Oxigraph can
evaluate OPTIONAL as a hash join over the whole store (seconds at 100k claims) where a bound join takes
milliseconds; OPTIONAL is used only around a single pattern whose subject the required part binds (the
first screen's dates and annotations), which Oxigraph evaluates as one lookup per row. Rows of a claim
query therefore come in kinds: a statement (``?st ?s ?p ?o``), its date (``?st ?date``), its annotation
(``?st ?ann``), a statement with its date and annotation, or a bare triple (``?s ?p ?o`` with no ``?st``).
"""

from __future__ import annotations

from itertools import pairwise

from explorer.core.knowledge import LABEL_PROPERTIES
from explorer.core.remote import sparql
from explorer.core.remote.summary import XS
from explorer.core.vocab import ACTOR_KINDS, SPARQL_PREFIXES

#: The text properties the local knowledge base reads (labels, aliases, roles, descriptions, same-as links).
TEXT_PROPERTIES = ("rdfs:label", "skos:prefLabel", "schema:name", "dcterms:title", "skos:altLabel",
                   "schema:jobTitle", "rdfs:comment", "skos:definition", "owl:sameAs", "schema:sameAs")
#: The text properties an actor's record reads (TEXT_PROPERTIES but definitions).
ACTOR_PROPERTIES = tuple(p for p in TEXT_PROPERTIES if p != "skos:definition")
ARTICLE_PROPERTIES = ("cx:seedFile", "dcterms:publisher", "dcterms:creator", "dcterms:issued", "schema:url",
                      "cx:bodyStart", "cx:bodyEnd")
ARTICLE_TYPES = ("https://schema.org/Article", "https://schema.org/NewsArticle",
                 "https://schema.org/OpinionNewsArticle")
PREFIXES = SPARQL_PREFIXES + f"PREFIX xs: <{XS}>\n"

_KINDS = " ".join(f"<{k}>" for k in ACTOR_KINDS)


def _described_by(subjects: str, properties: tuple[str, ...], p: str = "?p") -> str:
    """A group giving ``?s {p} ?o ?lang`` for the values of ``properties`` of the subjects a sub-select
    binds to ``?s``: each property a lookup from a bound subject (each subject listed once, however many
    rows name it)."""
    lookups = " UNION ".join(f"{{ ?s {prop} ?o . BIND({prop} AS {p}) }}" for prop in properties)
    return f"{{ {{ SELECT DISTINCT ?s WHERE {{ {subjects} }} }} {{ {lookups} }} BIND(LANG(?o) AS ?lang) }}"


#: Everything about the store that does not depend on its graph's size, in one request (rows by kind):
#: the relations with their category and symmetry (``?rel ?cat ?sym``, as the local knowledge base reads
#: them), the actor classes with the kind each is (``?t ?kind``), labels and definitions of the relations
#: and categories (``?s ?vp ?o ?lang``), and whether the store holds evidence at all (``?ev``).
Q_VOCABULARY = PREFIXES + "SELECT ?rel ?cat ?sym ?t ?kind ?s ?vp ?o ?lang ?ev WHERE {\n  " + "\n  UNION ".join([
    "{ ?rel cx:category ?cat . OPTIONAL { ?rel a owl:SymmetricProperty . BIND(true AS ?sym) } }",
    "{ SELECT DISTINCT ?t ?kind WHERE { ?t rdfs:subClassOf* cx:Actor . "
    f"OPTIONAL {{ ?t rdfs:subClassOf* ?kind . VALUES ?kind {{ {_KINDS} }} }} }} }}",
    _described_by("{ ?s cx:category ?any } UNION { ?any cx:category ?s }",
                  ("rdfs:label", "rdfs:comment", "skos:prefLabel", "skos:definition"), "?vp"),
    "{ SELECT ?ev WHERE { ?ev a oa:Annotation ; oa:hasBody ?claim } LIMIT 1 }"]) + "\n}"

# ---------------------------------------------------------------- ranking

Q_RANK_STATEMENTS = PREFIXES + """
SELECT ?a (COUNT(*) AS ?n) WHERE { { ?st rdf:subject ?a } UNION { ?st rdf:object ?a } }
GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT ${limit}
"""
Q_RANK_TRIPLES = PREFIXES + """
SELECT ?a (COUNT(*) AS ?n) WHERE { { ?a ?p ?o } UNION { ?s ?p ?a } ?p cx:category ?c . }
GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT ${limit}
"""
Q_TYPED_ACTORS = PREFIXES + """
SELECT DISTINCT ?a WHERE { ?a a ?t . ?t rdfs:subClassOf* cx:Actor . } ORDER BY ?a LIMIT ${limit}
"""
Q_DEGREES = PREFIXES + "SELECT ?a ?n WHERE { ${actors} GRAPH ${summary} { ?a xs:claimCount ?n } }"

# ---------------------------------------------------------------- claims

# Type checks (?st a rdf:Statement, ?ann a oa:Annotation) are left out here: on a big store they turn a
# bound join into a scan of every typed resource; evidence_of checks annotations fully.
_STATEMENT = "?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ."
# a claim's event date and its period's ends (cx:startDate, cx:endDate), each in a row of its own
_DATE = "{ ?st cx:eventDate ?date } UNION { ?st cx:startDate ?start } UNION { ?st cx:endDate ?end }"
_DATES_OPTIONAL = ("OPTIONAL { ?st cx:eventDate ?date } OPTIONAL { ?st cx:startDate ?start } "
                   "OPTIONAL { ?st cx:endDate ?end }")
_ANNOTATION = "?ann oa:hasBody ?st ."
CLAIM_COLUMNS = "?st ?s ?p ?o ?date ?ann ?start ?end"

#: Selects statements by ?st: a list of them.
SELECT_STATEMENTS = "${statements}"


def claim_query(selectors: tuple[str, ...], parts: tuple[str, ...] = ("statement", "date", "annotation")) -> str:
    """A UNION of branches, one per selector and part."""
    body = {"statement": _STATEMENT, "date": _DATE, "annotation": _ANNOTATION}
    branches = [f"{{ {sel} {body[part]} }}" for sel in selectors for part in parts]
    return PREFIXES + f"SELECT {CLAIM_COLUMNS} WHERE {{\n  " + "\n  UNION ".join(branches) + "\n} ${page}"


# ---------------------------------------------------------------- the first screen from the summary graph

#: The first screen's head, in one request: the summary graph's own description (``?size ?bare
#: ?modified``; no row when there is no summary graph), the top actors with their claim counts (``?a ?r
#: ?n``, rank ?r), and what their records need (``?s ?p ?o ?lang``: ACTOR_PROPERTIES and types). Holes:
#: ``${summary}``, ``${ranks}``.
Q_SCREEN_HEAD = PREFIXES + "SELECT ?size ?bare ?modified ?a ?r ?n ?s ?p ?o ?lang WHERE {\n  " + "\n  UNION ".join([
    "{ GRAPH ${summary} { ${summary} xs:screenSize ?size ; xs:bareTriples ?bare . "
    "OPTIONAL { ${summary} dcterms:modified ?modified } } }",
    "{ ${ranks} GRAPH ${summary} { ?a xs:rank ?r ; xs:claimCount ?n } }",
    _described_by("${ranks} GRAPH ${summary} { ?s xs:rank ?r }", (*ACTOR_PROPERTIES, "rdf:type"))]) + "\n}"
#: The first screen's claims (the statements the summary graph ranks among ``${ranks}``), one row per
#: claim and annotation: ``?st ?s ?p ?o`` with its date and annotation when it has them. OPTIONAL is a
#: bound lookup here (each statement is known when its date and annotation are looked for); one row per
#: claim is fewer than half the rows of a UNION of statements, dates and annotations (1,551 rather than
#: 3,703 for the 100k corpus's first screen of 60), each statement looked up and sent once. Each annotation
#: comes with who made it (``?creator``: its ``dcterms:creator``, as local files record it), for the
#: Filters' "Made by", at no request of its own.
SCREEN_COLUMNS = CLAIM_COLUMNS + " ?creator"
Q_SCREEN_CLAIMS = PREFIXES + f"""SELECT {SCREEN_COLUMNS} WHERE {{
  ${{ranks}} GRAPH ${{summary}} {{ ?st xs:screenRank ?r }}
  {_STATEMENT} {_DATES_OPTIONAL} OPTIONAL {{ {_ANNOTATION} OPTIONAL {{ ?ann dcterms:creator ?creator }} }}
}} ${{page}}"""




def screen_claims_query(window: str = "") -> str:
    """:data:`Q_SCREEN_CLAIMS`, keeping only the statements ``window`` lets through when given (a time
    window: :func:`explorer.core.server_window.statement_filter`)."""
    if not window:
        return Q_SCREEN_CLAIMS
    ranked = "${ranks} GRAPH ${summary} { ?st xs:screenRank ?r }"
    return Q_SCREEN_CLAIMS.replace(ranked, "{ SELECT DISTINCT ?st WHERE { " + ranked + " " + window + " } }", 1)


Q_STATEMENTS_AMONG = PREFIXES + """
SELECT ?st ?s ?p ?o WHERE { ${subjects} ?st rdf:subject ?s ; rdf:object ?o . FILTER(?o IN (${ends}))
  ?st a rdf:Statement ; rdf:predicate ?p . } ${page}
"""


def statements_among(window: str = "") -> str:
    """:data:`Q_STATEMENTS_AMONG`, keeping only the statements ``window`` lets through when given (each
    statement once)."""
    if not window:
        return Q_STATEMENTS_AMONG
    return Q_STATEMENTS_AMONG.replace("SELECT ?st", "SELECT DISTINCT ?st", 1).replace(
        "rdf:predicate ?p . }", "rdf:predicate ?p . " + window + " }", 1)


Q_TRIPLES_AMONG = PREFIXES + """
SELECT ?s ?p ?o WHERE { ${subjects} ?s ?p ?o . FILTER(?o IN (${ends})) ?p cx:category ?c . } ${page}
"""
#: :data:`Q_TRIPLES_AMONG` without the triples a statement describes: in a time window, the statements
#: outside it are not fetched, so their triples would pass for bare ones (claims of their own).
Q_BARE_TRIPLES_AMONG = PREFIXES + """
SELECT ?s ?p ?o WHERE { ${subjects} ?s ?p ?o . FILTER(?o IN (${ends})) ?p cx:category ?c .
  MINUS { ?bst rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } } ${page}
"""

# ---------------------------------------------------------------- descriptions and evidence


def describe_query(properties: tuple[str, ...]) -> str:
    """Values of ``properties`` (and rdf:type) for the subjects in ``${subjects}``: one branch per property,
    each a bound lookup (a VALUES block of properties would make some engines scan every triple)."""
    branches = [f"{{ ${{subjects}} ?s {p} ?o . BIND({p} AS ?p) }}" for p in (*properties, "rdf:type")]
    return PREFIXES + "SELECT ?s ?p ?o (LANG(?o) AS ?lang) WHERE {\n  " + "\n  UNION ".join(branches) + "\n}"


Q_DESCRIBE = describe_query(TEXT_PROPERTIES)


def rank_values(stop: int, start: int = 0) -> sparql.Term:
    """``VALUES ?r { start ... stop-1 }``: ranks looked up one by one in the summary graph's index."""
    return sparql.Term("VALUES ?r { " + " ".join(sparql.integer(i) for i in range(start, stop)) + " }")


#: Requests the first screen's claims are split into (sent at once, so that a store with several cores
#: answers them side by side).
SCREEN_SLICES = 2


def rank_slices(limit: int, parts: int | None = None) -> list[tuple[int, int]]:
    """The first screen's statements in ``parts`` requests by screen rank (a statement's screen rank is the
    larger rank of its two actors), of equal width: each rank brings about as many statements as the next
    one (hubs link to each other more than to the actors below them), so equal widths are about equal
    sizes (on the 100k corpus, 753 and 798 statements of a first screen of 60)."""
    parts = max(1, min(SCREEN_SLICES if parts is None else parts, limit // 10))
    cuts = [round(limit * i / parts) for i in range(parts + 1)]
    return list(pairwise(cuts))


# ---------------------------------------------------------------- evidence

_ANNOTATION_OF = "${claims} ?ann oa:hasBody ?claim ; a oa:Annotation ; oa:hasTarget ?t ."


def _described(select: str, properties: tuple[str, ...]) -> str:
    """A branch describing the distinct ``?d`` that ``select`` binds (each once, however many annotations
    name it): one scan of each one's triples, the wanted properties kept by the store."""
    return (f"{{ {{ SELECT DISTINCT ?d WHERE {{ {select} }} }} ?d ?dp ?do . "
            f"FILTER(?dp IN ({', '.join((*properties, 'rdf:type'))})) BIND(LANG(?do) AS ?lang) }}")


#: An annotation with all its usual parts, as one row (about 7 rows fewer each than :data:`Q_EVIDENCE_PARTS`;
#: an annotation missing a part is fetched again with that query).
_WHOLE_ANNOTATION = (_ANNOTATION_OF + " ?t oa:hasSource ?src ; oa:hasSelector ?q, ?ps . "
                     "?q a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix . "
                     "?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .")
#: The evidence of the claims in ``${claims}`` and everything a passage shows, in one request: each
#: annotation's source, quote and position (``?exact ... ?end``) and attribution, and the descriptions of
#: its article, of the article's publisher and author, and of the agent it is attributed to (rows with
#: ``?d ?dp ?do``).
Q_EVIDENCE = PREFIXES + f"""
SELECT ?ann ?claim ?src ?exact ?prefix ?suffix ?start ?end ?by ?fact ?d ?dp ?do ?lang WHERE {{
  {{ {_WHOLE_ANNOTATION} }}
  UNION {{ {_ANNOTATION_OF} ?ann cx:assertedBy ?by . }}
  UNION {{ {_ANNOTATION_OF} ?ann cx:factuality ?fact . }}
  UNION {_described(_ANNOTATION_OF + " ?t oa:hasSource ?d .", TEXT_PROPERTIES + ARTICLE_PROPERTIES)}
  UNION {_described(_ANNOTATION_OF + " ?ann cx:assertedBy ?d .", TEXT_PROPERTIES)}
  UNION {_described(_ANNOTATION_OF + " ?t oa:hasSource ?art . ?art dcterms:publisher|dcterms:creator ?d .",
                    LABEL_PROPERTIES)}
}}
"""
#: Annotations of the claims in ``${claims}`` part by part: the source, and every property of every selector
#: (for annotations lacking a part of :data:`Q_EVIDENCE`'s whole row: no prefix, no position ...).
Q_EVIDENCE_PARTS = PREFIXES + f"""
SELECT ?ann ?claim ?src ?sel ?sp ?so WHERE {{
  {{ {_ANNOTATION_OF} ?t oa:hasSource ?src . }}
  UNION {{ {_ANNOTATION_OF} ?t oa:hasSelector ?sel . ?sel ?sp ?so . }}
}}
"""

# ---------------------------------------------------------------- a page of an actor's claims

# Expanding an actor fetches a page of its claims at a time, in the store's own order: no ORDER BY, since
# sorting a hub's statements costs more than the page (Oxigraph: 150 ms for the 2,252 statements of the
# 100k corpus's busiest actor, 10 ms for a page of 200), and an unchanged store lists them in the same order
# each time. The page is a sub-select with LIMIT and OFFSET that every branch repeats: bound joins from a
# small set are cheap, where a join of the page with a UNION can make a store scan every triple.
_OF_ACTOR = "{ ?st rdf:subject ${actor} } UNION { ?st rdf:object ${actor} }"
_STATEMENT_PAGE = "{ SELECT ?st WHERE { " + _OF_ACTOR + " } LIMIT ${size} OFFSET ${offset} }"
#: The actor's bare triples (claim triples no statement describes) as ``?p ?x ?in``: the relation, the
#: other end, and whether the actor is the object. MINUS with the actor in both patterns is one anti-join
#: over the actor's statements (FILTER NOT EXISTS here can make Oxigraph scan the whole store).
_BARE = ("{ ${actor} ?p ?x . ?p cx:category ?c . FILTER(!isLiteral(?x)) "
         "MINUS { ?bst rdf:subject ${actor} ; rdf:predicate ?p ; rdf:object ?x } BIND(false AS ?in) } "
         "UNION { ?x ?p ${actor} . ?p cx:category ?c . "
         "MINUS { ?bst rdf:object ${actor} ; rdf:predicate ?p ; rdf:subject ?x } BIND(true AS ?in) }")
_BARE_PAGE = "{ SELECT DISTINCT ?p ?x ?in WHERE { " + _BARE + " } LIMIT ${size} OFFSET ${offset} }"
# The neighbours a page reaches, bound by triple patterns (computing them with BIND(IF(...)) would make
# Oxigraph join their descriptions by scanning every triple of the store).
_STATEMENT_ENDS = ("{ SELECT DISTINCT ?x WHERE { " + _STATEMENT_PAGE + " { ?st rdf:subject ${actor} ; rdf:object ?x } "
                   "UNION { ?st rdf:object ${actor} ; rdf:subject ?x } FILTER(!sameTerm(?x, ${actor})) } }")
_BARE_ENDS = "{ SELECT DISTINCT ?x WHERE { " + _BARE_PAGE + " FILTER(!sameTerm(?x, ${actor})) } }"
PAGE_COLUMNS = "?st ?s ?p ?o ?date ?ann ?x ?in ?xp ?xo ?lang ?n ?rows ?total ?bare ?start ?end"


def _statement_page(window: str) -> str:
    """The page sub-select, keeping only the statements ``window`` lets through when given (a time window:
    explorer.core.server_window.statement_filter; then each statement once)."""
    if not window:
        return _STATEMENT_PAGE
    return "{ SELECT DISTINCT ?st WHERE { " + _OF_ACTOR + " " + window + " } LIMIT ${size} OFFSET ${offset} }"


def page_query(*, bare_page: bool, count_bare: bool, summary: bool, window: str = "") -> str:
    """One page of an actor's claims and what showing them needs, in one request.

    Rows of several kinds: the page's claims (as :func:`claim_query` gives them: statements, dates,
    annotations; or, when ``bare_page``, the actor's bare triples as ``?p ?x ?in``), descriptions of the
    neighbours the page reaches (``?x ?xp ?xo ?lang``), their claim counts from the summary graph
    (``?x ?n``, when ``summary``), and, with a page of statements, the counts of the actor's statements
    (``?rows`` listed, ``?total`` distinct) and, when ``count_bare``, of its bare triples (``?bare``).
    Holes: ``${actor}``, ``${size}``, ``${offset}``, and ``${summary}`` when ``summary``. ``window``: the
    statements' time filter (:func:`explorer.core.server_window.statement_filter`; then the counts are of the
    statements in the window).
    """
    if bare_page:
        branches = [_BARE_PAGE]
        ends = _BARE_ENDS
    else:
        page = _statement_page(window)
        branches = [f"{{ {page} {part} }}" for part in (_STATEMENT, _DATE, _ANNOTATION)]
        ends = _STATEMENT_ENDS if not window else _STATEMENT_ENDS.replace(_STATEMENT_PAGE, page)
        if window:
            branches.append("{ SELECT (COUNT(DISTINCT ?st) AS ?rows) (COUNT(DISTINCT ?st) AS ?total) WHERE { "
                            + _OF_ACTOR + " " + window + " } }")
        else:
            branches.append("{ SELECT (COUNT(*) AS ?rows) (COUNT(DISTINCT ?st) AS ?total) WHERE { "
                            + _OF_ACTOR + " } }")
        if count_bare:
            branches.append("{ SELECT (COUNT(*) AS ?bare) WHERE { SELECT DISTINCT ?p ?x ?in WHERE { "
                            + _BARE + " } } }")
    properties = ", ".join((*TEXT_PROPERTIES, "rdf:type"))
    branches.append(f"{{ {ends} ?x ?xp ?xo . FILTER(?xp IN ({properties})) BIND(LANG(?xo) AS ?lang) }}")
    if summary:
        branches.append(f"{{ {ends} GRAPH ${{summary}} {{ ?x xs:claimCount ?n }} }}")
    return PREFIXES + f"SELECT {PAGE_COLUMNS} WHERE {{\n  " + "\n  UNION ".join(branches) + "\n}"


#: Names matching ``${condition}`` (written on ``?name`` itself: Virtuoso's STR() of a non-ASCII literal no
#: longer matches the pattern) of actors: typed with a subclass of cx:Actor (the class path in a sub-select),
#: or an end of a statement. A join with a UNION, not FILTER EXISTS over one: Virtuoso 7.2 drops the typed
#: actors from such an EXISTS (Central Asia, a place with no claim, was not found by "a").
Q_SEARCH = PREFIXES + """
SELECT DISTINCT ?a ?name WHERE {
  VALUES ?np { rdfs:label skos:prefLabel schema:name dcterms:title skos:altLabel }
  ?a ?np ?name .
  FILTER(isIRI(?a) && isLiteral(?name))
  FILTER(${condition})
  { ?a a ?t . { SELECT ?t WHERE { ?t rdfs:subClassOf* cx:Actor } } }
  UNION { ?st rdf:subject ?a } UNION { ?st rdf:object ?a }
} LIMIT ${limit}
"""


def actors_in_window(window: str, keeps_undated: bool) -> str:
    """Those of the actors in ``${actors}`` (a VALUES block of ``?a``) that have a claim ``window`` lets
    through: a statement in it, or, when undated claims pass, a bare triple (one no statement describes).
    Find asks it of the names it found, so that it offers only actors the time window shows."""
    branches = ["{ ${actors} { ?st rdf:subject ?a } UNION { ?st rdf:object ?a } " + window + " }"]
    if keeps_undated:
        branches.append("{ ${actors} ?a ?p ?x . ?p cx:category ?c . FILTER(!isLiteral(?x)) "
                        "MINUS { ?bst rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?x } }")
        branches.append("{ ${actors} ?x ?p ?a . ?p cx:category ?c . "
                        "MINUS { ?bst rdf:object ?a ; rdf:predicate ?p ; rdf:subject ?x } }")
    return PREFIXES + "SELECT DISTINCT ?a WHERE {\n  " + "\n  UNION ".join(branches) + "\n}"


#: The creators of the annotations in ``${anns}`` (a VALUES block of ``?ann``), as local files record them
#: (``dcterms:creator`` on the annotation: explorer.core.creators).
Q_CREATORS = PREFIXES + """
SELECT ?ann ?creator WHERE { ${anns} ?ann dcterms:creator ?creator . FILTER(isIRI(?creator)) }
"""
Q_LOCAL_NAME = PREFIXES + """
SELECT DISTINCT ?a WHERE {
  { ?a a ?t . { SELECT ?t WHERE { ?t rdfs:subClassOf* cx:Actor } } } UNION { ?st rdf:subject ?a }
  UNION { ?st rdf:object ?a }
  FILTER(isIRI(?a) && (STRENDS(STR(?a), ${slash}) || STRENDS(STR(?a), ${hash})))
} LIMIT 20
"""
Q_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 10"
Q_COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def page(limit: int) -> sparql.Term:
    """``LIMIT n``: a first try, one row more than a page, to see whether the answer needs paging
    (:mod:`explorer.core.remote.paging` reads the pages)."""
    return sparql.Term(f"LIMIT {sparql.integer(limit)}")


def in_list(iris: list[str]) -> sparql.Term:
    return sparql.Term(", ".join(sparql.iri(i) for i in iris))
