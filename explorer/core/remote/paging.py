"""Reading every row of a SELECT from a store that cuts its answers at a result cap.

Virtuoso's stock ``ResultSetMaxRows`` (10,000) cuts an answer with no error and no header saying so:
a query asking ``LIMIT 10001`` gets 10,000 rows, exactly what a complete answer of 10,000 rows looks
like. Other stores can be configured with caps too, and they are round numbers. So an answer of a
round number of rows (a multiple of :data:`CAP_STEP`, short of what was asked) is read again in pages
of a stable order; a false alarm costs one more request, a missed cap would cost the user's data.

The order sits in a sub-select and the page outside it: Virtuoso refuses a sorted ``LIMIT``/``OFFSET``
beyond its cap ("Sorted TOP clause specifies more then 20000 rows").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from explorer.core.remote import sparql
from explorer.core.store import Row

#: Result caps are round numbers: Virtuoso's 10,000, and whatever an administrator sets.
CAP_STEP = 1_000

_SELECT = re.compile(r"^\s*SELECT\b", re.IGNORECASE | re.MULTILINE)
#: An ORDER BY of the query's own, after its last closing brace.
_OWN_ORDER = re.compile(r"\bORDER\s+BY\b[^}]*$", re.IGNORECASE)


def looks_capped(rows: int, asked: int | None = None) -> bool:
    """Whether ``rows`` rows (of ``asked``, when the query had a LIMIT) may have been cut by a cap."""
    return rows >= CAP_STEP and rows % CAP_STEP == 0 and (asked is None or rows < asked)


def ordered_page(query: str, columns: str, limit: int, offset: int) -> str:
    """``query`` (a SELECT without LIMIT, with its PREFIX prologue) as one page of a stable order: its own
    ORDER BY when it has one (which must then be total), else the order of ``columns``."""
    found = _SELECT.search(query)
    if found is None:
        raise ValueError("not a SELECT query")
    prologue, select = query[:found.start()], query[found.start():].strip()
    names = " ".join(sparql.variable(c.lstrip("?")) for c in columns.split())
    ordered = select if _OWN_ORDER.search(select) else f"{select} ORDER BY {names}"
    return (f"{prologue}SELECT {names} WHERE {{ {{ {ordered} }} }} "
            f"LIMIT {sparql.integer(limit)} OFFSET {sparql.integer(offset)}")


def read_pages(fetch: Callable[[str], list[Row]], query: str, columns: str, page_size: int) -> list[Row]:
    """Every row of ``query``, page by page: a page shorter than asked ends the reading, unless it looks
    cut by a lower cap, when the next page starts where it ended (and pages shrink to the cap); an empty
    page always ends it."""
    everything: list[Row] = []
    offset, size = 0, page_size
    while True:
        rows = fetch(ordered_page(query, columns, size, offset))
        everything.extend(rows)
        if not rows or (len(rows) < size and not looks_capped(len(rows), size)):
            return everything
        offset += len(rows)
        size = min(size, len(rows))


def every_row(fetch: Callable[[str], list[Row]], query: str, columns: str, page_size: int = 10_000) -> list[Row]:
    """Every row of ``query`` (no LIMIT of its own): in one request when the answer cannot have been cut,
    else page by page."""
    rows = fetch(query)
    if not looks_capped(len(rows)):
        return rows
    return read_pages(fetch, query, columns, page_size)
