"""The query API every front end uses."""

from __future__ import annotations

import pytest

from explorer.core.errors import ExplorerError
from explorer.core.knowledge import KnowledgeBase, fold
from explorer.core.loading import load_bundled

A = "https://w3id.org/caucasus-explorer/actor/"
CX = "https://w3id.org/caucasus-explorer/vocab#"


def test_bundled_graph_has_the_expected_actors(kb: KnowledgeBase) -> None:
    required = ["Russia", "Armenia", "Azerbaijan", "CSTO", "EuropeanUnion", "UnitedStates", "Iran", "Turkiye",
                "Kazakhstan", "Belarus", "Ukraine", "France", "UnitedKingdom", "Georgia", "EurasianEconomicUnion",
                "CustomsUnion", "GUAM", "NagornoKarabakh", "SergeiLavrov", "IlhamAliyev", "SerzhSargsyan",
                "VladimirPutin", "HassanRouhani", "AliKhamenei", "RecepTayyipErdogan", "AntonyBlinken",
                "AraratMirzoyan", "JeyhunBayramov", "ZohrabMnatsakanyan", "VolodymyrZelensky", "DickCheney"]
    for name in required:
        actor = kb.actor(A + name)
        assert actor.label and actor.kind != "other", name
        assert kb.claims_of(actor.iri), f"{name} takes part in no claim"


def test_kinds_aliases_and_roles(kb: KnowledgeBase) -> None:
    assert kb.actor(A + "Russia").kind == "country"
    assert kb.actor(A + "CSTO").kind == "organisation"
    assert kb.actor(A + "SergeiLavrov").kind == "person"
    assert kb.actor(A + "NagornoKarabakh").kind == "place"
    assert "Sergey Lavrov" in kb.actor(A + "SergeiLavrov").aliases
    assert "Ilham Aliev" in kb.actor(A + "IlhamAliyev").aliases
    assert "Turkey" in kb.actor(A + "Turkiye").aliases
    assert "Collective Security Treaty Organisation" in kb.actor(A + "CSTO").aliases
    assert kb.actor(A + "SergeiLavrov").role == "Foreign Minister of Russia"
    assert "http://www.wikidata.org/entity/Q159" in kb.actor(A + "Russia").same_as


def test_search_ignores_case_and_accents_and_finds_aliases(kb: KnowledgeBase) -> None:
    assert kb.find_actors("turkiye")[0].iri == A + "Turkiye"
    assert kb.find_actors("TURKEY")[0].iri == A + "Turkiye"
    assert kb.find_actors("aliev")[0].iri == A + "IlhamAliyev"
    assert A + "CSTO" in [a.iri for a in kb.find_actors("collective security")]
    assert kb.find_actors("   ") == []
    assert fold("Erdoğan") == "erdogan"


def test_resolve_actor_by_label_alias_local_name_or_iri(kb: KnowledgeBase) -> None:
    for name in ("Russia", "russia", A + "Russia", "Russian Federation"):
        assert kb.resolve_actor(name).iri == A + "Russia"
    with pytest.raises(ExplorerError, match="no actor named"):
        kb.resolve_actor("Narnia")


def test_claims_between_russia_and_the_csto(kb: KnowledgeBase) -> None:
    claims = kb.claims_between(A + "Russia", A + "CSTO")
    assert any(c.predicate == CX + "leads" for c in claims)
    assert kb.claims_between(A + "CSTO", A + "Russia") == claims
    for claim in claims:
        assert claim.evidence, "every curated claim has evidence"


def test_evidence_context_highlights_the_quote_in_its_paragraph(kb: KnowledgeBase) -> None:
    claim = next(c for c in kb.claims_between(A + "Russia", A + "CSTO") if c.predicate == CX + "leads")
    for evidence in kb.evidence_of(claim.iri):
        ctx = kb.context(evidence)
        assert ctx.verified and not ctx.problems
        assert ctx.paragraph[ctx.quote_start:ctx.quote_end] == evidence.exact
        assert "\n" not in ctx.paragraph
        text = kb.article_text(evidence.article)
        assert text[ctx.paragraph_start:ctx.paragraph_start + len(ctx.paragraph)] == ctx.paragraph
        assert ctx.article is not None and ctx.article.title and ctx.article.publisher and ctx.article.date


def test_attribution_and_article_metadata(kb: KnowledgeBase) -> None:
    attributed = [kb.context(e) for e in kb.evidence.values() if e.asserted_by == A + "AntonyBlinken"]
    assert attributed and all(ctx.asserted_by and ctx.asserted_by.label == "Antony Blinken" for ctx in attributed)
    editor = [e for e in kb.evidence.values() if e.asserted_by and e.asserted_by.endswith("CommonspaceEditor")]
    assert editor and kb.agents[editor[0].asserted_by].role == "political editor of commonspace.eu"
    op_ed = kb.articles["https://w3id.org/caucasus-explorer/article/a003"]
    assert op_ed.author == "Vasif Huseynov" and op_ed.publisher == "commonspace.eu"
    assert op_ed.url and op_ed.url.startswith("https://www.commonspace.eu/")


def test_event_dates_are_recorded(kb: KnowledgeBase) -> None:
    dated = [c for c in kb.claims.values() if c.event_date]
    assert len(dated) >= 20
    assert all(c.event_date[:4].isdigit() for c in dated)


def test_oxigraph_and_rdflib_stores_give_the_same_knowledge(kb: KnowledgeBase) -> None:
    reference = load_bundled("rdflib")
    assert reference.summary() == kb.summary()
    assert reference.actors == kb.actors
    assert reference.claims == kb.claims
    assert reference.evidence == kb.evidence
    assert reference.articles == kb.articles


def test_context_reports_a_displaced_quote_instead_of_failing(fixtures) -> None:
    from explorer.core.loading import load_knowledge

    broken = load_knowledge([fixtures / "broken-offsets.ttl"])
    ctx = broken.context(next(iter(broken.evidence)))
    assert not ctx.verified
    assert "not at its recorded offsets" in ctx.problems[0]
    assert ctx.paragraph[ctx.quote_start:ctx.quote_end] == ctx.evidence.exact
