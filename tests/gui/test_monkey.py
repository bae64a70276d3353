"""A monkey: random clicks, drags, wheel turns, key presses and menu actions on the main window (and the
reader), with curation edits in between, for a bounded number of steps and time. No exception may reach
Qt's event loop (pytest-qt fails the test if one does), resources/ is never written, and the curation
saved at the end validates and holds everything the window shows.

Modal dialogs answer at once: message boxes and file dialogs return a (random) answer, curation dialogs
are filled with random valid or invalid values and accepted or cancelled, popup menus trigger one of
their actions. The random generator is seeded, so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QWidget,
)
from test_curation import copy_data, open_window

from explorer.core.loading import load_knowledge
from explorer.core.validate import validate
from explorer.gui import curation_dialogs as dialogs
from explorer.gui import judging
from explorer.gui.about import AboutDialog
from explorer.gui.connect import ConnectDialog
from explorer.gui.editing import Editing
from explorer.gui.help import HelpDialog
from explorer.gui.import_dialog import ImportDialog
from explorer.gui.reader import ReaderDialog
from explorer.resources import curated_files

#: Replay or explore: EXPLORER_MONKEY_SEED=7 EXPLORER_MONKEY_SECONDS=120 pytest tests/gui/test_monkey.py
SEED = int(os.environ.get("EXPLORER_MONKEY_SEED", "20240607"))
MAX_SECONDS = float(os.environ.get("EXPLORER_MONKEY_SECONDS", "20"))
MAX_STEPS = 220 if "EXPLORER_MONKEY_SECONDS" not in os.environ else 10**6
NAMES = ["Nikol Pashinyan", "Türkiye’s envoy", "OSCE Minsk Group", "Ədalət", "  ", "Q"]
DATES = ["", "", "2020", "2021-05", "2022-02-24", "not a date", "2021-13"]
KEYS = [Qt.Key.Key_Escape, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Up,
        Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Delete, Qt.Key.Key_A, Qt.Key.Key_R, Qt.Key.Key_Home]
CONTROL_KEYS = [Qt.Key.Key_Z, Qt.Key.Key_S, Qt.Key.Key_F, Qt.Key.Key_0, Qt.Key.Key_L]


def menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += menu_actions(action.menu())
        elif not action.isSeparator():
            found.append(action)
    return found


def fill_randomly(rng: random.Random, dialog: QDialog) -> bool:
    """Fill a curation dialog as a hasty user might, then press OK (or Cancel); True if it was accepted."""
    if isinstance(dialog, dialogs.ClaimDialog):
        for field in (dialog.subject, dialog.object):
            if rng.random() < 0.8:
                field.combo.setCurrentIndex(rng.randrange(field.combo.count()))
            else:
                field.combo.setEditText(rng.choice(NAMES))
        combo = dialog.relation.combo
        combo.setCurrentIndex(rng.randrange(combo.count()))
        dialog.date_edit.setText(rng.choice(DATES))
        if dialog.said_by.count() and rng.random() < 0.3:
            dialog.said_by.setCurrentIndex(rng.randrange(dialog.said_by.count()))
    elif isinstance(dialog, dialogs.ActorDialog):
        dialog.label_edit.setText(rng.choice(NAMES))
        dialog.kind_combo.setCurrentIndex(rng.randrange(dialog.kind_combo.count()))
        dialog.aliases_edit.setText(rng.choice(["", "A, B", "Türkei"]))
    elif isinstance(dialog, dialogs.PassageDialog):
        if dialog.claims.count():
            dialog.claims.setCurrentIndex(rng.randrange(dialog.claims.count()))
    elif isinstance(dialog, dialogs.MergeDialog):
        dialog.keep.combo.setCurrentIndex(rng.randrange(dialog.keep.combo.count()))
    box = dialog.findChild(QDialogButtonBox)
    ok = rng.random() < 0.85
    box.button(QDialogButtonBox.StandardButton.Ok if ok else QDialogButtonBox.StandardButton.Cancel).click()
    return dialog.result() == QDialog.DialogCode.Accepted


def test_the_monkey_finds_no_crash_and_loses_no_data(qtbot, monkeypatch, tmp_path) -> None:
    rng = random.Random(SEED)
    bundled = {p: p.read_bytes() for p in curated_files()}
    files = copy_data(tmp_path / "data")
    win = open_window(qtbot, files, monkeypatch)
    saves: list[Path] = []

    def save_name(*args, **kwargs) -> tuple[str, str]:
        if rng.random() < 0.2:
            return "", ""
        filter_text = str(args[3]) if len(args) > 3 else "(*.ttl)"
        suffix = filter_text.split("(*", 1)[-1].split(")", 1)[0] if "(*" in filter_text else ".ttl"
        path = tmp_path / "out" / f"file-{len(saves)}{suffix}"
        path.parent.mkdir(exist_ok=True)
        saves.append(path)
        return str(path), filter_text

    buttons = QMessageBox.StandardButton
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: buttons.Ok)
    monkeypatch.setattr(ImportDialog, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: int(buttons.Ok))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: rng.choice([buttons.Yes, buttons.No]))
    monkeypatch.setattr(AboutDialog, "exec", lambda self: 0)
    monkeypatch.setattr(HelpDialog, "exec", lambda self: 0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (rng.choice(["A view", "Another", "", " "]),
                                                                   rng.random() < 0.8))  # Save View…, Rename…
    monkeypatch.setattr(ConnectDialog, "exec", lambda self: 0)  # cancelled: no server in this test
    monkeypatch.setattr(dialogs, "run_dialog", lambda dialog: fill_randomly(rng, dialog))
    monkeypatch.setattr(judging, "ask", lambda parent, title, choices, reason_required: None if rng.random() < 0.3
                        else ([rng.choice(options)[0] for _label, options in choices], "monkey"))
    monkeypatch.setattr(Editing, "ask_unsaved",
                        lambda self, when: rng.choice([buttons.Save, buttons.Discard, buttons.Cancel]))

    def pick(menu: QMenu, _where: QPoint) -> None:
        actions = [a for a in menu_actions(menu) if a.isEnabled()]
        if actions and rng.random() < 0.7:
            rng.choice(actions).trigger()
        menu.deleteLater()

    monkeypatch.setattr(Editing, "show_menu", lambda self, menu, where: pick(menu, where))
    monkeypatch.setattr(ReaderDialog, "show_menu", lambda self, menu, where: pick(menu, where))

    quit_actions = {win.quit_action}
    actions = [a for m in win.menuBar().actions() if m.menu() for a in menu_actions(m.menu()) if a not in quit_actions]

    def targets() -> list[QWidget]:
        widgets = [win.view.viewport(), win.evidence.tree.viewport(), win.filters, win.find_edit,
                   win.menuBar(), win.statusBar()]
        if win.reader.isVisible():
            widgets += [win.reader.text.viewport(), win.reader.new_claim_button, win.reader.add_passage_button]
        if win.problems_dock.isVisible():
            widgets.append(win.problems.tree.viewport())
        return [w for w in widgets if w.isVisible() and w.width() > 2 and w.height() > 2]

    def somewhere(widget: QWidget) -> QPoint:
        return QPoint(rng.randrange(widget.width()), rng.randrange(widget.height()))

    def curate() -> None:
        kb = win.session.kb
        if kb is None or not kb.articles:
            return
        article = kb.articles[rng.choice(sorted(kb.articles))]
        if not win.editing.open_article(article.iri):
            return
        first = article.body_start or 0
        last = article.body_end if article.body_end is not None else len(win.reader.source)
        start = rng.randrange(first, max(first + 1, last - 5))
        win.reader.select(start, min(last, start + rng.randrange(4, 90)))
        rng.choice([win.reader.new_claim_button, win.reader.add_passage_button, win.reader.new_claim_button]).click()

    started = time.monotonic()
    steps = 0
    while steps < MAX_STEPS and time.monotonic() - started < MAX_SECONDS:
        steps += 1
        roll = rng.random()
        if roll < 0.3:
            win.editing.edit_menu.aboutToShow.emit()
            action = rng.choice(actions)
            if action.isEnabled():
                action.trigger()
        elif roll < 0.45:
            curate()
        elif roll < 0.7:
            widget = rng.choice(targets())
            button = rng.choice([Qt.MouseButton.LeftButton] * 4 + [Qt.MouseButton.RightButton])
            if rng.random() < 0.2:
                qtbot.mouseDClick(widget, button, pos=somewhere(widget))
            else:
                qtbot.mouseClick(widget, button, pos=somewhere(widget))
        elif roll < 0.8:
            viewport = win.view.viewport()
            start, end = somewhere(viewport), somewhere(viewport)
            qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
            for i in range(1, 5):
                qtbot.mouseMove(viewport, start + (end - start) * i / 4)
            qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
        elif roll < 0.88:
            viewport = win.view.viewport()
            pos = QPointF(somewhere(viewport))
            event = QWheelEvent(pos, QPointF(viewport.mapToGlobal(pos.toPoint())), QPoint(),
                                QPoint(0, rng.choice([-240, -120, 120, 240])), Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
            QApplication.sendEvent(viewport, event)
        else:
            target = QApplication.focusWidget() or win.view
            if not target.isVisible():
                target = win.view
            if rng.random() < 0.3:
                qtbot.keyClick(target, rng.choice(CONTROL_KEYS), Qt.KeyboardModifier.ControlModifier)
            else:
                qtbot.keyClick(target, rng.choice(KEYS))
        QApplication.processEvents()
        assert win.isVisible(), f"the window closed at step {steps}"

    assert steps >= 60, f"only {steps} steps ran"
    qtbot.waitUntil(lambda: not win.jobs.busy, timeout=120000)
    assert {p: p.read_bytes() for p in curated_files()} == bundled, "resources/ must never be written"
    # everything the window shows is saved, and the saved curation validates
    final = tmp_path / "final.ttl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(final), "Turtle (*.ttl)"))
    with qtbot.waitSignal(win.editing.validated, timeout=120000) as done:
        assert win.editing.save_as()
    assert done.args[0].ok, [str(p) for p in done.args[0].problems]
    saved = load_knowledge([final])
    assert set(saved.claims) == set(win.session.kb.claims)
    assert set(saved.actors) == set(win.session.kb.actors)
    assert set(saved.evidence) == set(win.session.kb.evidence)
    # and every curation saved on the way (exports included) passes the quote, evidence and actor checks
    for path in saves:
        if path.suffix == ".ttl" and path.is_file() and path.stat().st_size:
            report = validate(load_knowledge([path]), shacl=False)
            assert report.ok, (path, [str(p) for p in report.problems][:5])
