"""A click on an actor of an endpoint graph never waits on the network: the evidence panel fetches the
claims' passages as a background job, says so meanwhile, and shows them when they arrive.

The window talks to the real Oxigraph server through a loopback proxy that holds the evidence queries back
until the test lets them go: the click has to come back to the event loop while the request is pending.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from loopback_servers import HoldingProxy
from oxigraph_server import OxigraphServer
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStatusBar

from explorer.core.api import LazyEvidence
from explorer.core.knowledge import KnowledgeBase
from explorer.core.remote.endpoint import Endpoint
from explorer.core.remote.knowledge import RemoteKnowledge
from explorer.gui.connect import connect_endpoint
from explorer.gui.evidence_panel import FETCHING, EvidencePanel
from explorer.gui.main_window import MainWindow
from explorer.gui.workers import JobRunner

ACTOR = "https://w3id.org/caucasus-explorer/actor/"
RUSSIA = ACTOR + "Russia"
#: In the evidence queries only (explorer.core.remote.queries: Q_EVIDENCE and Q_EVIDENCE_PARTS).
EVIDENCE_QUERY = "?ann oa:hasBody ?claim"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture()
def proxy(server: OxigraphServer) -> Iterator[HoldingProxy]:
    """The session's server behind a proxy holding back the evidence queries (for 5 s at most: less than
    the client's timeout, so that a GUI thread waiting for one fails the test rather than the query)."""
    with HoldingProxy(server.url, EVIDENCE_QUERY, hold_timeout=5.0) as held:
        yield held


def revealed(panel: EvidencePanel) -> list[tuple[str, int]]:
    """(claim, passages) of the claim rows handed to the tree."""
    model = panel.model
    return [(model.claim_at(g, r).iri, model.passage_count(g, r))
            for g in range(model.group_count()) for r in range(model.shown(g))]


def test_a_remote_knowledge_base_has_the_remote_capabilities(remote_all: RemoteKnowledge) -> None:
    from explorer.core.api import Expandable, Knowledge, RemoteSource
    from explorer.core.knowledge import KnowledgeRecords

    assert isinstance(remote_all, Knowledge) and isinstance(remote_all, KnowledgeRecords)
    assert isinstance(remote_all, LazyEvidence) and isinstance(remote_all, Expandable)
    assert isinstance(remote_all, RemoteSource) and remote_all.endpoint.display()
    assert not isinstance(remote_all, KnowledgeBase)  # (a local one: indexed from a store)
    assert remote_all.sources == []


def test_missing_evidence_says_from_memory_what_a_fetch_would_fetch(endpoint: Endpoint) -> None:
    from explorer.core.remote.knowledge import open_remote

    remote = open_remote(endpoint)
    iris = [c for c in remote.first_screen.claims if remote.claims[c].evidence][:3]
    assert len(iris) == 3
    sent = remote.client.requests
    assert remote.missing_evidence(iris + iris) == iris  # each once
    assert remote.client.requests == sent  # from memory
    remote.fetch_evidence(iris[:1])
    assert remote.client.requests > sent
    assert remote.missing_evidence(iris) == iris[1:]
    remote.fetch_evidence(iris)
    assert remote.missing_evidence(iris) == []
    sent = remote.client.requests
    remote.evidence_of(iris[2])  # in memory now: no request
    remote.context(remote.evidence_of(iris[2])[0])
    assert remote.client.requests == sent


def test_the_panel_shows_an_endpoint_actor_while_its_passages_are_fetched(
        qtbot, proxy: HoldingProxy, kb: KnowledgeBase) -> None:
    """The panel on its own (with a job runner, as the window gives it) over the held-back endpoint."""
    from explorer.app.present import actor_view
    from explorer.core.remote.knowledge import open_remote

    remote = open_remote(Endpoint.from_url(proxy.url + "/query"))
    status = QStatusBar()
    qtbot.addWidget(status)
    runner = JobRunner(status)
    panel = EvidencePanel()
    qtbot.addWidget(panel)
    panel.set_jobs(runner)
    panel.resize(420, 700)
    panel.setVisible(True)
    qtbot.waitExposed(panel)
    sent = remote.client.requests
    panel.show_view(actor_view(remote, remote.actors[RUSSIA], remote.claims_of(RUSSIA)), remote)
    assert remote.client.requests == sent  # nothing asked on the GUI thread
    assert panel.fetch_status.isVisible() and panel.fetch_status.text() == FETCHING and revealed(panel) == []
    qtbot.waitUntil(proxy.received.is_set, timeout=10000)
    assert not proxy.answered.is_set()
    proxy.release.set()
    qtbot.waitUntil(lambda: any(n for _claim, n in revealed(panel)), timeout=15000)
    assert panel.fetch_status.isHidden()
    for claim, n in revealed(panel):
        assert n == len(kb.evidence_of(claim))
    runner.shutdown()


def test_a_click_on_an_actor_returns_to_the_event_loop_while_its_passages_are_fetched(
        qtbot, window: MainWindow, proxy: HoldingProxy, kb: KnowledgeBase) -> None:
    with qtbot.waitSignal(window.graphShown, timeout=30000):
        connect_endpoint(window, Endpoint.from_url(proxy.url + "/query"), limit=40)
    assert not proxy.received.is_set()  # connecting reads no passage
    node = window.scene.node(RUSSIA)
    assert node is not None
    pos = window.view.mapFromScene(node.scenePos())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos))
    # The event loop turns while the evidence query is held back: the click did not wait for it.
    qtbot.waitUntil(proxy.received.is_set, timeout=10000)
    panel = window.evidence
    assert not proxy.answered.is_set(), "the click waited for the evidence query's answer"
    remote = panel.kb
    assert isinstance(remote, LazyEvidence) and isinstance(remote, RemoteKnowledge)
    assert panel.fetch_status.isVisible() and panel.fetch_status.text() == FETCHING
    assert panel.model.claims() and revealed(panel) == []  # listed, but none measured before its passages came
    proxy.release.set()
    qtbot.waitUntil(lambda: any(n for _claim, n in revealed(panel)), timeout=15000)
    assert proxy.answered.is_set() and not panel.fetch_status.isVisible()
    for claim, n in revealed(panel):
        assert n == len(kb.evidence_of(claim))
        if n:
            shown = {e.iri: remote.context(e).paragraph for e in remote.evidence_of(claim)}
            assert shown == {e.iri: kb.context(e).paragraph for e in kb.evidence_of(claim)}
