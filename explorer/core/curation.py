"""Curation: the files a user edits (a :class:`Document`) and every edit as an undoable change of triples.

An edit is a command (:class:`NewClaim`, :class:`AddPassage`, :class:`EditClaim`, :class:`DeleteClaim`,
:class:`RemovePassage`, :class:`NewActor`, :class:`EditActor`, :class:`DeleteActor`,
:class:`MergeActors`). Planned against the document, it becomes a :class:`Change`: the exact
triples it adds to and removes from each file. Undo applies the inverse change, so a document returns
to the very triples it had. The front end wraps each change in its own undo command (Qt's
QUndoStack in the desktop app); nothing here imports Qt.

The document keeps each opened file's triples apart, so Save rewrites each changed file as readable
Turtle (:mod:`explorer.core.turtle_writer`) in the shape of the hand-written files: the claim's plain
triple, its rdf:Statement, and one oa:Annotation per passage with a TextQuoteSelector and a
TextPositionSelector, nested as blank nodes.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from explorer.core.errors import ExplorerError
from explorer.core.evidence import ArticleTexts, selectors_for
from explorer.core.export import write_atomically
from explorer.core.formats import guess_format
from explorer.core.knowledge import KnowledgeBase
from explorer.core.store import OxigraphStore
from explorer.core.store import _from_rdflib as _to_ox
from explorer.core.turtle_writer import Layout, natural_key, read_layout, write_turtle
from explorer.core.vocab import ACTOR, ACTOR_KINDS, CLAIM, CX, EVIDENCE, OA, PREFIXES, SCHEMA, local_name
from explorer.resources import bundle_root, curated_files, vocabulary_file

Triple = tuple[Node, Node, Node]
FileTriple = tuple[Path, Triple]

KIND_CLASSES: dict[str, str] = {kind: iri for iri, kind in ACTOR_KINDS.items()}
_ACTOR_CLASSES = {URIRef(iri) for iri in ACTOR_KINDS}
_PROV = "http://www.w3.org/ns/prov#"
_AGENT_CLASSES = {URIRef(_PROV + "Person"), URIRef(_PROV + "Organization"), URIRef(_PROV + "Agent"),
                  SCHEMA.Person, SCHEMA.Organization}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
RECOVERY_VERSION = 1


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


class _Builder:
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


# ============================================================================ the document


def _to_rdf(term: object, bnodes: dict[str, BNode] | None = None) -> Node:
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
    return [(_to_rdf(q.subject, bnodes), _to_rdf(q.predicate, bnodes), _to_rdf(q.object, bnodes))
            for q in store.oxigraph]


def _layout_of(path: Path) -> Layout | None:
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
        self.store.oxigraph.extend(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o))
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
        return cls(parts, context=read_triples(vocabulary_file()), layouts={f: _layout_of(f) for f in data},
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
            self.store.oxigraph.extend(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in new)
        self.revision += 1
        self._kb = None

    def run(self, command: Command) -> Change:
        """Plan ``command`` against the document and apply it; the change is what undo reverses."""
        change = command.plan(self)
        self.apply(change)
        return change

    def holds(self, triple: Triple) -> bool:
        return triple in self.context or any(triple in part for part in self.parts.values())

    # ---------------------------------------------------------------- looking up

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        s, p = _to_ox(subject), _to_ox(predicate)
        found = [_to_rdf(q.object) for q in self.store.oxigraph.quads_for_pattern(s, p, None)]
        return sorted(found, key=lambda n: natural_key(str(n)))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        found = [_to_rdf(q.subject) for q in self.store.oxigraph.quads_for_pattern(
            None, _to_ox(predicate), _to_ox(obj))]
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

    def file_for_claim(self, article: str) -> Path:
        """Where a new claim on ``article`` goes: the file with most passages of that article, else the
        file with most claims, else the first."""
        source = URIRef(article)
        per_article = Counter(f for f in self.files for t in self.parts[f]
                              if t[1] == OA.hasSource and t[2] == source)
        if per_article:
            return max(self.files, key=lambda f: (per_article[f], -self.files.index(f)))
        statements = Counter(f for f in self.files for t in self.parts[f]
                             if t[1] == RDF.type and t[2] == RDF.Statement)
        return max(self.files, key=lambda f: (statements[f], -self.files.index(f)))

    def file_for_actor(self) -> Path:
        """Where a new actor goes: the file that describes most actors."""
        counts = Counter(f for f in self.files for t in self.parts[f]
                         if t[1] == RDF.type and t[2] in _ACTOR_CLASSES)
        if counts:
            return max(self.files, key=lambda f: (counts[f], -self.files.index(f)))
        return self.files[0]

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
        if self.bundled or is_installed_bundle(file):
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
            return ox.serialize((ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in ordered),
                                format=fmt.oxigraph)
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
        quads = [ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), ox.NamedNode(f.resolve().as_uri()))
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


# ============================================================================ recovery files


@dataclass
class Recovery:
    """An autosaved document left behind by a session that did not close cleanly."""

    manifest: Path
    data: Path
    session: str
    pid: int
    written: float
    files: list[Path]
    changed: list[Path]
    bundled: bool
    claims: int = 0
    info: dict = field(default_factory=dict)

    def load(self) -> Document:
        """The document as it was autosaved (layouts read from the original files, where they still are)."""
        try:
            data = self.data.read_bytes()
            quads = list(ox.parse(data, ox.RdfFormat.TRIG))
        except (OSError, SyntaxError, ValueError) as exc:
            raise ExplorerError(f"the recovery file cannot be read: {exc}", path=self.data) from None
        by_uri = {f.resolve().as_uri(): f for f in self.files}
        parts: dict[Path, list[Triple]] = {f: [] for f in self.files}
        bnodes: dict[str, BNode] = {}
        for q in quads:
            file = by_uri.get(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else None
            if file is None:
                continue
            parts[file].append((_to_rdf(q.subject, bnodes), _to_rdf(q.predicate, bnodes), _to_rdf(q.object, bnodes)))
        changed = set(self.changed)
        baseline = {f: (None if f in changed else frozenset(ts)) for f, ts in parts.items()}
        return Document(parts, context=read_triples(vocabulary_file()),
                        layouts={f: _layout_of(f) for f in self.files}, bundled=self.bundled,
                        baseline=baseline)

    def discard(self) -> None:
        for path in (self.manifest, self.data):
            path.unlink(missing_ok=True)


def write_recovery(doc: Document, folder: Path, session: str, info: Mapping[str, object] | None = None) -> Path:
    """Autosave ``doc`` into ``folder`` (data first, then the manifest that names it), atomically."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / f"{session}.trig"
    write_atomically(data, doc.recovery_data())
    manifest = {
        "version": RECOVERY_VERSION,
        "session": session,
        "pid": os.getpid(),
        "written": time.time(),
        "files": [str(f.resolve()) for f in doc.files],
        "changed": [str(f.resolve()) for f in doc.changed_files()],
        "bundled": doc.bundled,
        "claims": len(doc.kb.claims),
        "data": data.name,
        **(dict(info) if info else {}),
    }
    path = folder / f"{session}.json"
    write_atomically(path, json.dumps(manifest, indent=1).encode("utf-8"))
    return path


