"""A real Oxigraph SPARQL server for the endpoint tests, and small fake servers for the faults.

``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` runs on a free loopback port (the ``oxigraph``
binary of the ``oxigraph`` pip package, found next to the Python running the tests or on PATH); the
tests are skipped with the reason when it is absent. All traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

import pytest
from oxigraph_server import LOOPBACK, OxigraphServer, free_port, oxigraph_binary

from explorer.core.endpoint import Endpoint
from explorer.core.knowledge import KnowledgeBase
from explorer.core.publish import publish
from explorer.core.remote import RemoteKnowledge, open_remote

__all__ = ["FakeStore", "OxigraphServer", "SilentServer", "free_port"]

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


# ---------------------------------------------------------------- fake servers for the faults


class LoopbackServer:
    """A threaded HTTP server on loopback for a request handler a subclass defines; a context manager
    that serves from entry to exit."""

    def serve(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer((LOOPBACK, 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.httpd.server_address[1]}"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class FakeStore(LoopbackServer):
    """A loopback HTTP server answering each path with a fixed status, content type and body."""

    def __init__(self, routes: dict[str, tuple[int, str, bytes]]) -> None:
        self.routes = routes
        self.requests: list[tuple[str, dict[str, str]]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                fake.requests.append((self.path, dict(self.headers)))
                status, content_type, body = fake.routes.get(self.path.split("?", 1)[0],
                                                             (404, "text/plain", b"no such page"))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.serve(Handler)


class SilentServer:
    """Accepts connections and never answers: the slowest possible query."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((LOOPBACK, 0))
        self.sock.listen(8)
        self.accepted = threading.Event()
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.sock.getsockname()[1]}"

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            self.connections.append(connection)
            self.accepted.set()

    def __enter__(self) -> SilentServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture()
def silent_server() -> Iterator[SilentServer]:
    with SilentServer() as silent:
        yield silent
