"""The evidence panel at scale: claims are handed to the tree a screenful at a time, and everything the
panel did with every row still works on the rows not shown yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import ACTOR
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView

from explorer.app import present
from explorer.core.model import Article, Evidence, EvidenceContext
from explorer.gui.evidence_model import EvidenceModel
from explorer.gui.evidence_panel import EvidencePanel
from explorer.gui.models import Role
from explorer.gui.row_text import line_text, passage_text

RUSSIA = ACTOR + "Russia"


def groups_of(kb, claims) -> list[tuple[str, list]]:
    found: dict[str, list] = {}
    for claim in claims:
        found.setdefault(kb.relations[claim.predicate].label, []).append(claim)
    return sorted(found.items())


@pytest.fixture()
def panel(qtbot, kb) -> EvidencePanel:
    """A shown panel about a screenful tall: the bundled graph's 193 claims are several screens."""
    widget = EvidencePanel()
    qtbot.addWidget(widget)
    widget.resize(420, 520)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(model: EvidenceModel) -> int:
    return sum(model.shown(g) for g in range(model.group_count()))


def test_the_model_passes_the_model_tester_while_claims_are_revealed(qtmodeltester, kb) -> None:
    model = EvidenceModel()
    model.set_groups(kb, groups_of(kb, kb.claims.values()))
    qtmodeltester.check(model, force_py=True)  # groups, each with only its "more" row; the tester
    model.reveal(0, 2)  # checks the model again after every change from now on
    model.reveal(1, model.group_size(1))  # the whole group: its "more" row goes
    model.index_of_claim(model.claims()[-1])
    model.set_groups(kb, groups_of(kb, kb.claims_of(RUSSIA)))
    model.clear()


def test_the_model_passes_qts_own_model_tester(qtmodeltester, kb) -> None:
    model = EvidenceModel()
    model.set_groups(kb, groups_of(kb, kb.claims.values()))
    qtmodeltester.check(model)  # QAbstractItemModelTester: its warnings fail the test
    model.reveal(0, 1)
    model.reveal(2, model.group_size(2))
    model.index_of_evidence(next(iter(kb.evidence)))
    model.clear()


def test_rows_are_groups_claims_more_and_passages(kb) -> None:
    model = EvidenceModel()
    claims = kb.claims_of(RUSSIA)
    model.set_groups(kb, [("first", claims[:3]), ("rest", claims[3:])])
    assert model.rowCount() == 2 and model.claims() == [c.iri for c in claims]
    first = model.index(0, 0)
    assert first.data() == "first (3)" and first.data(Role.KIND) == "group"
    assert model.rowCount(first) == 1 and model.index(0, 0, first).data(Role.KIND) == "more"
    assert model.index(0, 0, first).data() == "more claims …"
    assert "3 claims" in model.index(0, 0, first).data(Qt.ItemDataRole.ToolTipRole)
    assert model.reveal(0, 2) == 2
    assert model.rowCount(first) == 3
    claim = model.index(0, 0, first)
    assert claim.data(Role.KIND) == "claim" and claim.data(Role.CLAIM) == claims[0].iri
    assert model.index(2, 0, first).data(Role.KIND) == "more"
    assert "1 claim of" in model.index(2, 0, first).data(Qt.ItemDataRole.ToolTipRole)
    assert model.reveal(0, 5) == 1  # only one was left
    assert model.rowCount(first) == 3 and model.index(2, 0, first).data(Role.KIND) == "claim"
    assert not model.more_index(0).isValid()
    row = model.index_of_claim(claims[2].iri)
    assert row == model.index(2, 0, first) and model.parent(row) == first
    passages = [model.index(i, 0, row) for i in range(model.rowCount(row))]
    assert [p.data(Role.EVIDENCE) for p in passages] == list(claims[2].evidence)
    for passage in passages:
        assert passage.data(Role.KIND) == "passage" and model.parent(passage) == row
        ctx = passage.data(Role.CONTEXT)
        assert passage.data(Role.QUOTE) == ctx.evidence.exact
        assert passage.data(Role.CLAIM) == claims[2].iri
        assert not model.hasChildren(passage)


def test_finding_a_claim_or_a_passage_reveals_its_group_up_to_it(kb) -> None:
    model = EvidenceModel()
    claims = [c for c in kb.claims.values() if c.evidence]
    model.set_groups(kb, [("all", claims)])
    last = claims[-1]
    assert model.shown(0) == 0
    row = model.index_of_claim(last.iri)
    assert row.isValid() and row.data(Role.CLAIM) == last.iri
    assert model.shown(0) == len(claims)
    model.set_groups(kb, [("all", claims)])
    passage = model.index_of_evidence(claims[40].evidence[-1])
    assert passage.data(Role.EVIDENCE) == claims[40].evidence[-1]
    assert model.shown(0) == 41
    assert not model.index_of_claim("urn:nothing").isValid()
    assert not model.index_of_evidence("urn:nothing").isValid()


