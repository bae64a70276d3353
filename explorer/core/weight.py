"""The weight of the evidence behind each claim: passages, independent sources, factuality, contest, grade.

Every edge used to look equally true. :func:`weigh` computes, for every claim of a knowledge base at
once, how many passages back it, how many *independent sources* (distinct publishers, or the source an
analyst grouped syndicated copies under with ``cx:countsAsSource``), its strongest factuality, whether it
is contested (a negating passage, or a claim with a ``cx:contraryTo`` predicate between the same pair at
an overlapping or unknown time), and a credibility 1-6 after the Admiralty (NATO 6x6) scale, which an
analyst may override. Gradings, overrides and deprecations are data (``oa:assessing`` and
``oa:moderating`` annotations) read by :func:`read_assessments`.

The work is a few passes of dictionary lookups over the records (no query per claim): 100 000 claims are
weighed in well under a second (``benchmarks``: figure "weigh 100k claims").
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from explorer.core.factuality import ASSERTED as ASSERTED
from explorer.core.factuality import CONDITIONAL as CONDITIONAL
from explorer.core.factuality import FACTUALITIES as FACTUALITIES
from explorer.core.factuality import NEGATED as NEGATED
from explorer.core.factuality import PLANNED as PLANNED
from explorer.core.factuality import POSSIBLE as POSSIBLE
from explorer.core.factuality import PROBABLE as PROBABLE
from explorer.core.vocab import CX, OA, SPARQL_PREFIXES

if TYPE_CHECKING:  # (names for annotations: the filters panel imports this module for the first frame)
    from explorer.core.model import Article, Claim, Evidence

FACTUALITY_NAMES = {f: f[len(CX):].lower() for f in FACTUALITIES}
_STRENGTH = {f: len(FACTUALITIES) - i for i, f in enumerate(FACTUALITIES)}
_STRENGTH[NEGATED] = 0

ASSESSING = OA + "assessing"
MODERATING = OA + "moderating"
RELIABILITY_LETTERS = "ABCDEF"
#: cx:ReliabilityA ... cx:ReliabilityF: the Admiralty grade of a publisher or speaker.
RELIABILITY = {CX + f"Reliability{letter}": letter for letter in RELIABILITY_LETTERS}
#: cx:Credibility1 ... cx:Credibility6: the Admiralty credibility of a claim (an analyst's override).
CREDIBILITY = {CX + f"Credibility{n}": n for n in range(1, 7)}
DEPRECATED = CX + "DeprecatedRank"
CREDIBILITY_NAMES = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
                     6: "cannot be judged"}


def factuality_of(ev: Evidence) -> str:
    """A passage's factuality; legacy passages recorded without one count as asserted."""
    return ev.factuality or ASSERTED


def factuality_name(iri: str | None) -> str:
    return FACTUALITY_NAMES.get(iri or "", "none")


# ---------------------------------------------------------------- assessments (data the analyst made)


@dataclass(frozen=True, slots=True)
class Assessment:
    """One oa:assessing or oa:moderating annotation: a grade, an override or a deprecation."""

    iri: str
    motivation: str
    target: str
    body: str
    reason: str | None = None
    creator: str | None = None
    created: str | None = None


@dataclass(slots=True)
class Assessments:
    """What an analyst said about sources and claims, the latest annotation per target winning."""

    reliability: dict[str, str] = field(default_factory=dict)  # publisher/speaker IRI -> letter A-F
    credibility: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # claim -> (1-6, reason)
    deprecated: dict[str, str | None] = field(default_factory=dict)  # claim -> reason
    source_of: dict[str, str] = field(default_factory=dict)  # article or publisher -> the source it counts as
    contrary: dict[str, frozenset[str]] = field(default_factory=dict)  # predicate -> contrary predicates
    records: list[Assessment] = field(default_factory=list)

    @classmethod
    def of(cls, assessments: Iterable[Assessment], source_of: Mapping[str, str] = {},
           contrary: Iterable[tuple[str, str]] = ()) -> Assessments:
        found = cls(source_of=dict(source_of))
        pairs: dict[str, set[str]] = defaultdict(set)
        for p, q in contrary:
            pairs[p].add(q)
            pairs[q].add(p)
        found.contrary = {p: frozenset(qs) for p, qs in pairs.items()}
        for a in sorted(assessments, key=lambda a: (a.created or "", a.iri)):
            found.records.append(a)
            if a.motivation == ASSESSING and a.body in RELIABILITY:
                found.reliability[a.target] = RELIABILITY[a.body]
            elif a.motivation == ASSESSING and a.body in CREDIBILITY:
                found.credibility[a.target] = (CREDIBILITY[a.body], a.reason)
            elif a.motivation == MODERATING and a.body == DEPRECATED:
                found.deprecated[a.target] = a.reason
        return found