def find_recoveries(folder: Path, skip: Iterable[str] = ()) -> list[Recovery]:
    """Recovery files in ``folder`` (newest first), except those of the sessions in ``skip`` and of other
    processes still running."""
    folder = Path(folder)
    skipped = set(skip)
    found: list[Recovery] = []
    if not folder.is_dir():
        return found
    for manifest in folder.glob("*.json"):
        try:
            info = json.loads(manifest.read_text(encoding="utf-8"))
            if info.get("version") != RECOVERY_VERSION or info["session"] in skipped:
                continue
            pid = int(info["pid"])
            if pid != os.getpid() and _alive(pid):
                continue
            data = folder / str(info["data"])
            if not data.is_file():
                continue
            found.append(Recovery(manifest, data, str(info["session"]), pid, float(info["written"]),
                                  [Path(p) for p in info["files"]], [Path(p) for p in info["changed"]],
                                  bool(info["bundled"]), int(info.get("claims", 0)), info))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda r: -r.written)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


# ============================================================================ values the user types


def parse_event_date(text: str | None) -> Literal | None:
    """'2020', '2020-10' or '2020-10-10' as xsd:gYear, xsd:gYearMonth or xsd:date; None when empty."""
    if text is None or not text.strip():
        return None
    m = _DATE.match(text.strip())
    if m is None:
        raise ExplorerError(f"{text.strip()!r} is not a date: write 2020, 2020-10 or 2020-10-10")
    year, month, day = m.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise ExplorerError(f"{text.strip()!r}: there is no month {month}")
    if day is not None:
        import calendar

        if not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
            raise ExplorerError(f"{text.strip()!r}: there is no such day")
        return Literal(text.strip(), datatype=XSD.date)
    return Literal(text.strip(), datatype=XSD.gYearMonth if month else XSD.gYear)


