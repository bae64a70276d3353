"""Hostile inputs too big to keep in the corpus, generated here: very long lines and literals, problems
far past the first 64 KB the loader reads ahead, and nesting that would crash or hang the parsers.

The inputs that crashed (deep JSON-LD: a stack overflow) or hung (deep RDF/XML) Oxigraph, or would
expand without limit (entities), run in a separate process, so a regression fails the test instead of
ending the test run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_helpers import FILES, run_isolated

from explorer.core.errors import ExplorerError
from explorer.core.formats import HEAD_BYTES, MAX_NESTING
from explorer.core.loading import load_knowledge
from explorer.core.store import OxigraphStore, RdflibStore

RDF_OPEN = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n')
LABEL = b"<http://www.w3.org/2000/01/rdf-schema#label>"
FILLER = b'<http://example.org/a> <http://example.org/p> "filler" .\n'


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _isolated_load(path: Path) -> str:
    """Load ``path`` in a fresh process under a 2 GB address-space limit; what it printed."""
    outcome = run_isolated(
        "from explorer.core.errors import ExplorerError\n"
        "from explorer.core.loading import load_knowledge\n"
        "try:\n"
        f"    kb = load_knowledge([{str(path)!r}])\n"
        "    print('LOADED', len(kb.claims))\n"
        "except ExplorerError as exc:\n"
        "    print('ERROR', exc.line, exc)\n",
        address_space_mb=2048, timeout=60)
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    return outcome.stdout.strip()


# ------------------------------------------------------------------ long lines and literals


def test_a_literal_of_15_mb_loads(tmp_path: Path) -> None:
    text = b"x" * (15 << 20)
    path = _write(tmp_path, "long-literal.nt", b"<http://example.org/a> " + LABEL + b' "' + text + b'" .\n')
    store = OxigraphStore()
    store.load(path)
    (row,) = store.select("SELECT ?o WHERE { <http://example.org/a> ?p ?o }")
    assert len(row["o"] or "") == len(text)


@pytest.mark.parametrize(("name", "data"), [
    ("huge-literal.nt", b"<http://example.org/a> " + LABEL + b' "' + b"x" * (17 << 20) + b'" .\n'),
    ("huge-literal.jsonld",
     b'{"@id": "http://example.org/a", "http://example.org/p": "' + b"x" * (17 << 20) + b'"}'),
])
def test_a_literal_past_the_parser_limit_gets_a_clear_error(tmp_path: Path, name: str, data: bytes) -> None:
    with pytest.raises(ExplorerError, match="longer than the parser's limit of 16 MB") as caught:
        OxigraphStore().load(_write(tmp_path, name, data))
    assert caught.value.path == str(tmp_path / name)


def test_a_very_long_line_loads_and_an_error_at_its_end_names_the_column(tmp_path: Path) -> None:
    triples = b" ".join(b"<http://example.org/a%d> %s \"label %d\" ." % (i, LABEL, i) for i in range(50_000))
    store = OxigraphStore()
    store.load(_write(tmp_path, "long-line.ttl", triples + b"\n"))
    assert len(store) == 50_000
    with pytest.raises(ExplorerError) as caught:
        OxigraphStore().load(_write(tmp_path, "long-line-bad.ttl",
                                    b"\n" + triples + b" <http://example.org/x> .\n"))
    assert caught.value.line == 2
    assert caught.value.column is not None and caught.value.column > len(triples)


def test_a_very_long_iri_loads(tmp_path: Path) -> None:
    store = OxigraphStore()
    iri = b"<http://example.org/" + b"a" * (4 << 20) + b">"
    store.load(_write(tmp_path, "long-iri.ttl", iri + b" " + LABEL + b' "x" .\n'))
    assert len(store) == 1


# ------------------------------------------------------------------ problems past the read-ahead


@pytest.mark.parametrize("store_kind", [OxigraphStore, RdflibStore], ids=["oxigraph", "rdflib"])
def test_invalid_utf8_far_into_the_file_names_its_line(tmp_path: Path, store_kind: type) -> None:
    lines = HEAD_BYTES // len(FILLER) * 3
    last = b"<http://example.org/t> " + LABEL + b' "T\xfcrkiye" .\n'
    path = _write(tmp_path, "late-latin1.nt", FILLER * lines + last)
    with pytest.raises(ExplorerError, match=r"not valid UTF-8 text \(byte 0xfc\)") as caught:
        store_kind().load(path)
    assert (caught.value.line, caught.value.column) == (lines + 1, last.index(b"\xfc") + 1)


def test_invalid_utf8_far_into_rdfxml_names_its_line(tmp_path: Path) -> None:
    item = b'<rdf:Description rdf:about="http://example.org/a"><ex:p>ok</ex:p></rdf:Description>\n'
    count = HEAD_BYTES // len(item) * 3
    data = RDF_OPEN + item * count + item.replace(b"ok", b"T\xfcrkiye") + b"</rdf:RDF>\n"
    with pytest.raises(ExplorerError, match="not valid UTF-8") as caught:
        OxigraphStore().load(_write(tmp_path, "late-latin1.rdf", data))
    assert caught.value.line == count + 3


def test_a_triple_term_far_into_the_file_is_refused(tmp_path: Path) -> None:
    lines = HEAD_BYTES // len(FILLER) * 3
    data = FILLER * lines + b"<http://example.org/a> <http://example.org/p> <<( <http://example.org/a> " \
        b"<http://example.org/p> <http://example.org/b> )>> .\n"
    with pytest.raises(ExplorerError, match="triple terms") as caught:
        load_knowledge([_write(tmp_path, "late-triple-term.nt", data)])
    assert caught.value.line == lines + 1


def test_a_number_of_5000_digits_in_jsonld_is_refused(tmp_path: Path) -> None:
    data = b'{"@id": "http://example.org/a", "http://example.org/p": ' + b"9" * 5000 + b"}"
    with pytest.raises(ExplorerError, match="a number has more than 4300 digits"):
        OxigraphStore().load(_write(tmp_path, "long-number.jsonld", data))


def test_entity_declarations_after_a_long_prolog_are_refused(tmp_path: Path) -> None:
    """The entity check covers the whole file, not only the part read ahead: a billion laughs behind
    200 KB of comments would otherwise reach the parser and take all memory."""
    laughs = (FILES / "billion-laughs.rdf").read_bytes()
    padding = b"<!-- " + b"padding " * 25_000 + b"-->\n"
    assert len(padding) > 3 * HEAD_BYTES
    path = _write(tmp_path, "late-laughs.rdf", laughs.replace(b"?>\n", b"?>\n" + padding, 1))
    printed = _isolated_load(path)
    assert printed.startswith("ERROR 5 ") and "XML entity declarations are not allowed" in printed  # lol1, nested


# ------------------------------------------------------------------ nesting


def test_deeply_nested_jsonld_is_refused_not_a_crash(tmp_path: Path) -> None:
    """5000 levels overflowed Oxigraph's stack (the process died with SIGSEGV)."""
    depth = 5000
    data = b'{"@id": "http://example.org/a", "http://example.org/p": ' \
        + b'{"http://example.org/p": ' * depth + b"1" + b"}" * (depth + 1)
    printed = _isolated_load(_write(tmp_path, "deep.jsonld", data))
    assert printed.startswith("ERROR None ") and f"nested more than {MAX_NESTING} levels" in printed


def test_deeply_nested_rdfxml_is_refused_not_a_hang(tmp_path: Path) -> None:
    """Oxigraph's RDF/XML parser takes a minute for 40 000 levels (and longer the deeper), without
    reading more input, so the load could not even be cancelled."""
    depth = 40_000
    data = RDF_OPEN + b'<rdf:Description rdf:about="http://example.org/a">' \
        + b"<ex:p><rdf:Description>\n" * depth + b"</rdf:Description></ex:p>" * depth \
        + b"</rdf:Description></rdf:RDF>\n"
    printed = _isolated_load(_write(tmp_path, "deep.rdf", data))
    assert printed.startswith("ERROR ") and f"nested more than {MAX_NESTING} elements" in printed


def test_moderate_nesting_still_loads(tmp_path: Path) -> None:
    depth = MAX_NESTING // 2 - 2
    data = b'{"@id": "http://example.org/a", "http://example.org/p": ' \
        + b'{"http://example.org/p": ' * depth + b"1" + b"}" * (depth + 1)
    store = OxigraphStore()
    store.load(_write(tmp_path, "nested.jsonld", data))
    assert len(store) == depth + 1
