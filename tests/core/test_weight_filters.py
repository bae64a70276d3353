"""Filters by the weight of the evidence (issue 13): factuality, independent sources, credibility,
contested, and deprecated claims hidden by default."""

from __future__ import annotations

from pathlib import Path

from explorer.core.curation import DeprecateClaim, Document, Withdraw
from explorer.core.filters import FilterState, visible
from explorer.core.loading import load_knowledge
from explorer.core.vocab import CLAIM
from explorer.core.weight import ASSERTED, PROBABLE

CONTESTED = str(CLAIM) + "Armenia_memberOf_CSTO"


def test_weight_filters(fixtures: Path) -> None:
    kb = load_knowledge([fixtures / "weigh-three-publishers.ttl"])
    assert visible(kb).claims == (CONTESTED,)
    assert visible(kb, FilterState(show_contested=False)).claims == ()
    assert visible(kb, FilterState(min_sources=2)).claims == (CONTESTED,)
    assert visible(kb, FilterState(min_sources=3)).claims == ()
    assert visible(kb, FilterState(max_credibility=3)).claims == (CONTESTED,)
    assert visible(kb, FilterState(max_credibility=2)).claims == ()
    assert visible(kb, FilterState(factualities=frozenset({ASSERTED}))).claims == (CONTESTED,)
    assert visible(kb, FilterState(factualities=frozenset({PROBABLE}))).claims == ()


def test_a_deprecated_claim_is_hidden_unless_asked_for(fixtures: Path, tmp_path: Path) -> None:
    copy = tmp_path / "w.ttl"
    copy.write_bytes((fixtures / "weigh-three-publishers.ttl").read_bytes())
    doc = Document.from_files([copy])
    doc.run(DeprecateClaim(CONTESTED, "a duplicate"))
    kb = doc.kb
    assert visible(kb).claims == ()
    assert visible(kb, FilterState(show_deprecated=True)).claims == (CONTESTED,)
    assert visible(kb, FilterState(min_sources=1)).claims == ()
    doc.run(Withdraw(CONTESTED, "deprecation"))
    assert visible(doc.kb).claims == (CONTESTED,)
