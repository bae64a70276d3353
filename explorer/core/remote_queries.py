"""The SPARQL the remote explorer sends, as templates whose only holes are ``${name}`` terms.

They are shaped for speed on a big store: each fetch starts from something bound (an actor IRI, a
VALUES block, the summary graph) and joins outward through basic graph patterns. Optional parts are
fetched as separate UNION branches rather than OPTIONAL, because engines such as Oxigraph evaluate
OPTIONAL as a hash join over the whole store (seconds at 100k claims) where a bound join takes
milliseconds. Rows of a claim query therefore come in kinds: a statement (``?st ?s ?p ?o``), its date
(``?st ?date``), its annotation (``?st ?ann``), or a bare triple (``?s ?p ?o`` with no ``?st``).
"""

from __future__ import annotations

from explorer.core import sparql
from explorer.core.summary import XS
from explorer.core.vocab import ACTOR_KINDS, SPARQL_PREFIXES

#: The text properties the local knowledge base reads (labels, aliases, roles, descriptions, same-as links).
TEXT_PROPERTIES = ("rdfs:label", "skos:prefLabel", "schema:name", "dcterms:title", "skos:altLabel",
                   "schema:jobTitle", "rdfs:comment", "skos:definition", "owl:sameAs", "schema:sameAs")
ARTICLE_PROPERTIES = ("cx:seedFile", "dcterms:publisher", "dcterms:creator", "dcterms:issued", "schema:url",
                      "cx:bodyStart", "cx:bodyEnd")
ARTICLE_TYPES = ("https://schema.org/Article", "https://schema.org/NewsArticle",
                 "https://schema.org/OpinionNewsArticle")
PREFIXES = SPARQL_PREFIXES + f"PREFIX xs: <{XS}>\n"

Q_CLASSES = PREFIXES + """
SELECT DISTINCT ?t ?kind WHERE {
  ?t rdfs:subClassOf* cx:Actor .
  OPTIONAL { ?t rdfs:subClassOf* ?kind . VALUES ?kind { KINDS } }
}
""".replace("KINDS", " ".join(f"<{k}>" for k in ACTOR_KINDS))
Q_HAS_EVIDENCE = PREFIXES + "ASK { ?ann a oa:Annotation ; oa:hasBody ?claim }"

# ---------------------------------------------------------------- ranking

Q_RANK_SUMMARY = PREFIXES + """
SELECT ?a ?n WHERE { ${ranks} GRAPH ${summary} { ?a xs:rank ?r ; xs:claimCount ?n } } ORDER BY ?r
"""
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
_DATE = "?st cx:eventDate ?date ."
_ANNOTATION = "?ann oa:hasBody ?st ."
CLAIM_COLUMNS = "?st ?s ?p ?o ?date ?ann"

#: Selectors bind ?st: the statements of an actor, the first screen from the summary, a list of statements.
SELECT_SUBJECT_OF = "?st rdf:subject ${actor} ."
SELECT_OBJECT_OF = "?st rdf:object ${actor} ."
SELECT_SCREEN = "${ranks} GRAPH ${summary} { ?st xs:screenRank ?r }"
SELECT_STATEMENTS = "${statements}"


def claim_query(selectors: tuple[str, ...], parts: tuple[str, ...] = ("statement", "date", "annotation"),
                bare_of_actor: bool = False) -> str:
    """A UNION of branches, one per selector and part; ``bare_of_actor`` adds the actor's bare triples."""
    body = {"statement": _STATEMENT, "date": _DATE, "annotation": _ANNOTATION}
    branches = [f"{{ {sel} {body[part]} }}" for sel in selectors for part in parts]
    if bare_of_actor:
        branches.append("{ ${actor} ?p ?o . ?p cx:category ?c . FILTER(!isLiteral(?o)) "
                        "BIND(${actor} AS ?s) }")
        branches.append("{ ?s ?p ${actor} . ?p cx:category ?c . BIND(${actor} AS ?o) }")
    return PREFIXES + f"SELECT {CLAIM_COLUMNS} WHERE {{\n  " + "\n  UNION ".join(branches) + "\n} ${page}"


Q_STATEMENTS_AMONG = PREFIXES + """
SELECT ?st ?s ?p ?o WHERE { ${subjects} ?st rdf:subject ?s ; rdf:object ?o . FILTER(?o IN (${ends}))
  ?st a rdf:Statement ; rdf:predicate ?p . } ${page}
"""
Q_TRIPLES_AMONG = PREFIXES + """
SELECT ?s ?p ?o WHERE { ${subjects} ?s ?p ?o . FILTER(?o IN (${ends})) ?p cx:category ?c . } ${page}
"""

# ---------------------------------------------------------------- descriptions and evidence



def describe_query(properties: tuple[str, ...]) -> str:
    """Values of ``properties`` (and rdf:type) for the subjects in ``${subjects}``: one branch per property,
    each a bound lookup (a VALUES block of properties would make some engines scan every triple)."""
    branches = [f"{{ ${{subjects}} ?s {p} ?o . BIND({p} AS ?p) }}" for p in (*properties, "rdf:type")]
    return PREFIXES + "SELECT ?s ?p ?o (LANG(?o) AS ?lang) WHERE {\n  " + "\n  UNION ".join(branches) + "\n}"