#: Everything an analyst said that weighs the claims, in one request (an endpoint answers it while the first
#: screen is read): the assessing and moderating annotations, the source groups, the contrary predicates.
Q_ASSESSMENTS = SPARQL_PREFIXES + """
SELECT ?ann ?motive ?target ?body ?reason ?creator ?created ?x ?g ?p ?q WHERE {
  { VALUES ?motive { oa:assessing oa:moderating }
    ?ann oa:motivatedBy ?motive ; a oa:Annotation ; oa:hasTarget ?target ; oa:hasBody ?body .
    FILTER(isIRI(?target))
    OPTIONAL { ?ann rdfs:comment ?reason }
    OPTIONAL { ?ann dcterms:creator ?creator }
    OPTIONAL { ?ann dcterms:created ?created } }
  UNION { ?x cx:countsAsSource ?g }
  UNION { ?p cx:contraryTo ?q }
}
"""


def read_assessments(store: Any) -> Assessments:
    """The gradings, overrides, deprecations, source groups and contrary predicates a store (local, or an
    endpoint's: anything with ``select``) holds."""
    found: dict[str, Assessment] = {}
    groups: dict[str, str] = {}
    contrary: list[tuple[str, str]] = []
    for row in store.select(Q_ASSESSMENTS):
        ann = row.get("ann")
        if ann:
            if ann not in found:
                found[ann] = Assessment(ann, row.get("motive") or "", row.get("target") or "",
                                        row.get("body") or "", row.get("reason"), row.get("creator"),
                                        row.get("created"))
        elif row.get("x") and row.get("g"):
            groups[row["x"] or ""] = row["g"] or ""
        elif row.get("p") and row.get("q"):
            contrary.append((row["p"] or "", row["q"] or ""))
    return Assessments.of(found.values(), groups, contrary)


# ---------------------------------------------------------------- the weight of each claim


@dataclass(frozen=True, slots=True)
class Weight:
    """How much evidence stands behind one claim, and how much against it."""

    claim: str
    passages: int
    supporting: tuple[str, ...]  # passage IRIs that assert or hedge the claim
    against: tuple[str, ...]  # passage IRIs that negate it
    sources: int  # independent sources among the supporting passages
    asserting_sources: int  # independent sources among the asserting passages
    strongest: str | None  # the surest factuality of a supporting passage (NEGATED if only against)
    contested_by: tuple[str, ...]  # claims with a contrary predicate between the same pair
    computed: int  # the credibility the rule gives
    credibility: int  # the analyst's override if any, else ``computed``
    override_reason: str | None = None
    deprecated: bool = False
    deprecation_reason: str | None = None

    @property
    def contested(self) -> bool:
        return bool(self.against or self.contested_by)

    @property
    def overridden(self) -> bool:
        return self.credibility != self.computed or self.override_reason is not None

    @property
    def rank(self) -> str:
        return "deprecated" if self.deprecated else "normal"

    @property
    def support(self) -> str:
        """How an edge is drawn: "strong" (asserted by >=2 independent sources), "single" (asserted by one),
        "hedged" (only probable, possible, planned or conditional), "against" (only negated), "none"."""
        if self.asserting_sources >= 2:
            return "strong"
        if self.asserting_sources == 1:
            return "single"
        if self.supporting:
            return "hedged"
        return "against" if self.against else "none"

    def summary(self) -> str:
        """'3 passages · 2 independent sources · credibility 1', for tooltips and edge titles."""
        p = "passage" if self.passages == 1 else "passages"
        s = "independent source" if self.sources == 1 else "independent sources"
        return f"{self.passages} {p} · {self.sources} {s} · credibility {self.credibility}"


