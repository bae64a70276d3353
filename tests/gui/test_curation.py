"""Curation in the app, as a user does it: select words in the reader, fill in the New Claim dialog,
undo and redo from the Edit menu, save (atomically) and see validation problems, close with unsaved
changes, and get everything back after a crash.

Modal dialogs cannot be clicked through offscreen: ``answer_dialogs`` fills each dialog the way a
user would (typing, choosing) and clicks its OK button, instead of waiting in ``exec``.
"""

from __future__ import annotations

import datetime
import difflib
import gc
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSaveFile, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from explorer.app.opening import compute_layout
from explorer.core.curation import NewClaim
from explorer.core.loading import load_knowledge
from explorer.core.validate import validate
from explorer.gui import curation_dialogs as dialogs
from explorer.gui.editing import Editing
from explorer.gui.main_window import MainWindow
from explorer.gui.models import Role
from explorer.resources import curated_files

NS = "https://w3id.org/caucasus-explorer/"
ACTOR, CX, ARTICLE, CLAIM = NS + "actor/", NS + "vocab#", NS + "article/", NS + "claim/"
A003 = ARTICLE + "a003"
ROOT = Path(__file__).resolve().parents[2]


def copy_data(folder: Path) -> list[Path]:
    """A private copy of resources/data/ (tests never write into resources/)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in curated_files():
        shutil.copy(path, folder / path.name)
    return [folder / p.name for p in curated_files()]


def open_window(qtbot, files: list[Path], monkeypatch) -> MainWindow:
    kb = load_knowledge(files)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.set_knowledge(kb, compute_layout(kb), files)
    win.curation.set_autosave_delay(20)
    # a test that ends with unsaved changes closes without a question
    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    return win


@pytest.fixture()
def data_files(tmp_path: Path) -> list[Path]:
    return copy_data(tmp_path / "data")


@pytest.fixture()
def win(qtbot, data_files, monkeypatch) -> MainWindow:
    return open_window(qtbot, data_files, monkeypatch)


def answer_dialogs(monkeypatch, qtbot, fill: Callable[[QDialog], None], accept: bool = True) -> list[QDialog]:
    """Answer every curation dialog: ``fill`` it, then press OK (or Cancel)."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        box = dialog.findChild(QDialogButtonBox)
        button = box.button(QDialogButtonBox.StandardButton.Ok if accept else QDialogButtonBox.StandardButton.Cancel)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "run_dialog", run)
    return seen


def type_actor(qtbot, field: dialogs.ActorField, text: str) -> None:
    """Type a name (QTest types ASCII only: other text is pasted, as a user might)."""
    edit = field.combo.lineEdit()
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def choose_relation(field: dialogs.RelationField, iri: str) -> None:
    row = field.combo.findData(iri, dialogs.IRI_ROLE)
    assert row >= 0, iri
    field.combo.setCurrentIndex(row)


def select_words(qtbot, win: MainWindow, words: str) -> None:
    """Select ``words`` in the reader as a user does: caret before them, then Shift+Right over them."""
    reader = win.reader
    found = reader.text.document().find(words)  # Qt's own search: positions in Qt's counting
    assert not found.isNull(), words
    caret = QTextCursor(reader.text.document())
    caret.setPosition(found.selectionStart())
    reader.text.setTextCursor(caret)
    reader.text.setFocus()
    for _ in range(found.selectionEnd() - found.selectionStart()):
        qtbot.keyClick(reader.text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert reader.text.textCursor().selectionEnd() == found.selectionEnd()


def new_claim_via_dialog(qtbot, monkeypatch, win: MainWindow, article: str, words: str, subject: str,
                         relation: str, obj: str, date: str = "", said_by: str = "", how_sure: str = "") -> str:
    assert win.editing.open_article(article)
    select_words(qtbot, win, words)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, dialogs.ClaimDialog)
        type_actor(qtbot, dialog.subject, subject)
        type_actor(qtbot, dialog.object, obj)
        choose_relation(dialog.relation, relation)
        qtbot.keyClicks(dialog.date_edit, date)
        if said_by:
            dialog.said_by.lineEdit().clear()
            qtbot.keyClicks(dialog.said_by.lineEdit(), said_by)
        if how_sure:
            dialog.how_sure.setCurrentIndex(dialog.how_sure.findText(how_sure))

    answer_dialogs(monkeypatch, qtbot, fill)
    before = set(win.session.kb.claims)
    qtbot.mouseClick(win.reader.new_claim_button, Qt.MouseButton.LeftButton)
    (claim,) = set(win.session.kb.claims) - before
    return claim