def name_part(label: str) -> str:
    """'Türkiye' -> 'Turkiye', 'European Union' -> 'EuropeanUnion': the local name of a new IRI."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c))
    words = re.findall(r"[A-Za-z0-9]+", folded)
    name = "".join(w[0].upper() + w[1:] for w in words)
    return name if name and not name[0].isdigit() else "Actor" + name


def trim_selection(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection without the white space at its ends."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class TextPositions:
    """Between character offsets of a text (what oa:start and oa:end count) and positions in a
    QTextDocument holding it, which counts UTF-16 code units and reads '\\r\\n' as one break."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._positions: list[int] | None = None
        if "\r" not in text and all(ord(c) < 0x10000 for c in text):
            return
        positions = []
        pos = 0
        for i, ch in enumerate(text):
            positions.append(pos)
            if ch == "\r" and text[i + 1:i + 2] == "\n":
                continue
            pos += 2 if ord(ch) >= 0x10000 else 1
        positions.append(pos)
        self._positions = positions

    def offset(self, position: int) -> int:
        """The character offset at a document position (a position inside a character rounds up)."""
        if self._positions is None:
            return max(0, min(position, self.length))
        return min(bisect.bisect_left(self._positions, max(position, 0)), self.length)

    def position(self, offset: int) -> int:
        offset = max(0, min(offset, self.length))
        return offset if self._positions is None else self._positions[offset]


# ============================================================================ commands


class Command:
    """One edit. ``plan`` works out its change against the document; ``result`` is what to show after."""

    text = "Edit"
    result: str | None = None

    def plan(self, doc: Document) -> Change:
        raise NotImplementedError


def _actor(doc: Document, iri: str) -> None:
    if iri not in doc.kb.actors:
        raise ExplorerError(f"{local_name(iri)} is not an actor of this graph")


def _passage(doc: Document, article: str, start: int, end: int) -> dict[str, object]:
    """The selector values of text[start:end] of ``article``, checked as validation will check them."""
    kb = doc.kb
    art = kb.articles.get(article)
    if art is None:
        raise ExplorerError(f"{local_name(article)} is not an article of this graph")
    text = kb.article_text(article)
    if not 0 <= start <= end <= len(text):
        raise ExplorerError(f"the passage {start}-{end} is not inside the article ({len(text)} characters)")
    if not text[start:end].strip():
        raise ExplorerError("the passage is empty: select the words that state the claim")
    if art.body_start is not None and art.body_end is not None and not (
            art.body_start <= start and end <= art.body_end):
        raise ExplorerError(f"the passage lies outside the article body ({art.body_start}-{art.body_end}): "
                            "site boilerplate cannot be evidence")
    return selectors_for(text, start, end)


