"""Export the graph, or a subset of it, for other RDF and network tools.

A subset carries everything needed to check it elsewhere: the claims' plain triples and
rdf:Statements, their annotations with targets and selectors, the articles and agents those cite,
the actors' descriptions, and the vocabulary terms used.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
import rdflib

from explorer.core.errors import ExplorerError
from explorer.core.formats import FORMATS, format_by_name
from explorer.core.jobs import Progress
from explorer.core.knowledge import KnowledgeBase
from explorer.core.network import claim_graph
from explorer.core.store import OxigraphStore
from explorer.core.vocab import CX, PREFIXES, SPARQL_PREFIXES
from explorer.core.weight import ASSERTED


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    extension: str
    kind: str  # "rdf", "network" or "events"


EXPORT_FORMATS: dict[str, ExportFormat] = {
    **{f.name: ExportFormat(f.name, f.label, f.extensions[0], "rdf") for f in FORMATS.values()
       if f.name != "rdfxml"},
    "rdfxml": ExportFormat("rdfxml", "RDF/XML", ".rdf", "rdf"),
    "graphml": ExportFormat("graphml", "GraphML", ".graphml", "network"),
    "gexf": ExportFormat("gexf", "GEXF (Gephi)", ".gexf", "network"),
    # one PLOVER event record per coded claim (explorer/core/analysis/plover.py)
    "plover": ExportFormat("plover", "PLOVER events (JSON lines)", ".jsonl", "events"),
}


def export_format(name: str) -> ExportFormat:
    key = name.lower()
    if key in EXPORT_FORMATS:
        return EXPORT_FORMATS[key]
    return EXPORT_FORMATS[format_by_name(name).name]


def export_extensions() -> list[str]:
    """Every output file extension that names an export format."""
    found = {fmt.extension for fmt in EXPORT_FORMATS.values()}
    found.update(e for fmt in FORMATS.values() for e in fmt.extensions)
    return sorted(found)


class UnknownExtensionError(ExplorerError):
    """An output file whose extension names no export format: guessing would write the wrong format."""


def format_for_path(path: str | Path) -> ExportFormat:
    """The export format that ``path``'s extension names; raises :class:`UnknownExtensionError` for any other
    (never a silent Turtle file named .xyz)."""
    suffix = Path(path).suffix.lower()
    for fmt in EXPORT_FORMATS.values():
        if suffix == fmt.extension:
            return fmt
    for rdf in FORMATS.values():
        if suffix in rdf.extensions:
            return EXPORT_FORMATS[rdf.name]
    raise UnknownExtensionError(f"cannot tell the export format from the extension {suffix or '(none)'!r}",
                                path=path, hint="known extensions: " + ", ".join(export_extensions()))


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(set(iris)) if not i.startswith("_:"))


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def claims_for_actors(kb: KnowledgeBase, actors: Iterable[str]) -> list[str]:
    """Every claim that involves at least one of ``actors``."""
    chosen: dict[str, None] = {}
    for actor in actors:
        for claim in kb.claims_of(actor):
            chosen.setdefault(claim.iri)
    return list(chosen)


def subset_graph(kb: KnowledgeBase, claims: Iterable[str] | None = None,
                 actors: Iterable[str] = (), passages: Container[str] | None = None) -> rdflib.Graph:
    """The claims (and extra actors) with all they need, as an rdflib graph; only the passages among
    ``passages`` when given (the graph as known on a date)."""
    if claims is None and not actors and passages is None:
        graph = kb.store.to_rdflib()
        _bind(graph)
        return graph
    claim_iris = list(dict.fromkeys(claims or ()))
    chosen = [kb.claims[c] for c in claim_iris if c in kb.claims]
    actor_iris = set(actors)
    for claim in chosen:
        actor_iris.update(claim.ends)
    statements = [c.iri for c in chosen if c.has_statement]
    annotations = [e for c in chosen for e in c.evidence if passages is None or e in passages]
    evidence = [kb.evidence[a] for a in annotations if a in kb.evidence]
    articles = {e.article for e in evidence}
    agents = {e.asserted_by for e in evidence if e.asserted_by}
    predicates = {c.predicate for c in chosen}
    graph = rdflib.Graph()
    _bind(graph)
    for claim in chosen:  # the plain triple only where a passage kept states it as fact (the plain-triple rule)
        kept = [kb.evidence[e] for e in claim.evidence if e in kb.evidence and (passages is None or e in passages)]
        if not claim.has_statement or any((ev.factuality or ASSERTED) == ASSERTED for ev in kept):
            graph.add((rdflib.URIRef(claim.subject), rdflib.URIRef(claim.predicate), rdflib.URIRef(claim.object)))

    def describe(iris: Iterable[str], template: str) -> None:
        for chunk in _chunks(sorted(set(iris))):
            graph.__iadd__(kb.store.construct(SPARQL_PREFIXES + template.replace("$VALUES", _values(chunk))))

    simple = "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { $VALUES } ?s ?p ?o }"
    # An actor's own description, without its relations to actors outside the subset.
    described = ("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { $VALUES } ?s ?p ?o "
                 "FILTER NOT EXISTS { ?p cx:category ?category } }")
    describe(statements, simple)
    describe(annotations, """CONSTRUCT { ?s ?p ?o . ?t ?tp ?to . ?sel ?sp ?so } WHERE {
        VALUES ?s { $VALUES } ?s ?p ?o .
        OPTIONAL { ?s oa:hasTarget ?t . ?t ?tp ?to . OPTIONAL { ?t oa:hasSelector ?sel . ?sel ?sp ?so } } }""")
    describe(articles, """CONSTRUCT { ?s ?p ?o . ?x ?xp ?xo } WHERE {
        VALUES ?s { $VALUES } ?s ?p ?o .
        OPTIONAL { VALUES ?via { dcterms:publisher dcterms:creator } ?s ?via ?x . ?x ?xp ?xo } }""")
    describe(agents | actor_iris, described)
    vocabulary = set(predicates)
    vocabulary |= {str(kb.relations[p].category) for p in predicates if p in kb.relations}
    vocabulary |= set(_types_of(kb, actor_iris | articles | agents))
    vocabulary |= {str(CX[name]) for name in ("category", "eventDate", "startDate", "endDate", "dateNote",
                                              "assertedBy", "seedFile",
                                              "bodyStart", "bodyEnd", "RelationCategories", "Actor")}
    vocabulary.add(str(CX).rstrip("#"))
    describe(vocabulary, simple)
    return graph


def _types_of(kb: KnowledgeBase, iris: set[str]) -> list[str]:
    found: list[str] = []
    for chunk in _chunks(sorted(i for i in iris if not i.startswith("_:"))):
        rows = kb.store.select(SPARQL_PREFIXES + f"SELECT DISTINCT ?t WHERE {{ VALUES ?s {{ {_values(chunk)} }} "
                               "?s a ?t . FILTER(STRSTARTS(STR(?t), STR(cx:))) }")
        found.extend(r["t"] for r in rows if r["t"])
    return found


def _bind(graph: rdflib.Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, rdflib.Namespace(ns), override=True, replace=True)


#: The most triples a Turtle export writes like Save: 20,000 take about 3 s (the bundled graph's 6,000,
#: 0.85 s), where Oxigraph's dump takes a fiftieth of that (benchmarks/README.md's export target).
READABLE_LIMIT = 20_000


def serialize(kb: KnowledgeBase, fmt: str | ExportFormat, claims: Iterable[str] | None = None,
              actors: Iterable[str] = (), passages: Container[str] | None = None,
              positions: Mapping[str, tuple[float, float]] | None = None) -> bytes:
    """The export as bytes; with ``passages``, only those passages of the claims (see :func:`subset_graph`).
    Turtle of up to :data:`READABLE_LIMIT` triples is written like Save (claims grouped with their evidence,
    byte-identical for the same graph, so exports diff cleanly); larger graphs, and N-Triples and N-Quads of
    the whole graph, are Oxigraph's dump (as fast as Oxigraph, with the blank node names of the load)."""
    fmt = fmt if isinstance(fmt, ExportFormat) else export_format(fmt)
    if fmt.kind == "events":
        from explorer.core.analysis.plover import plover_bytes

        return plover_bytes(kb, None if claims is None and not actors else
                            list(claims or ()) + claims_for_actors(kb, actors))
    if fmt.kind == "network":
        chosen = None if claims is None and not actors else \
            [kb.claims[c] for c in (list(claims or ()) + claims_for_actors(kb, actors)) if c in kb.claims]
        if passages is not None:
            chosen = [replace(c, evidence=tuple(e for e in c.evidence if e in passages))
                      for c in (kb.claims.values() if chosen is None else chosen)]
        graph = claim_graph(kb, chosen, include_isolated=chosen is None, with_weight=True)
        return _network_bytes(graph, fmt.name, appearance(kb, graph, positions))
    whole = claims is None and not actors and passages is None
    readable = fmt.name == "turtle" and len(kb.store) <= READABLE_LIMIT
    if whole and isinstance(kb.store, OxigraphStore) and fmt.name in ("turtle", "ntriples", "nquads") \
            and not readable:
        out = io.BytesIO()
        kb.store.dump(out, FORMATS[fmt.name], PREFIXES)
        return out.getvalue()
    graph = subset_graph(kb, claims, actors, passages)
    if fmt.name == "rdfxml":
        _check_xml_text(graph)
    rdflib_format = FORMATS[fmt.name].rdflib
    if fmt.name in ("trig", "nquads"):
        dataset = rdflib.Dataset()
        _bind(dataset)  # type: ignore[arg-type]
        default = dataset.default_graph if hasattr(dataset, "default_graph") else dataset
        for triple in graph:
            default.add(triple)
        return dataset.serialize(format=rdflib_format, encoding="utf-8")
    if fmt.name == "jsonld":
        return graph.serialize(format="json-ld", encoding="utf-8", context=dict(PREFIXES), auto_compact=True)
    if fmt.name == "turtle" and len(graph) <= READABLE_LIMIT:
        from explorer.core.curation.turtle_writer import write_turtle  # the curation package imports this module

        return write_turtle(graph, PREFIXES).encode("utf-8")
    return graph.serialize(format=rdflib_format, encoding="utf-8")


