"""Shared by the tests of the curated data: the project's namespaces and the bundled graph read with plain
rdflib (independently of the explorer's loader), parsed once per test run."""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Namespace

from explorer.resources import bundled_files

CX = Namespace("https://w3id.org/caucasus-explorer/vocab#")
OA = Namespace("http://www.w3.org/ns/oa#")
DCT = Namespace("http://purl.org/dc/terms/")
ACTOR = Namespace("https://w3id.org/caucasus-explorer/actor/")
CLAIM = Namespace("https://w3id.org/caucasus-explorer/claim/")
EVIDENCE = Namespace("https://w3id.org/caucasus-explorer/evidence/")
AGENT = Namespace("https://w3id.org/caucasus-explorer/agent/")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@cache
def bundled_graph() -> Graph:
    """Every bundled file in one graph; callers must not modify it."""
    graph = Graph()
    for path in bundled_files():
        graph.parse(path, format="turtle")
    return graph


def bundled_files_named(names: tuple[str, ...]) -> dict[str, Graph]:
    """The named bundled files, each in its own graph."""
    return {p.name: Graph().parse(p, format="turtle") for p in bundled_files() if p.name in names}
