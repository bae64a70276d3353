"""The loader against the W3C RDF 1.1 syntax test suites (w3c/rdf-tests, kept in tests/data/w3c with their
manifests and licence): what a grammar accepts loads, what it rejects is refused as a user error that names
the file, never a crash. Turtle, TriG, N-Triples, N-Quads and RDF/XML; the eval tests count as positive."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from explorer.core.errors import ExplorerError
from explorer.core.loading import load_store

SUITES = Path(__file__).resolve().parents[1] / "data" / "w3c"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
BASE = "https://w3c.github.io/rdf-tests/rdf/rdf11/"


def _cases() -> list[pytest.param]:
    cases = []
    for suite in sorted(p for p in SUITES.iterdir() if p.is_dir()):
        manifest = rdflib.Graph().parse(suite / "manifest.ttl", publicID=f"{BASE}{suite.name}/")
        for test, _, action in sorted(manifest.triples((None, MF.action, None))):
            kind = str(manifest.value(test, rdflib.RDF.type)).rsplit("#", 1)[-1]
            path = suite / str(action).split(f"/{suite.name}/", 1)[1]
            cases.append(pytest.param(path, "Negative" in kind, id=f"{suite.name}/{path.relative_to(suite)}"))
    return cases


CASES = _cases()


def test_the_suites_are_all_there() -> None:
    """Every suite and format is present: a lost folder would make the test below pass on nothing."""
    suffixes = {case.values[0].suffix for case in CASES}
    assert suffixes >= {".ttl", ".trig", ".nt", ".nq", ".rdf"}
    assert len(CASES) > 900
    assert sum(1 for case in CASES if case.values[1]) > 300  # negative tests


@pytest.mark.parametrize(("path", "negative"), CASES)
def test_the_loader_follows_the_grammar(path: Path, negative: bool) -> None:
    if not negative:
        load_store([path], with_vocabulary=False)
        return
    with pytest.raises(ExplorerError) as refused:
        load_store([path], with_vocabulary=False)
    assert refused.value.path is not None and Path(refused.value.path).name == path.name