_NOT_IN_XML = {chr(c) for c in range(32) if chr(c) not in "\t\n"} | {"\ufffe", "\uffff"}


def _check_xml_text(graph: rdflib.Graph) -> None:
    """XML 1.0 cannot carry control characters (and turns a raw carriage return into a newline)."""
    for s, _p, o in graph:
        if isinstance(o, rdflib.Literal) and any(c in _NOT_IN_XML for c in str(o)):
            raise ExplorerError(f"a literal of {s} holds control characters that RDF/XML cannot carry",
                                hint="export as Turtle, N-Triples or JSON-LD instead")


@dataclass(frozen=True)
class Look:
    """How a network export draws the graph: each actor's place, size and colour and each claim's colour,
    as the window shows them (its default layout when no window says where the actors are)."""

    positions: Mapping[str, tuple[float, float]]
    sizes: Mapping[str, float]
    node_colours: Mapping[str, str]  # '#rrggbb'
    edge_colours: Mapping[str, str]  # by claim IRI


def appearance(kb: KnowledgeBase, graph: nx.MultiDiGraph,
               positions: Mapping[str, tuple[float, float]] | None = None) -> Look:
    from explorer.core.palette import category_hex, kind_hex
    from explorer.core.placement import default_layout, node_radius

    if positions is None or any(node not in positions for node in graph.nodes):
        positions = {**default_layout(kb), **(positions or {})}
    sizes = {node: node_radius(kb.degree(node)) for node in graph.nodes}
    colours = {node: kind_hex(data.get("kind") or "other") for node, data in graph.nodes(data=True)}
    edges = {key: category_hex(kb.relations[data["predicate"]].category)
             for _u, _v, key, data in graph.edges(keys=True, data=True) if data.get("predicate") in kb.relations}
    return Look(positions, sizes, colours, edges)


