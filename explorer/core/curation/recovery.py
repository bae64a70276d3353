"""Recovery files: a document autosaved while it has unsaved edits, found again after a crash.

:func:`write_recovery` writes every file's triples as TriG (one graph per file) and then a JSON manifest
naming them; :func:`find_recoveries` lists the manifests left by sessions that did not close cleanly
(skipping those of processes still running), and :meth:`Recovery.load` turns one back into a
:class:`~explorer.core.curation.document.Document`.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode

from explorer.core.curation.document import Document, Triple, layout_of, read_triples, to_rdf_term
from explorer.core.errors import ExplorerError
from explorer.core.export import write_atomically
from explorer.resources import vocabulary_file

RECOVERY_VERSION = 1


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
            parts[file].append((to_rdf_term(q.subject, bnodes), to_rdf_term(q.predicate, bnodes),
                                to_rdf_term(q.object, bnodes)))
        changed = set(self.changed)
        baseline = {f: (None if f in changed else frozenset(ts)) for f, ts in parts.items()}
        return Document(parts, context=read_triples(vocabulary_file()),
                        layouts={f: layout_of(f) for f in self.files}, bundled=self.bundled,
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
