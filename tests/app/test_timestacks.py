"""The Time bar's stacks: by relation category, or by the cooperation–conflict quad class under a coded
edge lens (issue 14, with issue 15's PLOVER coding)."""

from __future__ import annotations

from explorer.app.lens import Lens
from explorer.app.session import Session
from explorer.app.timestacks import STRUCTURAL, time_stacking
from explorer.core.analysis.coding import coding_of

CLASH = "https://w3id.org/caucasus-explorer/vocab#clashedWith"


def test_the_bar_is_stacked_by_category_unless_a_coded_lens_is_chosen(kb) -> None:
    plain = time_stacking(kb)
    assert plain.by == "category" and plain.title == "by relation category"
    assert all(plain.keys[iri] == kb.relations[c.predicate].category for iri, c in kb.claims.items())
    assert set(plain.order) == set(plain.keys.values())
    assert time_stacking(kb, Lens(node_size="pagerank")).by == "category"  # a node lens changes nothing
    for edges in ("quad", "intensity", "event"):
        assert time_stacking(kb, Lens(edge_colour=edges)).by == "quad"


def test_each_claim_sits_in_its_quad_class_and_uncoded_ones_are_structural(kb) -> None:
    stacking = time_stacking(kb, Lens(edge_colour="quad"))
    coding = coding_of(kb)
    assert stacking.title == "by quad class (PLOVER)"
    for iri, claim in kb.claims.items():
        code = coding.code(claim)
        assert stacking.keys[iri] == (str(code.category.quad) if code is not None else STRUCTURAL)
    clashes = [iri for iri, c in kb.claims.items() if c.predicate == CLASH]
    assert clashes and {stacking.keys[i] for i in clashes} == {"4"}  # fighting is material conflict
    assert stacking.labels["4"] == "material conflict" and stacking.labels["1"] == "verbal cooperation"
    assert stacking.order == tuple(k for k in ("1", "2", "3", "4", STRUCTURAL) if k in stacking.keys.values())
    assert {"1", "4", STRUCTURAL} <= set(stacking.order)


def test_the_sessions_lens_decides_the_stacks(kb) -> None:
    session = Session()
    session.set_knowledge(kb)
    assert time_stacking(kb, session.lens).by == "category"
    session.set_lens(Lens(edge_colour="quad"))
    assert time_stacking(kb, session.lens).by == "quad"
