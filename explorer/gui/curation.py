"""Curation in the desktop app: the undo stack over the core's commands, saving, autosave and recovery.

Every edit is a core command (:mod:`explorer.core.curation`) planned into a :class:`Change` and pushed
on a QUndoStack as a :class:`ChangeCommand`, whose redo and undo apply the change and its inverse.
Save writes each changed file through QSaveFile (a crash or a full disk mid-save leaves the old file
whole). A few seconds after each change, and every minute, the whole document is autosaved to a
recovery file; a clean close removes it, so a recovery file found at start means a crash.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from explorer.core.errors import ExplorerError

if TYPE_CHECKING:  # the curation engine (rdflib and all) is imported on the first edit, not at start
    from explorer.core.curation import Change, Command, Document, Recovery

AUTOSAVE_DELAY_MS = 2000
AUTOSAVE_EVERY_MS = 60_000

#: Sessions of this process whose window is still open: their recovery files are not a crash.
LIVE_SESSIONS: set[str] = set()


def recovery_folder(settings: QSettings) -> Path:
    """Where recovery files go: the ``recovery/folder`` setting, else beside an INI settings file,
    else the platform's application data folder."""
    chosen = settings.value("recovery/folder")
    if chosen:
        return Path(str(chosen))
    if settings.format() == QSettings.Format.IniFormat:
        return Path(settings.fileName()).parent / "recovery"
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".explorer") / "recovery"


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through QSaveFile: all of it, or nothing and the old file intact."""
    from PySide6.QtCore import QIODevice, QSaveFile

    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise ExplorerError(f"cannot write here: {target.errorString()}", path=path)
    written = target.write(data)
    if written != len(data):
        message = target.errorString()
        target.cancelWriting()
        target.commit()
        raise ExplorerError(f"cannot write the file: {message or 'the disk may be full'}", path=path)
    if not target.commit():
        raise ExplorerError(f"cannot write the file: {target.errorString()}", path=path)


class ChangeCommand(QUndoCommand):
    """One change on the undo stack: redo applies it, undo applies its inverse."""

    def __init__(self, session: CurationSession, change: Change, text: str, focus: str | None) -> None:
        super().__init__(text)
        self.session = session
        self.change = change
        self.focus = focus

    def redo(self) -> None:
        self.session.apply(self.change, self.focus)

    def undo(self) -> None:
        self.session.apply(self.change.inverse(), self.focus)


class CurationSession(QObject):
    """The document being curated, its undo stack, and its autosave. Front-end glue, no widgets."""

    documentChanged = Signal(object)  # what to show after the change: a claim or actor IRI, or None
    modifiedChanged = Signal(bool)
    autosaved = Signal(str)  # the recovery manifest written
    saved = Signal(list)  # the files written

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.session_id = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.urandom(4).hex()}"
        LIVE_SESSIONS.add(self.session_id)
        session_id = self.session_id
        self.destroyed.connect(lambda _obj=None: LIVE_SESSIONS.discard(session_id))
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(0)
        self.doc: Document | None = None
        self.files: list[Path] = []
        self.bundled = True
        self.enabled = False
        self._modified = False
        self._autosaved_revision = -1
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(AUTOSAVE_DELAY_MS)
        self._debounce.timeout.connect(self.autosave)
        self._periodic = QTimer(self)
        self._periodic.setInterval(AUTOSAVE_EVERY_MS)
        self._periodic.timeout.connect(self.autosave)
        self._periodic.start()
        self.last_error: str | None = None

    # ---------------------------------------------------------------- what is curated

    def set_source(self, files: Sequence[Path], bundled: bool, enabled: bool = True) -> None:
        """A new graph is shown: curation starts afresh on ``files`` (the document is read on first edit)."""
        self.discard_recovery()
        self.doc = None
        self.files = [Path(f) for f in files]
        self.bundled = bundled
        self.enabled = enabled and (bundled or bool(self.files))
        self.undo_stack.clear()
        self._set_modified(False)

    def set_document(self, doc: Document) -> None:
        """Curate ``doc`` (a restored recovery): no undo history, and modified when it differs from disk."""
        self.doc = doc
        self.files = list(doc.files)
        self.bundled = doc.bundled
        self.enabled = True
        self.undo_stack.clear()
        self._set_modified(doc.modified)
        self._autosaved_revision = -1

    def document(self) -> Document:
        """The document, read from the files on first use."""
        if not self.enabled:
            raise ExplorerError("this graph cannot be curated here (it is not read from files)")
        if self.doc is None:
            from explorer.core.curation import Document

            self.doc = Document.from_files(self.files, bundled=self.bundled)
        return self.doc

    @property
    def modified(self) -> bool:
        return self._modified

    def _set_modified(self, value: bool) -> None:
        if value != self._modified:
            self._modified = value
            self.modifiedChanged.emit(value)

    # ---------------------------------------------------------------- editing

    def push(self, command: Command) -> str | None:
        """Plan and apply ``command`` as one undoable step; returns what to show (raises ExplorerError).

        Returns None when the command changes nothing (then nothing is pushed)."""
        doc = self.document()
        change = command.plan(doc)
        if not change:
            return None
        self.undo_stack.push(ChangeCommand(self, change, command.text, command.result))
        return command.result or ""

    def begin(self, text: str) -> None:
        self.undo_stack.beginMacro(text)

    def end(self) -> None:
        self.undo_stack.endMacro()

    def apply(self, change: Change, focus: str | None) -> None:
        assert self.doc is not None
        self.doc.apply(change)
        self._set_modified(self.doc.modified)
        self._debounce.start()
        self.documentChanged.emit(focus)

    # ---------------------------------------------------------------- saving

    def save(self) -> list[Path]:
        """Write every changed file where it is (raises ExplorerError); explorer.app.curation.needs_name says
        when Save As is needed instead."""
        doc = self.document()
        written: list[Path] = []
        for file in doc.changed_files():
            if not doc.writable_in_place(file):
                raise ExplorerError("this file cannot be saved in place: use Save As", path=file)
            write_file(file, doc.serialize(file))
            doc.mark_saved(file)
            written.append(file)
        self._after_save(written)
        return written

    def save_as(self, path: Path) -> list[Path]:
        """Write the whole curation as one file at ``path``, which is then the file being curated."""
        doc = self.document()
        path = Path(path)
        data_before = (list(doc.files), dict(doc.parts), dict(doc.layouts), dict(doc.baseline), doc.bundled)
        doc.merge_into(path)
        try:
            write_file(path, doc.serialize(path))
        except ExplorerError:
            doc.files, doc.parts, doc.layouts, doc.baseline, doc.bundled = data_before
            doc.revision += 1
            raise
        doc.mark_saved(path)
        self.files, self.bundled = [path], False
        self._after_save([path])
        return [path]

    def _after_save(self, written: list[Path]) -> None:
        assert self.doc is not None
        self._set_modified(self.doc.modified)
        if not self.doc.modified:
            self.undo_stack.setClean()
            self.discard_recovery()
        self.saved.emit([str(p) for p in written])

    # ---------------------------------------------------------------- autosave and recovery

    @property
    def recovery_folder(self) -> Path:
        return recovery_folder(self.settings)

    def set_autosave_delay(self, delay_ms: int) -> None:
        """How long after a change the recovery file is written (changes in a burst write it once)."""
        self._debounce.setInterval(delay_ms)

    def autosave(self) -> Path | None:
        """Write the recovery file if there is anything unsaved (and it changed since the last one)."""
        doc = self.doc
        if doc is None or not doc.modified:
            self.discard_recovery()
            return None
        if doc.revision == self._autosaved_revision:
            return None
        from explorer.core.curation import write_recovery

        try:
            path = write_recovery(doc, self.recovery_folder, self.session_id)
        except (ExplorerError, OSError) as exc:
            self.last_error = str(exc)
            return None
        self._autosaved_revision = doc.revision
        self.autosaved.emit(str(path))
        return path

    def discard_recovery(self) -> None:
        folder = self.recovery_folder
        for suffix in (".json", ".trig"):
            (folder / f"{self.session_id}{suffix}").unlink(missing_ok=True)
        self._autosaved_revision = -1

    def recoveries(self) -> list[Recovery]:
        """Autosaves left by sessions that did not close cleanly (not this process's open windows)."""
        folder = self.recovery_folder
        if not folder.is_dir() or next(folder.glob("*.json"), None) is None:
            return []  # nothing to read: the curation engine need not be imported at start
        from explorer.core.curation import find_recoveries

        return find_recoveries(folder, skip=LIVE_SESSIONS)

    def close(self) -> None:
        """The window closes cleanly: stop autosaving and remove this session's recovery file."""
        self._debounce.stop()
        self._periodic.stop()
        self.discard_recovery()
        LIVE_SESSIONS.discard(self.session_id)
