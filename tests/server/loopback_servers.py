"""Small loopback HTTP servers the endpoint tests talk to: a stand-in store that records requests, a proxy
that holds some queries back until told, and a server that never answers. A module of its own: `from
conftest import` breaks collecting several test folders together."""

from __future__ import annotations

import http.client
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qs, urlsplit

from oxigraph_server import LOOPBACK


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that answers with :meth:`reply` and logs nothing (the test output stays readable)."""

    def reply(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


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
    """A loopback HTTP server answering each path with a fixed status, content type and body; with
    ``basic_realm``, a request without an Authorization header gets a 401 asking for Basic credentials."""

    def __init__(self, routes: dict[str, tuple[int, str, bytes]], basic_realm: str | None = None) -> None:
        self.routes = routes
        self.requests: list[tuple[str, dict[str, str]]] = []
        fake = self

        class Handler(QuietHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                fake.requests.append((self.path, dict(self.headers)))
                if basic_realm is not None and "Authorization" not in self.headers:
                    self.reply(401, "text/plain", b"Unauthorized",
                               {"WWW-Authenticate": f'Basic realm="{basic_realm}"'})
                    return
                status, content_type, body = fake.routes.get(self.path.split("?", 1)[0],
                                                             (404, "text/plain", b"no such page"))
                self.reply(status, content_type, body)

            do_GET = do_POST = do_PUT = _answer
        self.serve(Handler)


class HoldingProxy(LoopbackServer):
    """A loopback HTTP proxy in front of a real store that holds back the queries whose text contains
    ``marker``: it notes that one has come (``received``), then forwards it only once ``release`` is set
    (or after ``hold_timeout`` seconds, so that a test that fails never hangs), and notes when it has
    answered (``answered``). Other requests pass straight through."""

    def __init__(self, target: str, marker: str, hold_timeout: float = 10.0) -> None:
        self.target = urlsplit(target)
        self.marker = marker
        self.hold_timeout = hold_timeout
        self.received = threading.Event()
        self.release = threading.Event()
        self.answered = threading.Event()
        self.held: list[str] = []  # the queries held back, in the order they came
        proxy = self

        class Handler(QuietHandler):
            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fields = parse_qs(body.decode("utf-8", "replace")) if body else parse_qs(urlsplit(self.path).query)
                query = "".join(fields.get("query", []))
                holding = proxy.marker in query
                if holding:
                    proxy.held.append(query)
                    proxy.received.set()
                    proxy.release.wait(proxy.hold_timeout)
                connection = http.client.HTTPConnection(proxy.target.hostname, proxy.target.port, timeout=30)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                    connection.request(self.command, self.path, body=body or None, headers=headers)
                    answer = connection.getresponse()
                    content = answer.read()
                    self.reply(answer.status, answer.getheader("Content-Type") or "text/plain", content)
                    self.wfile.flush()
                finally:
                    connection.close()
                if holding:
                    proxy.answered.set()

            do_GET = do_POST = _forward
        self.serve(Handler)

    def __exit__(self, *exc: object) -> None:
        self.release.set()  # nothing stays held back
        super().__exit__(*exc)


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
