"""The analyst's judgements from the window (issue 13): grade a source, override a credibility, deprecate
or restore a claim, and Compare sources. Each judgement is an undoable curation command
(explorer.app.weighing.judgement_command) pushed through the editing flows; the rules live in the app
layer, this module only asks the user."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QMenu, QWidget

from explorer.app import weighing
from explorer.gui.dialog_buttons import ok_cancel


class Editing(Protocol):
    """What the judgements need of the window's editing flows (explorer.gui.editing.Editing)."""

    @property
    def window(self) -> Any: ...

    @property
    def curation(self) -> Any: ...

    def current_claim(self) -> str | None: ...

    def _document(self) -> Any: ...

    def _push(self, command: Any) -> str | None: ...

    def _status(self, text: str, timeout: int = 6000) -> None: ...

GRADES = [("A", "A: completely reliable"), ("B", "B: usually reliable"), ("C", "C: fairly reliable"),
          ("D", "D: not usually reliable"), ("E", "E: unreliable"), ("F", "F: reliability cannot be judged")]
CREDIBILITIES = [(str(n), f"{n}: {name}") for n, name in
                 ((1, "confirmed"), (2, "probably true"), (3, "possibly true"), (4, "doubtful"),
                  (5, "improbable"), (6, "cannot be judged"))]


