"""The explorer command as a user runs it: exit codes, messages, files written."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from explorer.cli import main, suggested_command
from explorer.core.compare import isomorphic
from explorer.core.errors import ExplorerError
from explorer.core.export import EXPORT_FORMATS, export_to
from explorer.core.knowledge import KnowledgeBase
from explorer.resources import vocabulary_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CX = rdflib.Namespace("https://w3id.org/caucasus-explorer/vocab#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
EXPORT_EXTENSIONS = (".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".graphml", ".gexf")


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("explorer ")
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "--actor" in capsys.readouterr().out


def test_export_writes_the_whole_graph(tmp_path: Path, kb: KnowledgeBase, capsys) -> None:
    out = tmp_path / "graph.ttl"
    assert main(["export", "-o", str(out)]) == 0
    graph = rdflib.Graph().parse(out, format="turtle")
    assert isomorphic(graph, kb.store.to_rdflib())
    assert len(set(graph.subjects(rdflib.RDF.type, OA.Annotation))) == len(kb.evidence)
    assert len(set(graph.subjects(rdflib.RDF.type, rdflib.RDF.Statement))) == len(kb.claims)
    assert len(set(graph.subjects(CX.seedFile, None))) == 5
    assert "wrote" in capsys.readouterr().err


def test_export_of_one_actor_to_stdout(capsysbinary) -> None:
    assert main(["export", "--actor", "CSTO", "--format", "ntriples"]) == 0
    data = capsysbinary.readouterr().out
    graph = rdflib.Graph().parse(data=data, format="nt")
    statements = set(graph.subjects(rdflib.RDF.type, rdflib.RDF.Statement))
    csto = rdflib.URIRef("https://w3id.org/caucasus-explorer/actor/CSTO")
    assert statements and all(csto in (graph.value(s, rdflib.RDF.subject), graph.value(s, rdflib.RDF.object))
                              for s in statements)


def test_export_network_format_from_extension(tmp_path: Path) -> None:
    out = tmp_path / "graph.gexf"
    assert main(["export", "-o", str(out)]) == 0
    assert b"<gexf" in out.read_bytes()[:400]


def test_validate_passes_on_bundled_data(capsys) -> None:
    assert main(["validate"]) == 0
    assert "no problems" in capsys.readouterr().out


@pytest.mark.parametrize(("fixture", "words"), [
    ("broken-offsets.ttl", "is not at offsets"),
    ("broken-boilerplate.ttl", "outside the article body"),
    ("broken-missing-article.ttl", "not a known article"),
    ("broken-no-evidence.ttl", "has no evidence"),
])
def test_validate_fails_clearly_on_broken_fixtures(fixture: str, words: str, capsys) -> None:
    assert main(["validate", str(FIXTURES / fixture), "--no-shacl"]) == 1
    captured = capsys.readouterr()
    assert words in captured.out
    assert "failed" in captured.err and fixture in captured.err


@pytest.mark.parametrize(("argv", "words"), [
    (["export", "no-such-file.ttl"], "no-such-file.ttl: no such file"),
    (["validate", str(FIXTURES / "malformed.ttl")], "malformed.ttl, line 5"),
    (["export", "--actor", "Narnia"], "no actor named 'Narnia'"),
    (["stats", str(FIXTURES / "valid.ttl"), "--input-format", "yaml"], "unknown RDF format 'yaml'"),
])
def test_user_errors_are_one_clear_line(argv: list[str], words: str, capsys) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_unknown_format_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", "--format", "yaml"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_stats_counts_by_type(capsys) -> None:
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "actors by type:" in out and "country" in out and "claims by category:" in out


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "explorer", "stats", str(FIXTURES / "valid.ttl")],
                            capture_output=True, text=True, cwd=tmp_path, env={**os.environ}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "claims: 1" in result.stdout.replace("  ", " ").replace("  ", " ")


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_exported_files_get_the_users_permissions(tmp_path: Path, umask: int, fmt: str) -> None:
    out = tmp_path / f"graph{EXPORT_FORMATS[fmt].extension}"
    assert main(["export", str(FIXTURES / "valid.ttl"), "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o604)
    assert main(["export", str(FIXTURES / "valid.ttl"), "-o", str(out), "--format", fmt]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o604  # a replaced file keeps its own


@pytest.mark.parametrize("name", ["graph.xyz", "graph"])
def test_an_unknown_output_extension_is_a_usage_error(tmp_path: Path, name: str, capsys) -> None:
    out = tmp_path / name
    assert main(["export", str(FIXTURES / "valid.ttl"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("explorer: error: ") and err.count("\n") == 1 and "Traceback" not in err
    for extension in EXPORT_EXTENSIONS:
        assert extension in err
    assert "--format" in err
    assert not out.exists()
    assert main(["export", str(FIXTURES / "valid.ttl"), "-o", str(out), "--format", "ntriples"]) == 0
    assert rdflib.Graph().parse(out, format="nt")


def test_the_core_refuses_to_guess_an_export_format(kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(ExplorerError, match=r"\.xyz.*\.graphml"):
        export_to(kb, tmp_path / "graph.xyz")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("typo", "command"), [("valdiate", "validate"), ("exprot", "export"), ("stat", "stats")])
def test_a_mistyped_command_gets_a_suggestion(typo: str, command: str, capsys) -> None:
    assert main([typo]) == 2
    err = capsys.readouterr().err
    assert err == f"explorer: error: unknown command '{typo}' (did you mean '{command}'?)\n"


@pytest.mark.parametrize("path", ["valdiate.ttl", "data/valdiate", "my-notes"])
def test_a_missing_file_is_still_a_missing_file(path: str, capsys) -> None:
    assert main([path]) == 1
    err = capsys.readouterr().err
    assert err == f"explorer: error: {path}: no such file\n"


def test_a_file_named_like_a_typo_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert suggested_command("valdiate") == "validate"
    (tmp_path / "valdiate").write_text("# a file the user named so\n")
    monkeypatch.chdir(tmp_path)
    assert suggested_command("valdiate") is None  # `explorer valdiate` opens it in the window


def _section(out: str, header: str) -> list[str]:
    """The lines of one section of `explorer stats` (up to the next blank line)."""
    lines = out.split(header + "\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return [line for line in lines if line.strip()]


def test_stats_lists_every_actor_with_all(kb: KnowledgeBase, capsys) -> None:
    assert main(["stats"]) == 0
    top = _section(capsys.readouterr().out, "most connected actors:")
    assert len(top) == 11 and "stats --all" in top[-1] and f"{len(kb.actors) - 10} more" in top[-1]
    assert main(["stats", "--all"]) == 0
    listed = _section(capsys.readouterr().out, "most connected actors:")
    assert len(listed) == len(kb.actors)
    assert {line.rsplit(None, 1)[0].strip() for line in listed} == {a.label for a in kb.actors.values()}
    assert main(["export", "--actor", "Narnia"]) == 1
    assert "explorer stats --all" in capsys.readouterr().err  # where the error sends users for the list


def test_stats_prints_whole_titles(kb: KnowledgeBase, capsys) -> None:
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert max(len(a.title) for a in kb.articles.values()) > 60
    for article in kb.articles.values():
        assert f"  {article.title} " in out


def test_stats_counts_the_files_triples_apart_from_the_vocabulary(tmp_path: Path, capsys) -> None:
    vocabulary = len(rdflib.Graph().parse(vocabulary_file()))
    three = tmp_path / "three.nt"
    three.write_text("<urn:x:a> <urn:x:knows> <urn:x:b> .\n<urn:x:b> <urn:x:knows> <urn:x:c> .\n"
                     '<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n')
    assert main(["stats", str(three)]) == 0
    assert f"triples: 3 (+ {vocabulary} of the vocabulary)" in capsys.readouterr().out
    valid = len(rdflib.Graph().parse(FIXTURES / "valid.ttl"))
    assert main(["stats", str(FIXTURES / "valid.ttl"), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert (counts["triples"], counts["vocabulary_triples"]) == (valid, vocabulary)
    assert main(["stats", str(vocabulary_file()), "--json"]) == 0  # the vocabulary named is the user's
    named = json.loads(capsys.readouterr().out)
    assert (named["triples"], named["vocabulary_triples"]) == (vocabulary, 0)


def test_stats_json_has_the_documented_shape(kb: KnowledgeBase, capsys) -> None:
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["files"] == [] and stats["bundled"] is True
    assert stats["triples"] + stats["vocabulary_triples"] == len(kb.store)
    for key in ("actors", "claims", "annotations", "articles", "relations"):
        assert stats[key] == kb.summary()[key]
    assert sum(stats["actors_by_type"].values()) == len(kb.actors)
    assert sum(stats["claims_by_category"].values()) == len(kb.claims)
    assert {a["title"] for a in stats["claims_by_article"]} == {a.title for a in kb.articles.values()}
    actors = stats["most_connected_actors"]
    assert len(actors) == len(kb.actors)
    assert actors[0] == {"iri": actors[0]["iri"], "label": kb.actors[actors[0]["iri"]].label,
                         "claims": kb.degree(actors[0]["iri"])}
    assert [a["claims"] for a in actors] == sorted((a["claims"] for a in actors), reverse=True)


@pytest.mark.parametrize("actor", [None, "Russia"], ids=["whole", "one-actor"])
def test_a_turtle_export_is_byte_identical_from_one_load_to_the_next(tmp_path: Path, actor: str | None) -> None:
    """Two processes, two loads (new blank node names each time), the same Turtle bytes: written like Save,
    claims with their evidence; and the same graph as the fast dump."""
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"export{n}.ttl"
        subprocess.run([sys.executable, "-m", "explorer", "export", "-o", str(out),
                        *(["--actor", actor] if actor else [])], check=True, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    text = outputs[0].decode("utf-8")
    assert text.startswith("@prefix cx:") and "\nclaim:Russia_leads_CSTO a rdf:Statement ;" in text
    if actor is None:
        from explorer.core.export import serialize
        from explorer.core.loading import load_knowledge

        kb = load_knowledge([])
        dumped = serialize(kb, "ntriples")  # Oxigraph's own dump
        assert isomorphic(rdflib.Graph().parse(data=text, format="turtle"),
                          rdflib.Graph().parse(data=dumped, format="nt"))


def test_gexf_and_graphml_carry_the_picture(tmp_path: Path, kb: KnowledgeBase) -> None:
    """Gephi opens the export laid out and coloured as the window draws it: GEXF viz:position, viz:size and
    viz:color on every actor and a viz:color on every claim; GraphML x, y, size and color (read back by
    networkx); positions the default layout's with the y axis turned up."""
    import xml.etree.ElementTree as ET

    import networkx as nx

    from explorer.core.palette import category_hex, kind_hex
    from explorer.core.placement import default_layout

    layout = default_layout(kb)
    assert main(["export", "-o", str(tmp_path / "g.gexf")]) == 0
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    russia = gexf.nodes["https://w3id.org/caucasus-explorer/actor/Russia"]["viz"]
    x, y = layout["https://w3id.org/caucasus-explorer/actor/Russia"]
    assert (russia["position"]["x"], russia["position"]["y"]) == (round(x, 3), round(-y, 3))
    assert (russia["color"]["r"], russia["color"]["g"], russia["color"]["b"]) == tuple(
        int(kind_hex("country")[i:i + 2], 16) for i in (1, 3, 5))
    assert all("viz" in data for _n, data in gexf.nodes(data=True))
    viz = "{http://www.gexf.net/1.2draft/viz}color"
    edges = ET.parse(tmp_path / "g.gexf").getroot().iter("{http://www.gexf.net/1.2draft}edge")
    coloured = {e.get("id"): e.find(viz) for e in edges}
    assert coloured and all(c is not None for c in coloured.values())
    claim = kb.claims["https://w3id.org/caucasus-explorer/claim/Russia_leads_CSTO"]
    red = category_hex(kb.relations[claim.predicate].category)
    assert coloured[claim.iri].get("r") == str(int(red[1:3], 16))

    assert main(["export", "-o", str(tmp_path / "g.graphml")]) == 0
    graphml = nx.read_graphml(tmp_path / "g.graphml")
    node = graphml.nodes["https://w3id.org/caucasus-explorer/actor/Russia"]
    assert (node["x"], node["y"], node["color"]) == (round(x, 3), round(-y, 3), kind_hex("country"))
    assert node["size"] > 0


