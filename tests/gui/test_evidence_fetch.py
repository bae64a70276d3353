"""The evidence panel with a knowledge base that fetches passages on request (explorer.core.api.LazyEvidence):
the fetch runs as a background job while the panel says so, a newer selection makes an older fetch's end
be ignored, a failed fetch leaves the panel usable, and a local knowledge base starts no job at all.

The "network" is a stand-in that waits for the test to open a gate: no sockets, no sleeping.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from gui_helpers import ACTOR
from PySide6.QtWidgets import QStatusBar

from explorer.app.present import actor_view
from explorer.core.api import LazyEvidence
from explorer.core.errors import ExplorerError
from explorer.gui.evidence_model import NOT_FETCHED, PENDING
from explorer.gui.evidence_panel import FETCHING, EvidencePanel
from explorer.gui.workers import JobRunner

RUSSIA = ACTOR + "Russia"
ARMENIA = ACTOR + "Armenia"


class SlowKnowledge:
    """The bundled knowledge base behind a slow "network": a claim's passages count as in memory once
    fetched, and each fetch (numbered from 0) waits until the test opens its gate."""

    def __init__(self, kb) -> None:
        self._kb = kb
        self.done: set[str] = set()
        self.asked: list[list[str]] = []
        self.gates = [threading.Event() for _ in range(8)]
        self.error: str | None = None

    def missing_evidence(self, claims) -> list[str]:
        return [c for c in dict.fromkeys(claims) if c not in self.done and self._kb.claims[c].evidence]

    def fetch_evidence(self, claims, *, should_cancel=None) -> None:
        claims = list(claims)
        number = len(self.asked)
        self.asked.append(claims)
        assert self.gates[number].wait(10), "the test never opened the gate"
        if self.error:
            raise ExplorerError(self.error)
        self.done |= set(claims)

    def evidence_of(self, claim: str):
        assert not self.missing_evidence([claim]), f"the passages of {claim} were read before they came"
        return self._kb.evidence_of(claim)

    def __getattr__(self, name: str):
        return getattr(self._kb, name)


@pytest.fixture()
def runner(qtbot) -> Iterator[JobRunner]:
    status = QStatusBar()
    qtbot.addWidget(status)
    jobs = JobRunner(status)
    yield jobs
    jobs.shutdown()


@pytest.fixture()
def panel(qtbot, runner: JobRunner) -> EvidencePanel:
    widget = EvidencePanel()
    qtbot.addWidget(widget)
    widget.set_jobs(runner)
    widget.resize(420, 520)
    widget.setVisible(True)
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture()
def slow(kb, runner: JobRunner) -> Iterator[SlowKnowledge]:
    knowledge = SlowKnowledge(kb)
    yield knowledge
    for gate in knowledge.gates:  # (before the runner waits for its jobs, whatever happened)
        gate.set()


def show_actor(panel: EvidencePanel, kb, iri: str) -> None:
    panel.show_view(actor_view(kb, kb.actors[iri], kb.claims_of(iri)), kb)


def revealed(panel: EvidencePanel) -> list[tuple[str, int]]:
    model = panel.model
    return [(model.claim_at(g, r).iri, model.passage_count(g, r))
            for g in range(model.group_count()) for r in range(model.shown(g))]


def test_the_stand_in_fetches_passages_on_request(slow: SlowKnowledge) -> None:
    assert isinstance(slow, LazyEvidence)


def test_a_local_knowledge_base_starts_no_job_and_reveals_at_once(panel: EvidencePanel, runner: JobRunner,
                                                                  kb) -> None:
    show_actor(panel, kb, RUSSIA)
    assert revealed(panel) and not runner.jobs and panel.fetch_status.isHidden()


def test_passages_are_fetched_in_the_background_then_their_claims_revealed(
        qtbot, panel: EvidencePanel, runner: JobRunner, slow: SlowKnowledge, kb) -> None:
    show_actor(panel, slow, RUSSIA)
    assert panel.fetch_status.isVisible() and panel.fetch_status.text() == FETCHING
    assert panel.model.claims() and revealed(panel) == []  # listed; none measured before its passages came
    qtbot.waitUntil(lambda: len(slow.asked) == 1)  # on a worker thread, while the event loop turns
    assert set(slow.asked[0]) <= {c.iri for c in kb.claims_of(RUSSIA)}
    slow.gates[0].set()
    qtbot.waitUntil(lambda: bool(revealed(panel)) and panel.fetch_status.isHidden())
    for claim, n in revealed(panel):
        assert n == len(kb.evidence_of(claim))
    assert len(slow.asked) == 1 and set(c for c, _n in revealed(panel)) <= set(slow.asked[0])


def test_a_newer_selection_ignores_an_older_fetch(qtbot, panel: EvidencePanel, runner: JobRunner,
                                                  slow: SlowKnowledge, kb) -> None:
    show_actor(panel, slow, RUSSIA)
    qtbot.waitUntil(lambda: len(slow.asked) == 1)
    show_actor(panel, slow, ARMENIA)  # the user moved on before Russia's passages came
    qtbot.waitUntil(lambda: len(slow.asked) == 2)
    armenia = {c.iri for c in kb.claims_of(ARMENIA)}
    assert armenia & set(slow.asked[1])
    slow.gates[0].set()  # Russia's fetch ends: nothing to do with what is shown now
    qtbot.waitUntil(lambda: len(runner.jobs) == 1)
    assert revealed(panel) == [] and panel.fetch_status.text() == FETCHING
    assert set(panel.model.claims()) == armenia
    slow.gates[1].set()
    qtbot.waitUntil(lambda: bool(revealed(panel)) and panel.fetch_status.isHidden())
    assert {c for c, _n in revealed(panel)} <= armenia


def test_a_failed_fetch_says_why_and_leaves_the_panel_usable(qtbot, panel: EvidencePanel, runner: JobRunner,
                                                             slow: SlowKnowledge, kb) -> None:
    slow.error = "the endpoint at http://127.0.0.1:9 did not answer"
    show_actor(panel, slow, RUSSIA)
    qtbot.waitUntil(lambda: len(slow.asked) == 1)
    slow.gates[0].set()
    qtbot.waitUntil(lambda: not runner.jobs)
    assert panel.fetch_status.isVisible() and "did not answer" in panel.fetch_status.text()
    assert "could not be fetched" in panel.fetch_status.text()
    shown = revealed(panel)
    assert shown and all(n == 0 for _c, n in shown)  # the claims, without passages
    lines = [panel.model.claim_line(g, r) for g in range(panel.model.group_count())
             for r in range(panel.model.shown(g))]
    assert any(NOT_FETCHED in line for line in lines if PENDING not in line)
    more = next(g for g in range(panel.model.group_count()) if panel.model.more_index(g).isValid())
    before = panel.model.shown(more)
    panel._reveal_more(more, panel.tree.viewport().height())  # as a click on its "more" row does
    assert panel.model.shown(more) > before and len(slow.asked) == 1  # no fetch again for this selection
    show_actor(panel, slow, ARMENIA)  # a new selection tries again
    assert panel.fetch_status.text() == FETCHING
    qtbot.waitUntil(lambda: len(slow.asked) == 2)


def test_claims_revealed_while_a_fetch_is_in_flight_get_their_passages_after_it(
        qtbot, panel: EvidencePanel, runner: JobRunner, slow: SlowKnowledge, kb) -> None:
    show_actor(panel, slow, RUSSIA)
    qtbot.waitUntil(lambda: len(slow.asked) == 1)
    last = panel.model.claims()[-1]  # far below the first page
    assert last not in slow.asked[0]
    assert panel.select_claim(last)  # revealed (up to it) with its passages still to come
    slow.gates[0].set()
    qtbot.waitUntil(lambda: len(slow.asked) == 2)  # then fetched, after the first page
    assert last in slow.asked[1]
    slow.gates[1].set()
    qtbot.waitUntil(lambda: not runner.jobs and panel.fetch_status.isHidden())
    index = panel.model.index_of_claim(last)
    group, row = index.internalId() - 1, index.row()
    assert panel.model.passage_count(group, row) == len(kb.evidence_of(last))
    assert PENDING not in panel.model.claim_line(group, row)
    assert panel.tree.currentIndex() == index
