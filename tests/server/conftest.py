"""A real Oxigraph SPARQL server for the endpoint tests, and small fake servers for the faults.

``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` runs on a free loopback port (the ``oxigraph``
binary of the ``oxigraph`` pip package, found next to the Python running the tests or on PATH); the
tests are skipped with the reason when it is absent. All traffic stays on 127.0.0.1. The small fake
servers are in ``loopback_servers.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from loopback_servers import SilentServer
from oxigraph_server import OxigraphServer, oxigraph_binary
from virtuoso_server import VirtuosoServer, isql_binary, virtuoso_binary

from explorer.core.knowledge import KnowledgeBase
from explorer.core.remote.endpoint import Endpoint
from explorer.core.remote.knowledge import RemoteKnowledge, open_remote
from explorer.core.remote.publish import publish


@pytest.fixture(autouse=True)
def private_settings(settings_dir: Path) -> Path:
    """Every test here gets its own, empty Qt settings (tests/conftest.py)."""
    return settings_dir


@pytest.fixture(scope="session")
def oxigraph() -> Path:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    return binary


@pytest.fixture(scope="session")
def server(oxigraph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """The session's server, holding the bundled graph in its default graph (tests must not change it)."""
    running = OxigraphServer(oxigraph, tmp_path_factory.mktemp("oxigraph") / "store").start()
    try:
        publish(running.endpoint())
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def endpoint(server: OxigraphServer) -> Endpoint:
    return server.endpoint()


@pytest.fixture(scope="session")
def remote_all(endpoint: Endpoint) -> RemoteKnowledge:
    """The whole bundled graph through the endpoint: a first screen larger than its actor count."""
    return open_remote(endpoint, limit=1000)


@pytest.fixture(scope="session")
def local(kb: KnowledgeBase) -> KnowledgeBase:
    return kb


@pytest.fixture()
def start_server(oxigraph: Path, tmp_path: Path) -> Iterator[Callable[..., OxigraphServer]]:
    """Start private servers (options are passed to ``oxigraph serve``); all are stopped afterwards."""
    started: list[OxigraphServer] = []

    def start(*options: str) -> OxigraphServer:
        running = OxigraphServer(oxigraph, tmp_path / f"store{len(started)}", *options).start()
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


# ---------------------------------------------------------------- Virtuoso

#: The named graph the bundled graph is published into on Virtuoso (its Graph Store refuses the default graph).
VIRTUOSO_GRAPH = "https://w3id.org/caucasus-explorer/test-graph"


@pytest.fixture(scope="session")
def virtuoso() -> tuple[Path, Path]:
    """The ``virtuoso-t`` and ``isql`` binaries (Debian: ``apt-get install virtuoso-opensource``)."""
    binary, isql = virtuoso_binary(), isql_binary()
    if binary is None or isql is None:
        pytest.skip("the Virtuoso server is not installed (apt-get install virtuoso-opensource: "
                    "virtuoso-t and isql-vt)")
    return binary, isql


@pytest.fixture(scope="session")
def virtuoso_server(virtuoso: tuple[Path, Path],
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """The session's Virtuoso, a fresh database holding the bundled graph in :data:`VIRTUOSO_GRAPH` (tests
    must not change it)."""
    running = VirtuosoServer(*virtuoso, tmp_path_factory.mktemp("virtuoso")).start()
    try:
        publish(running.endpoint(VIRTUOSO_GRAPH))
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def virtuoso_endpoint(virtuoso_server: VirtuosoServer) -> Endpoint:
    return virtuoso_server.endpoint(VIRTUOSO_GRAPH)


# ---------------------------------------------------------------- fake servers for the faults


@pytest.fixture()
def silent_server() -> Iterator[SilentServer]:
    with SilentServer() as silent:
        yield silent


@pytest.fixture()
def window(qtbot):  # -> MainWindow
    """An empty, shown main window (the endpoint tests connect it themselves)."""
    from explorer.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win
