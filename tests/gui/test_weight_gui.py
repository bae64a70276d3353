"""The weight of the evidence in the window (issue 13): edge styles, tooltips, the evidence panel's
labels, Compare sources, the weight filters, and judgements from the Edit menu."""

from __future__ import annotations

import shutil
from pathlib import Path

from gui_helpers import ACTOR
from PySide6.QtWidgets import QMessageBox

from explorer.app.opening import compute_layout
from explorer.core.loading import load_knowledge
from explorer.gui import judging
from explorer.gui.compare_sources import CompareSourcesDialog
from explorer.gui.editing import Editing
from explorer.gui.main_window import MainWindow
from explorer.resources import curated_files

CLAIM = "https://w3id.org/caucasus-explorer/claim/"
LEADS = CLAIM + "Russia_leads_CSTO"


def _between(win, a: str, b: str) -> list[str]:
    return [c.iri for c in win.session.kb.claims_between(ACTOR + a, ACTOR + b)]


def test_edges_are_drawn_and_described_by_their_support(window) -> None:
    [bundle] = window.scene.bundles_of([LEADS])
    assert bundle.support == "strong" and not bundle.contested
    text = window.scene.describe_bundle(bundle)
    assert "Russia leads CSTO · 2 passages · 2 independent sources · credibility 1" in text
    single = [b for b in window.scene.bundles if b.support == "single"]
    assert single, "one-source edges are drawn thinner"


def test_the_evidence_panel_labels_claims_and_passages(window, qtbot) -> None:
    window.session.select(claims=[LEADS])
    model = window.evidence.model
    assert "2 independent sources · credibility 1" in model.claim_line(0, 0)
    ctx = model.passage_at(0, 0, 0)
    assert model.passage_note(ctx).startswith("supports · asserted")


def test_compare_sources_puts_each_outlet_side_by_side(window, qtbot) -> None:
    window.session.select(claims=_between(window, "Armenia", "Azerbaijan"))
    assert judging.compare_sources(window.editing)
    dialog = window.findChild(CompareSourcesDialog)
    qtbot.addWidget(dialog)
    labels = {c.label for c in dialog.columns}
    assert {"The Duran", "commonspace.eu", "The National"} <= labels
    assert len(dialog.browsers) == len(dialog.columns)
    assert "Armenia and Azerbaijan accused each other" in " ".join(b.toPlainText() for b in dialog.browsers)
    assert judging.compare_sources(window.editing)  # again: the newest comparison replaces the last one
    qtbot.waitUntil(lambda: len(window.findChildren(CompareSourcesDialog)) == 1)


def test_minimum_independent_sources_filter(window) -> None:
    window.filters.weight.min_sources.setValue(2)
    visible = window.session.visible.claim_set
    assert LEADS in visible
    assert all(len({window.session.kb.articles[window.session.kb.evidence[e].article].publisher
                    for e in window.session.kb.claims[c].evidence}) >= 2 for c in visible)
    window.filters.reset()
    assert len(window.session.visible.claims) > len(visible)


def _curating_window(qtbot, monkeypatch, tmp_path: Path) -> MainWindow:
    """A window on a private copy of the curated data (tests never write into resources/)."""
    folder = tmp_path / "data"
    folder.mkdir()
    files = [Path(shutil.copy(path, folder / path.name)) for path in curated_files()]
    kb = load_knowledge(files)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.set_knowledge(kb, compute_layout(kb), files)
    monkeypatch.setattr(Editing, "ask_unsaved", lambda self, when: QMessageBox.StandardButton.Discard)
    return win


def test_deprecate_from_the_edit_menu_hides_the_claim_and_undo_brings_it_back(qtbot, monkeypatch, tmp_path) -> None:
    win = _curating_window(qtbot, monkeypatch, tmp_path)
    monkeypatch.setattr(judging, "ask", lambda parent, title, choices, reason_required: ([], "superseded"))
    win.session.select(claims=[LEADS])
    win.evidence.tree.setCurrentIndex(win.evidence.model.index(0, 0, win.evidence.model.index(0, 0)))
    assert win.editing.current_claim() == LEADS
    win.editing.update_actions()
    assert win.editing.deprecate_claim_action.isEnabled()
    win.editing.deprecate_claim_action.trigger()
    assert LEADS in win.session.kb.claims and LEADS not in win.session.visible.claim_set
    assert win.isWindowModified()
    win.editing.undo_action.trigger()
    assert LEADS in win.session.visible.claim_set
    monkeypatch.setattr(judging, "ask", lambda parent, title, choices, reason_required:
                        ([choices[0][1][0][0], "E"], "partisan"))
    win.session.select(claims=[LEADS])
    assert judging.grade_source(win.editing, LEADS)
    from explorer.core.weight import weights_of

    assert "E" in weights_of(win.session.kb).assessments.reliability.values()


