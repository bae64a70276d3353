"""The pairs that warmed or cooled most between two periods, on a hand-made fixture."""

from __future__ import annotations

import pytest

from explorer.core.analysis.change import DyadChange, Period, dyad_changes, warmed_and_cooled
from explorer.core.analysis.coding import EventCategory, PredicateCode
from explorer.core.analysis.events import CodedClaim
from explorer.core.model import Claim

ASSAULT = PredicateCode("urn:p:attacks", EventCategory("urn:c:ASSAULT", "ASSAULT", 4, -10), "close")
ACCUSE = PredicateCode("urn:p:accuses", EventCategory("urn:c:ACCUSE", "ACCUSE", 3, -2), "close")
AGREE = PredicateCode("urn:p:agrees", EventCategory("urn:c:AGREE", "AGREE", 1, 4), "close")
AID = PredicateCode("urn:p:aids", EventCategory("urn:c:AID", "AID", 2, 7), "close")


def _coded(n: int, a: str, b: str, code: PredicateCode, date: str | None) -> CodedClaim:
    return CodedClaim(Claim(f"urn:claim:{n}", a, code.predicate, b), code, date, "event" if date else None)


FIXTURE = [
    # A-B: at war, then agreeing (warmed by 4 - (-10) = 14; both directions count)
    _coded(1, "A", "B", ASSAULT, "2014-05-02"), _coded(2, "B", "A", AGREE, "2020"),
    # A-C: aid, then accusations and an attack (cooled: (-2 - 10) / 2 - 7 = -13)
    _coded(3, "C", "A", AID, "2015-12"), _coded(4, "A", "C", ACCUSE, "2019-01-01"),
    _coded(5, "C", "A", ASSAULT, "2021-07-30"),
    # B-C: agreeing in both (no change)
    _coded(6, "B", "C", AGREE, "2013"), _coded(7, "C", "B", AGREE, "2019"),
    # C-D: only in the second period; E-F: undated (both left out)
    _coded(8, "C", "D", ASSAULT, "2020"), _coded(9, "E", "F", AID, None),
    # outside both periods
    _coded(10, "A", "B", AID, "2030"),
]


def test_the_ranking_on_the_fixture() -> None:
    rows = dyad_changes(FIXTURE, Period("2010", "2015"), Period("2019", "2021-12"))
    assert [(r.a, r.b, r.change) for r in rows] == [("A", "B", 14.0), ("B", "C", 0.0), ("A", "C", -13.0)]
    ab = rows[0]
    assert (ab.before, ab.after, ab.claims_before, ab.claims_after) == (-10.0, 4.0, ("urn:claim:1",),
                                                                          ("urn:claim:2",))
    assert rows[2].claims_after == ("urn:claim:4", "urn:claim:5")
    warmed, cooled = warmed_and_cooled(rows)
    assert [(r.a, r.b) for r in warmed] == [("A", "B")] and [(r.a, r.b) for r in cooled] == [("A", "C")]


def test_warmed_and_cooled_keep_the_top_each_way() -> None:
    rows = [DyadChange(f"a{i}", "z", 0.0, float(i - 5), (), ()) for i in range(11)]
    rows.sort(key=lambda r: -r.change)
    warmed, cooled = warmed_and_cooled(rows, top=2)
    assert [r.change for r in warmed] == [5.0, 4.0] and [r.change for r in cooled] == [-5.0, -4.0]


def test_periods_are_inclusive_at_any_precision_and_checked() -> None:
    period = Period("2016", "2019-06")
    assert period.holds("2016-01-01") and period.holds("2019-06-30") and period.holds("2019-06")
    assert not period.holds("2019-07-01") and not period.holds("2015-12-31") and not period.holds(None)
    for bad in (("2016", "2015"), ("20x6", "2017"), ("2016-13", "2017"), ("2016", "2017-1")):
        with pytest.raises(ValueError):
            Period(*bad)
