"""The curated document: each opened file's triples kept apart, and an edit as a :class:`Change` of them.

A :class:`Document` holds the triples of every file being curated, with the vocabulary as read-only
context, and a knowledge base built from them all. An edit (a command of
:mod:`explorer.core.curation.commands`) is planned against the document by a :class:`ChangeBuilder`
into a :class:`Change`: the exact triples it adds to and removes from each file. Applying the inverse
change undoes it, so the document returns to the very triples it had.

Because each file's triples stay apart, Save rewrites each changed file as readable Turtle
(:mod:`explorer.core.curation.turtle_writer`) in the shape of the hand-written files, keeping the layout
(prefixes, block order, comments) read from the file when it was opened.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from explorer.core.curation.turtle_writer import Layout, natural_key, read_layout, write_turtle
from explorer.core.errors import ExplorerError
from explorer.core.evidence import ArticleTexts
from explorer.core.export import write_atomically
from explorer.core.formats import guess_format
from explorer.core.knowledge import KnowledgeBase
from explorer.core.store import OxigraphStore, to_oxigraph_term
from explorer.core.vocab import ACTOR_KINDS, EVIDENCE, OA, PREFIXES, local_name
from explorer.resources import bundle_root, curated_files, vocabulary_file

Triple = tuple[Node, Node, Node]
FileTriple = tuple[Path, Triple]

ACTOR_CLASSES = {URIRef(iri) for iri in ACTOR_KINDS}


# ============================================================================ changes


@dataclass(frozen=True)
class Change:
    """What one edit does: the triples it adds to and removes from each file."""

    added: tuple[FileTriple, ...] = ()
    removed: tuple[FileTriple, ...] = ()

    def inverse(self) -> Change:
        return Change(self.removed, self.added)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)

    def files(self) -> set[Path]:
        return {f for f, _t in self.added} | {f for f, _t in self.removed}


class ChangeBuilder:
    """Collects a change against the document as it is, so that adding what is there, or removing
    what is not, records nothing (undo then restores exactly what was)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.added: dict[FileTriple, None] = {}
        self.removed: dict[FileTriple, None] = {}

    def add(self, file: Path, triple: Triple) -> None:
        key = (file, triple)
        if key in self.removed:
            del self.removed[key]
        elif triple not in self.doc.parts[file]:
            self.added[key] = None

    def remove(self, file: Path, triple: Triple) -> None:
        key = (file, triple)
        if key in self.added:
            del self.added[key]
        elif triple in self.doc.parts[file]:
            self.removed[key] = None

    def remove_everywhere(self, triple: Triple) -> None:
        for file in self.doc.files:
            self.remove(file, triple)

    def holds(self, file: Path, triple: Triple) -> bool:
        key = (file, triple)
        return key in self.added or (triple in self.doc.parts[file] and key not in self.removed)

    def change(self) -> Change:
        return Change(tuple(self.added), tuple(self.removed))


class _Command(Protocol):
    """What :meth:`Document.run` runs: a command of :mod:`explorer.core.curation.commands` (described
    here, so that the document need not import the commands)."""

    def plan(self, doc: Document) -> Change: ...


# ============================================================================ the document


def to_rdf_term(term: object, bnodes: dict[str, BNode] | None = None) -> Node:
    """An Oxigraph term as rdflib's; blank nodes keep their names unless ``bnodes`` renames them."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        if bnodes is None:
            return BNode(term.value)
        node = bnodes.get(term.value)
        if node is None:
            node = bnodes[term.value] = BNode()
        return node
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise ExplorerError(f"unsupported RDF term {term!r} (RDF 1.2 triple terms cannot be curated)")


def read_triples(path: Path) -> list[Triple]:
    """A file's triples through the safe loader, blank nodes renamed so no two files share one."""
    store = OxigraphStore()
    store.load(path)
    bnodes: dict[str, BNode] = {}
    return [(to_rdf_term(q.subject, bnodes), to_rdf_term(q.predicate, bnodes), to_rdf_term(q.object, bnodes))
            for q in store.oxigraph]


def layout_of(path: Path) -> Layout | None:
    """The layout of a Turtle file, to write it back in its own shape; None for other formats or unreadable files."""
    try:
        if guess_format(path).name != "turtle":
            return None
        return read_layout(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ExplorerError):
        return None


