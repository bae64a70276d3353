"""The Turtle writer: the hand-written shape, stable bytes, and text that parses back to the same graph."""

from __future__ import annotations

import random
import shutil
import subprocess

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef, namespace

from explorer.core.compare import isomorphic
from explorer.core.curation.turtle_writer import natural_key, read_layout, write_turtle
from explorer.resources import curated_files

EX = "http://example.org/"


def parse(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="turtle")


@pytest.mark.parametrize("name", ["claims-a000.ttl", "claims-a001.ttl", "claims-a002.ttl", "claims-a003.ttl"])
def test_a_hand_written_claims_file_is_written_back_unchanged(name: str) -> None:
    path = next(p for p in curated_files() if p.name == name)
    text = path.read_text(encoding="utf-8")
    assert write_turtle(parse(text), layout=read_layout(text)) == text


@pytest.mark.parametrize("path", curated_files(), ids=lambda p: p.name)
def test_every_curated_file_round_trips_and_is_stable(path) -> None:
    text = path.read_text(encoding="utf-8")
    graph = parse(text)
    out = write_turtle(graph, layout=read_layout(text))
    again = parse(out)
    assert isomorphic(graph, again)
    # rewriting the rewritten file changes nothing, and input order or blank node names do not matter
    assert write_turtle(again, layout=read_layout(out)) == out
    shuffled = list(parse(text))
    random.Random(3).shuffle(shuffled)
    assert write_turtle(shuffled, layout=read_layout(text)) == out


def test_without_a_layout_the_order_is_natural_and_the_bytes_are_the_same_every_time() -> None:
    triples = []
    for n in (10, 2, 1):
        s = URIRef(f"{EX}item-{n}")
        triples += [(s, namespace.RDF.type, URIRef(EX + "Thing")), (s, URIRef(EX + "n"), Literal(n))]
    out = write_turtle(triples, {"ex": EX})
    assert out.index("ex:item-1 ") < out.index("ex:item-2 ") < out.index("ex:item-10 ")
    assert out.startswith("@prefix ex:      <http://example.org/> .\n\n")
    assert write_turtle(reversed(triples), {"ex": EX}) == out
    assert isomorphic(parse(out), _graph(triples))


def _graph(triples) -> rdflib.Graph:
    graph = rdflib.Graph()
    for t in triples:
        graph.add(t)
    return graph


def test_awkward_literals_and_iris_survive() -> None:
    s = URIRef(EX + "s")
    triples = [
        (s, URIRef(EX + "text"), Literal('quote " backslash \\ newline \n tab \t cr \r bell \x07 end')),
        (s, URIRef(EX + "text"), Literal("Türkiye’s “view” 😀", lang="en")),
        (s, URIRef(EX + "date"), Literal("2020-10", datatype=namespace.XSD.gYearMonth)),
        (s, URIRef(EX + "n"), Literal(-42)),
        (s, URIRef(EX + "flag"), Literal(True)),
        (s, URIRef(EX + "x"), Literal("1.50", datatype=namespace.XSD.decimal)),
        (s, URIRef(EX + "link"), URIRef("http://example.org/ä?q=1&r=(2)#frag")),
        (s, URIRef(EX + "link"), URIRef(EX + "ends.with.dot.")),
        (URIRef("urn:x:Türkiye"), URIRef(EX + "p"), URIRef("http://other.example/ns#q")),
    ]
    out = write_turtle(triples, {"ex": EX})
    assert isomorphic(parse(out), _graph(triples))
    assert "<http://example.org/ends.with.dot.>" in out


def test_blank_nodes_nest_when_used_once_and_get_labels_otherwise() -> None:
    a, b, c, d = BNode(), BNode(), BNode(), BNode()
    p = URIRef(EX + "p")
    triples = [
        (URIRef(EX + "s"), p, a), (a, p, Literal("nested")),
        (URIRef(EX + "s"), p, b), (URIRef(EX + "t"), p, b),  # shared
        (c, p, d), (d, p, c),  # a cycle of blank nodes
        (BNode(), p, Literal("alone")),
    ]
    out = write_turtle(triples, {"ex": EX})
    assert '[ ex:p "nested" ]' in out
    assert "_:b" in out
    assert isomorphic(parse(out), _graph(triples))
    assert write_turtle(list(parse(out)), {"ex": EX}) == out


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor's rapper is not installed")
def test_an_independent_parser_reads_the_output(tmp_path) -> None:
    path = next(p for p in curated_files() if p.name == "claims-a004-part2.ttl")
    out = tmp_path / "out.ttl"
    out.write_text(write_turtle(parse(path.read_text(encoding="utf-8"))), encoding="utf-8")
    result = subprocess.run(["rapper", "-q", "-i", "turtle", "-c", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_two_statements_of_one_triple_write_the_plain_triple_once_in_the_first_group() -> None:
    """Two events with the same triple (a ceasefire in 1994 and one in 2022) keep their own statements."""
    text = """@prefix ex:      <http://example.org/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .

# the later event, first in the file
ex:us ex:brokered ex:am .
ex:c2022 a rdf:Statement ;
    rdf:subject ex:us ; rdf:predicate ex:brokered ; rdf:object ex:am .

# the earlier event
ex:c1994 a rdf:Statement ;
    rdf:subject ex:us ; rdf:predicate ex:brokered ; rdf:object ex:am .
"""
    out = write_turtle(parse(text), layout=read_layout(text))
    assert out == text
    assert out.count("ex:us ex:brokered ex:am .") == 1
    without_layout = write_turtle(parse(text), {"ex": EX, "rdf": str(namespace.RDF)})
    assert without_layout.count("ex:us ex:brokered ex:am .") == 1
    assert without_layout.index("ex:us ex:brokered ex:am .") < without_layout.index("ex:c1994 a")


def test_natural_key_orders_numbers_by_value() -> None:
    names = ["a001-10", "a001-2", "a001-01", "a0010-1"]
    assert sorted(names, key=natural_key) == ["a001-01", "a001-2", "a001-10", "a0010-1"]


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), texts, st.sampled_from(["", "en", "de-CH"])),
                min_size=1, max_size=12))
def test_any_small_graph_of_text_round_trips(rows) -> None:
    triples = [(URIRef(f"{EX}s{s}"), URIRef(f"{EX}p{p}"), Literal(text, lang=lang or None))
               for s, p, text, lang in rows]
    out = write_turtle(triples, {"ex": EX})
    assert isomorphic(parse(out), _graph(triples))
    assert write_turtle(list(reversed(triples)), {"ex": EX}) == out