def _rgb(colour: str) -> dict[str, int | float]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0}


def _network_bytes(graph: nx.MultiDiGraph, name: str, look: Look | None = None) -> bytes:
    """GraphML or GEXF. With ``look``, the picture travels too: GEXF's ``viz:position``, ``viz:size`` and
    ``viz:color`` (Gephi opens it laid out and coloured), and GraphML attributes ``x``, ``y``, ``size`` and
    ``color`` (Gephi reads them as such; yEd maps them with its Properties Mapper). The y axis points up in
    both, down on screen: it is turned over so that the picture is the window's."""
    out = io.BytesIO()
    clean = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attributes = {k: v for k, v in data.items() if v is not None}
        if look is not None and node in look.positions:
            x, y = look.positions[node]
            size, colour = round(look.sizes.get(node, 1.0), 3), look.node_colours.get(node, "#9c9c9c")
            if name == "graphml":
                attributes.update(x=round(x, 3), y=round(-y, 3), size=size, color=colour)
            else:
                attributes["viz"] = {"position": {"x": round(x, 3), "y": round(-y, 3), "z": 0.0},
                                     "size": size, "color": _rgb(colour)}
        clean.add_node(node, **attributes)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attributes = {k: v for k, v in data.items() if v is not None}
        edge_colour = look.edge_colours.get(key) if look is not None else None
        if edge_colour is not None:
            if name == "graphml":
                attributes["color"] = edge_colour
            else:
                attributes["viz"] = {"color": _rgb(edge_colour)}
        clean.add_edge(u, v, key=key, id=key, **attributes)
    if name == "graphml":
        nx.write_graphml(clean, out)
    else:
        nx.write_gexf(clean, out)
    return out.getvalue()