def _annotation_triples(evidence: URIRef, claim: URIRef, article: str, values: Mapping[str, object],
                        asserted_by: str | None) -> list[Triple]:
    target, quote, position = BNode(), BNode(), BNode()
    triples: list[Triple] = [
        (evidence, RDF.type, OA.Annotation),
        (evidence, OA.motivatedBy, OA.describing),
        (evidence, OA.hasBody, claim),
        (evidence, OA.hasTarget, target),
        (target, RDF.type, OA.SpecificResource),
        (target, OA.hasSource, URIRef(article)),
        (target, OA.hasSelector, quote),
        (target, OA.hasSelector, position),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, Literal(str(values["exact"]))),
        (quote, OA.prefix, Literal(str(values["prefix"]))),
        (quote, OA.suffix, Literal(str(values["suffix"]))),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(int(values["start"]))),  # type: ignore[call-overload]
        (position, OA.end, Literal(int(values["end"]))),  # type: ignore[call-overload]
    ]
    if asserted_by:
        triples.append((evidence, CX.assertedBy, URIRef(asserted_by)))
    return triples


def _claim_name(subject: str, predicate: str, obj: str, date: Literal | None) -> str:
    base = f"{CLAIM}{local_name(subject)}_{local_name(predicate)}_{local_name(obj)}"
    return base + (f"_{str(date)[:4]}" if date is not None else "")


def _statement_triples(claim: URIRef, s: str, p: str, o: str, date: Literal | None) -> list[Triple]:
    triples: list[Triple] = [
        (claim, RDF.type, RDF.Statement),
        (claim, RDF.subject, URIRef(s)),
        (claim, RDF.predicate, URIRef(p)),
        (claim, RDF.object, URIRef(o)),
    ]
    if date is not None:
        triples.append((claim, CX.eventDate, date))
    return triples


def _described_elsewhere(doc: Document, b: _Builder, triple: Triple, except_claims: set[Node]) -> bool:
    """Whether a statement other than ``except_claims`` describes ``triple`` (after ``b``'s changes)."""
    s, p, o = triple
    for st in doc.subjects(RDF.subject, s):
        if st in except_claims:
            continue
        if any(b.holds(f, (st, RDF.predicate, p)) and b.holds(g, (st, RDF.object, o))
               for f in doc.files for g in doc.files):
            return True
    return False


def _remove_claim(doc: Document, b: _Builder, claim: str) -> None:
    """Remove a claim: its statement, its annotations (with their targets), every other mention of the
    statement, and its plain triple unless another statement describes it."""
    record = doc.kb.claims.get(claim)
    if record is None:
        raise ExplorerError(f"{local_name(claim)} is not a claim of this graph")
    plain = (URIRef(record.subject), URIRef(record.predicate), URIRef(record.object))
    if not record.has_statement:
        b.remove_everywhere(plain)
        return
    node = URIRef(claim)
    for ann in doc.subjects(OA.hasBody, node):
        for f, t in doc.triples_about(ann):
            b.remove(f, t)
    for f, t in doc.triples_about(node):
        b.remove(f, t)
    for f, t in doc.mentioning(node):
        b.remove(f, t)
    if not _described_elsewhere(doc, b, plain, {node}):
        b.remove_everywhere(plain)


class NewClaim(Command):
    """A claim stated by a passage: the plain triple, its rdf:Statement and one oa:Annotation."""

    def __init__(self, subject: str, predicate: str, object: str, article: str, start: int, end: int,
                 event_date: str | None = None, asserted_by: str | None = None) -> None:
        self.subject, self.predicate, self.object = subject, predicate, object
        self.article, self.start, self.end = article, start, end
        self.event_date, self.asserted_by = event_date, asserted_by or None
        self.text = "New Claim"

    def plan(self, doc: Document) -> Change:
        kb = doc.kb
        _actor(doc, self.subject)
        _actor(doc, self.object)
        if self.predicate not in kb.relations:
            raise ExplorerError(f"{local_name(self.predicate)} is not a relation of the vocabulary")
        date = parse_event_date(self.event_date)
        values = _passage(doc, self.article, self.start, self.end)
        claim = URIRef(doc.unused_iri(_claim_name(self.subject, self.predicate, self.object, date)))
        evidence = URIRef(doc.next_evidence(self.article))
        file = doc.file_for_claim(self.article)
        b = _Builder(doc)
        b.add(file, (URIRef(self.subject), URIRef(self.predicate), URIRef(self.object)))
        for t in _statement_triples(claim, self.subject, self.predicate, self.object, date):
            b.add(file, t)
        for t in _annotation_triples(evidence, claim, self.article, values, self.asserted_by):
            b.add(file, t)
        self.result = str(claim)
        self.text = f"New Claim “{kb.label(self.subject)} {kb.relations[self.predicate].label} {kb.label(self.object)}”"
        return b.change()


