"""What the window says about the weight of the evidence, without a display (explorer.app.weighing)."""

from __future__ import annotations

from pathlib import Path

from explorer.app import weighing
from explorer.core.curation import DeprecateClaim, GradeSource, OverrideCredibility, Withdraw
from explorer.core.loading import load_knowledge

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLAIM = "https://w3id.org/caucasus-explorer/claim/Armenia_memberOf_CSTO"


def test_edge_style_labels_and_passage_order() -> None:
    kb = load_knowledge([FIXTURES / "weigh-three-publishers.ttl"])
    w = weighing.weights(kb)
    assert weighing.bundle_support(w, [CLAIM]) == ("strong", True)
    assert weighing.claim_line("Armenia member of CSTO", w[CLAIM]) == (
        "Armenia member of CSTO · 3 passages · 2 independent sources · credibility 3 · contested")
    ordered = weighing.supporting_first(w, CLAIM, kb.evidence_of(CLAIM))
    assert [e.iri.rsplit("/", 1)[1] for e in ordered][-1] == "w3-1"
    notes = [weighing.passage_note(w, kb.context(e), kb.articles) for e in ordered]
    assert notes == ["supports · asserted", "supports · asserted", "AGAINST · negated"]


def test_compare_sources_has_one_column_per_publisher() -> None:
    kb = load_knowledge([FIXTURES / "weigh-three-publishers.ttl"])
    columns = weighing.compare_sources(kb, [kb.claims[CLAIM]])
    assert sorted(c.label for c in columns) == ["Paper One", "Paper Three", "Paper Two"]
    assert all(len(c.passages) == 1 for c in columns)


def test_judgement_commands_carry_the_analyst() -> None:
    grade = weighing.judgement_command("grade", "urn:x", "b", "")
    assert isinstance(grade, GradeSource) and grade.letter == "B" and grade.creator == weighing.analyst()
    assert isinstance(weighing.judgement_command("credibility", CLAIM, 2, "why"), OverrideCredibility)
    assert isinstance(weighing.judgement_command("deprecate", CLAIM, None, "why"), DeprecateClaim)
    assert isinstance(weighing.judgement_command("restore", CLAIM, None, ""), Withdraw)
    assert weighing.analyst().startswith("https://w3id.org/caucasus-explorer/agent/analyst-")


ALLY = "https://w3id.org/caucasus-explorer/claim/Armenia_alliedWith_Russia"
CONFLICT = "https://w3id.org/caucasus-explorer/claim/Armenia_inConflictWith_Russia"


def _names(passages) -> list[str]:
    return [p.iri.rsplit("/", 1)[1] for p in passages]


def test_passages_against_a_claim_are_its_denials_then_the_contrary_claims_assertions() -> None:
    kb = load_knowledge([FIXTURES / "weigh-contrary.ttl"])
    w = weighing.weights(kb)
    contrary = {CONFLICT: kb.evidence_of(CONFLICT)}
    supporting, against = weighing.passage_sides(w, ALLY, kb.evidence_of(ALLY), contrary)
    assert _names(supporting) == ["w1-1", "w2-1"]
    assert _names(against) == ["w2-2", "w3-1"]  # the conflict's own denial (w3-2) is not against the alliance
    assert weighing.side_heading(False, against, w, kb.articles) == "Against: 2 passages, 2 independent sources"
    assert weighing.side_heading(True, supporting[:1], w, kb.articles) == "Supporting: 1 passage, 1 independent source"
    note = weighing.passage_note(w, kb.context(against[1]), kb.articles, kb.describe(kb.claims[CONFLICT]))
    assert note.startswith("AGAINST · states the contrary: Armenia") and note.endswith("· asserted")
    # a claim no other contests has only its own denials against it
    three = load_knowledge([FIXTURES / "weigh-three-publishers.ttl"])
    sup, ag = weighing.passage_sides(weighing.weights(three), CLAIM, three.evidence_of(CLAIM), contrary)
    assert (_names(sup), _names(ag)) == (["w1-1", "w2-1"], ["w3-1"])
