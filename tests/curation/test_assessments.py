"""Grading a source, overriding a credibility and deprecating a claim (issue 13): undoable data that
survives save and reload and re-parses isomorphic from the Turtle export."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from curation_helpers import CLAIM

from explorer.core.compare import isomorphic
from explorer.core.curation import Command, DeprecateClaim, Document, GradeSource, OverrideCredibility, Withdraw
from explorer.core.errors import ExplorerError
from explorer.core.export import serialize
from explorer.core.loading import load_knowledge
from explorer.core.validate import validate
from explorer.core.weight import weigh_knowledge

AGENT = "https://w3id.org/caucasus-explorer/agent/"
LEADS = CLAIM + "Russia_leads_CSTO"
ANALYST = AGENT + "analyst-test"


def graph(doc: Document) -> rdflib.Graph:
    out = rdflib.Graph()
    for triple in doc.all_triples():
        out.add(triple)
    return out


def undoable(doc: Document, command: Command) -> None:
    before = graph(doc)
    change = doc.run(command)
    assert change
    doc.apply(change.inverse())
    assert isomorphic(graph(doc), before)
    doc.apply(change)


def test_grade_override_deprecate_are_undoable_and_weighed(doc: Document) -> None:
    assert weigh_knowledge(doc.kb)[LEADS].credibility == 1
    undoable(doc, GradeSource(AGENT + "TheDuran", "d", "partisan outlet", creator=ANALYST,
                              created="2026-12-04T21:00:00Z"))
    undoable(doc, OverrideCredibility(LEADS, 2, "the alliance is in doubt", creator=ANALYST))
    undoable(doc, DeprecateClaim(LEADS, "superseded", creator=ANALYST))
    weights = weigh_knowledge(doc.kb)
    w = weights[LEADS]
    assert (w.computed, w.credibility, w.override_reason) == (1, 2, "the alliance is in doubt")
    assert w.deprecated and w.deprecation_reason == "superseded"
    duran = next(doc.kb.evidence[e] for e in doc.kb.claims[LEADS].evidence if "a004" in e)
    assert weights.grade(duran, doc.kb.articles) == "D"
    undoable(doc, GradeSource(AGENT + "TheDuran", "B"))  # replaces the earlier grade
    assert weigh_knowledge(doc.kb).assessments.reliability[AGENT + "TheDuran"] == "B"
    undoable(doc, Withdraw(LEADS, "deprecation"))
    assert not weigh_knowledge(doc.kb)[LEADS].deprecated


def test_they_survive_save_and_reload_and_the_turtle_export(doc: Document, data_dir: Path) -> None:
    doc.run(GradeSource(AGENT + "TheDuran", "C", creator=ANALYST, created="2026-12-04T21:00:00Z"))
    doc.run(OverrideCredibility(LEADS, 3, "one outlet is partisan", creator=ANALYST,
                                created="2026-12-04T21:01:00Z"))
    doc.run(DeprecateClaim(LEADS, "duplicate", creator=ANALYST, created="2026-12-04T21:02:00Z"))
    doc.save()
    kb = load_knowledge(sorted(data_dir.glob("*.ttl")))
    w = weigh_knowledge(kb)[LEADS]
    assert (w.credibility, w.deprecated) == (3, True)
    report = validate(kb)
    assert report.ok, [str(p) for p in report.problems]
    exported = rdflib.Graph().parse(data=serialize(kb, "turtle"), format="turtle")
    assert isomorphic(exported, kb.store.to_rdflib())
    reread = load_knowledge(sorted(data_dir.glob("*.ttl")))
    again = weigh_knowledge(reread)
    assert again.assessments.records == weigh_knowledge(kb).assessments.records
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    assert len(set(exported.subjects(oa.motivatedBy, oa.assessing))) == 2
    assert len(set(exported.subjects(oa.motivatedBy, oa.moderating))) == 1


def test_bad_judgements_are_refused(doc: Document) -> None:
    with pytest.raises(ExplorerError, match="A-F"):
        GradeSource(AGENT + "TheDuran", "G")
    with pytest.raises(ExplorerError, match="publisher nor a speaker"):
        doc.run(GradeSource(CLAIM + "nothing", "A"))
    with pytest.raises(ExplorerError, match="why"):
        doc.run(DeprecateClaim(LEADS, "  "))
    with pytest.raises(ExplorerError, match="1-6"):
        OverrideCredibility(LEADS, 7, "x")
