"""Time semantics: dates of mixed precision as closed intervals, claims' event intervals, "as of" report
time, and the bisection index that answers a moving window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.model import Article, Claim, Evidence
from explorer.core.timeline import (
    FIRST_DAY,
    LAST_DAY,
    TimeIndex,
    claim_interval,
    interval,
    known_passages,
    overlaps,
    select_in_time,
    when,
    window,
)


def day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def claim(iri: str, event: str | None = None, start: str | None = None, end: str | None = None,
          evidence: tuple[str, ...] = ()) -> Claim:
    return Claim(iri, "s", "p", "o", event, evidence, True, start, end)


def test_a_year_or_month_is_its_whole_interval_never_a_first_day() -> None:
    assert interval("2016") == (day("2016-01-01"), day("2016-12-31"))
    assert interval("2020-02") == (day("2020-02-01"), day("2020-02-29"))
    assert interval("2020-10-10") == (day("2020-10-10"),) * 2
    assert interval("2020-10-10T08:00:00Z") == (day("2020-10-10"),) * 2
    for bad in (None, "", "sometime", "2020-13", "2021-02-30", "0000"):
        assert interval(bad) is None


years = st.integers(min_value=1900, max_value=2100)


@given(years, st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=30))
def test_a_gyear_claim_is_inside_every_window_within_its_year_and_outside_the_next(year: int, month: int,
                                                                                   offset: int) -> None:
    gyear = claim("c", event=str(year))
    span = claim_interval(gyear)
    assert span is not None
    inside = interval(f"{year}-{month:02d}")
    assert inside is not None and overlaps(span, inside)
    some_day = date(year, month, 1) + timedelta(days=offset)
    if some_day.year == year:
        assert overlaps(span, (some_day.toordinal(),) * 2)
    assert not overlaps(span, window(str(year + 1), str(year + 1)))
    assert not overlaps(span, window(None, f"{year - 1}-12-31"))


def test_the_issues_example_2016_is_in_2016_06_not_in_2017() -> None:
    span = claim_interval(claim("c", event="2016"))
    assert span is not None
    assert overlaps(span, window("2016-06", "2016-06"))
    assert not overlaps(span, window("2017", "2017"))


@given(st.lists(st.tuples(years, years), max_size=40), years, years, years, years)
def test_the_index_agrees_with_a_plain_overlap_test(spans: list[tuple[int, int]], a: int, b: int, c: int,
                                                    d: int) -> None:
    intervals: dict[str, tuple[int, int] | None] = {
        f"c{i}": window(str(min(x, y)), str(max(x, y))) for i, (x, y) in enumerate(spans)}
    intervals["undated"] = None
    index = TimeIndex(intervals)
    old, new = window(str(min(a, b)), str(max(a, b))), window(str(min(c, d)), str(max(c, d)))
    expected_old = {i for i, s in intervals.items() if s is not None and overlaps(s, old)}
    expected_new = {i for i, s in intervals.items() if s is not None and overlaps(s, new)}
    assert index.inside(*old) == expected_old
    assert index.inside(*new) == expected_new
    assert index.count_outside(*new) == len(spans) - len(expected_new)
    entered, left = index.changes(old, new)
    assert entered == expected_new - expected_old
    assert left == expected_old - expected_new
    assert index.undated == ("undated",)


def test_a_period_is_open_ended_on_a_missing_side() -> None:
    assert claim_interval(claim("c", start="2008")) == (day("2008-01-01"), LAST_DAY)
    assert claim_interval(claim("c", end="2020-11")) == (FIRST_DAY, day("2020-11-30"))
    assert claim_interval(claim("c", start="2008", end="2020")) == (day("2008-01-01"), day("2020-12-31"))
    assert claim_interval(claim("c", event="2016-04", start="2008")) == (day("2016-04-01"), day("2016-04-30"))
    assert claim_interval(claim("c")) is None
    assert [when(claim("c", start="2008")), when(claim("c", end="2020")), when(claim("c", start="2008", end="2020")),
            when(claim("c", event="2020-10")), when(claim("c"))] == \
        ["since 2008", "until 2020", "2008 – 2020", "2020-10", "undated"]


def test_as_of_keeps_passages_known_by_then_and_drops_claims_with_none_left() -> None:
    articles = {"a14": Article("a14", "t", date="2014-06-23"), "a20": Article("a20", "t", date="2020-10"),
                "nodate": Article("nodate", "t")}
    evidence = {"e1": Evidence("e1", "c1", "a14", "x"), "e2": Evidence("e2", "c1", "a20", "x"),
                "e3": Evidence("e3", "c2", "a20", "x"), "e4": Evidence("e4", "c3", "nodate", "x")}
    claims = {"c1": claim("c1", evidence=("e1", "e2")), "c2": claim("c2", evidence=("e3",)),
              "c3": claim("c3", evidence=("e4",)), "bare": claim("bare")}
    # an article dated to a month is known once its whole month has passed
    assert known_passages(evidence, articles, "2020-10-15") == {"e1"}
    assert known_passages(evidence, articles, "2020-10") == {"e1", "e2", "e3"}
    picked = select_in_time(claims, evidence, articles, as_of="2016-12-31")
    assert picked.claims == ("c1",) and picked.passages == {"e1"}
    assert select_in_time(claims, evidence, articles, as_of="2016", include_undated=True).claims == ("c1", "c3")


def test_a_window_keeps_overlapping_claims_and_undated_ones_only_when_asked() -> None:
    claims = {"in": claim("in", event="2020-10-10"), "period": claim("period", start="2008"),
              "out": claim("out", event="2019"), "undated": claim("undated")}
    assert select_in_time(claims, {}, {}, date_from="2020-01-01", date_to="2020-12-31").claims == ("in", "period")
    assert select_in_time(claims, {}, {}, date_from="2020", include_undated=True).claims == \
        ("in", "period", "undated")
    with pytest.raises(ValueError, match="not a date"):
        select_in_time(claims, {}, {}, date_from="last year")


def test_a_periods_start_and_end_are_loaded_into_the_claim(tmp_path) -> None:
    from explorer.core.loading import load_knowledge

    data = tmp_path / "period.ttl"
    data.write_text("""@prefix cx: <https://w3id.org/caucasus-explorer/vocab#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:x:armenia> cx:memberOf <urn:x:csto> .
<urn:x:st> a rdf:Statement ; rdf:subject <urn:x:armenia> ; rdf:predicate cx:memberOf ; rdf:object <urn:x:csto> ;
    cx:startDate "1992"^^xsd:gYear ; cx:endDate "2024-02"^^xsd:gYearMonth .
""", encoding="utf-8")
    for store_kind in ("oxigraph", "rdflib"):
        kb = load_knowledge([data], store_kind=store_kind)
        found = kb.claims["urn:x:st"]
        assert (found.start_date, found.end_date, found.event_date) == ("1992", "2024-02", None)
        assert when(found) == "1992 – 2024-02"
