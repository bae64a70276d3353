"""Namespaces: the standard vocabularies the data uses and the project's own."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/caucasus-explorer/"
CX = Namespace(BASE + "vocab#")
ACTOR = Namespace(BASE + "actor/")
ARTICLE = Namespace(BASE + "article/")
AGENT = Namespace(BASE + "agent/")
CLAIM = Namespace(BASE + "claim/")
EVIDENCE = Namespace(BASE + "evidence/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "cx": str(CX),
    "actor": str(ACTOR),
    "article": str(ARTICLE),
    "agent": str(AGENT),
    "claim": str(CLAIM),
    "evidence": str(EVIDENCE),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "wd": str(WD),
}

#: Actor classes of the vocabulary and the short kind name the front ends use.
ACTOR_KINDS: dict[str, str] = {
    str(CX.Country): "country",
    str(CX.Organisation): "organisation",
    str(CX.Person): "person",
    str(CX.Place): "place",
    str(CX.Event): "event",
    str(CX.Group): "group",
}

SPARQL_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def shorten(iri: str) -> str:
    """``actor:Russia`` for a known namespace, the IRI itself otherwise."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def local_name(iri: str) -> str:
    """The last path or fragment segment of an IRI, for labels of unlabelled things."""
    for sep in ("#", "/", ":"):
        if sep in iri.rstrip(sep):
            return iri.rstrip(sep).rsplit(sep, 1)[1]
    return iri