def test_a_click_lays_out_a_screenful_not_every_claim(panel: EvidencePanel, kb) -> None:
    claims = list(kb.claims.values())
    panel.show_view(present.claims_view(kb, "everything", claims), kb)
    model = panel.model
    assert set(model.claims()) == {c.iri for c in claims}
    assert 0 < shown(model) < len(claims) / 3
    assert model.rowCount() == len(groups_of(kb, claims))
    # the revealed rows fill the view: the first "more" row is below it
    panel._reveal_visible()
    more = next(model.more_index(g) for g in range(model.group_count()) if model.more_index(g).isValid())
    rect = panel.tree.visualRect(more)
    assert not rect.isValid() or rect.top() >= panel.tree.viewport().height()


def test_scrolling_down_reveals_the_next_claims(qtbot, panel: EvidencePanel, kb) -> None:
    claims = list(kb.claims.values())
    panel.show_view(present.claims_view(kb, "everything", claims), kb)
    model = panel.model
    before = shown(model)
    bar = panel.tree.verticalScrollBar()
    for _ in range(1000):  # a page down at a time, as a user reads
        panel.tree.executeDelayedItemsLayout()  # as before a user can scroll: the new rows laid out
        if bar.value() == bar.maximum():
            break
        bar.setValue(bar.value() + bar.pageStep())
        qtbot.waitUntil(lambda: not panel._reveal_timer.isActive())
    assert before < shown(model) == len(claims)
    assert all(not model.more_index(g).isValid() for g in range(model.group_count()))
    # every claim shows its passages
    for g in range(model.group_count()):
        group = model.index(g, 0)
        assert panel.tree.isExpanded(group)
        for row in range(model.rowCount(group)):
            claim = model.index(row, 0, group)
            assert panel.tree.isExpanded(claim) or not model.hasChildren(claim)


def test_groups_below_unfold_when_they_come_into_view_and_stay_folded_when_folded(
    qtbot, panel: EvidencePanel, kb
) -> None:
    panel.show_view(present.claims_view(kb, "everything", list(kb.claims.values())), kb)
    model, tree = panel.model, panel.tree
    last = model.group_count() - 1
    assert not tree.isExpanded(model.index(last, 0))
    tree.collapse(model.index(0, 0))  # the user folds the first group: the next ones come up
    qtbot.waitUntil(lambda: tree.isExpanded(model.index(1, 0)))
    assert not tree.isExpanded(model.index(0, 0))
    qtbot.waitUntil(lambda: model.shown(1) > 0)


def test_the_more_row_reveals_on_click_and_keeps_the_keyboard_in_place(qtbot, panel: EvidencePanel, kb) -> None:
    claims = [c for c in kb.claims.values() if c.evidence]
    panel.show_view(present.claims_view(kb, "everything", claims), kb)
    model, tree = panel.model, panel.tree
    group = next(g for g in range(model.group_count()) if model.more_index(g).isValid())
    panel._unfold(group)
    more = model.more_index(group)
    first_hidden = model.shown(group)
    tree.setCurrentIndex(more)
    panel._on_activated(more)
    assert model.shown(group) > first_hidden
    current = tree.currentIndex()
    assert current.data(Role.KIND) == "claim" and current.row() == first_hidden


def test_selecting_a_claim_or_passage_far_down_reveals_and_shows_it(qtbot, panel: EvidencePanel, kb) -> None:
    claims = [c for c in kb.claims.values() if c.evidence]
    panel.show_view(present.claims_view(kb, "everything", claims), kb)
    target = panel.model.claims()[-1]
    with qtbot.waitSignal(panel.claimSelected) as selected:
        assert panel.select_claim(target)
    assert selected.args == [target] and panel.current_claim() == target
    rect = panel.tree.visualRect(panel.tree.currentIndex())
    assert panel.tree.viewport().rect().intersects(rect)
    evidence = kb.claims[panel.model.claims()[-2]].evidence[0]
    assert panel.select_evidence(evidence)
    assert panel.current_evidence() == evidence
    assert not panel.select_evidence("urn:nothing") and not panel.select_claim("urn:nothing")


