"""Edits as commands: each is planned against the document into a :class:`Change` of triples.

An edit is a command (:class:`NewClaim`, :class:`AddPassage`, :class:`EditClaim`, :class:`DeleteClaim`,
:class:`RemovePassage`, :class:`NewActor`, :class:`EditActor`, :class:`DeleteActor`,
:class:`MergeActors`). :meth:`Command.plan` works out, against the
:class:`~explorer.core.curation.document.Document` as it is, the exact triples the edit adds to and
removes from each file; the front end applies that change and keeps it for undo. A new claim is written
in the shape of the hand-written files: its plain triple, its rdf:Statement, and one oa:Annotation per
passage (:mod:`explorer.core.curation.passages`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from explorer.core.curation.document import ACTOR_CLASSES, Change, ChangeBuilder, Document, Triple
from explorer.core.curation.passages import annotation_triples, name_part, parse_event_date, passage_values
from explorer.core.errors import ExplorerError
from explorer.core.vocab import ACTOR, ACTOR_KINDS, CLAIM, CX, OA, SCHEMA, local_name
from explorer.core.weight import ASSERTED

KIND_CLASSES: dict[str, str] = {kind: iri for iri, kind in ACTOR_KINDS.items()}


# ============================================================================ commands


class Command:
    """One edit. ``plan`` works out its change against the document; ``result`` is what to show after."""

    text = "Edit"
    result: str | None = None

    def plan(self, doc: Document) -> Change:
        raise NotImplementedError


def _actor(doc: Document, iri: str) -> None:
    if iri not in doc.kb.actors:
        raise ExplorerError(f"{local_name(iri)} is not an actor of this graph")


def _claim_name(subject: str, predicate: str, obj: str, date: Literal | None) -> str:
    base = f"{CLAIM}{local_name(subject)}_{local_name(predicate)}_{local_name(obj)}"
    return base + (f"_{str(date)[:4]}" if date is not None else "")


def _statement_triples(claim: URIRef, s: str, p: str, o: str, date: Literal | None) -> list[Triple]:
    triples: list[Triple] = [
        (claim, RDF.type, RDF.Statement),
        (claim, RDF.subject, URIRef(s)),
        (claim, RDF.predicate, URIRef(p)),
        (claim, RDF.object, URIRef(o)),
    ]
    if date is not None:
        triples.append((claim, CX.eventDate, date))
    return triples


def _provenance(factuality: str | None, creator: str | None) -> dict[str, str | None]:
    """How surely, by whom and when an annotation made in the app was made (today, when a creator is known).
    A passage given no factuality states its claim as fact, and says so (cx:Asserted): `explorer validate`
    warns of passages that do not say."""
    import datetime

    return {"factuality": factuality or ASSERTED, "creator": creator,
            "created": datetime.date.today().isoformat() if creator else None}


def _asserts(doc: Document, evidence: str) -> bool:
    """Whether a passage states its claim as fact (cx:Asserted, or recorded without a factuality)."""
    found = doc.kb.evidence.get(evidence)
    return found is not None and (found.factuality or ASSERTED) == ASSERTED


def _asserted_by_others(doc: Document, triple: Triple, except_claims: set[Node],
                        except_evidence: frozenset[str] = frozenset()) -> bool:
    """Whether a statement other than ``except_claims`` describes ``triple`` with a passage (other than
    ``except_evidence``) that states it as fact: then its plain triple stands (the plain-triple rule)."""
    s, p, o = (str(t) for t in triple)
    for claim in doc.kb.claims.values():
        if claim.has_statement and (claim.subject, claim.predicate, claim.object) == (s, p, o) \
                and URIRef(claim.iri) not in except_claims \
                and any(_asserts(doc, e) for e in claim.evidence if e not in except_evidence):
            return True
    return False


def _remove_claim(doc: Document, b: ChangeBuilder, claim: str) -> None:
    """Remove a claim: its statement, its annotations (with their targets), every other mention of the
    statement, and its plain triple unless another statement describes it."""
    record = doc.kb.claims.get(claim)
    if record is None:
        raise ExplorerError(f"{local_name(claim)} is not a claim of this graph")
    plain = (URIRef(record.subject), URIRef(record.predicate), URIRef(record.object))
    if not record.has_statement:
        b.remove_everywhere(plain)
        return
    node = URIRef(claim)
    for ann in doc.subjects(OA.hasBody, node):
        for f, t in doc.triples_about(ann):
            b.remove(f, t)
    for f, t in doc.triples_about(node):
        b.remove(f, t)
    for f, t in doc.mentioning(node):
        b.remove(f, t)
    if not _asserted_by_others(doc, plain, {node}):
        b.remove_everywhere(plain)


class NewClaim(Command):
    """A claim stated by a passage: the plain triple, its rdf:Statement and one oa:Annotation."""

    def __init__(self, subject: str, predicate: str, object: str, article: str, start: int, end: int,
                 event_date: str | None = None, asserted_by: str | None = None, *,
                 factuality: str | None = None, creator: str | None = None) -> None:
        self.subject, self.predicate, self.object = subject, predicate, object
        self.article, self.start, self.end = article, start, end
        self.event_date, self.asserted_by = event_date, asserted_by or None
        self.factuality, self.creator = factuality, creator  # None: stated as fact, by nobody recorded
        self.text = "New Claim"

    def plan(self, doc: Document) -> Change:
        kb = doc.kb
        _actor(doc, self.subject)
        _actor(doc, self.object)
        if self.predicate not in kb.relations:
            raise ExplorerError(f"{local_name(self.predicate)} is not a relation of the vocabulary")
        date = parse_event_date(self.event_date)
        values = passage_values(doc, self.article, self.start, self.end)
        claim = URIRef(doc.unused_iri(_claim_name(self.subject, self.predicate, self.object, date)))
        evidence = URIRef(doc.next_evidence(self.article))
        file = doc.file_for_claim(self.article)
        b = ChangeBuilder(doc)
        if (self.factuality or ASSERTED) == ASSERTED:  # a hedge, plan, condition or denial asserts nothing
            b.add(file, (URIRef(self.subject), URIRef(self.predicate), URIRef(self.object)))
        for t in _statement_triples(claim, self.subject, self.predicate, self.object, date):
            b.add(file, t)
        for t in annotation_triples(evidence, claim, self.article, values, self.asserted_by,
                                    **_provenance(self.factuality, self.creator)):
            b.add(file, t)
        self.result = str(claim)
        self.text = f"New Claim “{kb.label(self.subject)} {kb.relations[self.predicate].label} {kb.label(self.object)}”"
        return b.change()


class AddPassage(Command):
    """Another passage supporting an existing claim."""

    def __init__(self, claim: str, article: str, start: int, end: int, asserted_by: str | None = None, *,
                 factuality: str | None = None, creator: str | None = None) -> None:
        self.claim, self.article, self.start, self.end = claim, article, start, end
        self.asserted_by = asserted_by or None
        self.factuality, self.creator = factuality, creator
        self.text = "Add Passage"

    def plan(self, doc: Document) -> Change:
        record = doc.kb.claims.get(self.claim)
        if record is None or not record.has_statement:
            raise ExplorerError("choose a claim with a statement to add a passage to")
        values = passage_values(doc, self.article, self.start, self.end)
        evidence = URIRef(doc.next_evidence(self.article))
        file = doc.file_of(URIRef(self.claim))
        b = ChangeBuilder(doc)
        for t in annotation_triples(evidence, URIRef(self.claim), self.article, values, self.asserted_by,
                                    **_provenance(self.factuality, self.creator)):
            b.add(file, t)
        plain = (URIRef(record.subject), URIRef(record.predicate), URIRef(record.object))
        if (self.factuality or ASSERTED) == ASSERTED and not doc.holds(plain):  # now stated as fact
            b.add(file, plain)
        self.result = self.claim
        self.text = f"Add Passage to “{doc.kb.describe(record)}”"
        return b.change()


class RemovePassage(Command):
    """Remove one annotation (its claim stays, and validation reports it if it has no passage left)."""

    def __init__(self, evidence: str) -> None:
        self.evidence = evidence
        self.text = "Remove Passage"

    def plan(self, doc: Document) -> Change:
        ev = doc.kb.evidence.get(self.evidence)
        if ev is None:
            raise ExplorerError(f"{local_name(self.evidence)} is not a passage of this graph")
        claim = doc.kb.claims.get(ev.claim)
        if claim is not None and len(claim.evidence) <= 1:
            raise ExplorerError("this is the claim's only passage: a claim needs one, so delete the claim instead")
        b = ChangeBuilder(doc)
        node = URIRef(self.evidence)
        for f, t in doc.triples_about(node) + doc.mentioning(node):
            b.remove(f, t)
        if claim is not None and _asserts(doc, self.evidence):  # the last passage stating it as fact?
            plain = (URIRef(claim.subject), URIRef(claim.predicate), URIRef(claim.object))
            if not _asserted_by_others(doc, plain, set(), frozenset({self.evidence})):
                b.remove_everywhere(plain)
        self.result = ev.claim
        self.text = f"Remove Passage {local_name(self.evidence)}"
        return b.change()


_UNCHANGED = object()


class EditClaim(Command):
    """Change a claim's subject, relation, object or event date. A claim whose triple changes gets a new
    statement IRI (named after the new triple); its passages move to it."""

    def __init__(self, claim: str, subject: str | None = None, predicate: str | None = None,
                 object: str | None = None, event_date: str | object | None = _UNCHANGED) -> None:
        self.claim, self.subject, self.predicate, self.object = claim, subject, predicate, object
        self.event_date = event_date
        self.text = "Edit Claim"

    def plan(self, doc: Document) -> Change:
        kb = doc.kb
        old = kb.claims.get(self.claim)
        if old is None or not old.has_statement:
            raise ExplorerError("choose a claim with a statement to edit")
        s, p, o = self.subject or old.subject, self.predicate or old.predicate, self.object or old.object
        _actor(doc, s)
        _actor(doc, o)
        if p not in kb.relations:
            raise ExplorerError(f"{local_name(p)} is not a relation of the vocabulary")
        old_node = URIRef(self.claim)
        old_date = doc.value(old_node, CX.eventDate)
        date = old_date if self.event_date is _UNCHANGED else parse_event_date(self.event_date)  # type: ignore[arg-type]
        b = ChangeBuilder(doc)
        self.result = self.claim
        self.text = f"Edit Claim “{kb.describe(old)}”"
        if (s, p, o) == (old.subject, old.predicate, old.object) and date == old_date:
            return b.change()
        file = doc.file_of(old_node)
        same_name = (s, p, o) == (old.subject, old.predicate, old.object) and (
            str(date)[:4] if date is not None else None) == (str(old_date)[:4] if old_date is not None else None)
        if same_name:
            for f, t in doc.triples_about(old_node):
                if t[1] == CX.eventDate:
                    b.remove(f, t)
            if date is not None:
                b.add(file, (old_node, CX.eventDate, date))
            return b.change()
        new_node = URIRef(doc.unused_iri(_claim_name(s, p, o, date)))
        old_plain = (URIRef(old.subject), URIRef(old.predicate), URIRef(old.object))
        for f, t in doc.triples_about(old_node):
            b.remove(f, t)
        for f, t in doc.mentioning(old_node):
            if t[0] != old_node:
                b.remove(f, t)
                b.add(f, (t[0], t[1], new_node) if t[2] == old_node else t)
        for t in _statement_triples(new_node, s, p, o, date):
            b.add(file, t)
        if any(_asserts(doc, e) for e in old.evidence):  # only a claim stated as fact has its plain triple
            b.add(file, (URIRef(s), URIRef(p), URIRef(o)))
        if old_plain != (URIRef(s), URIRef(p), URIRef(o)) and not _asserted_by_others(doc, old_plain, {old_node}):
            b.remove_everywhere(old_plain)
        self.result = str(new_node)
        return b.change()


class DeleteClaim(Command):
    def __init__(self, claim: str) -> None:
        self.claim = claim
        self.text = "Delete Claim"

    def plan(self, doc: Document) -> Change:
        record = doc.kb.claims.get(self.claim)
        if record is not None:
            self.text = f"Delete Claim “{doc.kb.describe(record)}”"
        b = ChangeBuilder(doc)
        _remove_claim(doc, b, self.claim)
        return b.change()


class NewActor(Command):
    """A new actor: its type (kind), English label and other names."""

    def __init__(self, label: str, kind: str, aliases: Sequence[str] = (), role: str | None = None,
                 description: str | None = None) -> None:
        self.label, self.kind = label.strip(), kind
        self.aliases = [a.strip() for a in aliases if a.strip() and a.strip() != label.strip()]
        self.role, self.description = (role or "").strip() or None, (description or "").strip() or None
        self.text = f"New Actor “{self.label}”"

    def plan(self, doc: Document) -> Change:
        if not self.label:
            raise ExplorerError("an actor needs a name")
        if self.kind not in KIND_CLASSES:
            raise ExplorerError(f"{self.kind!r} is not a kind of actor ({', '.join(KIND_CLASSES)})")
        node = URIRef(doc.unused_iri(str(ACTOR) + name_part(self.label)))
        file = doc.file_for_actor()
        b = ChangeBuilder(doc)
        for t in _actor_triples(node, self.label, self.kind, self.aliases, self.role, self.description):
            b.add(file, t)
        self.result = str(node)
        return b.change()


def _actor_triples(node: URIRef, label: str, kind: str, aliases: Sequence[str], role: str | None,
                   description: str | None) -> list[Triple]:
    triples: list[Triple] = [(node, RDF.type, URIRef(KIND_CLASSES[kind])),
                             (node, RDFS.label, Literal(label, lang="en"))]
    triples += [(node, SKOS.altLabel, Literal(a, lang="en")) for a in dict.fromkeys(aliases)]
    if role:
        triples.append((node, SCHEMA.jobTitle, Literal(role, lang="en")))
    if description:
        triples.append((node, RDFS.comment, Literal(description, lang="en")))
    return triples


class EditActor(Command):
    """Change an actor's name, kind, other names, role or description (None leaves a field as it is)."""

    FIELDS: ClassVar[dict[str, URIRef]] = {
        "label": RDFS.label, "aliases": SKOS.altLabel, "role": SCHEMA.jobTitle, "description": RDFS.comment}

    def __init__(self, actor: str, label: str | None = None, kind: str | None = None,
                 aliases: Sequence[str] | None = None, role: str | None = None,
                 description: str | None = None) -> None:
        self.actor = actor
        self.values: dict[str, object] = {"label": label, "aliases": aliases, "role": role,
                                          "description": description}
        self.kind = kind
        self.text = "Edit Actor"

    def plan(self, doc: Document) -> Change:
        _actor(doc, self.actor)
        node = URIRef(self.actor)
        self.text = f"Edit Actor “{doc.kb.actors[self.actor].label}”"
        self.result = self.actor
        b = ChangeBuilder(doc)
        home = doc.file_of(node)
        about = [(f, t) for f in doc.files for t in doc._by_subject(f, node)]
        for name, prop in self.FIELDS.items():
            value = self.values[name]
            if value is None:
                continue
            old = [(f, t) for f, t in about if t[1] == prop]
            where = old[0][0] if old else home
            lang = next((t[2].language for _f, t in old if isinstance(t[2], Literal) and t[2].language), "en")
            texts = [str(v).strip() for v in value] if name == "aliases" else [str(value).strip()]  # type: ignore[attr-defined]
            texts = [t for t in dict.fromkeys(texts) if t]
            if name == "label" and not texts:
                raise ExplorerError("an actor needs a name")
            for f, t in old:
                b.remove(f, t)
            for text in texts:
                b.add(where, (node, prop, Literal(text, lang=lang)))
        if self.kind is not None:
            if self.kind not in KIND_CLASSES:
                raise ExplorerError(f"{self.kind!r} is not a kind of actor")
            old_types = [(f, t) for f, t in about if t[1] == RDF.type and t[2] in ACTOR_CLASSES]
            where = old_types[0][0] if old_types else home
            for f, t in old_types:
                b.remove(f, t)
            b.add(where, (node, RDF.type, URIRef(KIND_CLASSES[self.kind])))
        return b.change()


