"""Comparing two knowledge bases' records (the cache's tests)."""

from __future__ import annotations

from explorer.core import snapshot
from explorer.core.knowledge import KnowledgeBase

RECORDS = (*snapshot.TABLES, "_evidence_records", "_search")


def same_records(a: KnowledgeBase, b: KnowledgeBase) -> None:
    """The same records and indexes, in any order."""
    for name in RECORDS:
        assert getattr(a, name) == getattr(b, name), name
    assert {k: sorted(v) for k, v in a._claims_of.items()} == {k: sorted(v) for k, v in b._claims_of.items()}
    assert a.summary() == b.summary()
