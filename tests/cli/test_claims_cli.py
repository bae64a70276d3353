"""`explorer claims`, the plain-triple rule of `explorer validate`, and the weight in network exports."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from explorer.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLAIM = "https://w3id.org/caucasus-explorer/claim/"


def _claims(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["claims", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_three_publishers_give_two_sources_contested_and_credibility_3(capsys) -> None:
    [record] = _claims(capsys, str(FIXTURES / "weigh-three-publishers.ttl"))
    assert record["iri"] == CLAIM + "Armenia_memberOf_CSTO"
    assert (record["passages"], record["against"], record["independent_sources"]) == (3, 1, 2)
    assert record["contested"] and record["strongest_factuality"] == "asserted"
    assert record["credibility"] == 3 and record["rank"] == "normal"
    assert record["labels"] == {"subject": "Armenia", "predicate": "member of", "object": "CSTO"}


def test_russia_leads_csto_on_the_bundled_data(capsys) -> None:
    records = {r["iri"]: r for r in _claims(capsys, "--actor", "CSTO")}
    assert records[CLAIM + "Russia_leads_CSTO"]["independent_sources"] == 2
    assert all(CLAIM in iri for iri in records)


def test_the_text_form_and_an_unknown_actor(capsys) -> None:
    assert main(["claims", str(FIXTURES / "weigh-three-publishers.ttl")]) == 0
    out = capsys.readouterr().out
    assert "3 passages (1 against) · 2 independent sources · asserted · credibility 3" in out
    assert main(["claims", "--actor", "Atlantis"]) == 1
    assert "no actor named 'Atlantis'" in capsys.readouterr().err


def test_validate_refuses_a_plain_triple_no_passage_asserts(capsys) -> None:
    path = FIXTURES / "weigh-hedged-plain.ttl"
    assert main(["validate", "--no-shacl", str(path)]) == 1
    out = capsys.readouterr().out
    assert "claim:Armenia_memberOf_CSTO" in out and "plain triple" in out and str(path) in out
    assert main(["validate", "--no-shacl", str(FIXTURES / "weigh-three-publishers.ttl")]) == 0


def test_graphml_edges_carry_the_weight(tmp_path: Path) -> None:
    out = tmp_path / "w.graphml"
    assert main(["export", str(FIXTURES / "weigh-three-publishers.ttl"), "-o", str(out)]) == 0
    [(_u, _v, data)] = nx.read_graphml(out).edges(data=True)
    assert (data["passages"], data["independent_sources"], data["credibility"], data["contested"]) == (3, 2, 3, True)


def test_claims_as_of_a_date_weigh_only_what_was_known_then(capsys) -> None:
    """As of the end of 2016 only the 2014 and 2016 articles count: Russia's lead of the CSTO has one source
    and credibility 2; the 2023 article makes it two independent sources, confirmed."""
    import json

    from explorer.cli import main

    assert main(["claims", "--as-of", "2016-12-31", "--json"]) == 0
    then = {r["iri"].rsplit("/", 1)[1]: r for r in json.loads(capsys.readouterr().out)}
    assert main(["claims", "--json"]) == 0
    now = {r["iri"].rsplit("/", 1)[1]: r for r in json.loads(capsys.readouterr().out)}
    assert (then["Russia_leads_CSTO"]["independent_sources"], then["Russia_leads_CSTO"]["credibility"]) == (1, 2)
    assert (now["Russia_leads_CSTO"]["independent_sources"], now["Russia_leads_CSTO"]["credibility"]) == (2, 1)
    assert set(then) < set(now)
    assert main(["claims", "--from", "2020", "--to", "2020", "--json"]) == 0
    in_2020 = json.loads(capsys.readouterr().out)
    assert in_2020 and {r["iri"] for r in in_2020} <= {r["iri"] for r in now.values()}
    assert main(["claims", "--as-of", "someday"]) == 2


def _made_by_two(tmp_path: Path) -> Path:
    copy = tmp_path / "made.ttl"
    copy.write_text((FIXTURES / "weigh-contrary.ttl").read_text(encoding="utf-8")
                    + "evidence:w1-1 dcterms:creator agent:curators .\n"
                      "evidence:w3-1 dcterms:creator agent:analyst-jane .\n", encoding="utf-8")
    return copy


def test_claims_and_export_by_who_made_them(capsys, tmp_path: Path) -> None:
    made = str(_made_by_two(tmp_path))
    assert [r["iri"] for r in _claims(capsys, made, "--creator", "analyst-jane")] == [
        CLAIM + "Armenia_inConflictWith_Russia"]
    assert [r["iri"] for r in _claims(capsys, made, "--creator", "curators", "--creator", "analyst-jane")] == [
        CLAIM + "Armenia_alliedWith_Russia", CLAIM + "Armenia_inConflictWith_Russia"]
    out = tmp_path / "curators.graphml"
    assert main(["export", made, "--creator", "curators", "-o", str(out)]) == 0
    graph = nx.read_graphml(out)
    assert [d["id"] for _s, _t, d in graph.edges(data=True)] == [CLAIM + "Armenia_alliedWith_Russia"]
    capsys.readouterr()
    assert main(["claims", made, "--creator", "bob"]) == 1
    err = capsys.readouterr().err
    assert "no creator named 'bob'" in err and "analyst-jane (1)" in err and "Traceback" not in err


def _line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def test_validate_names_the_file_and_line_of_a_passage_without_factuality(capsys, tmp_path: Path) -> None:
    """valid.ttl's passage says nothing of how surely it states its claim: a warning (it counts as asserted),
    so validation passes, naming the annotation's file and line; written with a full IRI, it is found too."""
    path = FIXTURES / "valid.ttl"
    assert main(["validate", "--no-shacl", str(path)]) == 0
    out = capsys.readouterr().out
    line = _line_of(path, "evidence:fx-1 ")
    assert f"warning: [weight] evidence:fx-1: the passage records no cx:factuality ({path}, line {line})" in out
    assert "no errors, 1 warning(s)" in out
    spelled = tmp_path / "spelled.ttl"
    spelled.write_text("\n\n" + path.read_text(encoding="utf-8").replace(
        "evidence:fx-1 a", "<https://w3id.org/caucasus-explorer/evidence/fx-1> a"), encoding="utf-8")
    assert main(["validate", "--no-shacl", str(spelled)]) == 0
    assert f"({spelled}, line {line + 2})" in capsys.readouterr().out
    assert main(["validate", "--no-shacl", str(FIXTURES / "weigh-three-publishers.ttl")]) == 0
    assert "no problems" in capsys.readouterr().out  # every passage says how surely


def test_validate_names_the_line_of_a_plain_triple_no_passage_asserts(capsys) -> None:
    path = FIXTURES / "weigh-hedged-plain.ttl"
    assert main(["validate", "--no-shacl", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"is asserted in {path} line {_line_of(path, 'actor:Armenia cx:memberOf actor:CSTO')}," in out