class AddPassage(Command):
    """Another passage supporting an existing claim."""

    def __init__(self, claim: str, article: str, start: int, end: int, asserted_by: str | None = None) -> None:
        self.claim, self.article, self.start, self.end = claim, article, start, end
        self.asserted_by = asserted_by or None
        self.text = "Add Passage"

    def plan(self, doc: Document) -> Change:
        record = doc.kb.claims.get(self.claim)
        if record is None or not record.has_statement:
            raise ExplorerError("choose a claim with a statement to add a passage to")
        values = _passage(doc, self.article, self.start, self.end)
        evidence = URIRef(doc.next_evidence(self.article))
        file = doc.file_of(URIRef(self.claim))
        b = _Builder(doc)
        for t in _annotation_triples(evidence, URIRef(self.claim), self.article, values, self.asserted_by):
            b.add(file, t)
        self.result = self.claim
        self.text = f"Add Passage to “{doc.kb.describe(record)}”"
        return b.change()


class RemovePassage(Command):
    """Remove one annotation (its claim stays, and validation reports it if it has no passage left)."""

    def __init__(self, evidence: str) -> None:
        self.evidence = evidence
        self.text = "Remove Passage"

    def plan(self, doc: Document) -> Change:
        ev = doc.kb.evidence.get(self.evidence)
        if ev is None:
            raise ExplorerError(f"{local_name(self.evidence)} is not a passage of this graph")
        claim = doc.kb.claims.get(ev.claim)
        if claim is not None and len(claim.evidence) <= 1:
            raise ExplorerError("this is the claim's only passage: a claim needs one, so delete the claim instead")
        b = _Builder(doc)
        node = URIRef(self.evidence)
        for f, t in doc.triples_about(node) + doc.mentioning(node):
            b.remove(f, t)
        self.result = ev.claim
        self.text = f"Remove Passage {local_name(self.evidence)}"
        return b.change()


_UNCHANGED = object()


class EditClaim(Command):
    """Change a claim's subject, relation, object or event date. A claim whose triple changes gets a new
    statement IRI (named after the new triple); its passages move to it."""

    def __init__(self, claim: str, subject: str | None = None, predicate: str | None = None,
                 object: str | None = None, event_date: str | object | None = _UNCHANGED) -> None:
        self.claim, self.subject, self.predicate, self.object = claim, subject, predicate, object
        self.event_date = event_date
        self.text = "Edit Claim"

    def plan(self, doc: Document) -> Change:
        kb = doc.kb
        old = kb.claims.get(self.claim)
        if old is None or not old.has_statement:
            raise ExplorerError("choose a claim with a statement to edit")
        s, p, o = self.subject or old.subject, self.predicate or old.predicate, self.object or old.object
        _actor(doc, s)
        _actor(doc, o)
        if p not in kb.relations:
            raise ExplorerError(f"{local_name(p)} is not a relation of the vocabulary")
        old_node = URIRef(self.claim)
        old_date = doc.value(old_node, CX.eventDate)
        date = old_date if self.event_date is _UNCHANGED else parse_event_date(self.event_date)  # type: ignore[arg-type]
        b = _Builder(doc)
        self.result = self.claim
        self.text = f"Edit Claim “{kb.describe(old)}”"
        if (s, p, o) == (old.subject, old.predicate, old.object) and date == old_date:
            return b.change()
        file = doc.file_of(old_node)
        same_name = (s, p, o) == (old.subject, old.predicate, old.object) and (
            str(date)[:4] if date is not None else None) == (str(old_date)[:4] if old_date is not None else None)
        if same_name:
            for f, t in doc.triples_about(old_node):
                if t[1] == CX.eventDate:
                    b.remove(f, t)
            if date is not None:
                b.add(file, (old_node, CX.eventDate, date))
            return b.change()
        new_node = URIRef(doc.unused_iri(_claim_name(s, p, o, date)))
        old_plain = (URIRef(old.subject), URIRef(old.predicate), URIRef(old.object))
        for f, t in doc.triples_about(old_node):
            b.remove(f, t)
        for f, t in doc.mentioning(old_node):
            if t[0] != old_node:
                b.remove(f, t)
                b.add(f, (t[0], t[1], new_node) if t[2] == old_node else t)
        for t in _statement_triples(new_node, s, p, o, date):
            b.add(file, t)
        b.add(file, (URIRef(s), URIRef(p), URIRef(o)))
        if old_plain != (URIRef(s), URIRef(p), URIRef(o)) and not _described_elsewhere(doc, b, old_plain, {old_node}):
            b.remove_everywhere(old_plain)
        self.result = str(new_node)
        return b.change()