def test_clicking_a_passage_asks_for_the_reader(qtbot, panel: EvidencePanel, kb) -> None:
    panel.show_view(present.actor_view(kb, kb.actors[RUSSIA], kb.claims_of(RUSSIA)), kb)
    claim = panel.model.claims()[0]
    row = panel.model.index_of_claim(claim)
    passage = panel.model.index(0, 0, row)
    panel.tree.scrollTo(passage, QAbstractItemView.ScrollHint.PositionAtTop)
    rect = panel.tree.visualRect(passage)
    with qtbot.waitSignal(panel.passageActivated) as opened:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [passage.data(Role.EVIDENCE), claim]


def test_actor_groups_keep_their_order_and_titles(panel: EvidencePanel, kb) -> None:
    claims = kb.claims_of(RUSSIA)
    panel.show_view(present.actor_view(kb, kb.actors[RUSSIA], claims), kb)
    model = panel.model
    titles = [model.index(g, 0).data() for g in range(model.group_count())]
    by_russia = [t for t in titles if t.startswith("Russia ")]
    by_others = [t for t in titles if t.startswith("… ")]
    assert titles == by_russia + by_others and by_russia and by_others
    sizes = [model.group_size(g) for g in range(len(by_russia))]
    assert sizes == sorted(sizes, reverse=True)
    assert sorted(model.claims()) == sorted(c.iri for c in claims)
    assert panel.title.text() == "Russia"


def test_the_panel_paints_its_rows(qtbot, panel: EvidencePanel, kb) -> None:
    panel.show_view(present.actor_view(kb, kb.actors[RUSSIA], kb.claims_of(RUSSIA)), kb)
    image = panel.tree.viewport().grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 3  # text, the quote's tint, the background


def context_with(paragraph: str, start: int, end: int, problems: tuple[str, ...] = ()) -> EvidenceContext:
    article = Article(iri="urn:a", title="<h1>Title</h1>", publisher="P&amp;Q", date="2020")
    ev = Evidence(iri="urn:e", claim="urn:c", article="urn:a", exact=paragraph[start:end], start=start, end=end)
    return EvidenceContext(ev, article, paragraph, 0, start, end, not problems, None, problems)


def test_passage_rows_are_plain_text_with_the_quote_marked(qapp) -> None:
    paragraph = "Before <b>not bold</b> the quote <i>itself</i> & after."
    start, end = paragraph.index("the quote"), paragraph.index(" & after")
    text = passage_text(context_with(paragraph, start, end, ("the quote moved",)), QFont(), QPalette(), 400)
    lines = text.text().split("\n")
    assert lines[0] == paragraph
    assert lines[1] == "— <h1>Title</h1> — P&amp;Q, 2020"
    assert lines[2] == "⚠ the quote moved"
    bold = [piece for piece, fmt in text.spans(0) if fmt.fontWeight() == QFont.Weight.Bold]
    assert bold == [paragraph[start:end]]
    narrow = passage_text(context_with(paragraph, start, end), QFont(), QPalette(), 120)
    assert narrow.height > text.height > 0  # wrapped on more lines
    assert line_text("Russia leads CSTO", QFont(), QPalette(), 300).text() == "Russia leads CSTO"


def test_clearing_the_panel_forgets_the_rows(panel: EvidencePanel, kb) -> None:
    panel.show_view(present.actor_view(kb, kb.actors[RUSSIA], kb.claims_of(RUSSIA)), kb)
    panel.clear()
    assert panel.model.rowCount() == 0 and panel.title.text() == "Nothing selected"
    assert panel.current_claim() is None and panel.current_evidence() is None
    assert panel.tree.currentIndex() == QModelIndex()



class FetchingKnowledge:
    """A knowledge base that, like a remote one, can be asked to fetch the evidence of claims at once
    (explorer.core.api.LazyEvidence); with no job runner, the panel asks it on the GUI thread."""

    def __init__(self, kb) -> None:
        self._kb = kb
        self.fetched: list[list[str]] = []

    def fetch_evidence(self, claims, *, should_cancel=None) -> None:
        self.fetched.append(list(claims))

    def missing_evidence(self, claims) -> list[str]:
        done = {c for batch in self.fetched for c in batch}
        return [c for c in dict.fromkeys(claims) if c not in done]

    def __getattr__(self, name: str):
        return getattr(self._kb, name)


def test_a_remote_knowledge_base_is_asked_for_a_screenful_of_passages_at_once(panel: EvidencePanel, kb) -> None:
    remote = FetchingKnowledge(kb)
    claims = list(kb.claims.values())
    panel.show_view(present.claims_view(kb, "everything", claims), remote)  # type: ignore[arg-type]
    revealed = [c for g in range(panel.model.group_count()) for c in
                (panel.model.claim_at(g, r).iri for r in range(panel.model.shown(g)))]
    assert remote.fetched and revealed
    asked = {c for batch in remote.fetched for c in batch}
    assert set(revealed) <= asked and len(asked) < len(claims)
    assert len(remote.fetched) <= panel.model.group_count()