# ---------------------------------------------------------------- creating claims


def test_a_claim_made_from_a_reader_selection_appears_in_the_graph_at_once(qtbot, monkeypatch, win) -> None:
    words = "Ukraine and Türkiye"
    claim = new_claim_via_dialog(qtbot, monkeypatch, win, A003, words, "Turkey", CX + "cooperatesWith",
                                 "Ukraine", "2023", said_by="Vasif Huseynov")
    kb = win.session.kb
    record = kb.claims[claim]
    assert (record.subject, record.predicate, record.object) == (ACTOR + "Turkiye", CX + "cooperatesWith",
                                                                 ACTOR + "Ukraine")
    assert record.event_date == "2023"
    (ev,) = kb.evidence_of(claim)
    seed = kb.article_text(A003)
    assert ev.exact == seed[ev.start:ev.end] == words
    assert ev.asserted_by == NS + "agent/VasifHuseynov"
    # in the graph and the evidence panel, selected
    assert win.scene.bundles_of([claim])
    assert claim in win.evidence.model.claims()
    assert win.evidence.current_claim() == claim
    assert win.isWindowModified()
    assert "[*]" in win.windowTitle()


def test_the_dialog_suggests_actors_named_in_the_quote_and_completes_other_names(qtbot, monkeypatch, win) -> None:
    win.editing.open_article(A003)
    select_words(qtbot, win, "Ukraine and Türkiye")
    seen = answer_dialogs(monkeypatch, qtbot, lambda d: None, accept=False)
    win.editing.new_claim_from_reader()
    (dialog,) = seen
    assert dialog.subject.choice() == ACTOR + "Ukraine"
    assert dialog.object.choice() == ACTOR + "Turkiye"
    assert "“Ukraine and Türkiye”" in dialog.quote_label.text()
    # typing 'Turk' offers Türkiye through its other name Turkey; the user picks it from the popup
    completer = dialog.subject.completer
    type_actor(qtbot, dialog.subject, "Turk")
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    names = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert "Turkey → Türkiye" in names
    for _ in range(names.index("Turkey → Türkiye") + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.subject.combo.currentText() == "Türkiye")
    assert dialog.subject.choice() == ACTOR + "Turkiye"
    # the relation's description is shown
    choose_relation(dialog.relation, CX + "supports")
    assert "Gives political, diplomatic, economic or military support" in dialog.relation.description.text()
    assert not win.curation.modified  # cancelled: nothing changed


def test_a_new_actor_made_inline_comes_with_its_claim_in_one_undo_step(qtbot, monkeypatch, win) -> None:
    win.editing.open_article(A003)
    select_words(qtbot, win, "Ukrainian President Volodymyr Zelensky")

    def fill(dialog: QDialog) -> None:
        if isinstance(dialog, dialogs.ActorDialog):
            qtbot.keyClicks(dialog.aliases_edit, "the Ukrainian president")
            dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("person"))
            return
        type_actor(qtbot, dialog.subject, "Volodymyr Zelenskyy")
        qtbot.mouseClick(dialog.subject.new_button, Qt.MouseButton.LeftButton)
        type_actor(qtbot, dialog.object, "Ukraine")
        choose_relation(dialog.relation, CX + "headOfStateOf")

    answer_dialogs(monkeypatch, qtbot, fill)
    claim = win.reader.request_new_claim() or None
    claim = next(c for c in win.session.kb.claims if c.startswith(CLAIM + "VolodymyrZelenskyy_headOfStateOf"))
    actor = win.session.kb.actors[ACTOR + "VolodymyrZelenskyy"]
    assert actor.kind == "person" and actor.aliases == ("the Ukrainian president",)
    assert win.curation.undo_stack.count() == 1
    assert win.editing.undo_action.text() == "&Undo " + win.curation.undo_stack.undoText()
    assert "Zelenskyy head of state of Ukraine" in win.editing.undo_action.text()
    win.editing.undo_action.trigger()
    assert ACTOR + "VolodymyrZelenskyy" not in win.session.kb.actors and claim not in win.session.kb.claims


