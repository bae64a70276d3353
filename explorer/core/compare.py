"""Graph comparison for round trips: are two RDF graphs the same up to blank node names?

rdflib's ``compare.isomorphic`` is exact but takes minutes on the bundled graph's ~600 blank nodes;
Oxigraph's W3C RDFC-1.0 canonicalisation (Rust) does the same job in a fraction of a second.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib


def _canonical(graph: rdflib.Graph) -> set[ox.Quad]:
    dataset = ox.Dataset(ox.parse(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def isomorphic(a: rdflib.Graph, b: rdflib.Graph) -> bool:
    """True when ``a`` and ``b`` hold the same triples up to a renaming of blank nodes."""
    return len(a) == len(b) and _canonical(a) == _canonical(b)
