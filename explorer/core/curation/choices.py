"""Choices for the front end: the relations a claim may use and who a passage may be attributed to."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from explorer.core.curation.document import Document
from explorer.core.knowledge import KnowledgeBase
from explorer.core.vocab import CX, SCHEMA, local_name

_PROV = "http://www.w3.org/ns/prov#"
_AGENT_CLASSES = {URIRef(_PROV + "Person"), URIRef(_PROV + "Organization"), URIRef(_PROV + "Agent"),
                  SCHEMA.Person, SCHEMA.Organization}


def curation_relations(kb: KnowledgeBase) -> list:
    """The vocabulary's relations a claim may use, by category then label."""
    uncategorised = str(CX) + "Uncategorised"
    relations = [r for r in kb.relations.values() if r.category != uncategorised and not r.iri.startswith("_:")]
    return sorted(relations, key=lambda r: (kb.label(r.category).casefold(), r.label.casefold()))


def attribution_choices(doc: Document) -> list[tuple[str, str]]:
    """(IRI, label) of everyone a passage may be attributed to: agents and people or organisations."""
    kb = doc.kb
    found: dict[str, str] = {iri: agent.label for iri, agent in kb.agents.items()}
    for cls in _AGENT_CLASSES:
        for node in doc.subjects(RDF.type, cls):
            if isinstance(node, URIRef) and str(node) not in found:
                label = doc.value(node, RDFS.label)
                found[str(node)] = str(label) if label is not None else local_name(str(node))
    for actor in kb.actors.values():
        if actor.kind in ("person", "organisation", "group", "country"):
            found.setdefault(actor.iri, actor.label)
    return sorted(found.items(), key=lambda kv: (kv[1].casefold(), kv[0]))