def test_quotes_keep_exact_offsets_in_text_qt_counts_differently(qtbot, monkeypatch, tmp_path) -> None:
    """Non-ASCII letters, an emoji (two UTF-16 units), Windows line breaks (one paragraph break in Qt)
    and a no-break space (a plain space in Qt's plain text) before the selection."""
    folder = tmp_path / "data"
    (folder / "seeds").mkdir(parents=True)
    text = ("Héadline 😀 of the day\r\n\r\nSome 😀😀 words\u00a0first.\r\n"
            "Türkiye’s minister met Azerbaijan’s envoy in Baku.\r\nThe end.\r\n")
    (folder / "seeds" / "900_test.txt").write_bytes(text.encode("utf-8"))
    data = folder / "test.ttl"
    data.write_text(textwrap.dedent(f"""\
        @prefix cx: <{CX}> . @prefix actor: <{ACTOR}> . @prefix article: <{ARTICLE}> .
        @prefix agent: <{NS}agent/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix dcterms: <http://purl.org/dc/terms/> . @prefix schema: <https://schema.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        agent:Press a schema:Organization ; rdfs:label "Press" .
        article:t900 a schema:NewsArticle ; dcterms:title "A test" ; dcterms:publisher agent:Press ;
            dcterms:issued "2024"^^xsd:gYear ; cx:seedFile "900_test.txt" ; cx:bodyStart 0 ; cx:bodyEnd {len(text)} .
        actor:Turkiye a cx:Country ; rdfs:label "Türkiye"@en .
        actor:Azerbaijan a cx:Country ; rdfs:label "Azerbaijan"@en .
        """), encoding="utf-8")
    win = open_window(qtbot, [data], monkeypatch)
    words = "Türkiye’s minister met Azerbaijan’s envoy"
    claim = new_claim_via_dialog(qtbot, monkeypatch, win, ARTICLE + "t900", words, "Türkiye", CX + "meetsWith",
                                 "Azerbaijan")
    (ev,) = win.session.kb.evidence_of(claim)
    start = text.index(words)
    assert (ev.start, ev.end) == (start, start + len(words))
    assert ev.exact == words and ev.prefix == text[start - 32:start]
    # the reader marks a passage at the right place too
    win.open_reader(ev.iri, claim)
    assert win.reader.marked_text() == words
    cursor = win.reader.text.textCursor()
    cursor.setPosition(win.reader.positions.position(ev.end), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText().replace("\u00a0", " ") == words
    assert win.editing.save()
    report = validate(load_knowledge([data]))
    assert report.ok, [str(p) for p in report.problems]


def test_a_second_passage_is_added_to_the_selected_claim(qtbot, monkeypatch, win) -> None:
    claim = CLAIM + "SergeiLavrov_visits_Azerbaijan_2023"
    assert win.editing.show_item(claim)
    before = list(win.session.kb.claims[claim].evidence)
    win.editing.open_article(A003)
    select_words(qtbot, win, "Lavrov’s visit to Baku")
    seen = answer_dialogs(monkeypatch, qtbot, lambda d: d.said_by.setCurrentIndex(d.said_by.findText("Vasif Huseynov")))
    qtbot.mouseClick(win.reader.add_passage_button, Qt.MouseButton.LeftButton)
    (dialog,) = seen
    assert isinstance(dialog, dialogs.PassageDialog) and dialog.claim() == claim  # the selected claim is offered
    evidence = win.session.kb.claims[claim].evidence
    assert len(evidence) == len(before) + 1
    (new,) = set(evidence) - set(before)
    ev = win.session.kb.evidence[new]
    assert ev.exact == "Lavrov’s visit to Baku" and ev.asserted_by == NS + "agent/VasifHuseynov"
    assert win.evidence.current_claim() == claim
    assert new in [win.evidence.model.index(i, 0, win.evidence.model.index_of_claim(claim)).data(Role.EVIDENCE)
                   for i in range(len(evidence))]
    # and the passage can go again, from the panel's context menu
    assert win.evidence.select_evidence(new)
    win.editing.remove_passage_action.trigger()
    assert win.session.kb.claims[claim].evidence == tuple(before)


# ---------------------------------------------------------------- undo and redo


def test_undo_and_redo_from_the_edit_menu_name_the_action(qtbot, monkeypatch, win) -> None:
    claim = new_claim_via_dialog(qtbot, monkeypatch, win, A003, "Ukraine and Türkiye", "Türkiye",
                                 CX + "supports", "Ukraine")
    menu = {a.text(): a for a in win.editing.edit_menu.actions()}
    win.editing.edit_menu.aboutToShow.emit()
    undo = next(a for t, a in menu.items() if t.startswith("&Undo"))
    assert undo.text() == "&Undo New Claim “Türkiye supports Ukraine”"
    assert undo.isEnabled() and QKeySequence(QKeySequence.StandardKey.Undo) in undo.shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Redo) in win.editing.redo_action.shortcuts()
    undo.trigger()
    assert claim not in win.session.kb.claims and not win.scene.bundles_of([claim])
    assert not win.isWindowModified()
    redo = next(a for a in win.editing.edit_menu.actions() if a.text().startswith("&Redo"))
    assert redo.text() == "&Redo New Claim “Türkiye supports Ukraine”"
    redo.trigger()
    assert claim in win.session.kb.claims and win.scene.bundles_of([claim])
    # the standard shortcut works from the graph
    win.activateWindow()
    qtbot.waitActive(win)
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert claim not in win.session.kb.claims


