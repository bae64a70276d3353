"""`explorer analyze --change FROM1 TO1 FROM2 TO2`: the pairs that warmed or cooled most, with their claims."""

from __future__ import annotations

import json

import pytest

from explorer.cli import main


def test_change_json_ranks_pairs_with_their_claims(capsys, kb) -> None:
    assert main(["analyze", "--change", "1991", "2015", "2016", "2024", "--top", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["first"] == ["1991", "2015"] and data["pairs_compared"] >= len(data["warmed"]) + len(data["cooled"])
    assert 0 < len(data["warmed"]) <= 3 and 0 < len(data["cooled"]) <= 3
    changes = [r["change"] for r in data["warmed"]]
    assert changes == sorted(changes, reverse=True) and all(c > 0 for c in changes)
    assert all(r["change"] < 0 for r in data["cooled"])
    for row in data["warmed"] + data["cooled"]:
        assert row["claims_before"] and row["claims_after"]
        assert all(iri in kb.claims for iri in row["claims_before"] + row["claims_after"])
        assert row["change"] == pytest.approx(row["after"] - row["before"])
    labels = {tuple(r["labels"]) for r in data["warmed"]}
    assert ("Armenia", "Azerbaijan") in labels  # from war in 2014 to talks in 2016-2023


def test_change_text_and_bad_periods(capsys) -> None:
    assert main(["analyze", "--change", "1991", "2015", "2016", "2024"]) == 0
    out = capsys.readouterr().out
    assert "warmed most" in out and "cooled most" in out and "Armenia – Azerbaijan" in out
    assert main(["analyze", "--change", "2016", "2015", "2016", "2024"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ends before it begins" in err[0]