class DeleteClaim(Command):
    def __init__(self, claim: str) -> None:
        self.claim = claim
        self.text = "Delete Claim"

    def plan(self, doc: Document) -> Change:
        record = doc.kb.claims.get(self.claim)
        if record is not None:
            self.text = f"Delete Claim “{doc.kb.describe(record)}”"
        b = _Builder(doc)
        _remove_claim(doc, b, self.claim)
        return b.change()


class NewActor(Command):
    """A new actor: its type (kind), English label and other names."""

    def __init__(self, label: str, kind: str, aliases: Sequence[str] = (), role: str | None = None,
                 description: str | None = None) -> None:
        self.label, self.kind = label.strip(), kind
        self.aliases = [a.strip() for a in aliases if a.strip() and a.strip() != label.strip()]
        self.role, self.description = (role or "").strip() or None, (description or "").strip() or None
        self.text = f"New Actor “{self.label}”"

    def plan(self, doc: Document) -> Change:
        if not self.label:
            raise ExplorerError("an actor needs a name")
        if self.kind not in KIND_CLASSES:
            raise ExplorerError(f"{self.kind!r} is not a kind of actor ({', '.join(KIND_CLASSES)})")
        node = URIRef(doc.unused_iri(str(ACTOR) + name_part(self.label)))
        file = doc.file_for_actor()
        b = _Builder(doc)
        for t in _actor_triples(node, self.label, self.kind, self.aliases, self.role, self.description):
            b.add(file, t)
        self.result = str(node)
        return b.change()


def _actor_triples(node: URIRef, label: str, kind: str, aliases: Sequence[str], role: str | None,
                   description: str | None) -> list[Triple]:
    triples: list[Triple] = [(node, RDF.type, URIRef(KIND_CLASSES[kind])),
                             (node, RDFS.label, Literal(label, lang="en"))]
    triples += [(node, SKOS.altLabel, Literal(a, lang="en")) for a in dict.fromkeys(aliases)]
    if role:
        triples.append((node, SCHEMA.jobTitle, Literal(role, lang="en")))
    if description:
        triples.append((node, RDFS.comment, Literal(description, lang="en")))
    return triples


