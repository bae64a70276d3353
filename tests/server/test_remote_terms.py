"""Safe term serialisation: whatever text goes in comes out of a SPARQL engine as the same text, and
nothing a user types can end a literal, open a group or add an operation.

The checks run the serialised terms through a real SPARQL parser and evaluator (an in-memory
Oxigraph store), so "safe" means "parsed as one literal with this exact value", not "looks escaped".
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.errors import ExplorerError
from explorer.core.knowledge import fold
from explorer.core.remote import sparql
from explorer.core.remote.endpoint import parse_select, parse_tsv

HOSTILE = [
    '"', "'", '"}', '"} ; DROP ALL ; #', '") } ; INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> } #',
    "}\nDROP ALL", "}} DELETE WHERE { ?s ?p ?o }", "\\", "\\u0022", '\\"', "\\\\u005C\"", "\n", "\r\n", "\t",
    "# a comment", "?s ?p ?o", "${subjects}", "<urn:x>", "Türkiye", "Азербайджан", "Ադրբեջան", "🇦🇿", "\x00",
    "\x07\x1b\x7f", "\u202e", "\u2028", ".*", "[", "(", "^$", "a" * 100_000, "'''", '"""',
]
IDS = [repr(text[:20]) for text in HOSTILE]


def _evaluate(expression: str) -> ox.Literal | None:
    store = ox.Store()
    solutions = list(store.query(f"SELECT ?x WHERE {{ BIND({expression} AS ?x) }}"))
    assert len(solutions) == 1
    return solutions[0]["x"]


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_a_literal_holds_exactly_the_text(text: str) -> None:
    value = _evaluate(sparql.literal(text))
    assert isinstance(value, ox.Literal) and value.value == text


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_any_text_round_trips_through_a_literal(text: str) -> None:
    assert _evaluate(sparql.literal(text)).value == text  # type: ignore[union-attr]


def test_a_literal_never_carries_a_raw_quote_backslash_or_line_break() -> None:
    for text in HOSTILE:
        body = sparql.literal(text)[1:-1]
        unescaped = body.replace("\\\\", "").replace('\\"', "")
        assert '"' not in unescaped and "\n" not in body and "\r" not in body


def test_language_and_datatype_are_checked() -> None:
    assert _evaluate(sparql.literal("Russia", lang="en")) == ox.Literal("Russia", language="en")
    assert _evaluate(sparql.literal("7", datatype="http://www.w3.org/2001/XMLSchema#integer")).value == "7"
    with pytest.raises(ExplorerError):
        sparql.literal("x", lang='en" } DROP ALL #')
    with pytest.raises(ExplorerError):
        sparql.literal("x", datatype="http://x/> } DROP ALL")


@pytest.mark.parametrize("value", [
    "https://w3id.org/caucasus-explorer/actor/Russia", "urn:explorer:summary:default", "http://example.org/a#b",
    "https://example.org/Türkiye", "mailto:someone@example.org"])
def test_valid_iris_are_accepted(value: str) -> None:
    assert sparql.is_iri(value)
    assert _evaluate(sparql.iri(value)) == ox.NamedNode(value)


@pytest.mark.parametrize("value", [
    "", "Russia", "relative/path", "http://x/ y", "http://x/>", "http://x/<", 'http://x/"', "http://x/{",
    "http://x/}", "http://x/|", "http://x/^", "http://x/`", "http://x/\\", "http://x/\n", "http://x/\x00",
    "http://x/> } ; DROP ALL ; #", "https://example.org/" + "a" * 10_000, "_:b0", "http://x/\ud800"])
def test_malformed_iris_are_refused(value: str) -> None:
    assert not sparql.is_iri(value)
    with pytest.raises(ExplorerError):
        sparql.iri(value)


def test_render_takes_only_serialised_terms() -> None:
    template = "SELECT * WHERE { ?s ?p ${value} }"
    assert sparql.render(template, value=sparql.literal('"} DROP ALL #')) == \
        'SELECT * WHERE { ?s ?p "\\"} DROP ALL #" }'
    with pytest.raises(TypeError):
        sparql.render(template, value='"} DROP ALL #')  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        sparql.render(template)


def test_integers_variables_and_values_blocks_are_checked() -> None:
    assert sparql.integer(60) == "60"
    for bad in (-1, True, 1.5, "7"):
        with pytest.raises(ExplorerError):
            sparql.integer(bad)  # type: ignore[arg-type]
    with pytest.raises(ExplorerError):
        sparql.variable("s } DROP ALL")
    assert sparql.values("a", ["urn:a", "urn:b"]) == "VALUES ?a { <urn:a> <urn:b> }"
    with pytest.raises(ExplorerError):
        sparql.values("a", ["urn:a", "not an iri"])


