"""What a click on an actor asks of the knowledge base, made cheap, gives what it gave before:
the claims and passages as the dictionaries hold them, the passage in its paragraph."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from explorer.core.evidence import locate, paragraph_span
from explorer.core.knowledge import KnowledgeBase
from explorer.core.model import EvidenceContext, _EvidenceContextDraft, evidence_context


def test_claims_of_gives_the_indexed_claims_in_order(kb: KnowledgeBase) -> None:
    for actor in kb.actors:
        assert kb.claims_of(actor) == [kb.claims[c] for c in kb._claims_of.get(actor, ())]
    assert kb.claims_of("urn:nobody") == []


def test_evidence_of_gives_the_claims_passages_in_order(kb: KnowledgeBase) -> None:
    for claim in kb.claims.values():
        assert kb.evidence_of(claim.iri) == [kb.evidence[e] for e in claim.evidence if e in kb.evidence]
    with pytest.raises(KeyError):
        kb.evidence_of("urn:no-such-claim")


def test_the_lists_given_are_the_callers_own(kb: KnowledgeBase) -> None:
    actor = next(iter(kb.actors))
    kb.claims_of(actor).clear()
    assert kb.claims_of(actor)
    claim = next(c for c in kb.claims.values() if c.evidence)
    kb.evidence_of(claim.iri).clear()
    assert kb.evidence_of(claim.iri)


def test_every_passage_is_shown_in_its_paragraph(kb: KnowledgeBase) -> None:
    for ev in kb.evidence.values():
        ctx = kb.context(ev)
        text = kb.article_text(ev.article)
        span = paragraph_span(text, ev.start, ev.end)
        assert ctx.verified and ctx.problems == ()
        assert (ctx.paragraph, ctx.paragraph_start) == (text[span.start:span.end], span.start)
        assert ctx.paragraph[ctx.quote_start:ctx.quote_end] == ev.exact
        assert ctx.article == kb.articles[ev.article]
        assert ctx == kb.context(ev.iri)


@pytest.mark.parametrize("offsets", [(-5, None), (None, None), (0, 3), (10**6, 10**6 + 4)])
def test_a_passage_away_from_its_offsets_is_found_and_flagged(fresh_kb: KnowledgeBase, offsets) -> None:
    ev = next(iter(fresh_kb.evidence.values()))
    start, end = offsets
    if end is None and start is not None:
        end = start + len(ev.exact)
    moved = dataclasses.replace(ev, start=start, end=end)
    ctx = fresh_kb.context(moved)
    text = fresh_kb.article_text(ev.article)
    found = locate(text, ev.exact, near=start)
    assert found is not None
    assert not ctx.verified and ctx.problems == ("the quote is not at its recorded offsets",)
    assert ctx.paragraph_start + ctx.quote_start == found.start
    assert ctx.paragraph[ctx.quote_start:ctx.quote_end] == ev.exact


def test_the_quick_record_is_an_evidence_context(kb: KnowledgeBase) -> None:
    ev = next(iter(kb.evidence.values()))
    args = (ev, kb.articles[ev.article], "the paragraph", 3, 1, 4, True, None, ("x",))
    quick, slow = evidence_context(*args), EvidenceContext(*args)
    assert type(quick) is EvidenceContext
    assert quick == slow and hash(quick) == hash(slow) and repr(quick) == repr(slow)
    assert pickle.loads(pickle.dumps(quick)) == slow
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.paragraph = "changed"  # type: ignore[misc]
    assert evidence_context(*args[:7]) == EvidenceContext(*args[:7])


def test_the_draft_has_the_fields_of_the_record() -> None:
    def shape(cls: type) -> list[tuple[str, object, object]]:
        return [(f.name, f.type, f.default) for f in dataclasses.fields(cls)]

    assert shape(_EvidenceContextDraft) == shape(EvidenceContext)
    assert _EvidenceContextDraft.__slots__ == EvidenceContext.__slots__
