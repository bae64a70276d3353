"""Analysis lenses (issue 15), Qt-free: PLOVER coding of claims, signed balance and blocs, metrics.

:func:`analyze` runs everything on a set of claims (the visible ones, or all); the submodules hold the
parts: :mod:`.coding` (the scheme from the vocabulary), :mod:`.events` (coded, dated claims),
:mod:`.signed` (ties, triads, blocs), :mod:`.metrics` (centralities and communities), :mod:`.plover`
(PLOVER JSON lines export and import).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.analysis.events import CodedClaim, coded_claims
from explorer.core.analysis.metrics import ActorMetrics, actor_metrics
from explorer.core.analysis.signed import (
    Blocs,
    Tie,
    Triad,
    balance_ratio,
    blocs,
    local_balance,
    sign_matrix,
    signed_ties,
    unbalanced_triads,
)

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.model import Claim

__all__ = ["Analysis", "analyze"]


@dataclass(frozen=True)
class Analysis:
    """What `explorer analyze` reports and the lenses draw."""

    coded: list[CodedClaim]
    ties: dict[tuple[str, str], Tie]
    triads: list[Triad]
    balance_ratio: float | None
    blocs: Blocs
    metrics: dict[str, ActorMetrics]


def analyze(kb: Knowledge, claims: Iterable[Claim] | None = None, *, period: str | None = None,
            granularity: str = "year", method: str = "louvain", seed: int = 0) -> Analysis:
    """Code ``claims`` (all by default), sign their ties (in ``period`` when given), find unbalanced
    triads and blocs, and measure every actor. Deterministic for a given ``seed``."""
    chosen = list(kb.claims.values()) if claims is None else list(claims)
    coded = coded_claims(kb, chosen)
    ties = signed_ties(coded, period, granularity)
    signs = sign_matrix(ties)
    partition = blocs(signs, seed=seed)
    metrics = actor_metrics(chosen, method=method, seed=seed, bloc=partition.bloc,
                            local_balance=local_balance(signs))
    return Analysis(coded, ties, unbalanced_triads(ties), balance_ratio(signs), partition, metrics)
