"""The Dyad dock's ranking of pairs that warmed or cooled most between two periods, from the visible claims.

The core ranks (explorer.core.analysis.change); this module picks the visible coded claims, suggests two
periods (the years of the visible coded claims, split in two halves) and words the rows. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.app.lenses import analysis_of
from explorer.core.analysis.change import DyadChange, Period, dyad_changes, warmed_and_cooled

if TYPE_CHECKING:
    from explorer.app.session import Session


@dataclass(frozen=True)
class ChangeRow:
    """One ranked pair as the dock lists it."""

    a: str
    b: str
    text: str  # "Armenia – Azerbaijan"
    before: float
    after: float
    change: float
    claims: tuple[str, ...]  # before, then after


@dataclass(frozen=True)
class Changes:
    first: Period
    second: Period
    compared: int  # pairs with coded claims in both periods
    warmed: list[ChangeRow]
    cooled: list[ChangeRow]


def suggested_periods(session: Session) -> tuple[Period, Period] | None:
    """The visible coded claims' years cut in two halves (by claims), or None with fewer than two years."""
    analysis = analysis_of(session)
    if analysis is None:
        return None
    years = sorted(c.date[:4] for c in analysis.coded if c.date)
    if len(set(years)) < 2:
        return None
    middle = years[len(years) // 2]
    if middle == years[0]:
        middle = next(y for y in years if y > years[0])
    return Period(years[0], str(int(middle) - 1)), Period(middle, years[-1])


def changes_of(session: Session, first: Period, second: Period, top: int = 10) -> Changes | None:
    """The pairs among the visible claims that warmed and cooled most from ``first`` to ``second``."""
    analysis = analysis_of(session)
    kb = session.kb
    if analysis is None or kb is None:
        return None
    rows = dyad_changes(analysis.coded, first, second)
    warmed, cooled = warmed_and_cooled(rows, top)

    def row(r: DyadChange) -> ChangeRow:
        return ChangeRow(r.a, r.b, f"{kb.label(r.a)} – {kb.label(r.b)}", r.before, r.after, r.change,
                         r.claims_before + r.claims_after)

    return Changes(first, second, len(rows), [row(r) for r in warmed], [row(r) for r in cooled])
