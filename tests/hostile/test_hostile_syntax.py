"""Broken files: each gets one clear ExplorerError naming the file, the line (and column) where the
parser knows them and what is wrong; files that are merely unusual (BOM, CRLF, comments only) load.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_helpers import run_isolated

from explorer.cli import main as cli_main
from explorer.core.errors import ExplorerError
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge
from explorer.core.store import OxigraphStore, RdflibStore

ACTOR = "https://w3id.org/caucasus-explorer/actor/"

#: file, words the message must hold, line, column (None: the parser does not know it).
BROKEN: list[tuple[str, str, int | None, int | None]] = [
    ("malformed.ttl", "Turtle syntax error: line jumps are not allowed in string literals", 5, 34),
    ("malformed-prefix.ttl", "Turtle syntax error: the prefix rdfs: has not been declared", 4, 14),
    ("malformed.nt", "N-Triples syntax error: the object of a triple must be", 2, 96),
    ("malformed.nq", "N-Quads syntax error: the subject of a triple must be an IRI or a blank node", 2, 105),
    ("malformed.trig", "TriG syntax error: { is not a valid predicate", 6, 47),
    ("malformed.jsonld", "malformed JSON: Expecting property name", 4, 27),
    ("malformed-jsonld-keyword.jsonld", "JSON-LD syntax error: @id value must be a string", None, None),
    ("malformed.rdf", "RDF/XML is not well-formed XML: mismatched tag", 5, 26),
    ("malformed-rdf-structure.rdf", "RDF/XML syntax error: XML namespaces are required", None, None),
    ("undefined-entity.rdf", "RDF/XML is not well-formed XML: undefined entity", 5, 17),
    ("truncated.ttl", "Turtle syntax error: unexpected end of file", 5, 40),
    ("truncated.nt", "N-Triples syntax error: unexpected end of file", 2, 51),
    ("truncated.rdf", "RDF/XML is not well-formed XML: no element found", 8, 20),
    ("truncated.jsonld", "malformed JSON: Unterminated string", 5, 64),
    ("truncated-utf8.nt", "the file ends inside a UTF-8 character", 2, None),
    ("empty.rdf", "the file is empty", None, None),  # an XML document needs its root element
    ("empty.jsonld", "the file is empty", None, None),  # a JSON text needs a value
    ("binary.ttl", "this is a binary file, not RDF text", None, None),
    ("gzipped.ttl", "this is a gzip-compressed file: decompress it first", None, None),
    ("utf16.ttl", "this is UTF-16 text: save it as UTF-8", None, None),
    ("latin1.ttl", "the file is not valid UTF-8 text (byte 0xfc)", 4, 28),
    ("html-page.ttl", "this looks like an HTML web page, not RDF", 1, 1),
    ("turtle-named-as.rdf", "this does not look like XML: if it is Turtle or N-Triples, name it .ttl", 1, 1),
    ("triple-terms.ttl", "RDF 1.2 triple terms", 5, None),
    ("reified-triple.ttl", "RDF 1.2 triple terms", 7, None),
]

#: Unusual but valid: each loads, with the actor IRIs it must hold.
LOADS: list[tuple[str, set[str]]] = [
    ("bom-crlf.ttl", {ACTOR + "Turkiye", ACTOR + "Armenia"}),
    ("bom-crlf.nt", {ACTOR + "Turkiye"}),
    ("bom-crlf.nq", {ACTOR + "Turkiye"}),
    ("bom-crlf.trig", {ACTOR + "Turkiye"}),
    ("bom-crlf.rdf", {ACTOR + "Turkiye"}),
    ("bom-crlf.jsonld", {ACTOR + "Turkiye"}),
    ("comments-only.ttl", set()),
    # The Turtle, TriG, N-Triples and N-Quads grammars allow a document without statements.
    ("empty.ttl", set()),
    ("whitespace-only.ttl", set()),
    ("empty.trig", set()),
    ("empty.nt", set()),
    ("whitespace-only.nt", set()),
    ("empty.nq", set()),
    ("angle-brackets-in-literal.ttl", set()),
]


@pytest.fixture(scope="module")
def previous() -> KnowledgeBase:
    """A knowledge base built before the broken files are opened: it must come through unchanged."""
    return load_knowledge([Path(__file__).resolve().parent / "files" / "valid-small.ttl"])


@pytest.mark.parametrize(("name", "words", "line", "column"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_gets_a_clear_error(hostile_files: Path, previous: KnowledgeBase, name: str, words: str,
                                        line: int | None, column: int | None) -> None:
    before = (previous.summary(), dict(previous.actors), len(previous.store))
    with pytest.raises(ExplorerError) as caught:
        load_knowledge([hostile_files / name])
    error = caught.value
    assert words in str(error)
    assert error.path is not None and Path(error.path).name == name
    assert name in str(error)
    assert (error.line, error.column) == (line, column)
    if line is not None:
        assert f"line {line}" in str(error)
    assert (previous.summary(), dict(previous.actors), len(previous.store)) == before


@pytest.mark.parametrize(("name", "words", "line", "column"), BROKEN, ids=[b[0] for b in BROKEN])
@pytest.mark.parametrize("store_kind", [OxigraphStore, RdflibStore], ids=["oxigraph", "rdflib"])
def test_both_stores_refuse_alike(hostile_files: Path, store_kind: type, name: str, words: str,
                                  line: int | None, column: int | None) -> None:
    with pytest.raises(ExplorerError) as caught:
        store_kind().load(hostile_files / name)
    assert words in str(caught.value)
    assert caught.value.line == line


@pytest.mark.parametrize(("name", "actors"), LOADS, ids=[n for n, _ in LOADS])
def test_unusual_but_valid_files_load(hostile_files: Path, name: str, actors: set[str]) -> None:
    kb = load_knowledge([hostile_files / name])
    assert actors <= set(kb.actors)
    if ACTOR + "Turkiye" in actors:
        assert kb.actors[ACTOR + "Turkiye"].label == "Türkiye"  # the BOM did not stick to the first term


@pytest.mark.parametrize("name", ["empty.nt", "empty.nq", "empty.ttl", "whitespace-only.nt"])
@pytest.mark.parametrize("store_kind", [OxigraphStore, RdflibStore], ids=["oxigraph", "rdflib"])
def test_a_file_without_statements_adds_none(hostile_files: Path, store_kind: type, name: str) -> None:
    store = store_kind()
    store.load(hostile_files / name)
    assert len(store) == 0


def test_a_long_blank_start_is_not_an_empty_file(tmp_path: Path) -> None:
    """The emptiness check sees only the first 64 KiB of a big file: blank there is not blank everywhere."""
    late = tmp_path / "late.rdf"
    late.write_text(" \n" * 40_000 + '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                    'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><rdf:Description '
                    'rdf:about="urn:x:a"><rdfs:label>A</rdfs:label></rdf:Description></rdf:RDF>\n')
    store = OxigraphStore()
    store.load(late)
    assert len(store) == 1


def test_the_command_line_says_a_file_holds_no_statements(hostile_files: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["stats", str(hostile_files / "empty.nt")]) == 0
    captured = capsys.readouterr()
    assert "triples: 0 (+ " in captured.out and "claims: 0" in captured.out and "actors: 0" in captured.out
    assert captured.err == f"explorer: note: {hostile_files / 'empty.nt'}: no statements\n"
    assert cli_main(["stats", str(hostile_files / "empty.nq"), str(hostile_files / "valid-small.ttl")]) == 0
    assert capsys.readouterr().err == f"explorer: note: {hostile_files / 'empty.nq'}: no statements\n"
    assert cli_main(["stats", str(hostile_files / "valid-small.ttl")]) == 0
    assert capsys.readouterr().err == ""


def test_crlf_inside_a_long_literal_is_kept(hostile_files: Path) -> None:
    kb = load_knowledge([hostile_files / "bom-crlf.ttl"])
    assert kb.actors[ACTOR + "Turkiye"].description == "A long\r\ncomment"


@pytest.mark.parametrize("name", [b[0] for b in BROKEN])
def test_the_command_line_shows_one_line_not_a_traceback(hostile_files: Path, name: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["stats", str(hostile_files / name)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("explorer: error: ") and name in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_folder_and_device_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ExplorerError, match="no such file"):
        load_knowledge([tmp_path / "nothing-here.ttl"])
    folder = tmp_path / "folder.ttl"
    folder.mkdir()
    with pytest.raises(ExplorerError, match="folder, not a file"):
        load_knowledge([folder])


def test_a_device_is_refused_not_read_forever() -> None:
    """/dev/zero says it is 0 bytes long and never ends: reading it whole would take all memory, so the
    check runs in a separate process with an address-space limit."""
    outcome = run_isolated(
        "from pathlib import Path\n"
        "from explorer.core.errors import ExplorerError\n"
        "from explorer.core.formats import FORMATS\n"
        "from explorer.core.store import OxigraphStore\n"
        "try:\n"
        "    OxigraphStore().load(Path('/dev/zero'), FORMATS['turtle'])\n"
        "except ExplorerError as exc:\n"
        "    print(exc)\n",
        address_space_mb=1024, timeout=60)
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert outcome.stdout.strip() == "/dev/zero: this is not a regular file (a device, pipe or socket)"


def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked.ttl"
    locked.write_text("<http://a> <http://b> <http://c> .\n")
    locked.chmod(0)
    try:
        readable = locked.open("rb")  # root reads anything: nothing to test then
    except PermissionError:
        with pytest.raises(ExplorerError, match="permission denied"):
            load_knowledge([locked])
    else:
        readable.close()
        pytest.skip("running as a user who can read any file")
    finally:
        locked.chmod(0o600)
