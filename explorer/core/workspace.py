"""A workspace: one folder that holds an analyst's own corpus, so the bundled data stays read-only.

Layout (every path relative to the workspace folder)::

    articles.ttl            the articles' metadata: title, publisher, author, date, URL, cx:seedFile,
                            cx:bodyStart/cx:bodyEnd and schema:sha256 (the SHA-256 of the stored text;
                            for a workspace copied from the bundle, of each copied text)
    claims.ttl              claims and their passages (curation's Save writes new claims here)
    *.ttl                   any other Turtle (actors.ttl, claims-a000.ttl... when copied from the bundle)
    seeds/                  the articles' texts as imported (UTF-8, one paragraph per line); never
                            edited afterwards: quotes count code points into them
    views/                  saved views and briefings (one file per view; owned by the views feature)
    gradings/               factuality gradings (owned by the gradings feature)
    suggestions/rejected.tsv  suggestions the analyst rejected (article IRI, subject, predicate, object)
    .cache/                 the cache of large files (explorer.core.cache): safe to delete at any time

The graph of a workspace is its top-level ``*.ttl`` files (never those in sub-folders); ``seeds/``
beside them is where :class:`explorer.core.evidence.ArticleTexts` already looks for texts. A folder
is a workspace when it holds ``articles.ttl``; an empty folder becomes one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from explorer.core.errors import ExplorerError
from explorer.resources import curated_files, seeds_dir

ARTICLES = "articles.ttl"
CLAIMS = "claims.ttl"
TEXTS = "seeds"
VIEWS = "views"
GRADINGS = "gradings"
REJECTED = Path("suggestions") / "rejected.tsv"

HEADER = """# {what} of an explorer workspace (see explorer.core.workspace).
@prefix cx:      <https://w3id.org/caucasus-explorer/vocab#> .
@prefix actor:   <https://w3id.org/caucasus-explorer/actor/> .
@prefix article: <https://w3id.org/caucasus-explorer/article/> .
@prefix agent:   <https://w3id.org/caucasus-explorer/agent/> .
@prefix claim:   <https://w3id.org/caucasus-explorer/claim/> .
@prefix evidence: <https://w3id.org/caucasus-explorer/evidence/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema:  <https://schema.org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
"""


def is_workspace(folder: Path) -> bool:
    return Path(folder).is_dir() and (Path(folder) / ARTICLES).is_file()


def data_files(folder: Path) -> list[Path]:
    """The workspace's graph: its top-level Turtle files, claims files first (so that a new claim is
    saved into one of them, not into the articles' metadata), articles last."""
    folder = Path(folder)
    if not is_workspace(folder):
        raise ExplorerError("not an explorer workspace (no articles.ttl)", path=folder,
                            hint="create one with `explorer workspace DIR` or `explorer import --workspace DIR`")
    return sorted(folder.glob("*.ttl"), key=lambda p: (not p.name.startswith("claims"), p.name == ARTICLES,
                                                      p.name))


def texts_dir(folder: Path) -> Path:
    return Path(folder) / TEXTS


def expand(paths: list[Path]) -> list[Path]:
    """The files a command line names, with each workspace folder replaced by its data files."""
    out: list[Path] = []
    for path in paths:
        out.extend(data_files(path) if Path(path).is_dir() else [Path(path)])
    return out


def _write_new(path: Path, text: str) -> None:
    """Write a file that does not exist yet, with the user's normal permissions."""
    with open(path, "x", encoding="utf-8") as out:
        out.write(text)


def _record_hashes(folder: Path) -> None:
    """Record the SHA-256 of each copied article text (schema:sha256) in the workspace's articles.ttl.

    Only in the copy: the bundled texts ship with the program and cannot change under it, so the bundled
    data need no hash (and stay as curated). A workspace's texts can be replaced (scraped again); with
    the hash, a changed one is noticed on load and its quotes re-anchored, as for an imported article."""
    import hashlib

    from rdflib import Graph, Literal, URIRef

    articles = folder / ARTICLES
    graph = Graph().parse(articles, format="turtle")
    cx, sha = "https://w3id.org/caucasus-explorer/vocab#", URIRef("https://schema.org/sha256")
    lines = []
    for article, seed in sorted(graph.subject_objects(URIRef(cx + "seedFile"))):
        text = folder / TEXTS / Path(str(seed)).name
        if text.is_file() and graph.value(article, sha) is None:
            digest = hashlib.sha256(text.read_bytes()).hexdigest()
            lines.append(f"{URIRef(str(article)).n3(graph.namespace_manager)} schema:sha256 {Literal(digest).n3()} .\n")
    if lines:
        head = "\n# The SHA-256 of each article text as copied into this workspace (explorer.core.workspace).\n"
        prefix = "" if "@prefix schema:" in articles.read_text(encoding="utf-8") else (
            "@prefix schema: <https://schema.org/> .\n")
        with open(articles, "a", encoding="utf-8") as out:
            out.write(head + prefix + "".join(lines))


def create(folder: Path, *, from_bundled: bool = False) -> Path:
    """Make ``folder`` (new, or empty) a workspace; with ``from_bundled``, start it from a copy of the
    bundled graph and its texts. Built in a sibling folder first and renamed, so a failure leaves
    nothing half made."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        if is_workspace(folder):
            raise ExplorerError("already a workspace", path=folder)
        raise ExplorerError("not an empty folder: a workspace is made in a new or empty folder", path=folder)
    parent = folder.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{folder.name}.new-{os.getpid()}"
    try:
        staging.mkdir()
        (staging / TEXTS).mkdir()
        if from_bundled:
            for path in curated_files():
                shutil.copyfile(path, staging / path.name)
            for text in sorted(seeds_dir().glob("*.txt")):
                shutil.copyfile(text, staging / TEXTS / text.name)
            _record_hashes(staging)
        else:
            _write_new(staging / ARTICLES, HEADER.format(what="Articles"))
            _write_new(staging / CLAIMS, HEADER.format(what="Claims"))
        if not (staging / CLAIMS).exists():
            _write_new(staging / CLAIMS, HEADER.format(what="Claims"))
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ExplorerError(f"cannot create the workspace: {exc.strerror or exc}", path=folder) from None
    return folder
