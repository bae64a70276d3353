"""Paging past a store's result cap, on the query text and with a store stand-in that cuts answers."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from explorer.core.remote import paging
from explorer.core.store import Row


def test_an_answer_of_a_round_number_of_rows_short_of_what_was_asked_looks_cut() -> None:
    assert paging.looks_capped(10_000, 10_001)
    assert paging.looks_capped(10_000)
    assert not paging.looks_capped(10_001, 10_001)  # all that was asked: not cut (a page more is asked)
    assert not paging.looks_capped(9_999, 10_001)
    assert not paging.looks_capped(0)


def test_a_page_keeps_the_query_s_own_order_or_adds_one_in_a_sub_select() -> None:
    own = ("PREFIX ex: <https://example.org/>\n"
           "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ex:p ?b } GROUP BY ?a ORDER BY DESC(?n) ?a")
    page = paging.ordered_page(own, "?a ?n", 10, 20)
    assert page.startswith("PREFIX ex: <https://example.org/>\nSELECT ?a ?n WHERE { {")
    assert page.count("ORDER BY") == 1 and page.endswith("} } LIMIT 10 OFFSET 20")
    plain = paging.ordered_page("SELECT DISTINCT ?s ?o WHERE { ?s ?p ?o }", "?s ?o", 5, 0)
    assert "ORDER BY ?s ?o } } LIMIT 5 OFFSET 0" in plain


@pytest.mark.parametrize("cap", [7_000, 1_000])
def test_every_row_arrives_from_a_store_that_cuts_at_its_cap(cap: int) -> None:
    """A real query engine (Oxigraph) behind a stand-in for the cap: each answer cut to ``cap`` rows."""
    store = ox.Store()
    ex = "https://example.org/"
    store.extend(ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p"), ox.Literal(str(i)))
                 for i in range(12_345))
    asked: list[str] = []

    def fetch(query: str) -> list[Row]:
        asked.append(query)
        solutions = store.query(query)
        names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        rows: list[Row] = [{n: (t.value if t is not None else None) for n, t in zip(names, sol, strict=True)}
                           for sol in solutions]  # type: ignore[union-attr]
        return rows[:cap]

    rows = paging.every_row(fetch, f"SELECT ?s ?o WHERE {{ ?s <{ex}p> ?o }}", "?s ?o")
    assert len(rows) == 12_345 and len({r["s"] for r in rows}) == 12_345
    assert len(asked) > 2  # the first answer looked cut, and pages followed
