"""The shell's time options: ``--as-of DATE``, ``--from DATE --to DATE`` and ``--include-undated``, for
``explorer export`` and ``explorer stats`` (and any command that selects claims: :func:`time_selection`).

Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a year or a month stands for its whole interval (see
:mod:`explorer.core.timeline`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.timeline import TimeSelection


class TimeUsageError(ExplorerError):
    """A time option that is not a date: a wrong command line (exit 2)."""


def add_time_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("time", "what was known on a date, and when things happened "
                                              "(dates: YYYY, YYYY-MM or YYYY-MM-DD; a year or month is its "
                                              "whole interval)")
    group.add_argument("--as-of", dest="as_of", metavar="DATE",
                       help="the graph as known on DATE: only passages from articles published on or before "
                            "it; a claim with none left is dropped")
    group.add_argument("--from", dest="date_from", metavar="DATE",
                       help="only claims whose event time (date or period) ends on or after DATE")
    group.add_argument("--to", dest="date_to", metavar="DATE",
                       help="only claims whose event time starts on or before DATE")
    group.add_argument("--include-undated", dest="include_undated", action="store_true",
                       help="keep undated claims (with --from/--to) and passages of undated articles "
                            "(with --as-of)")


def time_filtering(args: argparse.Namespace) -> bool:
    """Whether the command line names any time option."""
    return any(getattr(args, name, None) for name in ("as_of", "date_from", "date_to"))


def time_selection(args: argparse.Namespace, kb: Knowledge,
                   among: Iterable[str] | None = None) -> TimeSelection | None:
    """What the time options keep of ``among`` (all claims when None); None when no time option is set."""
    from explorer.core.timeline import select_in_time

    if not time_filtering(args):
        return None
    try:
        return select_in_time(kb.claims, kb.evidence, kb.articles, as_of=args.as_of, date_from=args.date_from,
                              date_to=args.date_to, include_undated=args.include_undated, among=among)
    except ValueError as exc:
        raise TimeUsageError(f"time option: {exc}") from None
