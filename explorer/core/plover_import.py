"""Adding PLOVER events (a ``.jsonl`` written by ``explorer export --format plover``) to a workspace's claims.

Each record becomes its claim again (:func:`explorer.core.analysis.plover.read_plover`); what the workspace
does not hold yet is added to its ``claims.ttl``, written whole or not at all. Records citing an article or
naming an actor the workspace does not know are refused with the file and line, and nothing is written:
a claim must stay one click from a passage of an article at hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from explorer.core.errors import ExplorerError


@dataclass(frozen=True)
class ImportedEvents:
    files: list[Path]
    records: int
    claims: int  # claims in the files
    added_triples: int
    claims_path: Path


def _line_of(path: Path, needle: str) -> int | None:
    """The first line of ``path`` that mentions ``needle`` (to name it in an error)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    return None


def import_plover(folder: Path, files: list[Path]) -> ImportedEvents:
    """Add the claims of PLOVER event ``files`` to the workspace ``folder`` (see the module's docstring)."""
    import rdflib

    from explorer.core.analysis.plover import read_plover
    from explorer.core.export import write_atomically
    from explorer.core.vocab import OA, RDF
    from explorer.core.workspace import CLAIMS, HEADER, data_files

    folder = Path(folder)
    present = rdflib.Graph()
    for path in data_files(folder):
        try:
            present.parse(path, format="turtle")
        except Exception as exc:  # a workspace file the user broke: say which
            raise ExplorerError(f"cannot read the workspace's file: {exc}", path=path) from None
    articles = {str(s) for s in present.subjects(RDF.type, rdflib.URIRef("https://schema.org/NewsArticle"))}
    articles |= {str(s) for s in present.subjects(rdflib.URIRef("https://w3id.org/caucasus-explorer/vocab#seedFile"))}
    actors = {str(s) for s in present.subjects(rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    incoming = rdflib.Graph()
    records = claims = 0
    for path in files:
        graph = read_plover(path)
        for source in sorted(set(graph.objects(None, OA.hasSource)), key=str):
            if str(source) not in articles:
                line = _line_of(path, json.dumps(str(source))[1:-1])
                raise ExplorerError(f"{'line ' + str(line) + ': ' if line else ''}cites the article <{source}>, "
                                    "which the workspace does not hold", path=path,
                                    hint="import the article first (explorer import ARTICLE)")
        for statement in sorted(set(graph.subjects(RDF.type, RDF.Statement)), key=str):
            for role in (RDF.subject, RDF.object):
                actor = graph.value(statement, role)
                if actor is not None and str(actor) not in actors:
                    line = _line_of(path, json.dumps(str(actor))[1:-1])
                    raise ExplorerError(f"{'line ' + str(line) + ': ' if line else ''}names the actor <{actor}>, "
                                        "which the workspace does not know", path=path)
        records += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        claims += len(set(graph.subjects(RDF.type, RDF.Statement)))
        incoming += graph
    for annotation, hung in list(incoming.subject_objects(OA.hasTarget)):
        if (annotation, OA.hasTarget, None) in present:  # the passage is there: its selectors come as new blank
            for selector in list(incoming.objects(hung, OA.hasSelector)):  # nodes, which would double it
                incoming.remove((selector, None, None))
            incoming.remove((hung, None, None))
            incoming.remove((annotation, OA.hasTarget, hung))
    added = rdflib.Graph()
    for triple in incoming:
        if triple not in present:
            added.add(triple)
    target = folder / CLAIMS
    if len(added):
        own = rdflib.Graph()
        if target.is_file():
            own.parse(target, format="turtle")
        own += added
        for prefix, namespace in present.namespaces():
            own.bind(prefix, namespace, replace=True)
        body = own.serialize(format="turtle")
        header = HEADER.format(what="Claims").split("\n@prefix", 1)[0] + "\n"
        write_atomically(target, (header + body).encode("utf-8"))
    return ImportedEvents(list(files), records, claims, len(added), target)
