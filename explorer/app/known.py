"""The weight of the evidence as it stood: counting only the passages of the articles that count.

By report time ("what was known on"), or with a source filter, only some articles' passages count; an
edge's support and a claim's credibility are then those of these passages (Russia's lead of the CSTO:
one source until the 2023 article arrives, two after), not of everything the graph holds. Computed once
per set of articles and kept. No Qt here.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from explorer.app import weighing

if TYPE_CHECKING:
    from explorer.core.weight import Weights

_CACHE: weakref.WeakKeyDictionary[Any, tuple[tuple[int, int], frozenset[str], Weights]] = weakref.WeakKeyDictionary()


def weights_known(kb: Any, articles: frozenset[str] | None) -> Weights:
    """The weights of ``kb``'s claims counting only the passages of ``articles`` (None: every passage)."""
    if articles is None:
        return weighing.weights(kb)
    from explorer.core.claim_table import weights_in_time

    stamp = (len(kb.claims), len(kb.evidence))
    held = _CACHE.get(kb)
    if held is not None and held[0] == stamp and held[1] == articles:
        return held[2]
    passages = {iri for iri, ev in kb.evidence.items() if ev.article in articles}
    found = weights_in_time(kb, kb.claims, passages)
    _CACHE[kb] = (stamp, articles, found)
    return found
