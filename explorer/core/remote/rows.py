"""Reading a SPARQL endpoint's answers: result rows sorted into claims, descriptions, counts and evidence
records, for :class:`~explorer.core.remote.knowledge.RemoteKnowledge`. Plain functions over rows, no
requests: the knowledge module asks, this one reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from explorer.core.knowledge import TextProperties
from explorer.core.model import Claim, Evidence
from explorer.core.remote.summary import SummaryInfo
from explorer.core.store import Row

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OA = "http://www.w3.org/ns/oa#"
#: The values of a claim row, in the order :meth:`RemoteKnowledge._claims_from_values` reads them.
CLAIM_VALUES = ("st", "s", "p", "o", "date", "ann", "start", "end")


@dataclass(frozen=True)
class Pages:
    """Where the next page of an actor's claims starts: an offset into its statements, or into its bare
    triples once the statements are all fetched; ``total`` is the actor's claim count as last counted, of
    which ``bare_count`` bare triples (counted with the first page)."""

    offset: int = 0
    bare: bool = False
    total: int = 0
    bare_count: int = 0


@dataclass(frozen=True)
class Page:
    """The rows of one page (:func:`~explorer.core.remote.queries.page_query`), sorted by kind."""

    claims: list[Row]
    described: list[Row]
    degrees: dict[str, int]
    bare_rows: int
    rows: int | None
    total: int | None
    bare: int | None

    @classmethod
    def of(cls, rows: list[Row], actor: str) -> Page:
        claims: list[Row] = []
        described: list[Row] = []
        degrees: dict[str, int] = {}
        bare_rows = 0
        counted: dict[str, int | None] = {"rows": None, "total": None, "bare": None}
        for row in rows:
            x = row.get("x")
            if row.get("in") is not None:  # a claim triple of the actor (bare pages)
                bare_rows += 1
                if x is not None and row.get("p") is not None:
                    s, o = (x, actor) if is_true(row["in"]) else (actor, x)
                    claims.append({"s": s, "p": row["p"], "o": o})
            elif x is not None:
                if row.get("xp") is not None:
                    described.append({"s": x, "p": row["xp"], "o": row.get("xo"), "lang": row.get("lang")})
                elif row.get("n") is not None:
                    degrees[x] = int_or_none(row["n"]) or 0
            elif any(row.get(key) is not None for key in counted):
                for key in counted:
                    if row.get(key) is not None:
                        counted[key] = int_or_none(row[key])
            else:
                claims.append(row)
        return cls(claims, described, degrees, bare_rows, counted["rows"], counted["total"], counted["bare"])


@dataclass
class FirstRound:
    """The answers of the first round of requests when connecting."""

    relations: list[Row]
    classes: list[Row]
    vocabulary: list[Row]
    has_evidence: bool
    summary: SummaryInfo | None
    ranking: list[Row] | None  # None: no usable summary graph
    described: list[Row]
    rows: list[tuple[str | None, ...]]  # (st, s, p, o, date, ann)

    @staticmethod
    def vocabulary_rows(rows: list[Row]) -> tuple[list[Row], list[Row], list[Row], bool]:
        """The rows of :data:`~explorer.core.remote.queries.Q_VOCABULARY` by kind: relations (``?p ?cat
        ?sym``), classes (``?t ?kind``), descriptions (``?s ?p ?o ?lang``), and whether there is evidence."""
        relations: list[Row] = []
        classes: list[Row] = []
        described: list[Row] = []
        has_evidence = False
        for row in rows:
            if row.get("rel") is not None:
                relations.append({"p": row["rel"], "cat": row.get("cat"), "sym": row.get("sym")})
            elif row.get("t") is not None:
                classes.append({"t": row["t"], "kind": row.get("kind")})
            elif row.get("vp") is not None:
                described.append({"s": row.get("s"), "p": row["vp"], "o": row.get("o"), "lang": row.get("lang")})
            elif row.get("ev") is not None:
                has_evidence = True
        return relations, classes, described, has_evidence

    @staticmethod
    def head_rows(rows: list[Row], graph: str) -> tuple[SummaryInfo | None, list[Row], list[Row]]:
        """The rows of :data:`~explorer.core.remote.queries.Q_SCREEN_HEAD` by kind: the summary graph's
        description (None when there is none), the ranking (``?a ?n``, most connected first) and the
        descriptions of the ranked actors (``?s ?p ?o ?lang``)."""
        summary: SummaryInfo | None = None
        ranked: list[tuple[int, str, Row]] = []
        described: list[Row] = []
        for row in rows:
            if row.get("a") is not None:
                rank = int_or_none(row.get("r"))
                if rank is not None:
                    ranked.append((rank, row["a"] or "", {"a": row["a"], "n": row.get("n")}))
            elif row.get("s") is not None:
                described.append({"s": row["s"], "p": row.get("p"), "o": row.get("o"), "lang": row.get("lang")})
            elif row.get("size") is not None and summary is None:
                size, bare = int_or_none(row.get("size")), int_or_none(row.get("bare"))
                if size is not None and bare is not None:
                    summary = SummaryInfo(graph, size, bare > 0, row.get("modified"))
        ranked.sort(key=lambda entry: entry[:2])
        return summary, [row for _rank, _a, row in ranked], described


#: The lexical forms of xsd:boolean true: servers write a boolean bound in a query as ``true`` (SPARQL 1.1
#: TSV and JSON) or as ``1`` (Virtuoso, typed xsd:integer or xsd:boolean), whatever the datatype says.
_TRUE = frozenset({"true", "1"})


def is_true(value: str | None) -> bool:
    """Whether a result value is boolean true in any form a server sends (``true``, ``1``, in any case,
    whether or not typed: a row holds the lexical form only)."""
    return value is not None and value.strip().lower() in _TRUE


def int_or_none(value: str | None) -> int | None:
    """A number from a result row (None for a missing or malformed one)."""
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def claim_values(row: Row) -> tuple[str | None, ...]:
    """A claim row as the values :meth:`RemoteKnowledge._claims_from_values` reads."""
    return (row.get("st"), row.get("s"), row.get("p"), row.get("o"), row.get("date"), row.get("ann"),
            row.get("start"), row.get("end"))


def in_chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    """``items`` in lists of ``size`` (the IRIs of one VALUES block)."""
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def ends_and_predicates(claims: Iterable[Claim]) -> set[str]:
    """Every IRI the claims name: what must be described for them to be shown."""
    found: set[str] = set()
    for claim in claims:
        found.update(claim.ends)
        found.add(claim.predicate)
    return found


def texts_and_types(rows: Iterable[Row]) -> tuple[TextProperties, dict[str, set[str]]]:
    """Description rows split into text properties and rdf:types."""
    types: dict[str, set[str]] = defaultdict(set)
    texts: list[Row] = []
    for row in rows:
        if row.get("p") == RDF_TYPE:
            if row.get("s") and row.get("o"):
                types[row["s"] or ""].add(row["o"] or "")
        else:
            texts.append(row)
    return TextProperties(texts), types


def first_text(texts: TextProperties, subject: str, prop: str) -> str | None:
    """The first value of a text property."""
    values = texts.values.get((subject, prop))
    return values[0][0] if values else None


def evidence_from(rows: Iterable[Row], known: dict[str, Evidence]) -> dict[str, Evidence]:
    """Evidence records from the rows of Q_EVIDENCE (a whole annotation per row, and attributions) and of
    Q_EVIDENCE_PARTS (an annotation's source, and its selectors property by property)."""
    heads: dict[str, tuple[str, str]] = {}
    whole: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    by: dict[str, str] = {}
    fact: dict[str, str] = {}
    selectors: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for row in rows:
        ann = row.get("ann") or ""
        if not ann or ann in known:
            continue
        if row.get("src"):
            heads.setdefault(ann, (row.get("claim") or "", row["src"] or ""))
            if row.get("exact") is not None:
                whole[ann].append((row["exact"] or "", row.get("prefix") or "", row.get("suffix") or "",
                                   row.get("start") or "", row.get("end") or ""))
        elif row.get("by"):
            by.setdefault(ann, row["by"] or "")
        elif row.get("fact"):
            fact.setdefault(ann, row["fact"] or "")
        elif row.get("sel") and row.get("sp") and row.get("so") is not None:
            props = selectors[ann].setdefault(row["sel"] or "", {})
            key = row["sp"] or ""
            if key == RDF_TYPE:
                props.setdefault("type:" + (row["so"] or ""), "")
            else:
                props.setdefault(key, row["so"] or "")
    found: dict[str, Evidence] = {}
    for ann, (claim, src) in heads.items():
        if ann in whole:
            exact, prefix, suffix, start, end = min(whole[ann])
            found[ann] = Evidence(iri=ann, claim=claim, article=src, exact=exact, start=int_or_none(start),
                                  end=int_or_none(end), prefix=prefix, suffix=suffix, asserted_by=by.get(ann),
                                  factuality=fact.get(ann))
            continue
        quote: dict[str, str] = {}
        position: dict[str, str] = {}
        for props in sorted(selectors.get(ann, {}).values(), key=lambda d: sorted(d.items())):
            if "type:" + OA + "TextQuoteSelector" in props and OA + "exact" in props and not quote:
                quote = props
            if ("type:" + OA + "TextPositionSelector" in props and OA + "start" in props
                    and OA + "end" in props and not position):
                position = props
        found[ann] = Evidence(
            iri=ann, claim=claim, article=src, exact=quote.get(OA + "exact", ""),
            start=int_or_none(position.get(OA + "start")), end=int_or_none(position.get(OA + "end")),
            prefix=quote.get(OA + "prefix"), suffix=quote.get(OA + "suffix"), asserted_by=by.get(ann),
            factuality=fact.get(ann))
    return found