def is_installed_bundle(path: Path) -> bool:
    """Whether ``path`` lies in the data carried inside an installed package (never saved over)."""
    try:
        root = bundle_root()
    except FileNotFoundError:
        return False
    return root.name == "_bundled" and root in Path(path).resolve().parents


def is_bundled_data(path: Path) -> bool:
    """Whether ``path`` is one of the bundled graph's data files (read-only: a graph that mixes them with
    the user's files saves the user's claims to the user's files, never to these)."""
    try:
        resolved = Path(path).resolve()
        return is_installed_bundle(path) or any(resolved == f.resolve() for f in curated_files())
    except (OSError, FileNotFoundError):
        return False


class Document:
    """The files being curated: each file's triples, the vocabulary as read-only context, and the
    knowledge base built from them all (rebuilt after every change)."""

    def __init__(self, parts: Mapping[Path, Iterable[Triple]], *, context: Iterable[Triple] = (),
                 layouts: Mapping[Path, Layout | None] | None = None, bundled: bool = False,
                 baseline: Mapping[Path, frozenset[Triple] | None] | None = None) -> None:
        self.files: list[Path] = [Path(f) for f in parts]
        if not self.files:
            raise ExplorerError("there is nothing to curate: no data file is open")
        self.parts: dict[Path, set[Triple]] = {Path(f): set(ts) for f, ts in parts.items()}
        self.context: set[Triple] = set(context)
        self.layouts: dict[Path, Layout | None] = dict(layouts or {})
        self.bundled = bundled
        self.baseline: dict[Path, frozenset[Triple] | None] = (
            dict(baseline) if baseline is not None else {f: frozenset(ts) for f, ts in self.parts.items()})
        self.revision = 0
        self.renamed: dict[Path, Path] = {}  # files gathered into another by Save As
        self.store = OxigraphStore()
        self.store.oxigraph.extend(ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o))
                                   for s, p, o in self.all_triples(with_context=True))
        self._kb: KnowledgeBase | None = None
        self._index_revision = -1
        self._index: tuple[dict[Node, list[FileTriple]], dict[Node, list[FileTriple]]] = ({}, {})

    # ---------------------------------------------------------------- building

    @classmethod
    def from_files(cls, paths: Sequence[Path], *, bundled: bool = False) -> Document:
        """The document of the data files ``paths`` (the bundled curated data when ``bundled``).

        The vocabulary is read as context: it is in the graph but never saved.
        """
        vocab = vocabulary_file().resolve()
        files = [Path(p) for p in paths] if not bundled else curated_files()
        data = [f for f in files if f.resolve() != vocab]
        if not data:
            raise ExplorerError("only the vocabulary is open: open a data file to curate it")
        parts = {f: read_triples(f) for f in data}
        return cls(parts, context=read_triples(vocabulary_file()), layouts={f: layout_of(f) for f in data},
                   bundled=bundled)

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base of the document as it is now: a snapshot on its own copy of the triples,
        so that work still reading an older one (an export, a validation) never sees an edit half-made."""
        if self._kb is None:
            texts = ArticleTexts(dict.fromkeys(f.resolve().parent for f in self.files))
            snapshot = OxigraphStore()
            snapshot.oxigraph.extend(self.store.oxigraph)
            self._kb = KnowledgeBase(snapshot, texts, self.files)
        return self._kb

    def all_triples(self, with_context: bool = False) -> Iterator[Triple]:
        seen: set[Triple] = set()
        for part in [*self.parts.values(), *([self.context] if with_context else [])]:
            for triple in part:
                if triple not in seen:
                    seen.add(triple)
                    yield triple

    def __len__(self) -> int:
        return sum(1 for _ in self.all_triples())

    # ---------------------------------------------------------------- changing

    def apply(self, change: Change) -> None:
        """Make ``change`` (or, given ``change.inverse()``, undo it). A change planned before Save As
        gathered the files into one applies to that one file."""
        gone: list[Triple] = []
        for file, triple in change.removed:
            self.parts[self.renamed.get(file, file)].discard(triple)
            gone.append(triple)
        new: list[Triple] = []
        for file, triple in change.added:
            self.parts[self.renamed.get(file, file)].add(triple)
            new.append(triple)
        really_gone = [t for t in dict.fromkeys(gone) if not self.holds(t)]
        if really_gone:
            self.store.remove_triples(really_gone)
        if new:
            self.store.oxigraph.extend(ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o))
                                       for s, p, o in new)
        self.revision += 1
        self._kb = None

    def run(self, command: _Command) -> Change:
        """Plan ``command`` against the document and apply it; the change is what undo reverses."""
        change = command.plan(self)
        self.apply(change)
        return change

    def holds(self, triple: Triple) -> bool:
        return triple in self.context or any(triple in part for part in self.parts.values())

    # ---------------------------------------------------------------- looking up

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        s, p = to_oxigraph_term(subject), to_oxigraph_term(predicate)
        found = [to_rdf_term(q.object) for q in self.store.oxigraph.quads_for_pattern(s, p, None)]
        return sorted(found, key=lambda n: natural_key(str(n)))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        found = [to_rdf_term(q.subject) for q in self.store.oxigraph.quads_for_pattern(
            None, to_oxigraph_term(predicate), to_oxigraph_term(obj))]
        return sorted(set(found), key=lambda n: natural_key(str(n)))

    def mentions(self, iri: str) -> bool:
        node = ox.NamedNode(iri)
        return (next(self.store.oxigraph.quads_for_pattern(node, None, None), None) is not None
                or next(self.store.oxigraph.quads_for_pattern(None, None, node), None) is not None)

    def triples_about(self, node: Node) -> list[FileTriple]:
        """Every (file, triple) with ``node`` as subject, and the blank nodes it leads to, recursively."""
        out: list[FileTriple] = []
        todo, seen = [node], {node}
        by_subject = self._indexes()[0]
        while todo:
            current = todo.pop()
            for file, triple in by_subject.get(current, ()):
                out.append((file, triple))
                o = triple[2]
                if isinstance(o, BNode) and o not in seen:
                    seen.add(o)
                    todo.append(o)
        return out

    def _indexes(self) -> tuple[dict[Node, list[FileTriple]], dict[Node, list[FileTriple]]]:
        """(file, triple) by subject and by object, built once per revision."""
        if self._index_revision != self.revision:
            by_subject: dict[Node, list[FileTriple]] = defaultdict(list)
            by_object: dict[Node, list[FileTriple]] = defaultdict(list)
            for file in self.files:
                for t in self.parts[file]:
                    by_subject[t[0]].append((file, t))
                    by_object[t[2]].append((file, t))
            self._index = (by_subject, by_object)
            self._index_revision = self.revision
        return self._index

    def _by_subject(self, file: Path, subject: Node) -> list[Triple]:
        return [t for f, t in self._indexes()[0].get(subject, ()) if f == file]

    def mentioning(self, node: Node) -> list[FileTriple]:
        """Every (file, triple) with ``node`` as subject or object."""
        by_subject, by_object = self._indexes()
        found = list(by_subject.get(node, ())) + [ft for ft in by_object.get(node, ()) if ft[1][0] != node]
        return sorted(found, key=lambda ft: (self.files.index(ft[0]), tuple(x.n3() for x in ft[1])))

    def file_of(self, subject: Node) -> Path:
        """The file that says most about ``subject`` (the first file when none does)."""
        counts = Counter(f for f in self.files for t in self.parts[f] if t[0] == subject)
        return max(self.files, key=lambda f: (counts[f], -self.files.index(f)))

    def _editable(self) -> list[Path]:
        """The files new claims and actors may go to: the user's, when the bundled data is open beside
        them (it stays read-only), else every file."""
        own = [f for f in self.files if not is_bundled_data(f)]
        return own if own and not self.bundled else self.files

    def file_for_claim(self, article: str) -> Path:
        """Where a new claim on ``article`` goes: the (user's) file with most passages of that article,
        else the file with most claims, else the first."""
        files = self._editable()
        source = URIRef(article)
        per_article = Counter(f for f in files for t in self.parts[f]
                              if t[1] == OA.hasSource and t[2] == source)
        if per_article:
            return max(files, key=lambda f: (per_article[f], -files.index(f)))
        statements = Counter(f for f in files for t in self.parts[f]
                             if t[1] == RDF.type and t[2] == RDF.Statement)
        return max(files, key=lambda f: (statements[f], -files.index(f)))

    def file_for_actor(self) -> Path:
        """Where a new actor goes: the (user's) file that describes most actors."""
        files = self._editable()
        counts = Counter(f for f in files for t in self.parts[f]
                         if t[1] == RDF.type and t[2] in ACTOR_CLASSES)
        if counts:
            return max(files, key=lambda f: (counts[f], -files.index(f)))
        return files[0]

    def unused_iri(self, base: str) -> str:
        """``base``, or ``base_2``, ``base_3``... whichever no triple mentions yet."""
        if not self.mentions(base):
            return base
        n = 2
        while self.mentions(f"{base}_{n}"):
            n += 1
        return f"{base}_{n}"

    def next_evidence(self, article: str) -> str:
        """``evidence:{article}-{n}`` with n one past the highest used for that article."""
        stem = local_name(article)
        pattern = re.compile(re.escape(str(EVIDENCE) + stem) + r"-(\d+)$")
        used = [int(m.group(1)) for s in self.subjects(RDF.type, OA.Annotation)
                if (m := pattern.match(str(s)))]
        n = max(used, default=0) + 1
        while self.mentions(f"{EVIDENCE}{stem}-{n:02d}"):
            n += 1
        return f"{EVIDENCE}{stem}-{n:02d}"

    # ---------------------------------------------------------------- saving

    def changed_files(self) -> list[Path]:
        """The files whose triples differ from what was last read or saved."""
        return [f for f in self.files if self.baseline.get(f) is None or self.baseline[f] != self.parts[f]]

    @property
    def modified(self) -> bool:
        return bool(self.changed_files())

    def writable_in_place(self, file: Path) -> bool:
        """Whether Save may write ``file`` where it is (else the front end asks where: Save As)."""
        if self.bundled or is_bundled_data(file):
            return False
        try:
            return not guess_format(file).quads
        except ExplorerError:
            return False

    def serialize(self, file: Path) -> bytes:
        """The text of ``file`` as Save writes it: readable Turtle, or the file's own format."""
        fmt = guess_format(file)
        triples = self.parts[file]
        try:
            if fmt.name == "turtle":
                return write_turtle(triples, PREFIXES, self.layouts.get(file),
                                    header="Curated with explorer.").encode("utf-8")
            ordered = sorted(triples, key=lambda t: tuple(x.n3() for x in t))
            return ox.serialize((ox.Triple(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o))
                                 for s, p, o in ordered), format=fmt.oxigraph)
        except (ValueError, UnicodeError) as exc:
            raise ExplorerError(f"cannot write {fmt.label}: {exc}", path=file) from None

    def mark_saved(self, file: Path) -> None:
        self.baseline[file] = frozenset(self.parts[file])

    def save(self) -> list[Path]:
        """Write every changed file atomically (a crash mid-save leaves the old file whole)."""
        written = []
        for file in self.changed_files():
            if not self.writable_in_place(file):
                raise ExplorerError("this file cannot be saved in place: save the curation under a new name",
                                    path=file)
            write_atomically(file, self.serialize(file))
            self.mark_saved(file)
            written.append(file)
        return written

    def merge_into(self, path: Path) -> None:
        """Make the document one file at ``path`` holding every file's triples (Save As)."""
        path = Path(path)
        union = set(self.all_triples())
        layout = self.layouts.get(path) if path in self.layouts else _merged_layout(
            [self.layouts.get(f) for f in self.files])
        for old in self.files:
            if old != path:
                self.renamed[old] = path
        self.renamed = {old: path for old in self.renamed}
        self.renamed.pop(path, None)
        self.files = [path]
        self.parts = {path: union}
        self.layouts = {path: layout}
        self.baseline = {path: None}
        self.bundled = False
        self.revision += 1
        self._kb = None

    def save_as(self, path: Path) -> Path:
        self.merge_into(path)
        write_atomically(path, self.serialize(path))
        self.mark_saved(path)
        return path

    # ---------------------------------------------------------------- recovery

    def recovery_data(self) -> bytes:
        """Every file's triples as TriG, one graph per file (named by its file URI)."""
        quads = [ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o),
                         ox.NamedNode(f.resolve().as_uri()))
                 for f in self.files for s, p, o in sorted(self.parts[f], key=lambda t: tuple(x.n3() for x in t))]
        return ox.serialize(quads, format=ox.RdfFormat.TRIG)


def _merged_layout(layouts: Sequence[Layout | None]) -> Layout:
    merged = Layout()
    for layout in layouts:
        if layout is None:
            continue
        for name, ns in layout.prefixes.items():
            merged.prefixes.setdefault(name, ns)
        for keys, comment in layout.lines:
            for key in keys:
                merged.positions.setdefault(key, len(merged.lines))
            merged.lines.append((keys, comment))
    return merged