def test_edit_delete_and_merge_through_the_menus(qtbot, monkeypatch, win) -> None:
    russia_csto = CLAIM + "Russia_leads_CSTO"
    assert win.editing.show_item(russia_csto)
    assert win.editing.current_claim() == russia_csto

    answer_dialogs(monkeypatch, qtbot, lambda d: choose_relation(d.relation, CX + "memberOf"))
    win.editing.edit_claim_action.trigger()
    assert russia_csto not in win.session.kb.claims
    assert CLAIM + "Russia_memberOf_CSTO" in win.session.kb.claims
    assert win.editing.current_claim() == CLAIM + "Russia_memberOf_CSTO"

    win.editing.delete_claim_action.trigger()
    assert CLAIM + "Russia_memberOf_CSTO" not in win.session.kb.claims
    assert win.scene.selected_actor() == ACTOR + "Russia"  # its actor is still the one shown

    def rename(dialog: QDialog) -> None:
        dialog.label_edit.clear()
        qtbot.keyClicks(dialog.label_edit, "Russian Federation")

    assert win.editing.show_item(ACTOR + "Russia")
    answer_dialogs(monkeypatch, qtbot, rename)
    win.editing.edit_actor_action.trigger()
    assert win.session.kb.actors[ACTOR + "Russia"].label == "Russian Federation"
    assert win.evidence.title.text() == "Russian Federation"

    assert win.editing.show_item(ACTOR + "USSR")
    answer_dialogs(monkeypatch, qtbot, lambda d: type_actor(qtbot, d.keep, "Russian Federation"))
    degree = win.session.kb.degree(ACTOR + "Russia") + win.session.kb.degree(ACTOR + "USSR")
    win.editing.merge_actor_action.trigger()
    assert ACTOR + "USSR" not in win.session.kb.actors
    assert "Soviet Union" in win.session.kb.actors[ACTOR + "Russia"].aliases
    assert win.session.kb.degree(ACTOR + "Russia") == degree
    assert win.scene.selected_actor() == ACTOR + "Russia"

    win.editing.delete_actor_action.trigger()
    assert ACTOR + "Russia" not in win.session.kb.actors and ACTOR + "Russia" not in win.scene.nodes
    stack = win.curation.undo_stack
    assert stack.count() == 5
    while stack.canUndo():
        stack.undo()
    assert russia_csto in win.session.kb.claims and win.session.kb.actors[ACTOR + "USSR"].label == "Soviet Union"
    assert not win.curation.modified


