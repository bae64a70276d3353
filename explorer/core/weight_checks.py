"""Validation of the weight model (issue 13): the plain-triple rule and known factualities.

Each check yields (subject, message) pairs; explorer.core.validate makes them problems of check "weight"
(errors, but a passage without a factuality is a warning: legacy files have none, and such a passage counts
as asserted). Messages name the file and line of what is wrong (explorer.core.source_lines).

RDF asserts a plain triple ``s p o`` outright; a claim's triple may stand plain only when at least one of
its passages states it as fact (cx:Asserted, or a legacy passage recorded without a factuality). A claim
backed only by hedged, planned, conditional or negated passages stays an rdf:Statement, which RDF does not
assert.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from explorer.core.knowledge import Q_TRIPLES, KnowledgeBase
from explorer.core.vocab import shorten
from explorer.core.weight import ASSERTED, FACTUALITIES


def check_plain_triples(kb: KnowledgeBase) -> Iterable[tuple[str, str]]:
    """A plain triple described by statements none of which has an asserting passage is an error."""
    statements: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for claim in kb.claims.values():
        if claim.has_statement:
            statements[(claim.subject, claim.predicate, claim.object)].append(claim.iri)
    evidence = kb.evidence
    for row in kb.store.select(Q_TRIPLES):
        triple = (row["s"] or "", row["p"] or "", row["o"] or "")
        claims = statements.get(triple)
        if not claims:
            continue
        asserted = any((evidence[e].factuality or ASSERTED) == ASSERTED
                       for c in claims for e in kb.claims[c].evidence if e in evidence)
        if not asserted:
            first = sorted(claims)[0]
            where = ", ".join(_where(f, triple) for f in _files_holding(kb, triple)) or "the graph"
            yield (first, f"the plain triple {kb.describe(kb.claims[first])!r} is asserted in {where}, "
                                 "but no passage of its claim states it as fact (cx:Asserted): remove the plain "
                                 "triple and keep the rdf:Statement")


def _files_holding(kb: KnowledgeBase, triple: tuple[str, str, str]) -> list[Path]:
    """The source files that state ``triple`` (read again only when a problem is found: rare)."""
    import rdflib

    found = []
    s, p, o = (rdflib.URIRef(t) for t in triple)
    for path in kb.sources:
        try:
            graph = rdflib.Graph().parse(path)
        except Exception:  # a file rdflib cannot read on its own: not named, not fatal
            continue
        if (s, p, o) in graph:
            found.append(path)
    return found


def _where(path: Path, triple: tuple[str, str, str]) -> str:
    from explorer.core.source_lines import triple_line

    line = triple_line(path, *triple)
    return f"{path}" + (f" line {line}" if line is not None else "")


def check_missing_factualities(kb: KnowledgeBase) -> Iterable[tuple[str, str]]:
    """A passage should say how surely it states its claim (cx:factuality): one without counts as
    asserted, which may record a hedge or a forecast as a fact. Each named with its file and line."""
    from explorer.core.source_lines import annotation_lines, located

    missing = sorted(ev.iri for ev in kb.evidence.values() if ev.factuality is None)
    if not missing:
        return
    where = annotation_lines(kb.sources, missing)
    for iri in missing:
        yield (iri, f"the passage records no cx:factuality{located(where, iri)}: it counts as asserted (cx:Asserted); "
                    "say how surely it states its claim (cx:Asserted, cx:Probable, cx:Possible, cx:Planned, "
                    "cx:Conditional or cx:Negated)")


def check_factualities(kb: KnowledgeBase) -> Iterable[tuple[str, str]]:
    """A passage's cx:factuality must be one of the cx:Factuality concepts."""
    known = set(FACTUALITIES)
    for ev in kb.evidence.values():
        if ev.factuality is not None and ev.factuality not in known:
            yield (ev.iri, f"cx:factuality {shorten(ev.factuality)} is not a cx:Factuality concept "
                                  "(cx:Asserted, cx:Probable, cx:Possible, cx:Planned, cx:Conditional, "
                                  "cx:Negated)")


def check_weight(kb: KnowledgeBase) -> Iterable[tuple[str, str, str]]:
    """(subject, message, severity) of every problem of the weight model."""
    for subject, message in check_plain_triples(kb):
        yield subject, message, "error"
    for subject, message in check_factualities(kb):
        yield subject, message, "error"
    for subject, message in check_missing_factualities(kb):
        yield subject, message, "warning"