def _umask_from_proc() -> int | None:
    """The process's umask as Linux reports it (``Umask:`` in /proc/self/status), without changing it."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _umask_by_setting() -> int:
    """The umask read the only portable way, by setting it and back: racy if another thread creates a
    file meanwhile, so it is done once, at import, and only where /proc does not say."""
    old = os.umask(0o077)
    os.umask(old)
    return old


_from_proc_at_import = _umask_from_proc()
#: The umask when /proc cannot tell it (not Linux), read once at import.
_UMASK_AT_IMPORT: int = _umask_by_setting() if _from_proc_at_import is None else _from_proc_at_import


def current_umask() -> int:
    """The umask new files get, read without changing it (so safe while other threads create files)."""
    found = _umask_from_proc()
    return _UMASK_AT_IMPORT if found is None else found


def mode_for(path: Path) -> int:
    """The permissions a written ``path`` gets: those of the file it replaces, else what any editor
    gives a new file (0666 less the umask). A temporary file alone would leave it at 0600."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over: never a half-written file, and the
    permissions of the file replaced (or the umask's for a new one)."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ExplorerError(f"cannot write here: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode_for(path))
            else:  # Windows before Python 3.13
                os.chmod(tmp, mode_for(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExplorerError(f"cannot write the file: {exc.strerror}", path=path) from None


def export_to(kb: KnowledgeBase, path: str | Path, fmt: str | ExportFormat | None = None,
              claims: Iterable[str] | None = None, actors: Iterable[str] = (),
              progress: Progress | None = None,
              positions: Mapping[str, tuple[float, float]] | None = None) -> ExportFormat:
    """Write ``path`` whole or not at all (``positions``: where the actors are drawn, for GEXF and GraphML)."""
    fmt = format_for_path(path) if fmt is None else (fmt if isinstance(fmt, ExportFormat) else export_format(fmt))
    if progress is not None:
        progress(0.0, f"writing {fmt.label}")
    write_atomically(path, serialize(kb, fmt, claims, actors, positions=positions))
    if progress is not None:
        progress(1.0, f"wrote {Path(path).name}")
    return fmt
