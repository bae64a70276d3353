"""What the panels say, without Qt: a copied passage carries its quote verbatim and its whole citation."""

from __future__ import annotations

from explorer.app.present import copied_passage
from explorer.core.knowledge import KnowledgeBase

CLAIM = "https://w3id.org/caucasus-explorer/claim/Russia_leads_CSTO"


def test_a_copied_passage_is_the_quote_with_its_citation(kb: KnowledgeBase) -> None:
    evidence = next(e for e in kb.evidence.values() if kb.articles[e.article].url)  # (one article has a URL)
    ctx = kb.context(evidence)
    art = ctx.article
    assert art is not None and art.url
    claim = evidence.claim
    text, html = copied_passage(ctx, kb.describe(kb.claims[claim]))
    first, source = text.splitlines()[:2]
    assert first == f"“{evidence.exact}”"  # verbatim, from the article body
    for part in (art.title, art.publisher, art.date, art.url):
        assert part and part in source
    if art.author:
        assert art.author in source
    assert f"(supports: {kb.describe(kb.claims[claim])})" in text
    assert f'href="{art.url}"' in html and "<script" not in html


def test_markup_in_the_data_is_escaped_in_the_html(kb: KnowledgeBase) -> None:
    from dataclasses import replace

    ctx = kb.context(kb.evidence_of(CLAIM)[0])
    hostile = replace(ctx, evidence=replace(ctx.evidence, exact="<b>bold</b> & <script>x</script>"))
    text, html = copied_passage(hostile)
    assert "<script>" in text  # plain text is the text
    assert "<script>" not in html and "&lt;script&gt;" in html