# ---------------------------------------------------------------- saving and validation


def test_save_is_atomic_and_the_saved_file_validates(qtbot, monkeypatch, win, data_files) -> None:
    target = next(p for p in data_files if p.name == "claims-a003.ttl")
    original = target.read_bytes()
    new_claim_via_dialog(qtbot, monkeypatch, win, A003, "Ukraine and Türkiye", "Türkiye", CX + "supports", "Ukraine")
    errors: list[str] = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, text: errors.append(text))
    real_write = QSaveFile.write

    def disk_full(self, data):  # half the bytes reach the disk, then the write fails
        real_write(self, bytes(data)[: len(data) // 2])
        return -1

    monkeypatch.setattr(QSaveFile, "write", disk_full)
    assert not win.editing.save()
    assert errors and "cannot write" in errors[0]
    assert target.read_bytes() == original, "a failed save must leave the old file whole"
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(p.name for p in data_files)
    assert win.curation.modified
    monkeypatch.setattr(QSaveFile, "write", real_write)
    with qtbot.waitSignal(win.editing.validated, timeout=60000) as done:
        assert win.editing.save()
    assert done.args[0].ok, [str(p) for p in done.args[0].problems]
    assert not win.curation.modified and not win.isWindowModified()
    assert target.read_bytes() != original
    report = validate(load_knowledge(data_files))
    assert report.ok


def test_the_curated_files_can_be_maintained_in_the_app(qtbot, monkeypatch, win, data_files) -> None:
    """A claim added in the app and saved is one new block, in the shape of the hand-written ones."""
    target = next(p for p in data_files if p.name == "claims-a003.ttl")
    old = target.read_text(encoding="utf-8").splitlines()
    new_claim_via_dialog(qtbot, monkeypatch, win, A003, "Ukraine and Türkiye", "Türkiye", CX + "supports", "Ukraine",
                         "2023")
    assert win.editing.save()
    new = target.read_text(encoding="utf-8").splitlines()
    diff = [line for line in difflib.unified_diff(old, new, lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))]
    assert all(line.startswith("+") for line in diff), diff
    block = "\n".join(line[1:] for line in diff)
    assert block.lstrip("\n").startswith('# "Ukraine and Türkiye"\nactor:Turkiye cx:supports actor:Ukraine .\n'
                                         "claim:Turkiye_supports_Ukraine_2023 a rdf:Statement ;\n"
                                         "    rdf:subject actor:Turkiye ; rdf:predicate cx:supports ; "
                                         "rdf:object actor:Ukraine ;\n"
                                         '    cx:eventDate "2023"^^xsd:gYear .\n'
                                         "evidence:a003-50 a oa:Annotation ;\n"
                                         "    oa:motivatedBy oa:describing ;\n")
    assert "    oa:hasTarget [ a oa:SpecificResource ;\n        oa:hasSource article:a003 ;" in block
    assert '            oa:exact "Ukraine and Türkiye" ;' in block
    # who made it and when, and how surely the passage states the claim, as on the curated annotations
    assert ("          [ a oa:TextPositionSelector ; oa:start 3191 ; oa:end 3210 ] ] ;\n"
            "    dcterms:creator agent:analyst-") in block
    assert block.rstrip().endswith(f'    dcterms:created "{datetime.date.today().isoformat()}"^^xsd:date ;\n'
                                   "    cx:factuality cx:Asserted .")
    assert [p for p in data_files if p.read_bytes() != (ROOT / "resources" / "data" / p.name).read_bytes()] == [target]


def test_the_bundled_graph_is_saved_under_a_new_name(qtbot, monkeypatch, window, tmp_path) -> None:
    bundled = {p: p.read_bytes() for p in curated_files()}
    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    text = window.session.kb.article_text(A003)
    start = text.index("Ukraine and Türkiye")
    window.editing._push(NewClaim(ACTOR + "Turkiye", CX + "supports", ACTOR + "Ukraine", A003, start, start + 19))
    target = tmp_path / "mine"
    monkeypatch.setattr("explorer.gui.editing.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), "Turtle (*.ttl)"))
    with qtbot.waitSignal(window.editing.validated, timeout=60000) as done:
        assert window.editing.save()
    assert done.args[0].ok
    saved = target.with_suffix(".ttl")
    assert saved.is_file() and window.session.sources == [saved] and "mine.ttl" in window.windowTitle()
    assert {p: p.read_bytes() for p in curated_files()} == bundled, "resources/ must never be written"
    assert len(load_knowledge([saved]).claims) == len(window.session.kb.claims)


def test_validation_problems_are_listed_and_lead_to_what_they_concern(qtbot, monkeypatch, tmp_path) -> None:
    broken = tmp_path / "broken.ttl"
    shutil.copy(ROOT / "tests" / "fixtures" / "broken-offsets.ttl", broken)
    win = open_window(qtbot, [broken], monkeypatch)
    with qtbot.waitSignal(win.editing.validated, timeout=60000) as done:
        win.editing.validate_action.trigger()
    report = done.args[0]
    assert not report.ok
    assert win.problems_dock.isVisible()
    tree = win.problems.tree
    assert tree.topLevelItemCount() == len(report.problems)
    row = next(i for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(1) == "quote")
    item = tree.topLevelItem(row)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    evidence = NS + "evidence/fx-1"
    assert win.evidence.current_evidence() == evidence
    assert win.scene.selected_actor() == ACTOR + "Armenia"
    assert win.reader.isVisible()


# ---------------------------------------------------------------- closing, autosave and crashes


def test_closing_with_unsaved_changes_asks(qtbot, monkeypatch, win) -> None:
    asked: list[str] = []
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Save])

    def ask(self, when: str) -> QMessageBox.StandardButton:
        asked.append(when)
        return next(answers)

    assert win.close()  # nothing changed: closes without asking
    assert asked == []
    win.show()
    text = win.session.kb.article_text(A003)
    start = text.index("Ukraine and Türkiye")
    claim = win.editing._push(NewClaim(ACTOR + "Turkiye", CX + "supports", ACTOR + "Ukraine", A003, start, start + 19))
    monkeypatch.setattr(Editing, "ask_unsaved", ask)
    assert not win.close()
    assert win.isVisible() and asked == ["closing"]
    win.load_bundled()
    assert asked == ["closing", "opening another graph"] and claim in win.session.kb.claims
    assert win.close()
    assert len(asked) == 3 and not win.curation.modified
    assert claim in load_knowledge(win.curation.files).claims


