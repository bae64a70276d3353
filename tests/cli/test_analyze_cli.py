"""`explorer analyze`: sections, JSON shape, and errors as one line."""

from __future__ import annotations

import json

import pytest

from explorer.cli import main


def test_analyze_json_has_triads_with_claims_blocs_and_metrics(capsys) -> None:
    assert main(["analyze", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["coded_claims"] > 50
    assert 0 <= data["balance_ratio"] <= 1
    assert data["unbalanced_triads"]
    for triad in data["unbalanced_triads"]:
        signs = [side["sign"] for side in triad["sides"]]
        assert signs[0] * signs[1] * signs[2] < 0
        assert all(side["claims"] for side in triad["sides"])
    armenia = next(r for r in data["metrics"] if r["label"] == "Armenia")
    assert armenia["claims"] > 10 and armenia["community"] is not None and armenia["bloc"] is not None
    bloc = {actor: b["bloc"] for b in data["blocs"] for actor in b["actors"]}
    frustrated = [t for t in data["signed_ties"] if t["sign"] and (bloc[t["a"]] == bloc[t["b"]]) == (t["sign"] < 0)]
    assert len(frustrated) == data["frustrated_ties"]
    assert {g["community"] for g in data["communities"]} == {r["community"] for r in data["metrics"]} - {None}


def test_analyze_prints_only_the_sections_asked_for(capsys) -> None:
    assert main(["analyze", "--centrality"]) == 0
    out = capsys.readouterr().out
    assert "betweenness" in out and "unbalanced triads" not in out and "communities:" not in out
    assert main(["analyze", "--balance", "--period", "2020"]) == 0
    out = capsys.readouterr().out
    assert "unbalanced triads" in out and "betweenness" not in out


def test_analyze_errors_are_one_line(capsys, tmp_path) -> None:
    assert main(["analyze", str(tmp_path / "missing.ttl")]) == 1
    assert capsys.readouterr().err.strip().count("\n") == 0
    with pytest.raises(SystemExit) as caught:
        main(["analyze", "--method", "girvan"])
    assert caught.value.code == 2