def test_ctrl_c_copies_the_passage_with_its_citation(qtbot, panel: EvidencePanel, kb) -> None:
    from PySide6.QtWidgets import QApplication

    evidence = next(e for e in kb.evidence.values() if kb.articles[e.article].url)  # (one article has a URL)
    claim = evidence.claim
    subject = kb.claims[claim].subject
    panel.show_view(present.actor_view(kb, kb.actors[subject], kb.claims_of(subject)), kb)
    assert panel.select_claim(claim)
    row = panel.tree.currentIndex()
    passage = panel.model.index_of_evidence(evidence.iri)
    panel.tree.setCurrentIndex(passage)
    QApplication.clipboard().clear()
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().mimeData()
    ctx = passage.data(Role.CONTEXT)
    assert copied.text().startswith(f"“{ctx.evidence.exact}”")
    assert ctx.article.title in copied.text() and ctx.article.url in copied.text()
    assert ctx.article.url in copied.html()
    panel.tree.setCurrentIndex(row)  # a claim row copies each of its passages
    assert panel.copy_current()
    quotes = [line for line in QApplication.clipboard().text().splitlines() if line.startswith("“")]
    assert len(quotes) == panel.model.rowCount(row)


def test_a_link_no_browser_opens_is_copied_and_said(qtbot, panel: EvidencePanel, kb, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication, QPushButton

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # a machine without a browser
    panel.show_view(present.actor_view(kb, kb.actors[RUSSIA], kb.claims_of(RUSSIA)), kb)
    buttons = [b for b in panel.findChildren(QPushButton) if b.text().startswith("Wikidata")]
    assert buttons, "Russia has a Wikidata link"
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    url = buttons[0].toolTip()
    assert panel.link_note.isVisible() and url in panel.link_note.text()
    assert QApplication.clipboard().text() == url
    panel.show_view(present.actor_view(kb, kb.actors[RUSSIA], kb.claims_of(RUSSIA)), kb)
    assert not panel.link_note.isVisible()  # a new header forgets it


def test_a_claims_passages_are_grouped_into_supporting_and_against(qtmodeltester, qtbot) -> None:
    from explorer.core.loading import load_knowledge
    from explorer.gui.evidence_model import AGAINST, SUPPORTING

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    contrary = load_knowledge([fixtures / "weigh-contrary.ttl"])
    ally = "https://w3id.org/caucasus-explorer/claim/Armenia_alliedWith_Russia"
    model = EvidenceModel()
    model.set_groups(contrary, [("all", [contrary.claims[ally]])])
    qtmodeltester.check(model)
    model.reveal(0, 1)
    claim = model.index(0, 0, model.index(0, 0))
    rows = [model.index(r, 0, claim) for r in range(model.rowCount(claim))]
    assert [r.data(Role.KIND) for r in rows] == ["side", "passage", "passage", "side", "passage", "passage"]
    assert [model.locate(r)[3] for r in rows] == [SUPPORTING, 0, 1, AGAINST, 2, 3]
    assert rows[0].data().startswith("Supporting: 2 passages") and rows[3].data().startswith("Against: 2")
    assert [r.data(Role.EVIDENCE).rsplit("/", 1)[1] for r in rows if r.data(Role.KIND) == "passage"] == [
        "w1-1", "w2-1", "w2-2", "w3-1"]
    notes = [model.passage_note(model.passage_at(0, 0, p), model.passage_key(0, 0, p)) for p in range(4)]
    assert notes[0].startswith("supports") and notes[2] == "AGAINST · negated"
    assert notes[3].startswith("AGAINST · states the contrary: Armenia in conflict with Russia")
    assert model.index_of_evidence(rows[4].data(Role.EVIDENCE)) == model.index(4, 0, claim)
    # the panel lays out and draws the side rows and the passages of the contrary claim
    widget = EvidencePanel()
    qtbot.addWidget(widget)
    widget.resize(420, 520)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_view(present.claims_view(contrary, "everything", [contrary.claims[ally]]), contrary)
    qtbot.waitUntil(lambda: widget.model.shown(0) == 1)
    tree = widget.tree
    claim = widget.model.index(0, 0, widget.model.index(0, 0))
    qtbot.waitUntil(lambda: tree.isExpanded(claim))
    heights = [tree.visualRect(widget.model.index(r, 0, claim)).height() for r in range(6)]
    assert heights[0] < heights[1] and heights[3] < heights[5]  # a heading is one line, a passage several
    assert widget.grab().width() > 0