def curate_ten(win: MainWindow) -> list[str]:
    text = win.session.kb.article_text(A003)
    claims = []
    for i, words in enumerate(["Ukraine and Türkiye", "Baku", "Moscow", "Azerbaijan", "Russia", "Ukraine",
                               "Türkiye", "Armenia", "Iran", "Zelensky"]):
        start = text.index(words, 200)
        claims.append(win.editing._push(NewClaim(ACTOR + "Turkiye", CX + "supports", ACTOR + "Ukraine", A003, start,
                                         start + len(words), f"20{10 + i}")))
    assert all(claims) and len(set(claims)) == 10
    return claims


def test_after_a_crash_the_next_start_restores_all_ten_claims(qtbot, monkeypatch, data_files, settings_dir) -> None:
    first = open_window(qtbot, data_files, monkeypatch)
    with qtbot.waitSignal(first.curation.autosaved, timeout=10000):
        claims = curate_ten(first)
    recovery = first.curation.recovery_folder
    assert settings_dir in recovery.parents and list(recovery.glob("*.trig"))
    # the crash: the window goes away without closing (no question, no clean-up)
    shiboken6.delete(first)
    # its Python side goes too (the window and its session refer to each other: only the collector frees
    # them), so that the end of the test does not close a window that is no longer there
    del first
    gc.collect()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.editing.offer_recovery()
    assert asked and "did not close properly" in asked[0]
    assert set(claims) <= set(second.session.kb.claims)
    assert second.isWindowModified() and second.curation.files == data_files
    with qtbot.waitSignal(second.editing.validated, timeout=60000) as done:
        assert second.editing.save()
    assert done.args[0].ok
    assert set(claims) <= set(load_knowledge(data_files).claims)
    second.close()
    assert not list(recovery.glob("*.json")), "a clean close leaves no recovery file"
    third = MainWindow()
    qtbot.addWidget(third)
    assert not third.editing.offer_recovery()