Q_DESCRIBE = describe_query(TEXT_PROPERTIES)
Q_DESCRIBE_ARTICLES = describe_query(TEXT_PROPERTIES + ARTICLE_PROPERTIES)
#: The first screen's actors, described through the summary graph (no need to wait for the ranking).
Q_DESCRIBE_SCREEN = Q_DESCRIBE.replace("${subjects}", "${ranks} GRAPH ${summary} { ?s xs:rank ?r }")
#: Labels and definitions of the relations and their categories.
Q_DESCRIBE_VOCABULARY = PREFIXES + "SELECT ?s ?p ?o (LANG(?o) AS ?lang) WHERE {\n  " + "\n  UNION ".join(
    f"{{ {sel} ?s {p} ?o . BIND({p} AS ?p) }}"
    for sel in ("?s cx:category ?any .", "?any cx:category ?s .")
    for p in ("rdfs:label", "rdfs:comment", "skos:prefLabel", "skos:definition")) + "\n}"


def rank_values(stop: int, start: int = 0) -> sparql.Term:
    """``VALUES ?r { start ... stop-1 }``: ranks looked up one by one in the summary graph's index."""
    return sparql.Term("VALUES ?r { " + " ".join(sparql.integer(i) for i in range(start, stop)) + " }")


def rank_slices(limit: int) -> list[tuple[int, int]]:
    """The first screen's statements in two requests of about the same size: a statement's screen rank is
    the larger rank of its two actors, so about half of them rank below limit / sqrt(2)."""
    cut = round(limit / 2 ** 0.5)
    return [(0, cut), (cut, limit)] if limit >= 20 else [(0, limit)]
_ANNOTATION_OF = "${claims} ?ann oa:hasBody ?claim ; a oa:Annotation ; oa:hasTarget ?t ."
Q_EVIDENCE = PREFIXES + f"""
SELECT ?ann ?claim ?src ?by ?sel ?sp ?so WHERE {{
  {{ {_ANNOTATION_OF} ?t oa:hasSource ?src . }}
  UNION {{ {_ANNOTATION_OF} ?ann cx:assertedBy ?by . }}
  UNION {{ {_ANNOTATION_OF} ?t oa:hasSelector ?sel . ?sel ?sp ?so . }}
}}
"""
_NEIGHBOURS_OF = ("?st rdf:subject ${actor} ; rdf:object ?s .", "?st rdf:object ${actor} ; rdf:subject ?s .")
#: Descriptions of an actor's neighbours, reached through its statements (one query per side).
Q_NEIGHBOURS = tuple(
    PREFIXES + "SELECT DISTINCT ?s ?p ?o (LANG(?o) AS ?lang) WHERE {\n  " + "\n  UNION ".join(
        f"{{ {side} ?s {p} ?o . BIND({p} AS ?p) }}" for p in (*TEXT_PROPERTIES, "rdf:type")) + "\n}"
    for side in _NEIGHBOURS_OF)
#: Claim counts of an actor's neighbours, from the summary graph.
Q_NEIGHBOUR_DEGREES = PREFIXES + "SELECT DISTINCT ?a ?n WHERE {\n  " + "\n  UNION ".join(
    f"{{ {side.replace('?s .', '?a .')} GRAPH ${{summary}} {{ ?a xs:claimCount ?n }} }}" for side in _NEIGHBOURS_OF
) + "\n}"
Q_SEARCH = PREFIXES + """
SELECT DISTINCT ?a ?name WHERE {
  VALUES ?np { rdfs:label skos:prefLabel schema:name dcterms:title skos:altLabel }
  ?a ?np ?name .
  FILTER(isIRI(?a) && isLiteral(?name))
  FILTER(${condition})
  FILTER EXISTS { { ?a a ?t . ?t rdfs:subClassOf* cx:Actor }
                  UNION { ?st rdf:subject ?a } UNION { ?st rdf:object ?a } }
} LIMIT ${limit}
"""
Q_LOCAL_NAME = PREFIXES + """
SELECT DISTINCT ?a WHERE {
  { ?a a ?t . ?t rdfs:subClassOf* cx:Actor } UNION { ?st rdf:subject ?a } UNION { ?st rdf:object ?a }
  FILTER(isIRI(?a) && (STRENDS(STR(?a), ${slash}) || STRENDS(STR(?a), ${hash})))
} LIMIT 20
"""
Q_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 10"
Q_COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def page(columns: str, limit: int, offset: int | None) -> sparql.Term:
    """``LIMIT n`` for a first try, or ``ORDER BY ... LIMIT n OFFSET k`` for stable paging."""
    if offset is None:
        return sparql.Term(f"LIMIT {sparql.integer(limit)}")
    order = " ".join(sparql.variable(c.lstrip("?")) for c in columns.split())
    return sparql.Term(f"ORDER BY {order} LIMIT {sparql.integer(limit)} OFFSET {sparql.integer(offset)}")


def in_list(iris: list[str]) -> sparql.Term:
    return sparql.Term(", ".join(sparql.iri(i) for i in iris))
