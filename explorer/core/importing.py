"""Add articles a user brings to a workspace: store each text as read, and describe it in articles.ttl.

All files are read and checked before anything is written, so a refused import (bad file, duplicate,
bad metadata) leaves the workspace exactly as it was. Each stored text is recorded with its SHA-256
(``schema:sha256``): the same text imported twice is refused with the name of the article that has it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node

from explorer.core import workspace as ws
from explorer.core.errors import ExplorerError
from explorer.core.export import write_atomically
from explorer.core.extraction import Extracted, extract, from_text

ARTICLE_NS = "https://w3id.org/caucasus-explorer/article/"
AGENT_NS = "https://w3id.org/caucasus-explorer/agent/"
SCHEMA_SHA256 = URIRef("https://schema.org/sha256")
SEED_FILE = URIRef("https://w3id.org/caucasus-explorer/vocab#seedFile")
TITLE = URIRef("http://purl.org/dc/terms/title")
UNKNOWN_PUBLISHER = "unknown publisher"
DATE_TYPES = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date), (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
              (re.compile(r"^\d{4}$"), XSD.gYear))


@dataclass(frozen=True)
class Metadata:
    """What the user says of the articles (flags or the window's form); None: keep the file's."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Imported:
    """One article added: its IRI, the file it came from, its stored text and its metadata."""

    iri: str
    source: Path
    seed_file: str
    sha256: str
    article: Extracted

    def as_json(self) -> dict[str, object]:
        a = self.article
        return {"iri": self.iri, "file": str(self.source), "kind": a.kind, "seed_file": self.seed_file,
                "sha256": self.sha256, "title": a.title, "publisher": a.publisher, "author": a.author,
                "date": a.date, "url": a.url, "characters": len(a.text)}


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def known_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 → the article that has that text, from the recorded hashes and from the stored texts (as
    they are, and as an import of them would store them: a copied bundled text is a duplicate too)."""
    found: dict[str, str] = {}
    articles = Path(folder) / ws.ARTICLES
    if not articles.is_file():
        return found
    graph = Graph().parse(articles, format="turtle")
    for art, digest in graph.subject_objects(SCHEMA_SHA256):
        found[str(digest)] = _name(graph, art)
    texts = ws.texts_dir(folder)
    for art, seed in graph.subject_objects(SEED_FILE):
        path = texts / Path(str(seed)).name
        if path.is_file():
            data = path.read_bytes()
            found.setdefault(hashlib.sha256(data).hexdigest(), _name(graph, art))
            normal = from_text(data.decode("utf-8", errors="replace"), path).text
            found.setdefault(sha256_of(normal), _name(graph, art))
    return found


def _name(graph: Graph, article: Node) -> str:
    title = graph.value(article, TITLE)
    local = str(article).rsplit("/", 1)[-1]
    return f"{local} ({title})" if title else local


def _agent_iri(graph: Graph, label: str, taken: set[str]) -> tuple[str, bool]:
    """The agent labelled ``label`` in the workspace, or a new IRI for it (and whether it is new)."""
    for subject, value in graph.subject_objects(RDFS.label):
        if str(value).casefold() == label.casefold() and str(subject).startswith(AGENT_NS):
            return str(subject), False
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", ascii_label)) or "Agent"
    iri, n = AGENT_NS + slug, 2
    while iri in taken or (URIRef(iri), None, None) in graph:
        iri, n = f"{AGENT_NS}{slug}_{n}", n + 1
    taken.add(iri)
    return iri, True


def date_literal(value: str, path: Path | None = None) -> Literal:
    for pattern, datatype in DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    raise ExplorerError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", path=path)


def turtle_block(imported: Imported, graph: Graph, taken: set[str]) -> str:
    """The Turtle that describes one imported article (and its publisher and author when new)."""
    a = imported.article
    lines: list[str] = []
    agents: list[str] = []
    props = [("a", "schema:NewsArticle"), ("dcterms:title", Literal(a.title or imported.source.stem).n3())]
    for label, kinds, prop in ((a.publisher or UNKNOWN_PUBLISHER, "schema:Organization, prov:Organization",
                                "dcterms:publisher"), (a.author, "schema:Person, prov:Person", "dcterms:creator")):
        if not label:
            continue
        iri, new = _agent_iri(graph, label, taken)
        if new:
            agents.append(f"<{iri}> a {kinds} ;\n    rdfs:label {Literal(label).n3()} .\n")
        props.append((prop, f"<{iri}>"))
    if a.date:
        props.append(("dcterms:issued", date_literal(a.date, imported.source).n3(graph.namespace_manager)))
    if a.url:
        props.append(("schema:url", URIRef(a.url).n3()))
    props += [("cx:seedFile", Literal(imported.seed_file).n3()), ("cx:bodyStart", "0"),
              ("cx:bodyEnd", str(len(a.text))), ("schema:sha256", Literal(imported.sha256).n3())]
    lines.append(f"\n# Imported from {imported.source.name} ({a.kind}).")
    lines.extend(agents)
    body = " ;\n    ".join(f"{p} {o}" for p, o in props)
    lines.append(f"<{imported.iri}> {body} .\n")
    return "\n".join(lines)


def _valid_url(url: str | None, path: Path) -> None:
    if url and not urlparse(url).scheme:
        raise ExplorerError(f"URL {url!r} has no scheme (http:// or https://)", path=path)


def prepare(files: Sequence[Path], meta: Metadata, known: dict[str, str]) -> list[Imported]:
    """Read and check every file (nothing written): an ExplorerError names the first that fails."""
    out: list[Imported] = []
    seen = dict(known)
    for path in files:
        article = extract(Path(path)).with_metadata(title=meta.title, publisher=meta.publisher,
                                                     author=meta.author, date=meta.date, url=meta.url)
        if article.date:
            date = _normal_date(article.date)
            date_literal(date, Path(path))
            article = article.with_metadata(date=date)
        _valid_url(article.url, Path(path))
        if not article.publisher and article.url:
            article = article.with_metadata(publisher=urlparse(article.url).hostname)
        digest = sha256_of(article.text)
        if digest in seen:
            raise ExplorerError(f"already imported: the same text is article {seen[digest]}", path=path)
        seen[digest] = f"{Path(path).name} (imported with it)"
        out.append(Imported(ARTICLE_NS + "i" + digest[:12], Path(path), f"i{digest[:16]}.txt", digest, article))
    return out


def _normal_date(value: str) -> str:
    """A date as trafilatura or a PDF gives it, cut to its YYYY[-MM[-DD]] part when it starts so."""
    match = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ].*)?$", value.strip())
    return match.group(1) if match else value.strip()


def import_files(folder: Path, files: Sequence[Path], meta: Metadata = Metadata()) -> list[Imported]:
    """Import ``files`` into the workspace ``folder`` (made when it is new or empty): all, or none."""
    folder = Path(folder)
    if not files:
        raise ExplorerError("no file to import")
    new_workspace = not ws.is_workspace(folder)
    if new_workspace and folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ExplorerError("not a workspace (no articles.ttl) and not empty: name a new or empty folder",
                            path=folder)
    batch = prepare(files, meta, {} if new_workspace else known_hashes(folder))
    if new_workspace:
        ws.create(folder)
    articles = folder / ws.ARTICLES
    graph = Graph().parse(articles, format="turtle")
    before = articles.read_bytes()
    taken: set[str] = set()
    blocks = [turtle_block(item, graph, taken) for item in batch]
    written: list[Path] = []
    try:
        for item in batch:
            target = ws.texts_dir(folder) / item.seed_file
            ws.texts_dir(folder).mkdir(exist_ok=True)
            write_atomically(target, item.article.text.encode("utf-8"))
            written.append(target)
        text = before.decode("utf-8")
        write_atomically(articles, (text + ("" if text.endswith("\n") else "\n") + "".join(blocks)).encode("utf-8"))
    except ExplorerError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return batch