CRASHING_APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
app = QApplication(sys.argv[:1])
from explorer.core.loading import load_knowledge
from explorer.gui.main_window import MainWindow
from test_curation import curate_ten
files = [Path(p) for p in sys.argv[2:]]
win = MainWindow()
win.show()
win.set_knowledge(load_knowledge(files), None, files)
win.curation.autosaved.connect(lambda path: print("autosaved", path, flush=True))
curate_ten(win)
app.exec()
"""


def test_a_killed_app_loses_nothing(qtbot, monkeypatch, data_files, settings_dir) -> None:
    """The real thing: a separate app curates ten claims and is killed (SIGKILL) once it has autosaved."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(
        [str(ROOT), str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]))
    app = subprocess.Popen([sys.executable, "-c", CRASHING_APP, str(settings_dir), *map(str, data_files)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = app.stdout.readline()
        assert line.startswith("autosaved"), line + app.stderr.read()
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(30)
        app.stdout.close()
        app.stderr.close()
    assert app.returncode == -signal.SIGKILL
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win = MainWindow()
    qtbot.addWidget(win)
    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    assert win.editing.offer_recovery()
    made = [c for c in win.session.kb.claims if c.startswith(CLAIM + "Turkiye_supports_Ukraine_20")]
    assert len(made) == 10


def test_a_claim_the_passage_only_plans_is_recorded_as_planned_and_not_as_a_fact(qtbot, monkeypatch, win) -> None:
    """How surely the passage states the claim is part of the New Claim form: a planned claim gets its
    statement and passage (cx:Planned, with who made it and when) but no plain triple, so no RDF tool reads it
    as a fact; the default, asserted, gets the plain triple."""
    import rdflib

    from explorer.core.weight import ASSERTED, PLANNED

    claim = new_claim_via_dialog(qtbot, monkeypatch, win, A003, "Ukraine and Türkiye", "Türkiye", CX + "supports",
                                 "Ukraine", "2023", how_sure="planned")
    kb = win.session.kb
    (passage,) = kb.claims[claim].evidence
    assert kb.evidence[passage].factuality == PLANNED
    doc = win.editing.curation.doc
    plain = (rdflib.URIRef(ACTOR + "Turkiye"), rdflib.URIRef(CX + "supports"), rdflib.URIRef(ACTOR + "Ukraine"))
    assert not doc.holds(plain)
    win.editing.curation.undo_stack.undo()
    claim = new_claim_via_dialog(qtbot, monkeypatch, win, A003, "Ukraine and Türkiye", "Türkiye", CX + "supports",
                                 "Ukraine", "2023")
    assert win.session.kb.evidence[win.session.kb.claims[claim].evidence[0]].factuality == ASSERTED
    assert win.editing.curation.doc.holds(plain)