def test_a_subset_export_asserts_no_plain_triple_the_passages_do_not_state_as_fact(capsysbinary) -> None:
    """Armenia's membership of the Customs Union is only planned ("soon"): an export of Armenia's claims keeps
    its rdf:Statement and passage but not the plain triple, which RDF would read as a fact."""
    assert main(["export", "--actor", "Armenia", "-f", "turtle"]) == 0
    graph = rdflib.Graph().parse(data=capsysbinary.readouterr().out, format="turtle")
    a = "https://w3id.org/caucasus-explorer/"
    plain = (rdflib.URIRef(a + "actor/Armenia"), rdflib.URIRef(a + "vocab#memberOf"),
             rdflib.URIRef(a + "actor/CustomsUnion"))
    assert plain not in graph
    assert (rdflib.URIRef(a + "claim/Armenia_memberOf_CustomsUnion"), rdflib.RDF.subject, plain[0]) in graph
    asserted = (rdflib.URIRef(a + "actor/Russia"), rdflib.URIRef(a + "vocab#leads"), rdflib.URIRef(a + "actor/CSTO"))
    assert main(["export", "--actor", "Russia", "-f", "turtle"]) == 0
    assert asserted in rdflib.Graph().parse(data=capsysbinary.readouterr().out, format="turtle")
