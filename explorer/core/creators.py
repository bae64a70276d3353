"""Who made each claim (issue 13): the ``dcterms:creator`` of its passages' annotations.

The curated data's passages are made by ``agent:curators``; a claim made in the window records the user
(``agent:analyst-<login>``), and a file from another analyst names them. An analyst filters by who made the
claims to see the curators' graph apart from their own additions, or a colleague's. A claim counts as made
by everyone who made one of its passages (a user may add a passage to a curated claim); a passage recorded
without a creator counts as made by :data:`NOT_RECORDED`.

Read with one query per knowledge base (an edit makes a new one), kept while it lives. A knowledge base
without a local store (an endpoint's) is not asked: it would wait on the network; an endpoint's reads the
creators of the passages it fetches with them (explorer.core.api.KnowsCreators).
"""

from __future__ import annotations

import contextlib
import weakref
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.core.vocab import SPARQL_PREFIXES, local_name

if TYPE_CHECKING:
    from explorer.core.knowledge import KnowledgeBase

#: The creator of a passage whose annotation names none (legacy data, another tool's files).
NOT_RECORDED = ""
NOT_RECORDED_LABEL = "not recorded"

Q_CREATORS = SPARQL_PREFIXES + """
SELECT ?ann ?creator WHERE {
  ?ann a oa:Annotation ; oa:hasBody ?claim ; dcterms:creator ?creator .
  ?claim a rdf:Statement .
  FILTER(isIRI(?creator))
}
"""


@dataclass(frozen=True, slots=True)
class Creator:
    """Someone who made passages: their IRI (:data:`NOT_RECORDED` for none), label and claim count."""

    iri: str
    label: str
    claims: int


_READ: weakref.WeakKeyDictionary[object, dict[str, frozenset[str]]] = weakref.WeakKeyDictionary()


def keep_passage_creators(kb: KnowledgeBase, found: dict[str, str]) -> None:
    """Give ``kb`` its :func:`passage_creators` as read before, without a query: from a snapshot of the same
    records, or from the parsed files (explorer.core.read_ahead; the query over an on-disk store holds
    Python's lock for 100 ms at a time, which froze the window while it opened the graph)."""
    from explorer.core.read_ahead import PASSAGE_CREATORS, keep

    keep(kb, PASSAGE_CREATORS, found)


def passage_creators(kb: KnowledgeBase) -> dict[str, str]:
    """Passage IRI -> the IRI of who made it (one of them, the first in IRI order, when several are
    recorded), for the passages whose annotation records one."""
    from explorer.core.api import KnowsCreators
    from explorer.core.knowledge import KnowledgeBase
    from explorer.core.read_ahead import PASSAGE_CREATORS
    from explorer.core.read_ahead import kept as kept_answer

    if isinstance(kb, KnowsCreators):  # an endpoint's: read with the claims, held in memory
        return kb.passage_creators()
    if not isinstance(kb, KnowledgeBase):
        return {}
    kept = kept_answer(kb, PASSAGE_CREATORS)
    if kept is not None:
        return dict(kept)
    found: dict[str, str] = {}
    for row in kb.store.select(Q_CREATORS):
        ann, creator = row["ann"] or "", row["creator"] or ""
        if ann in kb.evidence and (ann not in found or creator < found[ann]):
            found[ann] = creator
    return found


def claim_creators(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Claim IRI -> who made its passages (:data:`NOT_RECORDED` for a passage that does not say); a claim
    without passages has none. Read once per knowledge base."""
    try:
        held = _READ.get(kb)
    except TypeError:  # (a stand-in that cannot be weakly referenced)
        held = None
    if held is not None:
        return held
    from explorer.core.knowledge import KnowledgeBase

    by_passage = passage_creators(kb)
    found = {iri: frozenset(by_passage.get(e, NOT_RECORDED) for e in claim.evidence)
             for iri, claim in kb.claims.items()}
    if not isinstance(kb, KnowledgeBase):
        return found  # (an endpoint's grows as it is explored: not kept)
    with contextlib.suppress(TypeError):
        _READ[kb] = found
    return found


def creator_label(kb: KnowledgeBase, iri: str) -> str:
    """'curators', 'analyst-jane' or an agent's label; 'not recorded' for :data:`NOT_RECORDED`."""
    if iri == NOT_RECORDED:
        return NOT_RECORDED_LABEL
    return kb.agents[iri].label if iri in kb.agents else local_name(iri)


def creators(kb: KnowledgeBase) -> list[Creator]:
    """Everyone who made claims of ``kb``, with how many claims each made (most first)."""
    counts: Counter[str] = Counter(c for made in claim_creators(kb).values() for c in made)
    found = [Creator(iri, creator_label(kb, iri), n) for iri, n in counts.items()]
    return sorted(found, key=lambda c: (-c.claims, c.label))


def made_by(kb: KnowledgeBase, chosen: Collection[str]) -> set[str]:
    """The claims one of whose passages one of ``chosen`` made."""
    wanted = set(chosen)
    return {iri for iri, made in claim_creators(kb).items() if not made.isdisjoint(wanted)}


def resolve_creators(kb: KnowledgeBase, names: Iterable[str]) -> frozenset[str]:
    """The creators named (IRI, local name such as 'curators' or 'analyst-jane', or label; 'not recorded'
    for passages without one), for the shell's ``--creator``; an unknown name is a user error listing
    who made the claims."""
    from explorer.core.knowledge import fold

    known = creators(kb)
    chosen: set[str] = set()
    for name in names:
        wanted = fold(name.strip())
        match = [c.iri for c in known if c.iri == name or fold(c.label) == wanted
                 or (c.iri and fold(local_name(c.iri)) == wanted)]
        if not match:
            listed = ", ".join(f"{c.label} ({c.claims})" for c in known) or "nobody"
            raise ExplorerError(f"no creator named {name!r}", hint=f"the claims were made by: {listed}")
        chosen.update(match)
    return frozenset(chosen)