def credibility(asserting_sources: int, strongest: str | None, has_support: bool, contested: bool,
                any_passage: bool) -> int:
    """The Admiralty credibility of a claim, by the rule documented in resources/vocab.ttl (cx:Credibility).

    From the supporting passages: 1 confirmed (asserted by two or more independent sources), 2 probably true
    (asserted by one source), 3 possibly true (at best probable), 4 doubtful (at best possible, planned or
    conditional); 5 improbable when only negating passages back it; 6 cannot be judged without any passage.
    A contested claim (a negating passage, or a contrary claim) goes two steps down, to 5 at most.
    """
    if not any_passage:
        return 6
    if not has_support:
        return 5
    if asserting_sources >= 2:
        base = 1
    elif asserting_sources == 1:
        base = 2
    elif strongest == PROBABLE:
        base = 3
    else:
        base = 4
    return min(base + 2, 5) if contested else base


def _overlap(a: str | None, b: str | None) -> bool:
    """Whether two ISO dates at their precision (year, month or day) may overlap; unknown overlaps all."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


@dataclass(slots=True)
class Weights:
    """The weight of every claim, by claim IRI, and the grade of every source."""

    of: dict[str, Weight]
    assessments: Assessments

    def __getitem__(self, claim: str) -> Weight:
        return self.of[claim]

    def get(self, claim: str) -> Weight | None:
        return self.of.get(claim)

    def grade(self, ev: Evidence, articles: Mapping[str, Article]) -> str | None:
        """The reliability letter of a passage: its speaker's if graded, else its publisher's."""
        rel = self.assessments.reliability
        if ev.asserted_by and ev.asserted_by in rel:
            return rel[ev.asserted_by]
        art = articles.get(ev.article)
        pub = art.publisher_iri if art is not None else None
        return rel.get(pub) if pub else None


def source_key(ev: Evidence, articles: Mapping[str, Article], source_of: Mapping[str, str]) -> str:
    """The independent source a passage comes from: the article's or publisher's group, else the publisher,
    else the article itself."""
    art = ev.article
    grouped = source_of.get(art)
    if grouped:
        return grouped
    record = articles.get(art)
    pub = record.publisher_iri or record.publisher if record is not None else None
    if pub:
        return source_of.get(pub, pub)
    return art


#: A claim's supporting and against passages, its sources, asserting sources and strongest factuality.
_Partial = tuple[tuple[str, ...], tuple[str, ...], int, int, str | None]


def weigh(claims: Mapping[str, Claim], evidence: Mapping[str, Evidence], articles: Mapping[str, Article],
          assessments: Assessments | None = None, symmetric: Collection[str] = ()) -> Weights:
    """Weigh every claim at once (see the module's docstring). ``symmetric``: the symmetric predicates
    (a contrary claim in the other direction contests only when one of the two predicates is symmetric)."""
    a = assessments or Assessments()
    source_of = a.source_of
    source_cache: dict[str, str] = {}
    ev_get = evidence.get
    partial: dict[str, _Partial] = {}
    for iri, claim in claims.items():
        supporting: list[str] = []
        against: list[str] = []
        sources: set[str] = set()
        asserting: set[str] = set()
        best = -1
        strongest: str | None = None
        for e in claim.evidence:
            ev = ev_get(e)
            if ev is None:
                continue
            fact = ev.factuality or ASSERTED
            if fact == NEGATED:
                against.append(e)
                continue
            supporting.append(e)
            src = source_cache.get(ev.article)
            if src is None:
                src = source_cache[ev.article] = source_key(ev, articles, source_of)
            sources.add(src)
            if fact == ASSERTED:
                asserting.add(src)
            strength = _STRENGTH.get(fact, 1)
            if strength > best:
                best, strongest = strength, fact
        if strongest is None and against:
            strongest = NEGATED
        partial[iri] = (tuple(supporting), tuple(against), len(sources), len(asserting), strongest)
    contested = _contested(claims, partial, a, frozenset(symmetric))
    found: dict[str, Weight] = {}
    for iri, (supporting_t, against_t, n_sources, n_asserting, strongest) in partial.items():
        by = contested.get(iri, ())
        computed = credibility(n_asserting, strongest, bool(supporting_t), bool(against_t or by),
                               bool(supporting_t or against_t))
        override = a.credibility.get(iri)
        deprecated = iri in a.deprecated
        found[iri] = Weight(iri, len(supporting_t) + len(against_t), supporting_t, against_t, n_sources,
                            n_asserting, strongest, by, computed, override[0] if override else computed,
                            override[1] if override else None, deprecated,
                            a.deprecated.get(iri) if deprecated else None)
    return Weights(found, a)


def _contested(claims: Mapping[str, Claim], partial: Mapping[str, _Partial], a: Assessments,
               symmetric: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Claim -> the claims with a contrary predicate between the same pair at an overlapping or unknown
    time. A claim that only negated passages back, or that is deprecated, contests nothing."""
    contrary = a.contrary
    if not contrary:
        return {}
    by_pair: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for iri, claim in claims.items():
        if claim.predicate in contrary and iri not in a.deprecated:
            supporting, against = partial[iri][0], partial[iri][1]
            if supporting or not against:
                s, o = claim.subject, claim.object
                by_pair[(s, o) if s <= o else (o, s)].append(claim)
    found: dict[str, tuple[str, ...]] = {}
    for group in by_pair.values():
        if len(group) < 2:
            continue
        for c in group:
            others = contrary[c.predicate]
            hits = [d.iri for d in group if d.predicate in others and _overlap(c.event_date, d.event_date)
                    and (d.subject == c.subject or c.predicate in symmetric or d.predicate in symmetric)]
            if hits:
                found[c.iri] = tuple(sorted(hits))
    return found


def weigh_knowledge(kb: object, assessments: Assessments | None = None) -> Weights:
    """Weigh a knowledge base's claims (local or remote: over what it holds), reading its assessments from
    its store (a local one; see :func:`assessments_of`). Any object with ``claims``, ``evidence`` and
    ``articles`` records may be weighed (a stand-in without a store has no assessments)."""
    if assessments is None:
        assessments = assessments_of(kb)
    relations = getattr(kb, "relations", {})
    symmetric = [r.iri for r in relations.values() if r.symmetric]
    return weigh(getattr(kb, "claims", {}), getattr(kb, "evidence", {}), getattr(kb, "articles", {}),
                 assessments, symmetric)


_CACHE: weakref.WeakKeyDictionary[object, tuple[tuple[int, int], Weights]] = weakref.WeakKeyDictionary()


_ASSESSED: weakref.WeakKeyDictionary[object, Assessments] = weakref.WeakKeyDictionary()


@runtime_checkable
class HeldAssessments(Protocol):
    """A knowledge base that read its store's assessments when it opened (an endpoint's: explorer.core
    .remote.knowledge reads them while connecting, off the GUI thread), so weighing never waits on them."""

    assessments: Assessments


def keep_assessments(kb: object, found: Assessments) -> None:
    """Give a local knowledge base its :func:`assessments_of` as read before (explorer.core.cache reads them
    from the parsed files while the store they would be queried from is still being written)."""
    _ASSESSED[kb] = found


def assessments_of(kb: object) -> Assessments:
    """The analyst's assessments a local knowledge base's store holds, read once per knowledge base (an edit
    makes a new one); an endpoint's, as read when it was opened (:class:`HeldAssessments`); else none."""
    from explorer.core.knowledge import KnowledgeBase

    if not isinstance(kb, KnowledgeBase):
        return kb.assessments if isinstance(kb, HeldAssessments) else Assessments()
    found = _ASSESSED.get(kb)
    if found is None:
        found = _ASSESSED[kb] = read_assessments(kb.store)
    return found


def weights_of(kb: object) -> Weights:
    """The weights of a knowledge base, computed once and kept while it holds as many claims and passages
    (a remote knowledge base grows as it is explored; an edit makes a new knowledge base)."""
    stamp = (len(getattr(kb, "claims", ())), len(getattr(kb, "evidence", ())))
    try:
        held = _CACHE.get(kb)
    except TypeError:  # a stand-in that cannot be weakly referenced or hashed: weighed each time
        return weigh_knowledge(kb)
    if held is not None and held[0] == stamp:
        return held[1]
    weights = weigh_knowledge(kb)
    _CACHE[kb] = (stamp, weights)
    return weights
