"""Namespaces: the standard vocabularies the data uses and the project's own.

rdflib is not imported here (it takes a tenth of a second, and the window's first paint needs
none of it): :class:`Namespace` builds rdflib terms, importing rdflib on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import URIRef


class Namespace(str):
    """An IRI prefix whose attributes and items are rdflib URIRefs, as with ``rdflib.Namespace``."""

    __slots__ = ()

    def term(self, name: str) -> URIRef:
        from rdflib import URIRef

        return URIRef(self + (name if isinstance(name, str) else ""))

    def __getitem__(self, key: str) -> URIRef:  # type: ignore[override]
        return self.term(key)

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):  # Python's special names are not terms
            raise AttributeError(name)
        return self.term(name)

    @property
    def title(self) -> URIRef:  # type: ignore[override]
        return self.term("title")

    def __contains__(self, ref: str) -> bool:  # type: ignore[override]
        return ref.startswith(self)

    def __repr__(self) -> str:
        return f"Namespace({super().__repr__()})"


DCTERMS = Namespace("http://purl.org/dc/terms/")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
PROV = Namespace("http://www.w3.org/ns/prov#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

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
    CX + "Country": "country",
    CX + "Organisation": "organisation",
    CX + "Person": "person",
    CX + "Place": "place",
    CX + "Event": "event",
    CX + "Group": "group",
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
