"""The PLOVER export: valid records (fields, categories, quotes at their offsets) that read back into the
same claims."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from explorer.cli import main
from explorer.core.analysis.coding import CATEGORIES, bundled_coding
from explorer.core.analysis.plover import REQUIRED, plover_bytes, plover_records, read_plover
from explorer.core.errors import ExplorerError
from explorer.core.export import subset_graph
from explorer.core.loading import load_bundled


@pytest.fixture(scope="module")
def kb():
    return load_bundled()


@pytest.fixture(scope="module")
def exported(kb) -> bytes:
    return plover_bytes(kb)


def _claims_part(graph: rdflib.Graph, claims) -> rdflib.Graph:
    """The plain triples, statements and annotations (with their blank-node targets) of ``claims``."""
    part = rdflib.Graph()
    todo = []
    for claim in claims:
        triple = (rdflib.URIRef(claim.subject), rdflib.URIRef(claim.predicate), rdflib.URIRef(claim.object))
        if triple in graph:  # the plain-triple rule: the subset has it only where a passage asserts it
            part.add(triple)
        if claim.has_statement:
            todo.append(rdflib.URIRef(claim.iri))
        todo.extend(rdflib.URIRef(e) for e in claim.evidence)
    seen = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in graph.predicate_objects(node):
            part.add((node, p, o))
            if isinstance(o, rdflib.BNode):
                todo.append(o)
    return part


def test_every_record_validates(kb) -> None:
    records = plover_records(kb)
    coding = bundled_coding()
    coded = [c for c in kb.claims.values() if c.predicate in coding.codes and c.subject != c.object]
    assert len(records) == len(coded) > 50
    for record in records:
        for field in REQUIRED:
            assert field in record, field
        assert record["event"] in CATEGORIES
        assert record["quad_code"] in (1, 2, 3, 4)
        assert record["date"], record["id"]
        claim = kb.claims[record["id"]]
        assert record["date_source"] == ("event" if claim.event_date else "article")
        assert record["actor"] == kb.label(claim.subject) and record["recipient"] == kb.label(claim.object)
        assert len(record["passages"]) == len(claim.evidence)
        for passage in record["passages"]:
            article = kb.articles[passage["source"]]
            text = kb.article_text(article.iri)
            assert text[passage["start"]:passage["end"]] == passage["text"], passage["id"]
            assert article.body_start <= passage["start"] < passage["end"] <= article.body_end
        assert record["event_text"] == record["passages"][0]["text"]
        assert record["citation"]["title"]
    russia = next(r for r in records if r["actor_id"].endswith("/Russia"))
    assert russia["actor_wikidata"] == "Q159"


def _ground(graph: rdflib.Graph) -> set[tuple]:
    """The triples with each blank node replaced by a digest of what hangs below it: for the tree-shaped
    targets and selectors of annotations, two graphs are isomorphic exactly when these sets are equal
    (rdflib's isomorphic takes seconds per hundred blank nodes)."""
    memo: dict[rdflib.BNode, str] = {}

    def name(node):
        if not isinstance(node, rdflib.BNode):
            return node
        if node not in memo:
            memo[node] = "_:" + hashlib.sha1(repr(sorted((str(p), str(name(o))) for p, o in
                                                       graph.predicate_objects(node))).encode()).hexdigest()
        return memo[node]

    return {(name(s), p, name(o)) for s, p, o in graph}


def test_the_export_reads_back_into_the_same_claims(kb, exported: bytes, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(exported)
    back = read_plover(path)
    ids = [json.loads(line)["id"] for line in exported.decode("utf-8").splitlines()]
    original = _claims_part(subset_graph(kb, ids), [kb.claims[i] for i in ids])
    assert any(p.endswith("assertedBy") for p in original.predicates())
    assert len(original) > 1000 and len(back) == len(original)
    assert _ground(back) == _ground(original)
    # and rdflib's own isomorphism, on a dozen claims
    some = ids[:12]
    path.write_bytes(plover_bytes(kb, some))
    assert isomorphic(read_plover(path), _claims_part(subset_graph(kb, some), [kb.claims[i] for i in some]))


def test_the_cli_writes_plover_for_some_actors(tmp_path: Path) -> None:
    out = tmp_path / "armenia.jsonl"
    assert main(["export", "--format", "plover", "-o", str(out), "--actor", "Armenia"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all("Armenia" in (r["actor"], r["recipient"]) for r in records)
    assert main(["export", "-o", str(tmp_path / "by-extension.jsonl")]) == 0


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "line 2: not JSON"),
    ('{"id": "x"}', "line 2: missing field"),
    ('["a list"]', "line 2: a PLOVER event is a JSON object"),
])
def test_a_broken_events_file_is_named_with_its_line(tmp_path: Path, exported: bytes, line: str,
                                                     message: str) -> None:
    path = tmp_path / "bad.jsonl"
    first = exported.decode("utf-8").splitlines()[0]
    path.write_text(first + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ExplorerError, match=message) as info:
        read_plover(path)
    assert "bad.jsonl" in str(info.value)


def test_an_unknown_category_is_refused(tmp_path: Path, exported: bytes) -> None:
    record = json.loads(exported.decode("utf-8").splitlines()[0])
    record["event"] = "FIGHT"
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(ExplorerError, match="none of PLOVER's sixteen"):
        read_plover(path)
