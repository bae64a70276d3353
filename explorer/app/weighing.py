"""What the window says about the weight of the evidence (issue 13), worked out without Qt.

The graph draws an edge by its support (:func:`bundle_support`), the edge's tooltip and the evidence
panel's claim rows say "n passages · k independent sources · credibility c" (:func:`claim_line`), a
passage is labelled with its factuality and its source's grade (:func:`passage_note`), and Compare
sources puts what each source says about an edge side by side (:func:`compare_sources`). The analyst's
judgements become curation commands here (:func:`judgement_command`), with who made them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.core.curation import Command
    from explorer.core.model import Claim, Evidence, EvidenceContext
    from explorer.core.weight import Weight, Weights

#: Edge styles from the strongest support down (see explorer.core.weight.Weight.support).
SUPPORT_ORDER = ("strong", "single", "hedged", "against", "none")
#: What each line style means, for the legend.
SUPPORT_LEGEND = (
    ("strong", "asserted, ≥2 sources"),
    ("single", "asserted, 1 source"),
    ("hedged", "hedged or planned only"),
    ("against", "denied, or no passage"),
)
CONTESTED_LEGEND = "contested"


def weights(kb: Any) -> Weights:
    """The weights of ``kb``'s claims (computed once per knowledge base)."""
    from explorer.core.weight import weights_of

    return weights_of(kb)


def bundle_support(w: Weights, claims: Iterable[str]) -> tuple[str, bool]:
    """How an edge of these claims is drawn: the strongest support among them, and whether any is contested."""
    best = len(SUPPORT_ORDER) - 1
    contested = False
    for iri in claims:
        weight = w.get(iri)
        if weight is None:
            continue
        best = min(best, SUPPORT_ORDER.index(weight.support))
        contested = contested or weight.contested
    return SUPPORT_ORDER[best], contested


def weight_marks(weight: Weight) -> str:
    """' · contested · deprecated · overridden', what sets a claim apart ('' for none)."""
    marks = []
    if weight.contested:
        marks.append("contested")
    if weight.deprecated:
        marks.append("deprecated")
    if weight.override_reason is not None:
        marks.append("credibility set by an analyst")
    return "".join(f" · {m}" for m in marks)


def claim_line(title: str, weight: Weight | None) -> str:
    """'Russia leads CSTO · 2 passages · 2 independent sources · credibility 1'."""
    if weight is None:
        return title
    return f"{title} · {weight.summary()}{weight_marks(weight)}"


def supporting_first(w: Weights, claim: str, passages: Sequence[Evidence]) -> list[Evidence]:
    """A claim's passages, those that support it first, then those against it (their order kept)."""
    weight = w.get(claim)
    if weight is None or not weight.against:
        return list(passages)
    against = set(weight.against)
    return [p for p in passages if p.iri not in against] + [p for p in passages if p.iri in against]


def passage_sides(w: Weights, claim: str, passages: Sequence[Evidence],
                  contrary: Mapping[str, Sequence[Evidence]] = {}) -> tuple[list[Evidence], list[Evidence]]:
    """A claim's passages grouped for the evidence panel: (supporting, against).

    Supporting: its own passages that assert or hedge it. Against: its own negating passages, then the
    passages that state a contrary claim (``contrary``: claim IRI -> its passages; only the claims the
    weighing found contesting this one count, and only their passages that do not negate them: a denial
    of the contrary is no evidence against this claim). Orders are kept; no passage is listed twice."""
    from explorer.core.weight import NEGATED, factuality_of

    supporting = [p for p in passages if factuality_of(p) != NEGATED]
    against = [p for p in passages if factuality_of(p) == NEGATED]
    weight = w.get(claim)
    seen = {p.iri for p in passages}
    for other in weight.contested_by if weight is not None else ():
        for p in contrary.get(other, ()):
            if p.iri not in seen and factuality_of(p) != NEGATED:
                seen.add(p.iri)
                against.append(p)
    return supporting, against


def passage_note(w: Weights, ctx: EvidenceContext, articles: Any, contrary: str | None = None) -> str:
    """'supports · asserted · source graded B', or 'AGAINST · negated', under a passage; a passage of a
    contrary claim: 'AGAINST · states the contrary: <contrary> · asserted'."""
    from explorer.core.weight import NEGATED, factuality_name, factuality_of

    fact = factuality_of(ctx.evidence)
    side = "AGAINST" if fact == NEGATED or contrary else "supports"
    if contrary:
        side += f" · states the contrary: {contrary}"
    legacy = "" if ctx.evidence.factuality else " (not recorded)"
    grade = w.grade(ctx.evidence, articles)
    return f"{side} · {factuality_name(fact)}{legacy}" + (f" · source graded {grade}" if grade else "")


