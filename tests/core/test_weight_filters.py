"""Filters by the weight of the evidence (issue 13): factuality, independent sources, credibility,
contested, and deprecated claims hidden by default."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _made_by_two(fixtures: Path, tmp_path: Path) -> Path:
    """The contrary-claims fixture with the alliance's passages made by the curators and the conflict's by
    an analyst (two passages record no creator)."""
    copy = tmp_path / "made.ttl"
    copy.write_text((fixtures / "weigh-contrary.ttl").read_text(encoding="utf-8") + """
evidence:w1-1 dcterms:creator agent:curators .
evidence:w2-1 dcterms:creator agent:curators .
evidence:w3-1 dcterms:creator agent:analyst-jane .
""", encoding="utf-8")
    return copy


def test_filter_by_who_made_the_claims(fixtures: Path, tmp_path: Path) -> None:
    from explorer.core.creators import NOT_RECORDED, creators, resolve_creators
    from explorer.core.errors import ExplorerError
    from explorer.core.vocab import AGENT

    kb = load_knowledge([_made_by_two(fixtures, tmp_path)])
    ally, conflict = str(CLAIM) + "Armenia_alliedWith_Russia", str(CLAIM) + "Armenia_inConflictWith_Russia"
    jane, curators = str(AGENT) + "analyst-jane", str(AGENT) + "curators"
    assert [(c.label, c.claims) for c in creators(kb)] == [
        ("not recorded", 2), ("analyst-jane", 1), ("curators", 1)]
    assert visible(kb, FilterState(creators=frozenset({jane}))).claims == (conflict,)
    assert visible(kb, FilterState(creators=frozenset({curators}))).claims == (ally,)
    assert visible(kb, FilterState(creators=frozenset({NOT_RECORDED}))).claims == (conflict, ally)
    assert visible(kb, FilterState(creators=frozenset())).claims == ()
    assert resolve_creators(kb, ["Analyst-Jane", curators]) == {jane, curators}
    with pytest.raises(ExplorerError, match="no creator named 'bob'") as err:
        resolve_creators(kb, ["bob"])
    assert "analyst-jane (1)" in (err.value.hint or "")
