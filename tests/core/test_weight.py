"""The weight of the evidence (issue 13): independent sources, factuality, contest, credibility, grades."""

from __future__ import annotations

from pathlib import Path

from explorer.core.loading import load_bundled, load_knowledge
from explorer.core.model import Article, Claim, Evidence
from explorer.core.vocab import CLAIM, CX
from explorer.core.weight import (
    ASSERTED,
    ASSESSING,
    MODERATING,
    NEGATED,
    PLANNED,
    PROBABLE,
    Assessment,
    Assessments,
    credibility,
    weigh,
    weigh_knowledge,
)

CLAIM_IRI = str(CLAIM) + "Armenia_memberOf_CSTO"


def test_three_publishers_two_reporting_one_denying(fixtures: Path) -> None:
    weights = weigh_knowledge(load_knowledge([fixtures / "weigh-three-publishers.ttl"]))
    w = weights[CLAIM_IRI]
    assert (w.passages, len(w.supporting), len(w.against)) == (3, 2, 1)
    assert w.sources == 2 and w.asserting_sources == 2
    assert w.contested and w.strongest == ASSERTED
    assert w.credibility == 3  # confirmed (1) by two sources, two steps down for the denial
    assert w.summary() == "3 passages · 2 independent sources · credibility 3"


def test_russia_leads_csto_has_two_independent_sources() -> None:
    w = weigh_knowledge(load_bundled())[str(CLAIM) + "Russia_leads_CSTO"]
    assert w.sources == 2 and w.credibility == 1 and w.support == "strong"


def _records(publishers: dict[str, str | None], passages: list[tuple[str, str, str | None]],
             claims: list[Claim]) -> tuple[dict[str, Claim], dict[str, Evidence], dict[str, Article]]:
    articles = {a: Article(a, a, publisher=p, publisher_iri=p) for a, p in publishers.items()}
    evidence = {f"e{i}": Evidence(f"e{i}", c, a, "q", factuality=f) for i, (c, a, f) in enumerate(passages)}
    by_claim: dict[str, list[str]] = {}
    for e in evidence.values():
        by_claim.setdefault(e.claim, []).append(e.iri)
    found = {c.iri: Claim(c.iri, c.subject, c.predicate, c.object, c.event_date, tuple(by_claim.get(c.iri, ())))
             for c in claims}
    return found, evidence, articles


def test_two_articles_of_one_publisher_are_one_source_and_a_group_merges_publishers() -> None:
    claims, evidence, articles = _records(
        {"a1": "P", "a2": "P", "a3": "Q"}, [("c", "a1", None), ("c", "a2", None), ("c", "a3", None)],
        [Claim("c", "s", "p", "o")])
    assert weigh(claims, evidence, articles)["c"].sources == 2
    grouped = Assessments.of([], source_of={"Q": "P"})
    w = weigh(claims, evidence, articles, grouped)["c"]
    assert w.sources == 1 and w.credibility == 2


def test_legacy_passages_count_as_asserted_and_hedges_do_not() -> None:
    claims, evidence, articles = _records(
        {"a1": "P", "a2": "Q"}, [("c", "a1", None), ("d", "a1", PROBABLE), ("d", "a2", PLANNED)],
        [Claim("c", "s", "p", "o"), Claim("d", "s", "p", "x")])
    weights = weigh(claims, evidence, articles)
    assert weights["c"].support == "single" and weights["c"].credibility == 2
    d = weights["d"]
    assert d.support == "hedged" and d.sources == 2 and d.asserting_sources == 0
    assert d.strongest == PROBABLE and d.credibility == 3


def test_contrary_predicates_contest_at_overlapping_or_unknown_times_only() -> None:
    allied, conflict = str(CX) + "alliedWith", str(CX) + "inConflictWith"
    claims, evidence, articles = _records(
        {"a1": "P"}, [("ally", "a1", None), ("war16", "a1", None), ("war23", "a1", None), ("nowar", "a1", NEGATED)],
        [Claim("ally", "A", allied, "B", "2016"), Claim("war16", "B", conflict, "A", "2016-05"),
         Claim("war23", "A", conflict, "B", "2023"), Claim("nowar", "A", conflict, "B")])
    a = Assessments.of([], contrary=[(allied, conflict)])
    weights = weigh(claims, evidence, articles, a, symmetric={allied, conflict})
    assert weights["ally"].contested_by == ("war16",)  # 2023 does not overlap; a denied war contests nothing
    assert weights["war16"].contested_by == ("ally",)
    assert not weights["war23"].contested
    assert weights["nowar"].support == "against" and weights["nowar"].credibility == 5
    assert weigh(claims, evidence, articles)["ally"].contested_by == ()  # no contrary declared: no contest


def test_overrides_deprecations_and_grades_are_read_latest_first() -> None:
    claims, evidence, articles = _records({"a1": "P"}, [("c", "a1", None)], [Claim("c", "s", "p", "o")])
    a = Assessments.of([
        Assessment("g1", ASSESSING, "P", str(CX) + "ReliabilityB", created="2026-01-01"),
        Assessment("g2", ASSESSING, "P", str(CX) + "ReliabilityE", created="2026-02-01"),
        Assessment("o1", ASSESSING, "c", str(CX) + "Credibility5", reason="a rumour", created="2026-01-01"),
        Assessment("d1", MODERATING, "c", str(CX) + "DeprecatedRank", reason="duplicate"),
    ])
    weights = weigh(claims, evidence, articles, a)
    w = weights["c"]
    assert (w.computed, w.credibility, w.override_reason) == (2, 5, "a rumour")
    assert w.deprecated and w.rank == "deprecated" and w.deprecation_reason == "duplicate"
    assert weights.grade(evidence["e0"], articles) == "E"


def test_the_documented_rule() -> None:
    assert credibility(0, None, False, False, False) == 6
    assert credibility(0, NEGATED, False, True, True) == 5
    assert [credibility(n, ASSERTED, True, False, True) for n in (2, 1)] == [1, 2]
    assert [credibility(n, ASSERTED, True, True, True) for n in (2, 1)] == [3, 4]
    assert credibility(0, PLANNED, True, False, True) == 4