class EditActor(Command):
    """Change an actor's name, kind, other names, role or description (None leaves a field as it is)."""

    FIELDS: ClassVar[dict[str, URIRef]] = {
        "label": RDFS.label, "aliases": SKOS.altLabel, "role": SCHEMA.jobTitle, "description": RDFS.comment}

    def __init__(self, actor: str, label: str | None = None, kind: str | None = None,
                 aliases: Sequence[str] | None = None, role: str | None = None,
                 description: str | None = None) -> None:
        self.actor = actor
        self.values: dict[str, object] = {"label": label, "aliases": aliases, "role": role,
                                          "description": description}
        self.kind = kind
        self.text = "Edit Actor"

    def plan(self, doc: Document) -> Change:
        _actor(doc, self.actor)
        node = URIRef(self.actor)
        self.text = f"Edit Actor “{doc.kb.actors[self.actor].label}”"
        self.result = self.actor
        b = _Builder(doc)
        home = doc.file_of(node)
        about = [(f, t) for f in doc.files for t in doc._by_subject(f, node)]
        for name, prop in self.FIELDS.items():
            value = self.values[name]
            if value is None:
                continue
            old = [(f, t) for f, t in about if t[1] == prop]
            where = old[0][0] if old else home
            lang = next((t[2].language for _f, t in old if isinstance(t[2], Literal) and t[2].language), "en")
            texts = [str(v).strip() for v in value] if name == "aliases" else [str(value).strip()]  # type: ignore[attr-defined]
            texts = [t for t in dict.fromkeys(texts) if t]
            if name == "label" and not texts:
                raise ExplorerError("an actor needs a name")
            for f, t in old:
                b.remove(f, t)
            for text in texts:
                b.add(where, (node, prop, Literal(text, lang=lang)))
        if self.kind is not None:
            if self.kind not in KIND_CLASSES:
                raise ExplorerError(f"{self.kind!r} is not a kind of actor")
            old_types = [(f, t) for f, t in about if t[1] == RDF.type and t[2] in _ACTOR_CLASSES]
            where = old_types[0][0] if old_types else home
            for f, t in old_types:
                b.remove(f, t)
            b.add(where, (node, RDF.type, URIRef(KIND_CLASSES[self.kind])))
        return b.change()


class DeleteActor(Command):
    """Remove an actor, its description and every claim it takes part in (a passage it is credited
    with loses that attribution)."""

    def __init__(self, actor: str) -> None:
        self.actor = actor
        self.text = "Delete Actor"

    def plan(self, doc: Document) -> Change:
        _actor(doc, self.actor)
        kb = doc.kb
        self.text = f"Delete Actor “{kb.actors[self.actor].label}”"
        b = _Builder(doc)
        for claim in kb.claims_of(self.actor):
            _remove_claim(doc, b, claim.iri)
        node = URIRef(self.actor)
        for f, t in doc.triples_about(node) + doc.mentioning(node):
            b.remove(f, t)
        return b.change()


class MergeActors(Command):
    """Two actors that are the same: every mention of ``drop`` becomes ``keep``; drop's names become
    keep's other names, and what keep does not say about itself (role, description, links) is taken
    from drop."""

    SINGLE: ClassVar[tuple[URIRef, ...]] = (SCHEMA.jobTitle, RDFS.comment)

    def __init__(self, keep: str, drop: str) -> None:
        self.keep, self.drop = keep, drop
        self.text = "Merge Actors"

    def plan(self, doc: Document) -> Change:
        if self.keep == self.drop:
            raise ExplorerError("choose two different actors to merge")
        _actor(doc, self.keep)
        _actor(doc, self.drop)
        kb = doc.kb
        keep_actor, drop_actor = kb.actors[self.keep], kb.actors[self.drop]
        self.text = f"Merge “{drop_actor.label}” into “{keep_actor.label}”"
        self.result = self.keep
        keep, drop = URIRef(self.keep), URIRef(self.drop)
        home = doc.file_of(keep)
        keep_about = {t for f in doc.files for t in doc._by_subject(f, keep)}
        keep_names = {str(t[2]) for t in keep_about if t[1] in (RDFS.label, SKOS.altLabel)}
        keep_has = {t[1] for t in keep_about}
        b = _Builder(doc)
        for f, t in doc.mentioning(drop):
            b.remove(f, t)
            s, p, o = t
            if s == drop:
                if p == RDF.type and t[2] in _ACTOR_CLASSES and any(
                        x[1] == RDF.type and x[2] in _ACTOR_CLASSES for x in keep_about):
                    continue
                if p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel):
                    if str(o) in keep_names:
                        continue
                    keep_names.add(str(o))
                    b.add(home, (keep, SKOS.altLabel, o))
                    continue
                if p in self.SINGLE and p in keep_has:
                    continue
                s = keep
            if o == drop:
                o = keep
            if (s, p, o) == (keep, OWL.sameAs, keep):
                continue
            b.add(f, (s, p, o))
        return b.change()


# ============================================================================ choices for the front end


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