class DeleteActor(Command):
    """Remove an actor, its description and every claim it takes part in (a passage it is credited
    with loses that attribution)."""

    def __init__(self, actor: str) -> None:
        self.actor = actor
        self.text = "Delete Actor"

    def plan(self, doc: Document) -> Change:
        _actor(doc, self.actor)
        kb = doc.kb
        self.text = f"Delete Actor “{kb.actors[self.actor].label}”"
        b = ChangeBuilder(doc)
        for claim in kb.claims_of(self.actor):
            _remove_claim(doc, b, claim.iri)
        node = URIRef(self.actor)
        for f, t in doc.triples_about(node) + doc.mentioning(node):
            b.remove(f, t)
        return b.change()


class MergeActors(Command):
    """Two actors that are the same: every mention of ``drop`` becomes ``keep``; drop's names become
    keep's other names, and what keep does not say about itself (role, description, links) is taken
    from drop."""

    SINGLE: ClassVar[tuple[URIRef, ...]] = (SCHEMA.jobTitle, RDFS.comment)

    def __init__(self, keep: str, drop: str) -> None:
        self.keep, self.drop = keep, drop
        self.text = "Merge Actors"

    def plan(self, doc: Document) -> Change:
        if self.keep == self.drop:
            raise ExplorerError("choose two different actors to merge")
        _actor(doc, self.keep)
        _actor(doc, self.drop)
        kb = doc.kb
        keep_actor, drop_actor = kb.actors[self.keep], kb.actors[self.drop]
        self.text = f"Merge “{drop_actor.label}” into “{keep_actor.label}”"
        self.result = self.keep
        keep, drop = URIRef(self.keep), URIRef(self.drop)
        home = doc.file_of(keep)
        keep_about = {t for f in doc.files for t in doc._by_subject(f, keep)}
        keep_names = {str(t[2]) for t in keep_about if t[1] in (RDFS.label, SKOS.altLabel)}
        keep_has = {t[1] for t in keep_about}
        b = ChangeBuilder(doc)
        for f, t in doc.mentioning(drop):
            b.remove(f, t)
            s, p, o = t
            if s == drop:
                if p == RDF.type and t[2] in ACTOR_CLASSES and any(
                        x[1] == RDF.type and x[2] in ACTOR_CLASSES for x in keep_about):
                    continue
                if p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel):
                    if str(o) in keep_names:
                        continue
                    keep_names.add(str(o))
                    b.add(home, (keep, SKOS.altLabel, o))
                    continue
                if p in self.SINGLE and p in keep_has:
                    continue
                s = keep
            if o == drop:
                o = keep
            if (s, p, o) == (keep, OWL.sameAs, keep):
                continue
            b.add(f, (s, p, o))
        return b.change()
