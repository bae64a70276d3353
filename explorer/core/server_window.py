"""The time window as the server sees it (issue 14): a FILTER on the claims an endpoint is asked for.

With a window set, an actor's expansion asks the store only for the statements in it, so its pages bring
claims the user will see rather than ones the filters would hide. The rules are those of
:mod:`explorer.core.timeline` (and :func:`explorer.core.filters.visible`), written as SPARQL:

- **event clock**: a statement passes when its event time overlaps the window: its ``cx:eventDate``, else
  its period (``cx:startDate`` … ``cx:endDate``, open on a missing side); a year or a month is its whole
  interval. Undated statements pass only with ``include_undated``.
- **report clock**: a statement passes when one of its passages comes from an article published in the
  window (the end of its ``dcterms:issued`` between the window's first and last day); an undated article's
  passages, and statements without passages, only with ``include_undated``.

Dates are compared as ISO text, which orders a partial date with its first day: ``"2016" <= "2016-03-01"``.
The end of a partial date is its text followed by ``"~"``, which sorts after every day of it and before
the next period (``"2016-03-01" < "2016~" < "2017"``); a period ends before a day ``D`` when its text is
less than ``D`` and is not the start of ``D``. Only day texts this module makes go into a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from explorer.core.timeline import window as time_window

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EVENT, REPORT = "event", "report"


@dataclass(frozen=True, slots=True)
class ServerWindow:
    """A time window to send with the queries: ISO days (inclusive; None: open on that side)."""

    clock: str = EVENT
    first: str | None = None
    last: str | None = None
    include_undated: bool = True

    def __post_init__(self) -> None:
        for day in (self.first, self.last):
            if day is not None and not _DAY.match(day):
                raise ValueError(f"{day!r} is not an ISO day (YYYY-MM-DD)")
        if self.clock not in (EVENT, REPORT):
            raise ValueError(f"no clock called {self.clock!r}")

    @property
    def everything(self) -> bool:
        """Whether the window lets every statement through (then the queries carry no filter)."""
        return self.first is None and self.last is None and self.include_undated

    @property
    def keeps_undated(self) -> bool:
        """Whether statements with no date (and bare triples, which have none) may pass."""
        return self.include_undated


EVERYTHING = ServerWindow()


def server_window(date_from: str | None, date_to: str | None, clock: str = EVENT,
                  include_undated: bool = True) -> ServerWindow:
    """The window of the filters' dates (YYYY, YYYY-MM or YYYY-MM-DD; a partial date is its whole interval);
    an unreadable date leaves that side open, as the local filters do."""
    first = last = None
    try:
        low, high = time_window(date_from, date_to)
    except ValueError:
        return ServerWindow(clock if clock in (EVENT, REPORT) else EVENT, None, None, include_undated)
    if date_from:
        first = date.fromordinal(low).isoformat()
    if date_to:
        last = date.fromordinal(high).isoformat()
    return ServerWindow(clock if clock in (EVENT, REPORT) else EVENT, first, last, include_undated)


def _lit(day: str) -> str:
    assert _DAY.match(day)  # (checked when the window was made)
    return f'"{day}"'


def _overlaps(start: str, end: str, w: ServerWindow) -> list[str]:
    """Conditions that the period from ``start`` to ``end`` (SPARQL expressions of date texts) overlaps
    the window: it starts by the last day and ends on or after the first."""
    found = []
    if w.last is not None:
        found.append(f"{start} <= {_lit(w.last)}")
    if w.first is not None:
        found.append(f'CONCAT({end}, "~") >= {_lit(w.first)}')
    return found


def _all(conditions: list[str]) -> str:
    return "(" + " && ".join(conditions) + ")" if conditions else "true"


def statement_filter(w: ServerWindow, st: str = "?st") -> str:
    """Graph patterns (OPTIONALs and a FILTER) keeping the statements ``st`` in the window; '' for
    :data:`EVERYTHING`. Placed after the patterns that bind ``st``, inside the same group, in a query that
    projects the statements DISTINCT (a statement may pass in several rows: one per date or passage)."""
    if w.everything:
        return ""
    if w.clock == EVENT:
        event = _all(["BOUND(?wDate)", *_overlaps("STR(?wDate)", "STR(?wDate)", w)])
        period = ["!BOUND(?wDate)", "(BOUND(?wStart) || BOUND(?wEnd))"]  # open on a missing side
        if w.last is not None:
            period.append(f"(!BOUND(?wStart) || STR(?wStart) <= {_lit(w.last)})")
        if w.first is not None:
            period.append(f'(!BOUND(?wEnd) || CONCAT(STR(?wEnd), "~") >= {_lit(w.first)})')
        either = [event, _all(period)]
        if w.include_undated:
            either.append("(!BOUND(?wDate) && !BOUND(?wStart) && !BOUND(?wEnd))")
        return (f"OPTIONAL {{ {st} cx:eventDate ?wDate }} OPTIONAL {{ {st} cx:startDate ?wStart }} "
                f"OPTIONAL {{ {st} cx:endDate ?wEnd }} FILTER({' || '.join(either)})")
    # report clock: the end of the article's publication date inside the window. Lookups from the bound
    # statement (nested OPTIONALs, one row per passage), not EXISTS: Oxigraph evaluates an EXISTS without
    # the outer binding, once per statement (27 s for a first screen of the 10k corpus, 0.1 s this way).
    # The statements are then projected DISTINCT by the query that uses the filter.
    known = ['CONCAT(STR(?wIssued), "~") >= ' + _lit(w.first)] if w.first is not None else []
    if w.last is not None:
        after = date.fromisoformat(w.last).toordinal() + 1
        day = _lit(date.fromordinal(after).isoformat()) if after <= date.max.toordinal() else None
        if day is not None:
            known.append(f"(STR(?wIssued) < {day} && !STRSTARTS({day}, STR(?wIssued)))")
    either = [_all(["BOUND(?wIssued)", *known])]
    if w.include_undated:
        either.append("!BOUND(?wAnn)")  # a statement without passages
        either.append("(BOUND(?wArt) && !BOUND(?wIssued))")  # a passage of an undated article
    return (f"OPTIONAL {{ ?wAnn oa:hasBody {st} . OPTIONAL {{ ?wAnn oa:hasTarget ?wT . ?wT oa:hasSource ?wArt . "
            f"OPTIONAL {{ ?wArt dcterms:issued ?wIssued }} }} }} FILTER({' || '.join(either)})")


def shell_window(as_of: str | None, date_from: str | None, date_to: str | None,
                 include_undated: bool = False) -> ServerWindow:
    """The window of the shell's time options for an endpoint's graph (``explorer --endpoint URL``):
    ``--as-of D`` is the report clock up to D, ``--from``/``--to`` the event clock; undated claims only with
    ``include_undated``, as ``explorer export`` does. Raises ValueError for a date that is not one, or for
    both clocks at once (the window has one)."""
    if as_of is not None and (date_from is not None or date_to is not None):
        raise ValueError("an endpoint's graph opens on one clock: --as-of, or --from/--to, not both")
    if as_of is None and date_from is None and date_to is None:
        return EVERYTHING
    time_window(as_of if as_of is not None else date_from, as_of if as_of is not None else date_to)  # (checked)
    if as_of is not None:
        return server_window(None, as_of, REPORT, include_undated)
    return server_window(date_from, date_to, EVENT, include_undated)
