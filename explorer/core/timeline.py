"""When: claims' event intervals, passages' report dates, and what a time window lets through.

Dates come at the precision the text supports (``xsd:date`` '2020-10-10', ``xsd:gYearMonth`` '2020-10',
``xsd:gYear`` '2020'); each is a closed interval of days, never a fake first day: '2016' covers
2016-01-01 … 2016-12-31 in every computation. Days are proleptic Gregorian ordinals (``date.toordinal``),
so intervals compare as integers.

Two clocks:
- **event time**: when the claimed relation held. A claim's interval is its ``cx:eventDate``, else its
  period ``cx:startDate`` … ``cx:endDate`` (open-ended on a missing side); a claim with neither is undated.
  A window keeps the claims whose interval overlaps it.
- **report time**: when it was known. A passage is known from its article's publication date
  (``dcterms:issued``); "as of DATE" keeps only the passages from articles published on or before DATE (the
  whole publication interval: an article dated '2023-03' is known as of 2023-03-31), and drops a claim with
  none left.

:class:`TimeIndex` answers a window by bisection over sorted interval arrays (no scan of every claim), so a
play step touches only the claims that enter or leave.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from explorer.core.model import Article, Claim, Evidence

#: The first and last day any interval can reach: the ends of an open period.
FIRST_DAY = date.min.toordinal()
LAST_DAY = date.max.toordinal()

Interval = tuple[int, int]  # first and last day, inclusive (date ordinals)
Clock = Literal["event", "report"]

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T[\d:.]+)?)?)?(?:Z|[+-]\d{2}:\d{2})?\s*$")


def interval(text: str | None) -> Interval | None:
    """The days an ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` covers; None when it is none of them.

    >>> [date.fromordinal(d).isoformat() for d in interval("2016")]
    ['2016-01-01', '2016-12-31']
    """
    if not text:
        return None
    m = _DATE.match(text)
    if m is None:
        return None
    year = int(m.group(1))
    if year < 1:
        return None
    try:
        if m.group(2) is None:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        month = int(m.group(2))
        if m.group(3) is None:
            # the day before the next month's first (no `calendar` import at start-up for month lengths)
            last = date(year, 12, 31).toordinal() if month == 12 else date(year, month + 1, 1).toordinal() - 1
            return date(year, month, 1).toordinal(), last
        day = date(year, month, int(m.group(3))).toordinal()
    except ValueError:  # month 13, February 30
        return None
    return day, day


def day_text(day: int) -> str:
    """'2020-10-10' for a day ordinal ('…' for an open end)."""
    if day <= FIRST_DAY or day >= LAST_DAY:
        return "…"
    return date.fromordinal(day).isoformat()


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two closed intervals share at least one day."""
    return a[0] <= b[1] and b[0] <= a[1]


def claim_interval(claim: Claim) -> Interval | None:
    """When the claimed relation held: its event date, else its period (open-ended on a missing side)."""
    event = interval(claim.event_date)
    if event is not None:
        return event
    start = interval(claim.start_date)
    end = interval(claim.end_date)
    if start is None and end is None:
        return None
    return (start[0] if start is not None else FIRST_DAY), (end[1] if end is not None else LAST_DAY)


def when(claim: Claim) -> str:
    """The claim's event time as people read it: '2020-10', '2008 – 2020', 'since 2008', 'until 2020',
    or 'undated'."""
    if claim.event_date and interval(claim.event_date) is not None:
        return claim.event_date.strip()
    start = claim.start_date.strip() if claim.start_date and interval(claim.start_date) else None
    end = claim.end_date.strip() if claim.end_date and interval(claim.end_date) else None
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"since {start}"
    if end:
        return f"until {end}"
    return "undated"


def window(date_from: str | None, date_to: str | None) -> Interval:
    """The days from the start of ``date_from`` to the end of ``date_to`` (open on a missing side).

    Raises ValueError naming the date that is not an ISO date, year-month or year.
    """
    low = interval(date_from) if date_from else (FIRST_DAY, FIRST_DAY)
    high = interval(date_to) if date_to else (LAST_DAY, LAST_DAY)
    for text, found in ((date_from, low), (date_to, high)):
        if found is None:
            raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    assert low is not None and high is not None
    return low[0], high[1]


@dataclass(frozen=True, slots=True)
class TimeSelection:
    """What a time filter lets through: the claims in the knowledge base's order, and the passages that
    count (None: every passage of a kept claim)."""

    claims: tuple[str, ...]
    passages: frozenset[str] | None = None


def known_passages(evidence: Mapping[str, Evidence], articles: Mapping[str, Article], as_of: str,
                   include_undated: bool = False) -> frozenset[str]:
    """The passages known on ``as_of``: from articles published on or before it (their whole publication
    interval), and those of undated articles only with ``include_undated``."""
    limit = window(None, as_of)[1]
    known_articles: set[str] = set()
    undated: set[str] = set()
    for art in articles.values():
        span = interval(art.date)
        if span is None:
            undated.add(art.iri)
        elif span[1] <= limit:
            known_articles.add(art.iri)
    return frozenset(e.iri for e in evidence.values()
                     if e.article in known_articles or (include_undated and e.article not in known_articles
                                                        and (e.article in undated or e.article not in articles)))


def select_in_time(claims: Mapping[str, Claim], evidence: Mapping[str, Evidence], articles: Mapping[str, Article],
                   *, as_of: str | None = None, date_from: str | None = None, date_to: str | None = None,
                   include_undated: bool = False, among: Iterable[str] | None = None) -> TimeSelection:
    """The claims (of ``among``, else all) a time filter keeps, for the shell's ``--as-of``, ``--from``,
    ``--to`` and ``--include-undated``.

    - ``as_of``: only passages from articles published on or before it; a claim with none left is dropped.
    - ``date_from``/``date_to``: claims whose event interval overlaps the window; undated claims only with
      ``include_undated``.

    Raises ValueError for a date that is not one.
    """
    chosen = list(claims) if among is None else [c for c in among if c in claims]
    passages: frozenset[str] | None = None
    if as_of is not None:
        passages = known_passages(evidence, articles, as_of, include_undated)
        chosen = [c for c in chosen if any(e in passages for e in claims[c].evidence)]
    if date_from is not None or date_to is not None:
        span = window(date_from, date_to)
        kept = []
        for iri in chosen:
            found = claim_interval(claims[iri])
            if found is None:
                if include_undated:
                    kept.append(iri)
            elif overlaps(found, span):
                kept.append(iri)
        chosen = kept
    return TimeSelection(tuple(chosen), passages)


class TimeIndex:
    """The claims' intervals sorted by first and by last day, for windows answered by bisection.

    ``window(lo, hi)`` keeps a dated claim when ``first <= hi and last >= lo``. Claims starting after ``hi``
    are a suffix of the by-first order, claims ending before ``lo`` a prefix of the by-last order: the
    visible set is everything else, and moving a window changes only the claims whose first or last day
    lies between the old and the new edges (:meth:`changes`), found by bisection.
    """

    def __init__(self, intervals: Mapping[str, Interval | None]) -> None:
        """Index ``intervals`` (claim IRI -> interval, None when undated)."""
        dated = [(iri, span) for iri, span in intervals.items() if span is not None]
        self.undated: tuple[str, ...] = tuple(iri for iri, span in intervals.items() if span is None)
        self.intervals: dict[str, Interval] = dict(dated)
        by_first = sorted(dated, key=lambda item: item[1][0])
        by_last = sorted(dated, key=lambda item: item[1][1])
        self._firsts = [span[0] for _iri, span in by_first]
        self._first_iris = [iri for iri, _span in by_first]
        self._lasts = [span[1] for _iri, span in by_last]
        self._last_iris = [iri for iri, _span in by_last]

    @classmethod
    def of_claims(cls, claims: Iterable[Claim]) -> TimeIndex:
        return cls({c.iri: claim_interval(c) for c in claims})

    def __len__(self) -> int:
        return len(self.intervals) + len(self.undated)

    @property
    def span(self) -> Interval | None:
        """The first and last finite day of any claim (None when nothing is dated)."""
        days = [d for d in (*self._firsts, *self._lasts) if FIRST_DAY < d < LAST_DAY]
        return (min(days), max(days)) if days else None

    def count_outside(self, lo: int, hi: int) -> int:
        """How many dated claims the window [lo, hi] leaves out (two bisections)."""
        starts_after = len(self._firsts) - bisect_right(self._firsts, hi)
        ends_before = bisect_left(self._lasts, lo)
        return starts_after + ends_before  # an interval cannot both start after hi and end before lo

    def inside(self, lo: int, hi: int) -> set[str]:
        """The dated claims overlapping [lo, hi]."""
        late = set(self._first_iris[bisect_right(self._firsts, hi):])
        early = set(self._last_iris[:bisect_left(self._lasts, lo)])
        if len(late) + len(early) < len(self.intervals) // 2:
            return set(self.intervals).difference(late, early)
        candidates = self._first_iris[:bisect_right(self._firsts, hi)]
        return {iri for iri in candidates if self.intervals[iri][1] >= lo}

    def changes(self, old: Interval, new: Interval) -> tuple[set[str], set[str]]:
        """The claims that enter and that leave the view when the window moves from ``old`` to ``new``:
        only those whose first or last day lies between the old and the new edges are looked at."""
        candidates: set[str] = set()
        a, b = sorted((old[1], new[1]))
        candidates.update(self._first_iris[bisect_right(self._firsts, a):bisect_right(self._firsts, b)])
        a, b = sorted((old[0], new[0]))
        candidates.update(self._last_iris[bisect_left(self._lasts, a):bisect_left(self._lasts, b)])
        entered: set[str] = set()
        left: set[str] = set()
        for iri in candidates:
            span = self.intervals[iri]
            was, now = overlaps(span, old), overlaps(span, new)
            if now and not was:
                entered.add(iri)
            elif was and not now:
                left.add(iri)
        return entered, left

    def histogram(self, edges: list[int]) -> list[int]:
        """How many dated claims overlap each bin [edges[i], edges[i+1] - 1]."""
        return [len(self._firsts) - self.count_outside(lo, hi - 1) for lo, hi in pairwise(edges)]


# ---------------------------------------------------------------- the time bar's bins

Unit = Literal["year", "month", "day"]


def unit_for(span: Interval, max_bins: int) -> Unit:
    """The finest unit (days, months, years) that gives at most ``max_bins`` bins over ``span``."""
    days = span[1] - span[0] + 1
    if days <= max_bins:
        return "day"
    if days / 30.44 <= max_bins:
        return "month"
    return "year"


def bin_start(day: int, unit: Unit) -> int:
    """The first day of the bin holding ``day``."""
    d = date.fromordinal(day)
    if unit == "year":
        return date(d.year, 1, 1).toordinal()
    if unit == "month":
        return date(d.year, d.month, 1).toordinal()
    return day


def next_bin(day: int, unit: Unit) -> int:
    """The first day of the bin after the one starting on ``day``."""
    d = date.fromordinal(day)
    if unit == "year":
        return date(d.year + 1, 1, 1).toordinal() if d.year < date.max.year else LAST_DAY
    if unit == "month":
        if d.year == date.max.year and d.month == 12:
            return LAST_DAY
        return date(d.year + (d.month == 12), d.month % 12 + 1, 1).toordinal()
    return day + 1


def bin_edges(span: Interval, unit: Unit) -> list[int]:
    """The first day of every bin covering ``span``, then the day after the last bin."""
    edges = [bin_start(span[0], unit)]
    while edges[-1] <= span[1]:
        edges.append(next_bin(edges[-1], unit))
    return edges


def bin_label(day: int, unit: Unit) -> str:
    d = date.fromordinal(day)
    return str(d.year) if unit == "year" else f"{d.year}-{d.month:02d}" if unit == "month" else d.isoformat()


def report_day(claim: Claim, evidence: Mapping[str, Evidence], articles: Mapping[str, Article]) -> int | None:
    """The day a claim became known: the end of its earliest article's publication interval (None when
    none of its passages comes from a dated article)."""
    days = []
    for e in claim.evidence:
        ev = evidence.get(e)
        art = articles.get(ev.article) if ev is not None else None
        span = interval(art.date) if art is not None else None
        if span is not None:
            days.append(span[1])
    return min(days) if days else None


def stacked_histogram(intervals: Mapping[str, Interval | None], keys: Mapping[str, str],
                      edges: list[int]) -> dict[str, list[int]]:
    """Per key (a relation category), how many of its dated claims overlap each bin."""
    by_key: dict[str, dict[str, Interval | None]] = {}
    for iri, span in intervals.items():
        if span is not None:
            by_key.setdefault(keys[iri], {})[iri] = span
    return {key: TimeIndex(spans).histogram(edges) for key, spans in by_key.items()}
