"""Which pairs warmed or cooled most between two periods.

A pair's *warmth* in a period is the mean intensity (−10 … +10, see :mod:`.coding`) of its coded claims
dated in the period, both directions together; its change is the warmth in the second period minus the
warmth in the first. The mean, not the sum: a pair reported on more often is not thereby warmer. Only pairs
with coded claims in both periods are ranked (a change needs two ends); each row keeps the claim IRIs behind
both figures. A claim is in a period when its date (its own, else its article's: :mod:`.events`) begins
within it; bounds are ISO dates of any precision, inclusive ("2016" to "2019-06" is 2016-01-01 to 2019-06-30).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from explorer.core.analysis.events import CodedClaim
from explorer.core.analysis.signed import pair


@dataclass(frozen=True)
class Period:
    """Inclusive bounds as given (ISO dates of any precision)."""

    start: str
    end: str

    def __post_init__(self) -> None:
        for bound in (self.start, self.end):
            if not _valid(bound):
                raise ValueError(f"not a date: {bound!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        if _first_day(self.start) > _last_day(self.end):
            raise ValueError(f"the period {self.start} to {self.end} ends before it begins")

    def holds(self, date: str | None) -> bool:
        return bool(date) and _first_day(self.start) <= _first_day(date or "") <= _last_day(self.end)

    def __str__(self) -> str:
        return f"{self.start} to {self.end}"


def _valid(text: str) -> bool:
    parts = text.split("-")
    return (1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts)
            and all(len(p) == 2 for p in parts[1:]) and (len(parts) < 2 or 1 <= int(parts[1]) <= 12)
            and (len(parts) < 3 or 1 <= int(parts[2]) <= 31))


def _first_day(text: str) -> str:
    return (text + "-01-01")[:10] if len(text) == 4 else (text + "-01")[:10]


def _last_day(text: str) -> str:
    return (text + "-12-31")[:10] if len(text) == 4 else (text + "-31")[:10]


@dataclass(frozen=True)
class DyadChange:
    """How a pair's warmth moved from the first period to the second, and the claims behind each figure."""

    a: str
    b: str
    before: float  # mean intensity in the first period
    after: float  # ... in the second
    claims_before: tuple[str, ...]
    claims_after: tuple[str, ...]

    @property
    def change(self) -> float:
        return round(self.after - self.before, 6)


def dyad_changes(coded: Iterable[CodedClaim], first: Period, second: Period) -> list[DyadChange]:
    """Every pair with coded claims in both periods, the most warmed first and the most cooled last (ties by
    the pair's IRIs)."""
    inside: dict[tuple[str, str], tuple[list[CodedClaim], list[CodedClaim]]] = defaultdict(lambda: ([], []))
    for c in coded:
        key = pair(c.claim.subject, c.claim.object)
        if first.holds(c.date):
            inside[key][0].append(c)
        if second.holds(c.date):
            inside[key][1].append(c)
    rows = []
    for (a, b), (early, late) in inside.items():
        if early and late:
            rows.append(DyadChange(a, b, _mean(early), _mean(late), tuple(c.iri for c in early),
                                   tuple(c.iri for c in late)))
    rows.sort(key=lambda r: (-r.change, r.a, r.b))
    return rows


def _mean(items: list[CodedClaim]) -> float:
    return round(sum(c.intensity for c in items) / len(items), 6)


def warmed_and_cooled(rows: list[DyadChange], top: int = 10) -> tuple[list[DyadChange], list[DyadChange]]:
    """The ``top`` pairs that warmed most (change > 0, largest first) and cooled most (change < 0, largest
    drop first)."""
    warmed = [r for r in rows if r.change > 0][:top]
    cooled = sorted((r for r in rows if r.change < 0), key=lambda r: (r.change, r.a, r.b))[:top]
    return warmed, cooled
