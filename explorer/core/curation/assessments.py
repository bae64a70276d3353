"""The analyst's judgements as commands (issue 13): grade a source, override a credibility, deprecate a claim.

Each is one W3C Web Annotation added to the user's files, so it is saved, undone and exported like any
edit: ``oa:motivatedBy oa:assessing`` with a body ``cx:ReliabilityA``..``F`` (target: a publisher or a
speaker) or ``cx:Credibility1``..``6`` (target: a claim), or ``oa:motivatedBy oa:moderating`` with the body
``cx:DeprecatedRank`` (target: a claim); the reason in ``rdfs:comment``, who in ``dcterms:creator`` and when
in ``dcterms:created``. A new grade or override replaces the target's earlier ones (the latest wins when
reading anyway; replacing keeps the files free of stale judgements). Reading: explorer.core.weight.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from explorer.core.curation.commands import Command
from explorer.core.curation.document import Change, ChangeBuilder, Document
from explorer.core.errors import ExplorerError
from explorer.core.vocab import BASE, CX, OA, local_name
from explorer.core.weight import ASSESSING, CREDIBILITY, DEPRECATED, MODERATING, RELIABILITY, RELIABILITY_LETTERS

ASSESSMENT = BASE + "assessment/"


def now() -> str:
    """The current time as an xsd:dateTime in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class _Assess(Command):
    """Add one assessing or moderating annotation on ``target``, replacing its earlier ones of the same kind."""

    motivation = ASSESSING
    kind = "assessment"
    bodies: frozenset[str] = frozenset()

    def __init__(self, target: str, body: str, reason: str | None, creator: str | None,
                 created: str | None) -> None:
        self.target, self.body = target, body
        self.reason = (reason or "").strip() or None
        self.creator, self.created = creator, created

    def _check(self, doc: Document) -> None:
        raise NotImplementedError

    def _file(self, doc: Document) -> object:
        return doc.file_of(URIRef(self.target))

    def plan(self, doc: Document) -> Change:
        self._check(doc)
        file = self._file(doc)
        b = ChangeBuilder(doc)
        target = URIRef(self.target)
        for old in _annotations_on(doc, target, self.motivation, self.bodies):
            for f, t in doc.triples_about(old) + doc.mentioning(old):
                b.remove(f, t)
        node = URIRef(doc.unused_iri(f"{ASSESSMENT}{self.kind}-{local_name(self.target)}"))
        triples = [(node, RDF.type, OA.Annotation), (node, OA.motivatedBy, URIRef(self.motivation)),
                   (node, OA.hasTarget, target), (node, OA.hasBody, URIRef(self.body)),
                   (node, DCTERMS.created, Literal(self.created or now(), datatype=XSD.dateTime))]
        if self.reason:
            triples.append((node, RDFS.comment, Literal(self.reason)))
        if self.creator:
            triples.append((node, DCTERMS.creator, URIRef(self.creator)))
        for t in triples:
            b.add(file, t)  # type: ignore[arg-type]
        self.result = self.target
        return b.change()


def _annotations_on(doc: Document, target: URIRef, motivation: str, bodies: frozenset[str]) -> list[URIRef]:
    found: list[URIRef] = []
    for ann in doc.subjects(OA.hasTarget, target):
        if doc.holds((ann, OA.motivatedBy, URIRef(motivation))) and \
                any(str(b) in bodies for b in doc.objects(ann, OA.hasBody)):
            found.append(URIRef(str(ann)))
    return found


class GradeSource(_Assess):
    """Grade a publisher or a speaker A-F (Admiralty reliability)."""

    kind = "reliability"
    bodies = frozenset(RELIABILITY)

    def __init__(self, source: str, letter: str, reason: str | None = None, *, creator: str | None = None,
                 created: str | None = None) -> None:
        letter = letter.strip().upper()
        if len(letter) != 1 or letter not in RELIABILITY_LETTERS:
            raise ExplorerError(f"a reliability grade is one letter A-F, not {letter!r}")
        super().__init__(source, CX + f"Reliability{letter}", reason, creator, created)
        self.letter = letter
        self.text = f"Grade Source {letter}"

    def _check(self, doc: Document) -> None:
        kb = doc.kb
        publishers = {a.publisher_iri for a in kb.articles.values()}
        if self.target not in kb.agents and self.target not in publishers:
            raise ExplorerError(f"{local_name(self.target)} is neither a publisher nor a speaker of this graph")
        self.text = f"Grade {kb.label(self.target)} {self.letter}"


class OverrideCredibility(_Assess):
    """Set a claim's credibility 1-6 by hand, with the reason."""

    kind = "credibility"
    bodies = frozenset(CREDIBILITY)

    def __init__(self, claim: str, credibility: int, reason: str, *, creator: str | None = None,
                 created: str | None = None) -> None:
        if credibility not in range(1, 7):
            raise ExplorerError(f"a credibility is a number 1-6, not {credibility}")
        super().__init__(claim, CX + f"Credibility{credibility}", reason, creator, created)
        self.credibility = credibility
        self.text = f"Override Credibility {credibility}"

    def _check(self, doc: Document) -> None:
        _claim(doc, self.target)
        if not self.reason:
            raise ExplorerError("say why the credibility is overridden")
        self.text = f"Set Credibility {self.credibility} of “{doc.kb.describe(doc.kb.claims[self.target])}”"


class DeprecateClaim(_Assess):
    """Deprecate a claim with the reason: it stays in the data, hidden by default."""

    motivation = MODERATING
    kind = "deprecation"
    bodies = frozenset({DEPRECATED})

    def __init__(self, claim: str, reason: str, *, creator: str | None = None, created: str | None = None) -> None:
        super().__init__(claim, DEPRECATED, reason, creator, created)
        self.text = "Deprecate Claim"

    def _check(self, doc: Document) -> None:
        _claim(doc, self.target)
        if not self.reason:
            raise ExplorerError("say why the claim is deprecated")
        self.text = f"Deprecate “{doc.kb.describe(doc.kb.claims[self.target])}”"


class Withdraw(Command):
    """Take back the override of a claim (``what="credibility"``), its deprecation (``"deprecation"``) or a
    source's grade (``"reliability"``)."""

    _KINDS: ClassVar[dict[str, tuple[str, frozenset[str], str]]] = {
        "credibility": (ASSESSING, frozenset(CREDIBILITY), "Clear Credibility Override"),
        "deprecation": (MODERATING, frozenset({DEPRECATED}), "Restore Claim"),
        "reliability": (ASSESSING, frozenset(RELIABILITY), "Clear Grade")}

    def __init__(self, target: str, what: str) -> None:
        if what not in self._KINDS:
            raise ExplorerError(f"nothing called {what!r} can be withdrawn")
        self.target, self.what = target, what
        self.text = self._KINDS[what][2]

    def plan(self, doc: Document) -> Change:
        motivation, bodies, _text = self._KINDS[self.what]
        b = ChangeBuilder(doc)
        for old in _annotations_on(doc, URIRef(self.target), motivation, bodies):
            for f, t in doc.triples_about(old) + doc.mentioning(old):
                b.remove(f, t)
        self.result = self.target
        return b.change()


def _claim(doc: Document, claim: str) -> None:
    record = doc.kb.claims.get(claim)
    if record is None or not record.has_statement:
        raise ExplorerError("choose a claim with a statement")
