"""One record per claim with the weight of its evidence: what `explorer claims` prints and exports add."""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Any

from explorer.core.knowledge import KnowledgeRecords
from explorer.core.weight import CREDIBILITY_NAMES, Weight, Weights, factuality_name, weigh_knowledge


def claim_record(kb: KnowledgeRecords, weights: Weights, iri: str) -> dict[str, Any]:
    """The claim's triple, labels, date, and its weight (see README "Weighing the evidence")."""
    c = kb.claims[iri]
    w: Weight = weights[iri]
    return {
        "iri": c.iri,
        "subject": c.subject,
        "predicate": c.predicate,
        "object": c.object,
        "labels": {"subject": kb.label(c.subject), "predicate": kb.label(c.predicate),
                   "object": kb.label(c.object)},
        "event_date": c.event_date,
        "passages": w.passages,
        "supporting": len(w.supporting),
        "against": len(w.against),
        "independent_sources": w.sources,
        "asserting_sources": w.asserting_sources,
        "strongest_factuality": factuality_name(w.strongest) if w.strongest else None,
        "credibility": w.credibility,
        "credibility_label": CREDIBILITY_NAMES[w.credibility],
        "computed_credibility": w.computed,
        "override_reason": w.override_reason,
        "contested": w.contested,
        "contested_by": list(w.contested_by),
        "rank": w.rank,
        "deprecation_reason": w.deprecation_reason,
    }


def claim_records(kb: KnowledgeRecords, *, actor: str | None = None, include_deprecated: bool = False,
                  weights: Weights | None = None) -> list[dict[str, Any]]:
    """Every claim (of ``actor`` when given), sorted by IRI; deprecated claims only on request."""
    weights = weights or weigh_knowledge(kb)
    iris = sorted(c.iri for c in kb.claims_of(actor)) if actor else sorted(kb.claims)
    return [claim_record(kb, weights, iri) for iri in iris
            if iri in weights.of and (include_deprecated or not weights[iri].deprecated)]


def weights_in_time(kb: KnowledgeRecords, claims: Iterable[str], passages: Container[str] | None) -> Weights:
    """The weights of ``claims`` counting only ``passages`` (what was known on a date, or what a time window
    keeps): corroboration and credibility as they stood then."""
    from dataclasses import replace

    from explorer.core.weight import assessments_of, weigh

    kept = {iri: replace(kb.claims[iri], evidence=tuple(e for e in kb.claims[iri].evidence
                                                        if passages is None or e in passages))
            for iri in claims if iri in kb.claims}
    symmetric = [r.iri for r in kb.relations.values() if r.symmetric]
    return weigh(kept, kb.evidence, kb.articles, assessments_of(kb), symmetric)