def test_rdflib_terms_are_serialised_safely() -> None:
    assert sparql.rdf_term(rdflib.URIRef("urn:a")) == "<urn:a>"
    assert _evaluate(sparql.rdf_term(rdflib.Literal('a"}', lang="en"))) == ox.Literal('a"}', language="en")
    with pytest.raises(ExplorerError, match="blank node"):
        sparql.rdf_term(rdflib.BNode())


# ---------------------------------------------------------------- search patterns


def _matches(name: str, needle: str, anchored: bool = False) -> bool:
    pattern = sparql.name_pattern(needle, anchored=anchored)
    assert pattern is not None
    store = ox.Store()
    query = f'ASK {{ FILTER(REGEX({sparql.literal(name)}, {pattern}, "i")) }}'
    return bool(store.query(query))


@pytest.mark.parametrize(("name", "needle", "found"), [
    ("Türkiye", "turkiye", True), ("Türkiye", "TÜRK", True), ("Turkey", "türk", True),
    ("Azərbaycan", "azərb", True), ("Азербайджан", "азер", True), ("Ереван", "ерев", True),
    ('Dr. "Quote" O\'Brien', '"quote"', True), ("a.b", ".", True), ("ab", ".", False), ("axb", "a.b", False),
    ("price (USD) [x]", "(usd) [", True), ("x+y=z", "+y", True), ("path\\to", "h\\t", True),
    ("line1\nline2", "1\nl", True), ("}; DROP ALL; #", "} ; drop", False), ("}; DROP ALL; #", "}; drop", True),
    ("Russia", '"} ; DROP ALL #', False), ("Russia", "^russia$", False), ("Russia", "ss", True),
])
def test_search_patterns_match_literally_ignoring_case_and_accents(name: str, needle: str, found: bool) -> None:
    assert _matches(name, needle) is found


def test_anchored_patterns_match_only_at_the_start() -> None:
    assert _matches("Russia", "rus", anchored=True)
    assert not _matches("Belarus", "rus", anchored=True)


ALPHABET = "abcABCéÉüÜşŞıöə .*+?()[]{}|^$\\\"'#\n-"


@given(st.text(ALPHABET, max_size=12), st.text(ALPHABET, min_size=1, max_size=6), st.text(ALPHABET, max_size=12))
@settings(max_examples=200, deadline=None)
def test_a_name_containing_the_text_always_matches(before: str, needle: str, after: str) -> None:
    assert _matches(before + needle + after, needle)


@given(st.text(ALPHABET, max_size=16), st.text(ALPHABET, min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_a_pattern_matches_only_names_containing_the_text(name: str, needle: str) -> None:
    assert _matches(name, needle) is (fold(needle) in fold(name))


def test_a_very_long_search_text_is_not_turned_into_a_pattern() -> None:
    assert sparql.name_pattern("a" * 100_000) is None


@given(st.text(), st.sampled_from(["", "en", "ru-Cyrl"]))
@settings(max_examples=200, deadline=None)
def test_tsv_and_json_answers_read_the_same(text: str, lang: str) -> None:
    store = ox.Store()
    value = ox.Literal(text, language=lang) if lang else ox.Literal(text)
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), value))
    store.add(ox.Quad(ox.NamedNode("urn:b"), ox.NamedNode("urn:p"), ox.BlankNode("b0")))
    query = "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o } ORDER BY ?s"
    tsv = parse_tsv(store.query(query).serialize(format=ox.QueryResultsFormat.TSV), "urn:x")
    json = parse_select(store.query(query).serialize(format=ox.QueryResultsFormat.JSON), "urn:x")
    assert tsv == json == [{"s": "urn:a", "o": text, "unbound": None}, {"s": "urn:b", "o": "_:b0", "unbound": None}]


@pytest.mark.parametrize("body", [b"no header\n", b"?a\t?b\n<urn:a>\n", b'?a\n"unterminated\n', b"?a\n<urn:a\n",
                                  b'?a\n"bad \\q escape"\n', b"\xff\xfe"])
def test_malformed_tsv_is_reported(body: bytes) -> None:
    with pytest.raises(ExplorerError, match="unreadable TSV"):
        parse_tsv(body, "http://127.0.0.1:1/query")


def test_a_tsv_answer_cut_short_by_the_store_is_not_read_as_data() -> None:
    with pytest.raises(ExplorerError, match="broke off"):
        parse_tsv(b"?n\n42\nThe SPARQL operation has been cancelled", "http://127.0.0.1:1/query")
    assert parse_tsv(b"?n\t?b\t?x\n-4.5e3\ttrue\t_:b0\n", "urn:x") == [{"n": "-4.5e3", "b": "true", "x": "_:b0"}]