class JudgementDialog(QDialog):
    """A choice (a source, a grade, a credibility) or two and a reason."""

    def __init__(self, parent: QWidget, title: str, choices: Sequence[tuple[str, Sequence[tuple[str, str]]]],
                 reason_required: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.combos: list[QComboBox] = []
        for label, options in choices:
            combo = QComboBox(self)
            combo.setAccessibleName(label)
            for value, text in options:
                combo.addItem(text, value)
            form.addRow(label, combo)
            self.combos.append(combo)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("reason")
        self.reason.setPlaceholderText("why (required)" if reason_required else "why (optional)")
        form.addRow("Reason", self.reason)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def values(self) -> tuple[list[str], str]:
        return [str(c.currentData()) for c in self.combos], self.reason.text()


def ask(parent: QWidget, title: str, choices: Sequence[tuple[str, Sequence[tuple[str, str]]]],
        reason_required: bool) -> tuple[list[str], str] | None:
    """The user's choices and reason, or None when cancelled (tests replace this: a dialog waits)."""
    dialog = JudgementDialog(parent, title, choices, reason_required)
    try:
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def grade_this_source(flows: Editing, source: str, label: str) -> bool:
    """Grade one publisher or speaker A-F (from a passage's context menu: no need to choose it)."""
    if flows._document() is None:
        return False
    answer = ask(flows.window, f"Grade {label}", [("Reliability", GRADES)], False)  # type: ignore[arg-type]
    if answer is None:
        return False
    (grade,), reason = answer
    return flows._push(weighing.judgement_command("grade", source, grade, reason)) is not None


def grade_source(flows: Editing, claim: str | None = None) -> bool:
    """Grade a publisher or a speaker of the current claim's passages A-F."""
    claim = claim or flows.current_claim()
    doc = flows._document()
    if doc is None or claim is None or claim not in doc.kb.claims:
        return False
    sources = weighing.sources_of_claim(doc.kb, claim)
    if not sources:
        flows._status("This claim's passages name no publisher or speaker to grade.")
        return False
    answer = ask(flows.window, "Grade Source", [("Source", sources), ("Reliability", GRADES)], False)  # type: ignore[arg-type]
    if answer is None:
        return False
    (source, grade), reason = answer
    return flows._push(weighing.judgement_command("grade", source, grade, reason)) is not None


def override_credibility(flows: Editing, claim: str | None = None) -> bool:
    claim = claim or flows.current_claim()
    if flows._document() is None or claim is None:
        return False
    answer = ask(flows.window, "Set Credibility", [("Credibility", CREDIBILITIES)], True)  # type: ignore[arg-type]
    if answer is None:
        return False
    (value,), reason = answer
    return flows._push(weighing.judgement_command("credibility", claim, int(value), reason)) is not None


def deprecate_claim(flows: Editing, claim: str | None = None) -> bool:
    claim = claim or flows.current_claim()
    if flows._document() is None or claim is None:
        return False
    answer = ask(flows.window, "Deprecate Claim", [], True)  # type: ignore[arg-type]
    if answer is None:
        return False
    return flows._push(weighing.judgement_command("deprecate", claim, None, answer[1])) is not None


def restore_claim(flows: Editing, claim: str | None = None) -> bool:
    claim = claim or flows.current_claim()
    if flows._document() is None or claim is None:
        return False
    return flows._push(weighing.judgement_command("restore", claim, None, "")) is not None


def compare_sources(flows: Editing, among: Sequence[str] = ()) -> bool:
    """Compare sources for ``among`` (an edge's claims from its context menu), else the selected edge (or
    the current claim's pair, or the selected actors)."""
    from explorer.gui.compare_sources import CompareSourcesDialog

    window = flows.window
    session = window.session
    kb = session.kb
    if kb is None:
        return False
    claims = [kb.claims[c] for c in (among or session.selection.claims) if c in kb.claims]
    if not claims and len(session.selection.actors) >= 2:
        claims = session.claims_among(session.selection.actors)
    if not claims:
        current = flows.current_claim()
        if current is not None:
            first = kb.claims[current]
            claims = [c for c in kb.claims_between(first.subject, first.object) if c.iri in session.visible.claim_set]
    if not claims:
        flows._status("Select an edge, a claim or two actors to compare their sources.")
        return False
    for previous in window.findChildren(CompareSourcesDialog):  # one comparison at a time: the newest
        previous.close()
        previous.deleteLater()
    dialog = CompareSourcesDialog(kb, claims, window)
    dialog.resize(1100, 600)
    dialog.show()
    return True


# ---------------------------------------------------------------- context menus


def judgement_menu(menu: QMenu, flows: Editing, claims: Sequence[str], evidence: str | None = None) -> None:
    """Add the analyst's judgements of ``claims`` to a context menu: an edge's (the canvas calls this with
    the edge's claims), or a claim or passage row's in the evidence panel (with the passage: grade its
    publisher or speaker directly). One claim gets its actions in ``menu``; several get a submenu each.
    Each action is an undoable curation command; disabled where the graph cannot be curated."""
    kb = flows.window.session.kb
    if kb is None:
        return
    claims = [c for c in claims if c in kb.claims]
    editable = bool(flows.curation.enabled)
    w = weighing.weights(kb)
    if evidence and evidence in kb.evidence:
        ev = kb.evidence[evidence]
        art = kb.articles.get(ev.article)
        graded = w.assessments.reliability
        targets = []
        if art is not None and art.publisher_iri:
            targets.append((art.publisher_iri, art.publisher or kb.label(art.publisher_iri), "publisher"))
        if ev.asserted_by:
            targets.append((ev.asserted_by, kb.label(ev.asserted_by), "speaker"))
        for iri, name, role in targets:
            now = f" (now {graded[iri]})" if iri in graded else ""
            action = _add(menu, f"Grade {role.title()} {name}{now}…", partial(grade_this_source, flows, iri, name))
            action.setEnabled(editable)
    for claim in claims:
        target = menu if len(claims) == 1 else menu.addMenu(weighing.claim_line(kb.describe(kb.claims[claim]),
                                                                                 w.get(claim)))
        _claim_judgements(target, flows, claim, editable, w)
    if claims:
        _add(menu, "Compare Sources…", partial(compare_sources, flows, claims))


def _claim_judgements(menu: QMenu, flows: Editing, claim: str, editable: bool, w: Any) -> None:
    weight = w.get(claim)
    actions = [_add(menu, "Grade a Source of This Claim…", partial(grade_source, flows, claim)),
               _add(menu, "Set Credibility…" if weight is None or weight.override_reason is None
                    else f"Change Credibility (set to {weight.credibility})…",
                    partial(override_credibility, flows, claim))]
    if weight is not None and weight.override_reason is not None:
        actions.append(_add(menu, "Clear Credibility Override",
                            partial(_push_judgement, flows, "clear-credibility", claim)))
    if weight is not None and weight.deprecated:
        actions.append(_add(menu, "Restore Deprecated Claim", partial(restore_claim, flows, claim)))
    else:
        actions.append(_add(menu, "Deprecate Claim…", partial(deprecate_claim, flows, claim)))
    for action in actions:
        action.setEnabled(editable)


def _add(menu: QMenu, text: str, slot: Callable[[], object]) -> QAction:
    """An action of ``menu`` that calls ``slot`` (without the triggered signal's argument)."""
    action = QAction(text, menu)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def _push_judgement(flows: Editing, what: str, claim: str) -> bool:
    if flows._document() is None:
        return False
    return flows._push(weighing.judgement_command(what, claim, None, "")) is not None
