"""The Knowledge protocol and its capabilities: what a local knowledge base is and is not."""

from __future__ import annotations

from explorer.core.api import Expandable, Knowledge, LazyEvidence, RemoteSource, SelectsTuples
from explorer.core.knowledge import KnowledgeBase, KnowledgeRecords
from explorer.core.store import OxigraphStore, RdflibStore


def test_a_local_knowledge_base_is_knowledge_without_the_remote_capabilities(kb: KnowledgeBase) -> None:
    assert isinstance(kb, Knowledge) and isinstance(kb, KnowledgeRecords)
    assert not isinstance(kb, LazyEvidence)
    assert not isinstance(kb, Expandable)
    assert not isinstance(kb, RemoteSource)
    assert isinstance(kb.sources, list)  # (every knowledge has them: empty for the bundled graph or a remote one)


def test_the_protocol_names_what_callers_use(kb: KnowledgeBase) -> None:
    for name in ("actors", "relations", "categories", "claims", "evidence", "articles", "agents", "store",
                 "texts", "sources", "actor", "label", "find_actors", "resolve_actor", "claims_of",
                 "claims_between", "degree", "evidence_of", "category_of", "describe", "article_text",
                 "context", "summary"):
        assert hasattr(Knowledge, name) or name in Knowledge.__annotations__, name
        assert hasattr(kb, name), name
    assert not hasattr(kb, "relation_of")  # (unused: gone)


def test_a_partial_object_is_not_knowledge(kb: KnowledgeBase) -> None:
    class Records:
        actors = kb.actors
        claims = kb.claims

    assert not isinstance(Records(), Knowledge)


def test_capabilities_are_told_by_their_members() -> None:
    class Fetching:
        def fetch_evidence(self, claims, *, should_cancel=None) -> None: ...

        def missing_evidence(self, claims) -> list[str]:
            return []

    class Growing:
        def expand(self, actor, *, progress=None, should_cancel=None) -> bool:
            return False

        def expansion_state(self, actor) -> tuple[int, int, bool]:
            return 0, 0, True

    assert isinstance(Fetching(), LazyEvidence) and not isinstance(Fetching(), Expandable)
    assert isinstance(Growing(), Expandable) and not isinstance(Growing(), LazyEvidence)


def test_an_oxigraph_store_selects_tuples_and_an_rdflib_store_does_not(kb: KnowledgeBase) -> None:
    assert isinstance(OxigraphStore(), SelectsTuples)
    assert not isinstance(RdflibStore(), SelectsTuples)


def test_both_stores_index_the_same_knowledge(kb: KnowledgeBase) -> None:
    """The rows come as tuples from Oxigraph and as dicts from rdflib: the same records either way."""
    from explorer.core.loading import load_bundled

    reference = load_bundled("rdflib")
    assert not isinstance(reference.store, SelectsTuples) and isinstance(kb.store, SelectsTuples)
    assert reference.evidence == kb.evidence and reference.claims == kb.claims
