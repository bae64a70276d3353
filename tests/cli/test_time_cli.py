"""`explorer export` and `explorer stats` with --as-of, --from/--to and --include-undated, checked against
sets computed independently from the bundled RDF with rdflib and SPARQL."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from explorer.cli import main
from explorer.resources import bundled_files

PREFIXES = """PREFIX cx: <https://w3id.org/caucasus-explorer/vocab#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@pytest.fixture(scope="module")
def bundled() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in bundled_files():
        graph.parse(path)
    return graph


def _column(graph: rdflib.Graph, query: str) -> set[str]:
    return {str(row[0]) for row in graph.query(PREFIXES + query)}


def _export(tmp_path: Path, *options: str, name: str = "out.ttl") -> Path:
    out = tmp_path / name
    assert main(["export", "-o", str(out), *options]) == 0
    return out


def test_as_of_2016_keeps_only_passages_of_the_2014_and_2016_articles(tmp_path: Path, bundled: rdflib.Graph) -> None:
    early = _column(bundled, 'SELECT ?a WHERE { ?a dcterms:issued ?d FILTER(STR(?d) <= "2016-12-31") }')
    assert {d[:4] for d in _column(bundled, "SELECT ?d WHERE { ?a dcterms:issued ?d }")} >= {"2014", "2016"}
    expected_passages = _column(bundled, "SELECT ?ann WHERE { ?ann oa:hasTarget/oa:hasSource ?src } "
                                         f"VALUES ?src {{ {' '.join(f'<{a}>' for a in early)} }}")
    expected_claims = _column(bundled, "SELECT DISTINCT ?st WHERE { ?ann oa:hasBody ?st ; "
                                       "oa:hasTarget/oa:hasSource ?src "
                                       f"VALUES ?src {{ {' '.join(f'<{a}>' for a in early)} }} }}")
    graph = rdflib.Graph().parse(_export(tmp_path, "--as-of", "2016-12-31"))
    sources = _column(graph, "SELECT DISTINCT ?src WHERE { ?ann oa:hasTarget/oa:hasSource ?src }")
    issued = {str(graph.value(rdflib.URIRef(s), rdflib.URIRef("http://purl.org/dc/terms/issued")))[:4] for s in sources}
    assert issued == {"2014", "2016"}
    assert _column(graph, "SELECT ?ann WHERE { ?ann a oa:Annotation }") == expected_passages
    assert _column(graph, "SELECT ?st WHERE { ?st a rdf:Statement }") == expected_claims


def _overlaps_2020(event: str | None, start: str | None, end: str | None) -> bool:
    if event:
        return event[:4] == "2020"
    if not start and not end:
        return False
    return (not start or start[:4] <= "2020") and (not end or end[:4] >= "2020")


def test_from_to_2020_keeps_exactly_the_claims_whose_event_time_overlaps_2020(tmp_path: Path,
                                                                             bundled: rdflib.Graph) -> None:
    rows = bundled.query(PREFIXES + """SELECT ?st ?d ?s ?e WHERE { ?st a rdf:Statement .
        OPTIONAL { ?st cx:eventDate ?d } OPTIONAL { ?st cx:startDate ?s } OPTIONAL { ?st cx:endDate ?e } }""")
    dated = {str(r[0]) for r in rows if any(r[1:])}
    expected = {str(r[0]) for r in rows if _overlaps_2020(*(str(x) if x is not None else None for x in r[1:]))}
    assert expected  # the bundled data has 2020 claims
    graph = rdflib.Graph().parse(_export(tmp_path, "--from", "2020-01-01", "--to", "2020-12-31"))
    assert _column(graph, "SELECT ?st WHERE { ?st a rdf:Statement }") == expected
    undated = rdflib.Graph().parse(_export(tmp_path, "--from", "2020", "--to", "2020", "--include-undated",
                                           name="undated.ttl"))
    all_statements = _column(bundled, "SELECT ?st WHERE { ?st a rdf:Statement }")
    assert _column(undated, "SELECT ?st WHERE { ?st a rdf:Statement }") == expected | (all_statements - dated)


def test_time_options_combine_with_actor_and_network_formats(tmp_path: Path, kb) -> None:
    armenia = "https://w3id.org/caucasus-explorer/actor/Armenia"
    out = _export(tmp_path, "--actor", "Armenia", "--as-of", "2016-12-31", "--format", "graphml", name="a.graphml")
    graph = nx.read_graphml(out)
    edges = list(graph.edges(data=True, keys=True))
    assert edges and all(armenia in (u, v) for u, v, _k, _d in edges)
    known_articles = {a.iri for a in kb.articles.values() if a.date and a.date[:4] in ("2014", "2016")}
    for _u, _v, key, data in edges:
        claim = kb.claims[key]
        known = [e for e in claim.evidence if kb.evidence[e].article in known_articles]
        assert known and data["evidence"] == len(known)
    later = nx.read_graphml(_export(tmp_path, "--actor", "Armenia", "--format", "graphml", name="b.graphml"))
    assert later.number_of_edges() > graph.number_of_edges()


def test_stats_takes_the_same_options(capsys: pytest.CaptureFixture[str], kb) -> None:
    assert main(["stats", "--json", "--from", "2020", "--to", "2020"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["time"] == {"as_of": None, "from": "2020", "to": "2020", "include_undated": False}
    assert 0 < stats["claims"] < len(kb.claims)
    assert sum(stats["claims_by_category"].values()) == stats["claims"]
    assert main(["stats", "--as-of", "2016-12-31"]) == 0
    assert "time: as of 2016-12-31" in capsys.readouterr().out


@pytest.mark.parametrize("options", [["--as-of", "yesterday"], ["--from", "2020-13"], ["--to", "20201"]])
def test_a_date_that_is_none_is_a_usage_error(options: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", *options]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a date" in err and "Traceback" not in err