def side_heading(supporting: bool, passages: Sequence[Evidence], w: Weights, articles: Any) -> str:
    """'Supporting: 2 passages, 2 independent sources' or 'Against: 1 passage, 1 independent source'."""
    from explorer.core.weight import source_key

    n = len(passages)
    k = len({source_key(p, articles, w.assessments.source_of) for p in passages})
    side = "Supporting" if supporting else "Against"
    return (f"{side}: {n} passage{'s' if n != 1 else ''}, "
            f"{k} independent source{'s' if k != 1 else ''}")


# ---------------------------------------------------------------- compare sources


@dataclass(frozen=True)
class SourceColumn:
    """What one independent source says about the compared claims: its passages, each with its claim."""

    source: str  # the source's IRI (publisher or group), or the article's when it has none
    label: str
    grade: str | None
    passages: tuple[tuple[str, Evidence], ...]  # (claim line, passage)


def compare_sources(kb: Any, claims: Sequence[Claim]) -> list[SourceColumn]:
    """The passages of ``claims`` side by side by independent source (most passages first)."""
    from explorer.core.weight import source_key

    w = weights(kb)
    columns: dict[str, list[tuple[str, Evidence]]] = {}
    for claim in claims:
        line = kb.describe(claim)
        for ev in supporting_first(w, claim.iri, kb.evidence_of(claim.iri)):
            key = source_key(ev, kb.articles, w.assessments.source_of)
            columns.setdefault(key, []).append((line, ev))
    out = []
    for key, passages in columns.items():
        art = kb.articles.get(key)
        label = art.title if art is not None else kb.label(key)
        publisher_names = {kb.articles[ev.article].publisher for _l, ev in passages
                           if ev.article in kb.articles and kb.articles[ev.article].publisher}
        if len(publisher_names) == 1:
            label = next(iter(publisher_names))
        out.append(SourceColumn(key, label, w.assessments.reliability.get(key), tuple(passages)))
    return sorted(out, key=lambda c: (-len(c.passages), c.label))


def compare_title(kb: Any, claims: Sequence[Claim]) -> str:
    if not claims:
        return "Compare sources"
    ends = sorted({kb.label(e) for c in claims for e in c.ends})
    return "Compare sources: " + " – ".join(ends[:2]) + (" …" if len(ends) > 2 else "")


# ---------------------------------------------------------------- the analyst's judgements


def analyst() -> str:
    """The IRI that records the user as the creator of a judgement (their login name under agent/)."""
    import getpass

    from explorer.core.curation import name_part
    from explorer.core.vocab import AGENT

    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "analyst"
    return f"{AGENT}analyst-{name_part(name) or 'analyst'}"


def sources_of_claim(kb: Any, claim: str) -> list[tuple[str, str]]:
    """(IRI, label) of the publishers and speakers of a claim's passages: what may be graded from it."""
    found: dict[str, str] = {}
    for ev in kb.evidence_of(claim):
        art = kb.articles.get(ev.article)
        if art is not None and art.publisher_iri:
            found.setdefault(art.publisher_iri, f"{art.publisher} (publisher)")
        if ev.asserted_by:
            found.setdefault(ev.asserted_by, f"{kb.label(ev.asserted_by)} (speaker)")
    return sorted(found.items(), key=lambda kv: kv[1])


def judgement_command(what: str, target: str, value: str | int | None, reason: str) -> Command:
    """The curation command for a judgement: ``what`` is "grade" (value A-F), "credibility" (1-6),
    "deprecate", "restore" or "clear-credibility"."""
    from explorer.core.curation import DeprecateClaim, GradeSource, OverrideCredibility, Withdraw
    from explorer.core.errors import ExplorerError

    by = analyst()
    if what == "grade":
        return GradeSource(target, str(value), reason or None, creator=by)
    if what == "credibility":
        return OverrideCredibility(target, int(value or 0), reason, creator=by)
    if what == "deprecate":
        return DeprecateClaim(target, reason, creator=by)
    if what == "restore":
        return Withdraw(target, "deprecation")
    if what == "clear-credibility":
        return Withdraw(target, "credibility")
    raise ExplorerError(f"no judgement called {what!r}")
