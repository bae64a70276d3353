"""Coded claims: a claim with its PLOVER code and a date to place it in a time window."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.analysis.coding import Coding, PredicateCode, coding_of

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.model import Claim


@dataclass(frozen=True, slots=True)
class CodedClaim:
    """A claim between two actors with its code; ``date_source`` says where the date came from:
    ``"event"`` (the claim's own cx:eventDate), ``"article"`` (the earliest article citing it: the claim
    is undated and this is when it was reported) or None (no date at all)."""

    claim: Claim
    code: PredicateCode
    date: str | None
    date_source: str | None

    @property
    def iri(self) -> str:
        return self.claim.iri

    @property
    def intensity(self) -> float:
        return self.code.category.intensity

    @property
    def quad(self) -> int:
        return self.code.category.quad

    def period(self, granularity: str = "year") -> str:
        """The window this claim falls in: ``"2020"`` (year), ``"2020-10"`` (month) or ``"undated"``."""
        if not self.date:
            return "undated"
        return self.date[:7] if granularity == "month" and len(self.date) >= 7 else self.date[:4]


def article_date(kb: Knowledge, claim: Claim) -> str | None:
    """The earliest date of the articles whose passages support ``claim``."""
    dates = [kb.articles[ev.article].date for ev in map(kb.evidence.get, claim.evidence)
             if ev is not None and ev.article in kb.articles]
    return min((d for d in dates if d), default=None)


def coded_claims(kb: Knowledge, claims: Iterable[Claim] | None = None,
                 coding: Coding | None = None) -> list[CodedClaim]:
    """The coded claims among ``claims`` (all of ``kb``'s by default), in a stable order (by IRI).

    Structural claims (membership, office…) and self-loops are left out: they are no interaction."""
    coding = coding or coding_of(kb)
    found: list[CodedClaim] = []
    for claim in sorted(kb.claims.values() if claims is None else claims, key=lambda c: c.iri):
        code = coding.code(claim)
        if code is None or claim.subject == claim.object:
            continue
        if claim.event_date:
            found.append(CodedClaim(claim, code, claim.event_date, "event"))
        else:
            date = article_date(kb, claim)
            found.append(CodedClaim(claim, code, date, "article" if date else None))
    return found
