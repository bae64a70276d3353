"""What the reader shows of an article, without Qt: every passage quoted from it, each with its claims, the
active one, stepping round them, the body, and search within the text."""

from __future__ import annotations

from dataclasses import replace

from explorer.app.reading import Reading, body_span, find_all, reading
from explorer.core.knowledge import KnowledgeBase

ARTICLE = "https://w3id.org/caucasus-explorer/article/a004"


def test_every_passage_of_the_article_is_in_the_reading_with_its_claims(kb: KnowledgeBase) -> None:
    shown = reading(kb, ARTICLE)
    own = [ev for ev in kb.evidence.values() if ev.article == ARTICLE]
    assert len(own) > 100
    assert sorted(e for p in shown.passages for e in p.evidence) == sorted(ev.iri for ev in own)
    for passage in shown.passages:
        quoted = shown.text[passage.start:passage.end]
        for claim in passage.claims:
            ev = kb.evidence[claim.evidence]
            assert ev.exact == quoted and ev.claim == claim.claim  # the passage is the quote, verbatim
            assert kb.describe(kb.claims[claim.claim]) in claim.words
    starts = [(p.start, p.end) for p in shown.passages]
    assert starts == sorted(set(starts))  # one passage per span, in the order of the text
    assert any(len(p.claims) > 1 for p in shown.passages)  # a span quoted for several claims is one passage
    assert shown.active is None and shown.position() == f"{len(shown.passages)} passages"


def test_the_passage_opened_is_active_and_the_steps_go_round(kb: KnowledgeBase) -> None:
    shown = reading(kb, ARTICLE)
    third = shown.passages[2].evidence[0]
    opened = reading(kb, ARTICLE, third, note="a claim")
    assert opened.active == 2 and opened.position() == f"Passage 3 of {len(shown.passages)}"
    assert opened.step(True) == 3 and opened.step(False) == 1
    last = replace(opened, active=len(opened.passages) - 1)
    assert last.step(True) == 0 and replace(opened, active=0).step(False) == len(opened.passages) - 1
    assert shown.step(True) == 0 and shown.step(False) == len(shown.passages) - 1  # none active yet
    assert Reading(None, "text").step(True) is None


def test_the_body_is_where_the_article_says(kb: KnowledgeBase) -> None:
    article = kb.articles[ARTICLE]
    shown = reading(kb, ARTICLE)
    assert article.body_start and article.body_end
    assert shown.body == (article.body_start, article.body_end) and 0 < shown.body[0] < shown.body[1] < len(shown.text)
    assert all(shown.body[0] <= p.start and p.end <= shown.body[1] for p in shown.passages)
    assert body_span(None, "abc") == (0, 3)
    assert body_span(replace(article, body_start=None, body_end=99), "abc") == (0, 3)


def test_search_finds_words_case_and_accents_aside_at_their_offsets() -> None:
    text = "Türkiye and TURKIYE; Erdoğan met Erdogan. Straße"
    assert find_all(text, "turkiye") == [(0, 7), (12, 19)]
    assert [text[s:e] for s, e in find_all(text, "erdogan")] == ["Erdoğan", "Erdogan"]
    assert [text[s:e] for s, e in find_all(text, "STRASSE")] == ["Straße"]
    decomposed = "Tu\u0308rkiye"  # a combining accent belongs to the letter found
    assert find_all(decomposed, "tu") == [(0, 3)]
    assert find_all(text, "  ") == [] and find_all(text, "absent") == []
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]  # none overlapping
