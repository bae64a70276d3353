"""Curation in the window: the Edit menu, the reader's and the context menus' edits, Save, Validate,
unsaved changes and crash recovery.

Each flow runs a dialog (explorer.gui.curation_dialogs), asks explorer.app.curation which commands the
answer makes and what they are called, and pushes them on the window's :class:`CurationSession` (undo
stack, save, autosave). After each change the session's knowledge is replaced in place
(``Session.replace_knowledge``) and what the edit made is revealed; the window redraws from the session.
Everything shown is read from ``window.session``; the curation engine and the dialogs are imported on
first use (the window's first frame needs neither).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMenuBar

from explorer.app.edit_actions import edit_actions
from explorer.core.errors import ExplorerError
from explorer.gui.actions import make_action
from explorer.gui.reader_keys import ADD_PASSAGE_KEY, NEW_CLAIM_KEY
from explorer.gui.settings import last_folder, remember_folder, remember_recent
from explorer.gui.workers import Policy

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from explorer.app import curation as policy
    from explorer.core import curation as core
    from explorer.core.validate import Report
    from explorer.gui.curation import CurationSession
    from explorer.gui.host import WindowHost
    from explorer.gui.reader import ReaderDialog

TURTLE_FILTER = "Turtle (*.ttl)"


def _judging() -> ModuleType:
    """explorer.gui.judging (grading, credibility, deprecation: dialogs the first frame does without)."""
    from explorer.gui import judging

    return judging


class Editing(QObject):
    """The curation flows of one window, and the actions that start them."""

    curated = Signal(object)  # the graph was refreshed after an edit (what it shows: an IRI or None)
    validated = Signal(object)  # a validation Report, after a save or Validate

    def __init__(self, window: WindowHost, curation: CurationSession | None = None) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        #: The window's curation session (made by the window, which closes it).
        self.curation: CurationSession = curation if curation is not None else window.curation
        self.edit_menu: QMenu | None = None
        self.read_menu: QMenu | None = None
        self._build_actions()
        self._connect()

    @property
    def window(self) -> WindowHost:
        """The window these flows belong to: their Qt parent (no Python reference, so no cycle)."""
        return cast("WindowHost", self.parent())

    # ================================================================ actions and menus

    def _action(self, text: str, slot, shortcut: QKeySequence.StandardKey | str | None = None,
                tip: str | None = None) -> QAction:
        return make_action(self.window, text, slot, shortcut, tip)  # type: ignore[arg-type]

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        parent = self.window
        self.undo_action = self.curation.undo_stack.createUndoAction(parent, "&Undo")  # type: ignore[arg-type]
        self.undo_action.setShortcuts(key.Undo)
        self.redo_action = self.curation.undo_stack.createRedoAction(parent, "&Redo")  # type: ignore[arg-type]
        self.redo_action.setShortcuts(key.Redo)
        self.new_claim_action = self._action(
            "&New Claim from Selection…", self.new_claim_from_reader, NEW_CLAIM_KEY,
            "Create a claim stated by the words selected in the reader",
        )
        self.add_passage_action = self._action(
            "Add Selection to &Claim…", self.add_passage_from_reader, ADD_PASSAGE_KEY,
            "Add the words selected in the reader as another passage of a claim",
        )
        self.edit_claim_action = self._action("&Edit Claim…", self.edit_claim)
        self.delete_claim_action = self._action("&Delete Claim", self.delete_claim)
        self.remove_passage_action = self._action("Remove &Passage", self.remove_passage)
        self.new_actor_action = self._action("New &Actor…", self.new_actor)
        self.edit_actor_action = self._action("Edi&t Actor…", self.edit_actor)
        self.delete_actor_action = self._action("De&lete Actor", self.delete_actor)
        self.merge_actor_action = self._action("&Merge Actor Into…", self.merge_actor)
        # the weight of the evidence (issue 13): explorer.gui.judging, imported when a flow starts (its dialogs
        # are not in the first frame)
        self.compare_sources_action = self._action(
            "Compare &Sources…", lambda: _judging().compare_sources(self), "Ctrl+Shift+C",
            "What each independent source says about the selected edge, side by side")
        self.grade_source_action = self._action(
            "&Grade Source…", lambda: _judging().grade_source(self), None,
            "Grade a publisher or speaker of the claim's passages A-F (Admiralty reliability)")
        self.override_credibility_action = self._action(
            "Set &Credibility…", lambda: _judging().override_credibility(self), None,
            "Override the claim's computed credibility 1-6, with the reason")
        self.deprecate_claim_action = self._action(
            "Dep&recate Claim…", lambda: _judging().deprecate_claim(self), None,
            "Hide the claim by default, with the reason; it stays in the data")
        self.restore_claim_action = self._action("Restore Deprecated Claim", lambda: _judging().restore_claim(self))
        self.judgement_actions = (self.grade_source_action, self.override_credibility_action,
                                  self.deprecate_claim_action, self.restore_claim_action)
        self.save_action = self._action("&Save", self.save, key.Save, "Write the changed files as readable Turtle")
        self.save_as_action = self._action(
            "Save &As…", self.save_as, key.SaveAs, "Write the whole curation as one Turtle file"
        )
        self.validate_action = self._action(
            "&Validate", self.validate, "Ctrl+Shift+V", "Check quotes, offsets and shapes"
        )
        self.update_actions()

    def build_edit_menu(self, menu_bar: QMenuBar) -> QMenu:
        """The Edit menu: undo and redo, the claims' and the actors' edits, and Read Article (the window
        adds its own actions after these)."""
        menu = self.edit_menu = menu_bar.addMenu("&Edit")
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        for action in (self.new_claim_action, self.add_passage_action, self.edit_claim_action,
                       self.delete_claim_action, self.remove_passage_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.new_actor_action, self.edit_actor_action, self.delete_actor_action,
                       self.merge_actor_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (*self.judgement_actions, self.compare_sources_action):
            menu.addAction(action)
        menu.addSeparator()
        self.read_menu = QMenu("&Read Article", menu)
        self.read_menu.aboutToShow.connect(self._fill_articles)
        menu.addMenu(self.read_menu)
        menu.aboutToShow.connect(self.update_actions)
        return menu

    def _connect(self) -> None:
        window = self.window
        self.curation.documentChanged.connect(self._curated)
        self.curation.modifiedChanged.connect(lambda modified: window.setWindowModified(modified))  # type: ignore[attr-defined]
        window.evidence.menuRequested.connect(self._evidence_menu)
        # keep the actions (and so their shortcuts) enabled exactly when they apply
        for signal in (window.evidence.tree.selectionModel().currentChanged, self.curated):
            signal.connect(self.update_actions)
        window.session.changed.connect(self.update_actions)

    def attach_reader(self, reader: ReaderDialog) -> None:
        """The reader's edits, undo and redo (the window makes its reader after the first frame)."""
        for action in (self.undo_action, self.redo_action):
            reader.addAction(action)
        reader.newClaimRequested.connect(self.new_claim_from)
        reader.addPassageRequested.connect(self.add_passage_from)
        for signal in (reader.text.selectionChanged, reader.finished):
            signal.connect(self.update_actions)
        reader.set_curation_enabled(self.curation.enabled)

    def update_actions(self, *_args: object) -> None:
        """Enable the actions that apply to the graph, the reader's selection and the current claim,
        passage and actor."""
        window = self.window
        kb = window.session.kb
        reader = window.reader_if_made()
        states = edit_actions(
            kb, self.curation.enabled,
            text_selected=reader is not None and reader.isVisible() and reader.selection() is not None,
            claim=self.current_claim(), evidence=window.evidence.current_evidence(), actor=self.current_actor(),
        )
        self.new_claim_action.setEnabled(states.new_claim)
        self.add_passage_action.setEnabled(states.add_passage)
        self.edit_claim_action.setEnabled(states.edit_claim)
        self.delete_claim_action.setEnabled(states.delete_claim)
        self.remove_passage_action.setEnabled(states.remove_passage)
        self.new_actor_action.setEnabled(states.new_actor)
        for action in (self.edit_actor_action, self.delete_actor_action, self.merge_actor_action):
            action.setEnabled(states.actor)
        for action in self.judgement_actions:
            action.setEnabled(states.edit_claim)
        self.compare_sources_action.setEnabled(kb is not None)
        self.save_action.setEnabled(states.save)
        self.save_as_action.setEnabled(states.save)
        self.validate_action.setEnabled(states.validate)

    def _reader_curation(self) -> None:
        """The reader offers its edits when the graph's files can be curated (a reader made later is told
        when it is made: attach_reader)."""
        reader = self.window.reader_if_made()
        if reader is not None:
            reader.set_curation_enabled(self.curation.enabled)

    def _status(self, text: str, timeout: int = 6000) -> None:
        self.window.statusBar().showMessage(text, timeout)

    # ================================================================ state

    def graph_shown(self) -> None:
        """A new graph is on screen: curate its files (the document is read on the first edit), or nothing
        when it is not read from files. A restored curation's own graph keeps its document."""
        from explorer.app import curation as policy

        session = self.window.session
        kb, doc = session.kb, self.curation.doc
        if kb is None or doc is None or doc.kb is not kb:
            files, bundled = policy.curation_source(kb, session.sources) if kb is not None else (None, False)
            self.curation.set_source(files or [], bundled, enabled=files is not None)
        self._reader_curation()
        self.update_actions()

    def _document(self) -> core.Document | None:
        """The document being curated (read on first use), or None after telling the user why not."""
        from explorer.app import curation as policy

        if self.window.session.kb is None or not self.curation.enabled:
            self._status(policy.NOT_EDITABLE)
            return None
        try:
            if self.curation.doc is None:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    return self.curation.document()
                finally:
                    QApplication.restoreOverrideCursor()
            return self.curation.document()
        except ExplorerError as exc:
            self.window.show_error("Cannot edit this graph", str(exc))
            return None

    def current_claim(self) -> str | None:
        """The claim of the evidence panel's current row, else the one claim of the selected edge."""
        claim = self.window.evidence.current_claim()
        bundles = self.window.scene.selected_bundles
        if claim is None and len(bundles) == 1 and len(bundles[0].claims) == 1:
            claim = bundles[0].claims[0]
        kb = self.window.session.kb
        return claim if kb is not None and claim in kb.claims else None

    def current_actor(self) -> str | None:
        """The one selected actor."""
        kb = self.window.session.kb
        actor = self.window.session.selection.actor
        return actor if kb is not None and actor in kb.actors else None

    # ================================================================ pushing commands

    def _push(self, command: core.Command) -> str | None:
        """Run one command as an undoable step; an error is shown and changes nothing."""
        from explorer.app import curation as policy

        try:
            result = self.curation.push(command)
        except ExplorerError as exc:
            self.window.show_error(policy.step_title(command.text), str(exc))
            return None
        if result is not None:
            self._status(policy.undo_hint(command.text))
        return result

    def _push_with_actors(self, commands: policy.FormCommands) -> str | None:
        """Create the new actors a dialog described, then the command that needs them, as one step."""
        from explorer.app import curation as policy

        if not commands.new_actors:
            return self._push(commands.command({}))
        stack = self.curation.undo_stack
        self.curation.begin(commands.text)
        result, error = None, None
        try:
            result = commands.run(self.curation.push)
        except ExplorerError as exc:
            error = exc
        finally:
            self.curation.end()
        if error is not None:
            stack.undo()
            self.window.show_error(policy.step_title(commands.text), str(error))
            return None
        self._status(policy.undo_hint(commands.text))
        return result

    # ================================================================ after a change

    def _curated(self, focus: str | None) -> None:
        """Show the document's new state in place (the window keeps positions, the reader and, where it
        can, the selection; the filters start afresh so the change is visible), then what it made."""
        doc = self.curation.doc
        if doc is None:
            return
        session = self.window.session
        keep = self.current_actor()
        session.replace_knowledge(doc.kb, [] if doc.bundled else list(doc.files), keep=keep)
        if not self.show_item(focus) and keep is not None:
            session.select([keep])  # the actor selected before stays selected when the edit shows nothing else
        self.curated.emit(focus)

    def show_item(self, iri: str | None) -> bool:
        """Select and show an actor, a claim (its subject, the claim's row and its edge) or a passage."""
        window = self.window
        kb = window.session.kb
        if kb is None or not iri or not window.session.reveal(iri):
            return False
        claim = kb.evidence[iri].claim if iri in kb.evidence else iri if iri in kb.claims else None
        actor = kb.claims[claim].subject if claim is not None else iri
        window.view.centre_on_actor(actor)
        if iri in kb.evidence:
            window.evidence.select_evidence(iri)
        elif claim is not None:
            window.evidence.select_claim(claim)
        self.update_actions()
        return True

    def reveal(self, subject: str) -> None:
        """Show what a validation problem concerns (a passage also opens in the reader)."""
        if not self.show_item(subject):
            self._status(f"{subject} is not in the graph")
            return
        kb = self.window.session.kb
        if kb is not None and subject in kb.evidence:
            self.window.open_reader(subject, kb.evidence[subject].claim)

    # ================================================================ the edits

    def new_claim_from_reader(self) -> None:
        self.window.reader.request_new_claim()

    def add_passage_from_reader(self) -> None:
        self.window.reader.request_add_passage()

    def new_claim_from(self, article: str, start: int, end: int) -> str | None:
        """The New Claim dialog for text[start:end] of ``article``; returns the new claim's IRI."""
        from explorer.app import curation as policy
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        doc = self._document()
        if doc is None:
            return None
        kb = doc.kb
        try:
            text = kb.article_text(article)
        except ExplorerError as exc:
            self.window.show_error("Cannot show the article", str(exc))
            return None
        dialog = dialogs.ClaimDialog(
            kb, core.curation_relations(kb), core.attribution_choices(doc), self.window,  # type: ignore[arg-type]
            quote=text[start:end], article=kb.articles.get(article), span=(start, end),
        )
        if not dialogs.run_dialog(dialog):
            return None
        return self._push_with_actors(policy.new_claim_commands(kb, dialog.form(), article, start, end))

    def add_passage_from(self, article: str, start: int, end: int) -> str | None:
        """The dialog adding text[start:end] of ``article`` to a claim (the current one offered first)."""
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        doc = self._document()
        if doc is None:
            return None
        kb = doc.kb
        try:
            quote = kb.article_text(article)[start:end]
        except ExplorerError as exc:
            self.window.show_error("Cannot show the article", str(exc))
            return None
        dialog = dialogs.PassageDialog(kb, core.attribution_choices(doc), quote, self.current_claim(),
                                       self.window)  # type: ignore[arg-type]
        if not dialogs.run_dialog(dialog):
            return None
        claim = dialog.claim()
        assert claim is not None
        return self._push(core.AddPassage(claim, article, start, end, dialog.asserted_by()))

    def edit_claim(self, claim: str | None = None) -> str | None:
        from explorer.app import curation as policy
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        claim = claim or self.current_claim()
        doc = self._document()
        if doc is None or claim is None or claim not in doc.kb.claims:
            return None
        kb = doc.kb
        dialog = dialogs.ClaimDialog(kb, core.curation_relations(kb), (), self.window,  # type: ignore[arg-type]
                                     claim=kb.claims[claim])
        if not dialogs.run_dialog(dialog):
            return None
        return self._push_with_actors(policy.edit_claim_commands(kb, dialog.form(), claim))

    def delete_claim(self, claim: str | None = None) -> bool:
        from explorer.app import curation as policy
        from explorer.core import curation as core

        claim = claim or self.current_claim()
        if claim is None or self._document() is None:
            return False
        done = self._push(core.DeleteClaim(claim)) is not None
        if done:
            self._status(policy.CLAIM_DELETED)
        return done

    def remove_passage(self, evidence: str | None = None) -> bool:
        from explorer.core import curation as core

        evidence = evidence or self.window.evidence.current_evidence()
        if evidence is None or self._document() is None:
            return False
        return self._push(core.RemovePassage(evidence)) is not None

    def new_actor(self) -> str | None:
        from explorer.app import curation as policy
        from explorer.gui import curation_dialogs as dialogs

        if self._document() is None:
            return None
        dialog = dialogs.ActorDialog(self.window)  # type: ignore[arg-type]
        if not dialogs.run_dialog(dialog):
            return None
        return self._push(policy.new_actor_command(dialog.spec()))

    def edit_actor(self, actor: str | None = None) -> str | None:
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        actor = actor or self.current_actor()
        doc = self._document()
        if doc is None or actor is None or actor not in doc.kb.actors:
            return None
        dialog = dialogs.ActorDialog(self.window, doc.kb.actors[actor])  # type: ignore[arg-type]
        if not dialogs.run_dialog(dialog):
            return None
        spec = dialog.spec()
        return self._push(core.EditActor(actor, spec.label, spec.kind, spec.aliases, spec.role or "",
                                         spec.description or ""))

    def delete_actor(self, actor: str | None = None) -> bool:
        from explorer.app import curation as policy
        from explorer.core import curation as core

        actor = actor or self.current_actor()
        doc = self._document()
        if doc is None or actor is None:
            return False
        claims = doc.kb.degree(actor) if actor in doc.kb.actors else 0
        done = self._push(core.DeleteActor(actor)) is not None
        if done:
            self._status(policy.actor_deleted(claims))
        return done

    def merge_actor(self, actor: str | None = None) -> str | None:
        from explorer.core import curation as core
        from explorer.gui import curation_dialogs as dialogs

        actor = actor or self.current_actor()
        doc = self._document()
        if doc is None or actor is None or actor not in doc.kb.actors:
            return None
        dialog = dialogs.MergeDialog(doc.kb, doc.kb.actors[actor], self.window)  # type: ignore[arg-type]
        if not dialogs.run_dialog(dialog):
            return None
        keep = dialog.target()
        assert keep is not None
        return self._push(core.MergeActors(keep, actor))

    # ================================================================ articles and context menus

    def _fill_articles(self) -> None:
        menu = self.read_menu
        if menu is None:
            return
        menu.clear()
        kb = self.window.session.kb
        articles = sorted(kb.articles.values(), key=lambda a: (a.date or "", a.title)) if kb else []
        for article in articles:
            action = menu.addAction(f"{article.title} ({article.date or 'undated'})")
            action.setEnabled(bool(article.seed_file))
            action.triggered.connect(lambda _c=False, iri=article.iri: self.open_article(iri))
        if not articles:
            menu.addAction("(no articles)").setEnabled(False)

    def open_article(self, article: str) -> bool:
        """The whole article in the reader, to select passages from."""
        kb = self.window.session.kb
        if kb is None or article not in kb.articles:
            return False
        from explorer.app.reading import reading

        try:
            shown = reading(kb, article)  # every passage of it marked
        except ExplorerError as exc:
            self.window.show_error("Cannot show the article", str(exc))
            return False
        self.window.reader.show_reading(shown)
        return True

    def _evidence_menu(self, where: QPoint, kind: str, claim: str, evidence: str) -> None:
        self.update_actions()
        menu = QMenu(self.window)  # type: ignore[arg-type]
        if evidence:
            menu.addAction("Open in Reader", lambda: self.window.open_reader(evidence, claim))
        if kind in ("claim", "passage"):
            menu.addAction(self.window.evidence.copy_action)
        if kind in ("claim", "passage"):
            menu.addAction(self.edit_claim_action)
            menu.addAction(self.delete_claim_action)
        if kind == "passage":
            menu.addAction(self.remove_passage_action)
        if kind in ("claim", "passage", "side") and claim:
            menu.addSeparator()  # grade the passage's publisher or speaker, judge the claim (explorer.gui.judging)
            _judging().judgement_menu(menu, self, [claim], evidence if kind == "passage" else None)
        if self.current_actor() is not None:
            menu.addSeparator()
            menu.addAction(self.edit_actor_action)
            menu.addAction(self.merge_actor_action)
            menu.addAction(self.delete_actor_action)
        menu.addSeparator()
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        self.show_menu(menu, where)

    def show_menu(self, menu: QMenu, where: QPoint) -> None:
        """Pop up a context menu (tests replace this: a popup menu waits for the user)."""
        menu.exec(where)
        menu.deleteLater()

    # ================================================================ saving

    def _ask_save(self, title: str, name: str, file_filter: str) -> Path | None:
        path, _chosen = QFileDialog.getSaveFileName(self.window, title, str(Path(last_folder()) / name),  # type: ignore[arg-type]
                                                    file_filter)
        if not path:
            return None
        remember_folder(Path(path).parent)
        return Path(path)

    def save(self) -> bool:
        """File > Save: write the changed files where they are (Save As for the bundled data)."""
        from explorer.app import curation as policy

        curation = self.curation
        if self.window.session.kb is None or not curation.enabled:
            return False
        if policy.nothing_to_save(curation.modified, curation.doc, curation.bundled):
            self._status(policy.NOTHING_TO_SAVE)
            return True
        if policy.needs_name(curation.doc, curation.bundled):
            return self.save_as()
        try:
            written = curation.save()
        except ExplorerError as exc:
            self.window.show_error("Cannot save", str(exc))
            return False
        self._status(policy.saved_message(written))
        if written:
            self.validate()
        return True

    def save_as(self) -> bool:
        """File > Save As: the whole curation as one Turtle file, which is then the file curated."""
        from explorer.app import curation as policy

        session = self.window.session
        if session.kb is None or self._document() is None:
            return False
        chosen = self._ask_save("Save Curation As", policy.default_save_name(session.sources), TURTLE_FILTER)
        if chosen is None:
            return False
        path = policy.save_as_path(chosen)
        refusal = policy.save_refusal(path)
        if refusal is not None:
            self.window.show_error(*refusal)
            return False
        try:
            self.curation.save_as(path)
        except ExplorerError as exc:
            self.window.show_error("Cannot save", str(exc))
            return False
        session.set_sources([path])
        remember_recent([path])
        self._status(f"Saved {path}")
        self.validate()
        return True

    # ================================================================ validation

    def validate(self) -> None:
        """Check quotes, offsets and SHACL shapes in the background, one check at a time: asked again
        meanwhile, it runs once more after with the newest graph, and the stale report is dropped."""
        kb = self.window.session.kb  # a snapshot: edits made while the check runs do not change it
        if kb is None:
            return
        from explorer.core.validate import validate

        self.window.jobs.start(
            "validating", lambda _p, _c: validate(kb), on_done=self._validated,  # type: ignore[arg-type]
            on_failed=lambda error: self.window.show_error("Cannot validate", str(error)),
            key="validate", policy=Policy.COALESCE,
        )

    validate_curation = validate

    def _validated(self, report: Report) -> None:
        self.window.session.set_report(report)
        self.validated.emit(report)

    def show_report(self, report: Report) -> None:
        """List a report's problems (the dock opens when there are any) and say how many in the status bar."""
        from explorer.app import curation as policy

        window = self.window
        window.problems.show_problems(report.problems, report.checked)
        if report.problems:
            dock = window.problems_dock
            if not dock.isVisible():
                dock.show()
                window.resizeDocks([dock], [190], Qt.Orientation.Vertical)  # type: ignore[attr-defined]
            dock.raise_()
            self._status(policy.validation_message(report), 8000)
        else:
            self._status(policy.validation_message(report))

    # ================================================================ unsaved changes and recovery

    def ask_unsaved(self, when: str) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel (tests replace this: a message box waits for the user)."""
        from PySide6.QtWidgets import QMessageBox

        from explorer.app import curation as policy

        doc = self.curation.doc
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Warning, policy.UNSAVED_TITLE,
                          policy.unsaved_question(doc.changed_files() if doc else [], when),
                          buttons.Save | buttons.Discard | buttons.Cancel, self.window)  # type: ignore[arg-type]
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(buttons.Save)
        return buttons(box.exec())

    def maybe_save(self, when: str = "closing") -> bool:
        """True when it is fine to drop the current curation (saved, discarded, or nothing to save)."""
        if not self.curation.modified:
            return True
        from PySide6.QtWidgets import QMessageBox

        answer = self.ask_unsaved(when)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def offer_recovery(self) -> bool:
        """After a crash: offer the autosaved curation of the last session; True when it was restored."""
        from explorer.app import curation as policy

        found = self.curation.recoveries()
        if not found:
            return False
        from PySide6.QtWidgets import QMessageBox

        from explorer.app.opening import Opened, compute_layout

        recovery = found[0]
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(self.window, policy.RECOVERY_TITLE,  # type: ignore[arg-type]
                                      policy.recovery_question(recovery), buttons.Yes | buttons.No, buttons.Yes)
        if answer != buttons.Yes:
            recovery.discard()
            return False
        try:
            doc = recovery.load()
        except ExplorerError as exc:
            self.window.show_error("Cannot restore the curation", str(exc))
            return False
        kb = doc.kb
        self.window.show_opened(Opened(kb, compute_layout(kb), [] if doc.bundled else list(doc.files)))
        self.curation.set_document(doc)
        self._reader_curation()
        self.window.setWindowModified(self.curation.modified)  # type: ignore[attr-defined]
        self.update_actions()
        self.curation.autosave()
        recovery.discard()
        self._status(policy.RESTORED, 8000)
        return True