def test_made_by_filter_lists_who_made_the_claims(window) -> None:
    from explorer.core.creators import Creator

    made_by = window.filters.weight.made_by
    curators = "https://w3id.org/caucasus-explorer/agent/curators"
    assert [made_by.itemText(i) for i in range(made_by.count())][:2] == [
        "anyone", f"curators ({len(window.session.kb.claims)})"]
    everything = len(window.session.visible.claims)
    made_by.setCurrentIndex(made_by.findData(curators))
    assert window.session.controls.creators == {curators}
    assert len(window.session.visible.claims) == everything  # the curators made every bundled claim
    jane = "https://w3id.org/caucasus-explorer/agent/analyst-jane"
    window.filters.weight.set_creators([Creator(curators, "curators", 3), Creator(jane, "analyst-jane", 1)])
    assert made_by.currentData() == curators and made_by.count() == 3  # the choice stays
    made_by.setCurrentIndex(made_by.findData(jane))
    assert window.session.visible.claims == ()  # nobody called jane made a bundled claim
    window.filters.reset()
    assert made_by.currentIndex() == 0 and window.session.controls.creators is None


def _all_actions(menu) -> dict[str, object]:
    found = {}
    for action in menu.actions():
        if action.menu() is not None:
            found.update({f"{action.text()} > {k}": a for k, a in _all_actions(action.menu()).items()})
        elif not action.isSeparator():
            found[action.text()] = action
    return found


def test_grading_from_a_passage_row_and_from_an_edges_menu(qtbot, monkeypatch, tmp_path) -> None:
    """Right-click a passage: grade its publisher (undoable, saved); an edge's menu (judging.judgement_menu,
    for the canvas) has each claim's judgements in a submenu: deprecate one, then undo."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu

    from explorer.core.weight import read_assessments, weights_of

    win = _curating_window(qtbot, monkeypatch, tmp_path)
    menus: list[QMenu] = []
    monkeypatch.setattr(Editing, "show_menu", lambda self, menu, where: menus.append(menu))
    monkeypatch.setattr(judging, "ask", lambda parent, title, choices, reason_required: (["B"], "state outlet"))
    kb = win.session.kb
    passage = kb.claims[LEADS].evidence[0]
    article = kb.articles[kb.evidence[passage].article]
    win.editing._evidence_menu(QPoint(0, 0), "passage", LEADS, passage)
    actions = _all_actions(menus[-1])
    grade = actions[f"Grade Publisher {article.publisher}…"]
    assert grade.isEnabled() and "Deprecate Claim…" in actions and "Set Credibility…" in actions
    grade.trigger()
    assert weights_of(win.session.kb).assessments.reliability == {article.publisher_iri: "B"}
    win.editing._evidence_menu(QPoint(0, 0), "passage", LEADS, passage)
    assert f"Grade Publisher {article.publisher} (now B)…" in _all_actions(menus[-1])
    win.editing.undo_action.trigger()
    assert weights_of(win.session.kb).assessments.reliability == {}
    win.editing.redo_action.trigger()
    assert win.editing.save()
    assert read_assessments(load_knowledge(win.session.sources).store).reliability == {article.publisher_iri: "B"}

    claims = _between(win, "Armenia", "Azerbaijan")
    menu = QMenu(win)
    judging.judgement_menu(menu, win.editing, claims)
    actions = _all_actions(menu)
    deprecate = [k for k in actions if k.endswith("> Deprecate Claim…")]
    assert len(deprecate) == len(claims) and "Compare Sources…" in actions
    first = win.session.kb.claims[claims[0]]
    key = next(k for k in deprecate if k.startswith(win.session.kb.describe(first)))
    actions[key].trigger()
    assert claims[0] not in win.session.visible.claim_set
    win.editing.undo_action.trigger()
    assert claims[0] in win.session.visible.claim_set
    menu.deleteLater()
