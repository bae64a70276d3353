"""Validation passes on the bundled data and names the problem in each broken fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core.errors import ExplorerError
from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_knowledge
from explorer.core.validate import validate


def test_bundled_data_is_valid(kb: KnowledgeBase) -> None:
    report = validate(kb)
    assert report.ok, [str(p) for p in report.problems]
    assert report.checked["claims"] > 100


@pytest.mark.parametrize(("fixture", "subject", "check", "words"), [
    ("broken-offsets.ttl", "evidence/fx-1", "quote", "is not at offsets 1200-1257"),
    ("broken-boilerplate.ttl", "evidence/fx-1", "quote", "outside the article body"),
    ("broken-missing-article.ttl", "evidence/fx-1", "article", "not a known article"),
    ("broken-seed-missing.ttl", "evidence/fx-1", "article", "no_such_article.txt"),
    ("broken-no-evidence.ttl", "claim/Armenia_memberOf_CSTO", "evidence", "has no evidence"),
    ("broken-no-evidence.ttl", "urn:explorer:triple:", "evidence", "has no rdf:Statement"),
    ("broken-no-label.ttl", "actor/CSTO", "actor", "no rdfs:label"),
    ("broken-no-label.ttl", "actor/CSTO", "actor", "no actor type"),
    ("broken-missing-article.ttl", "article/a999", "shacl", "dcterms:title"),
])
def test_each_broken_fixture_reports_its_problem(fixtures: Path, fixture: str, subject: str, check: str,
                                                 words: str) -> None:
    report = validate(load_knowledge([fixtures / fixture]))
    assert not report.ok
    matching = [p for p in report.problems if subject in p.subject and p.check == check and words in p.message]
    assert matching, [str(p) for p in report.problems]


def test_the_valid_fixture_passes(fixtures: Path) -> None:
    report = validate(load_knowledge([fixtures / "valid.ttl"]))
    assert report.ok, [str(p) for p in report.problems]


def test_malformed_turtle_names_file_and_line(fixtures: Path) -> None:
    with pytest.raises(ExplorerError) as caught:
        load_knowledge([fixtures / "malformed.ttl"])
    assert caught.value.line == 5
    assert "malformed.ttl" in str(caught.value) and "line 5" in str(caught.value)
