"""A small HTTP client for SPARQL 1.1 endpoints: the Query and Update protocols and the Graph Store protocol.

Every request has a deadline, can be cancelled from another thread, and turns every failure into an
:class:`ExplorerError` that says what happened and what to do. Credentials travel only in the
``Authorization`` header: they are never logged, never put into a message, and never part of a
URL the client shows.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import select
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.jobs import ShouldCancel

if TYPE_CHECKING:  # imported where they are used: the command line and the window start without them
    import http.client

    import pyoxigraph as ox

Row = dict[str, str | None]
#: Results column by column: each variable with its values, row by row.
Columns = dict[str, list[str | None]]

#: Seconds a query may take before the client gives up (the user can change it).
DEFAULT_TIMEOUT = 10.0
#: Seconds an upload or a download of a whole graph may take.
TRANSFER_TIMEOUT = 600.0
_POLL = 0.05
_CHUNK = 1 << 16
_SPARQL_JSON = "application/sparql-results+json"
_SPARQL_TSV = "text/tab-separated-values"
#: SELECT answers: TSV parses about twice as fast as JSON (no nested objects); JSON when a store prefers it.
_SELECT_ACCEPT = f"{_SPARQL_TSV}, {_SPARQL_JSON};q=0.9"
_MAX_REDIRECT_NOTE = 200
#: Connections kept open per server (the explorer sends up to six queries at once).
_MAX_IDLE = 8


@dataclass(frozen=True)
class Credentials:
    """HTTP credentials, sent with Basic or, when the server asks for it, Digest authentication; the password
    never shows in a repr, a log line or a message."""

    user: str
    password: str = field(repr=False)

    def header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return "Basic " + token


_CHALLENGE_PART = re.compile(r'([A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]+)')
_DIGEST_HASHES = {"MD5": "md5", "MD5-SESS": "md5", "SHA-256": "sha256", "SHA-256-SESS": "sha256",
                  "SHA-512-256": "sha512_256", "SHA-512-256-SESS": "sha512_256"}


def digest_challenge(header: str | None) -> dict[str, str] | None:
    """The parameters of a ``WWW-Authenticate: Digest ...`` challenge (keys in lower case), or None when the
    header holds no Digest challenge or one with an algorithm this client cannot answer."""
    if not header:
        return None
    found = re.search(r"(?:^|,|\s)Digest\s+", header, re.IGNORECASE)
    if found is None:
        return None
    params: dict[str, str] = {}
    for key, value in _CHALLENGE_PART.findall(header[found.end():]):
        key = key.lower()
        if key in params:
            break  # the next challenge's parameters
        params[key] = value[1:-1].replace('\\"', '"') if value.startswith('"') else value
    algorithm = params.get("algorithm", "MD5").upper()
    if "nonce" not in params or algorithm not in _DIGEST_HASHES:
        return None
    qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    if qops and "auth" not in qops:
        return None  # auth-int only: the body would have to be hashed
    return params


def digest_header(credentials: Credentials, challenge: dict[str, str], method: str, uri: str, count: int,
                  cnonce: str) -> str:
    """The ``Authorization`` header answering a Digest challenge (RFC 7616, qop ``auth`` or none)."""
    import hashlib

    algorithm = challenge.get("algorithm", "MD5").upper()
    name = _DIGEST_HASHES[algorithm]

    def h(text: str) -> str:
        return hashlib.new(name, text.encode("utf-8")).hexdigest()

    realm, nonce = challenge.get("realm", ""), challenge["nonce"]
    ha1 = h(f"{credentials.user}:{realm}:{credentials.password}")
    if algorithm.endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    qop = "auth" if challenge.get("qop") else None
    nc = f"{count:08x}"
    response = h(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}") if qop else h(f"{ha1}:{nonce}:{ha2}")

    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    parts = [f"username={quoted(credentials.user)}", f"realm={quoted(realm)}", f"nonce={quoted(nonce)}",
             f"uri={quoted(uri)}", f"algorithm={challenge.get('algorithm', 'MD5')}", f"response={quoted(response)}"]
    if qop:
        parts += [f"qop={qop}", f"nc={nc}", f"cnonce={quoted(cnonce)}"]
    if "opaque" in challenge:
        parts.append(f"opaque={quoted(challenge['opaque'])}")
    return "Digest " + ", ".join(parts)


@dataclass(frozen=True)
class Endpoint:
    """Where a store answers: its query URL, and optionally its update and Graph Store URLs.

    ``graph`` names the graph to read and publish (None: the store's default graph).
    """

    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    graph: str | None = None
    credentials: Credentials | None = field(default=None, repr=False, compare=False)
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_url(cls, url: str, *, update_url: str | None = None, store_url: str | None = None,
                 graph: str | None = None, credentials: Credentials | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> Endpoint:
        """An endpoint from the URL a user typed.

        A bare server URL (``http://host:7878``) gets Oxigraph's layout (``/query``, ``/update``,
        ``/store``); a URL ending in ``/query`` gets the sibling ``/update`` and ``/store``; any other URL
        is the query URL itself, with update and Graph Store URLs only when given. User name and password
        written into the URL are moved out of it into the credentials.
        """
        query_url, found = _split_credentials(_check_url(url, "endpoint"))
        credentials = credentials or found
        parts = urlsplit(query_url)
        path = parts.path.rstrip("/")
        guessed: dict[str, str | None] = {"update": None, "store": None}
        if path == "":
            base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
            query_url = base + "/query"
            guessed = {"update": base + "/update", "store": base + "/store"}
        elif path.endswith("/query"):
            base = urlunsplit((parts.scheme, parts.netloc, path[: -len("/query")], "", ""))
            guessed = {"update": base + "/update", "store": base + "/store"}
        if update_url:
            update_url, _ = _split_credentials(_check_url(update_url, "update"))
        if store_url:
            store_url, _ = _split_credentials(_check_url(store_url, "Graph Store"))
        if graph is not None:
            from explorer.core.remote.sparql import is_iri

            if not is_iri(graph):
                raise ExplorerError(f"not a valid graph IRI: {graph!r}",
                                    hint="name the graph with an absolute IRI, e.g. https://example.org/graph")
        if timeout <= 0:
            raise ExplorerError(f"the timeout must be positive, not {timeout:g} s")
        return cls(query_url, update_url or guessed["update"], store_url or guessed["store"], graph,
                   credentials, float(timeout))

    def display(self) -> str:
        """The query URL as shown in the status bar and in messages (never with credentials)."""
        return self.query_url + (f" (graph {self.graph})" if self.graph else "")


def _check_url(url: str, what: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ExplorerError(f"not a usable {what} URL: {_strip_userinfo(url)!r}",
                            hint="write it as http://host:port/path, e.g. http://127.0.0.1:7878/query")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise ExplorerError(f"the {what} URL has a malformed port: {_strip_userinfo(url)!r}") from None
    return url


def _split_credentials(url: str) -> tuple[str, Credentials | None]:
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    from urllib.parse import unquote

    found = Credentials(unquote(parts.username), unquote(parts.password or ""))
    return _strip_userinfo(url), found


def _strip_userinfo(url: str) -> str:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


@dataclass(eq=False)
class _Call:
    connection: http.client.HTTPConnection
    cancelled: bool = False


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes


class SparqlClient:
    """Talks to one :class:`Endpoint`. Safe to use from several threads at once."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self._lock = threading.Lock()
        self._calls: set[_Call] = set()
        # Connections kept open after a query, by (scheme, host, port): the next query skips connecting
        # (on loopback, a new connection costs more than a small query).
        self._idle: dict[tuple[str, str, int | None], list[http.client.HTTPConnection]] = {}
        #: Whether the server's TSV is SPARQL 1.1 TSV: None until its first SELECT answer says, False for a
        #: server whose TSV is not (Virtuoso's: quoted variable names, IRIs as strings, language tags
        #: dropped, raw tabs in literals), which is then asked for JSON only.
        self.tsv_conformant: bool | None = None
        # The server's Digest challenge once it has sent one (then every request answers it, with a new count).
        self._scheme: str | None = None  # "basic" or "digest", once the server has asked
        self._digest: dict[str, str] | None = None
        self._digest_count = 0
        #: Requests sent and seconds spent, for the status bar.
        self.requests = 0
        self.seconds = 0.0
        self.listeners: list[Callable[[str, str], None]] = []

    @property
    def in_flight(self) -> int:
        """Requests now waiting for the store (for a status bar polling it)."""
        with self._lock:
            return len(self._calls)

    # ------------------------------------------------------------------ SPARQL

    def select(self, query: str, *, timeout: float | None = None, should_cancel: ShouldCancel | None = None,
               named_graphs: Sequence[str] = ()) -> list[Row]:
        """Rows of a SELECT, in the same shape as :meth:`explorer.core.store.Store.select`.

        ``named_graphs`` are graphs the query reads with ``GRAPH <iri> { }`` besides the endpoint's graph.
        """
        response = self._select(query, timeout, should_cancel, named_graphs)
        if response.content_type == _SPARQL_TSV:
            return parse_tsv(response.body, self.endpoint.query_url)
        return parse_select(response.body, self.endpoint.query_url)

    def select_columns(self, query: str, *, timeout: float | None = None,
                       should_cancel: ShouldCancel | None = None, named_graphs: Sequence[str] = ()) -> Columns:
        """The values of a SELECT column by column (see :func:`parse_tsv_columns`)."""
        response = self._select(query, timeout, should_cancel, named_graphs)
        if response.content_type == _SPARQL_TSV:
            return parse_tsv_columns(response.body, self.endpoint.query_url)
        names, rows = _select_json(response.body, self.endpoint.query_url)
        return {name: [row[name] for row in rows] for name in names}

    def _select(self, query: str, timeout: float | None, should_cancel: ShouldCancel | None,
                named_graphs: Sequence[str]) -> Response:
        """A SELECT answer as TSV while the server's TSV is SPARQL 1.1 TSV, else as JSON: a server whose
        first TSV answer is not conformant is asked again, and from then on, for JSON."""
        accept = _SPARQL_JSON if self.tsv_conformant is False else _SELECT_ACCEPT
        response = self._query(query, accept, timeout, should_cancel, named_graphs)
        if response.content_type != _SPARQL_TSV or self.tsv_conformant:
            return response
        conformant = tsv_is_conformant(response.body)
        self.tsv_conformant = conformant
        if conformant:
            return response
        return self._query(query, _SPARQL_JSON, timeout, should_cancel, named_graphs)

    def ask(self, query: str, *, timeout: float | None = None) -> bool:
        response = self._query(query, _SPARQL_JSON, timeout, None)
        doc = _json(response.body, self.endpoint.query_url)
        answer = doc.get("boolean")
        if isinstance(answer, str):  # a boolean some servers send as text ("true", "1")
            answer = {"true": True, "1": True, "false": False, "0": False}.get(answer.strip().lower())
        elif isinstance(answer, int) and not isinstance(answer, bool) and answer in (0, 1):
            answer = bool(answer)
        if not isinstance(answer, bool):
            raise _malformed(self.endpoint.query_url, "an ASK answer without a boolean")
        return answer

    def construct(self, query: str, *, timeout: float | None = None,
                  should_cancel: ShouldCancel | None = None) -> list[ox.Triple]:
        """Triples of a CONSTRUCT (asked for as N-Triples, Turtle accepted)."""
        response = self._query(query, "application/n-triples, text/turtle;q=0.9", timeout, should_cancel)
        return parse_triples(response.body, response.content_type, self.endpoint.query_url)

    def update(self, text: str, *, timeout: float | None = None) -> None:
        url = self.endpoint.update_url
        if not url:
            raise ExplorerError(f"no update URL is set for {self.endpoint.display()}",
                                hint="name the store's SPARQL Update URL")
        body = urlencode({"update": text}).encode("utf-8")
        self._request("POST", url, body=body, content_type="application/x-www-form-urlencoded",
                      accept="*/*", timeout=timeout, should_cancel=None, what="update")

    def _query(self, query: str, accept: str, timeout: float | None, should_cancel: ShouldCancel | None,
               named_graphs: Sequence[str] = ()) -> Response:
        fields = [("query", query)]
        if self.endpoint.graph is not None:
            # A dataset named in the request replaces the store's own: the named graphs read with
            # GRAPH must then be named too. Without one, the store's default dataset has them all.
            fields.append(("default-graph-uri", self.endpoint.graph))
            fields.extend(("named-graph-uri", g) for g in named_graphs)
        body = urlencode(fields).encode("utf-8")
        return self._request("POST", self.endpoint.query_url, body=body,
                             content_type="application/x-www-form-urlencoded", accept=accept,
                             timeout=timeout, should_cancel=should_cancel, what="query")

    # ------------------------------------------------------------------ Graph Store protocol

    def graph_url(self, graph: str | None) -> str:
        base = self.endpoint.store_url
        if not base:
            raise ExplorerError(f"no Graph Store URL is known for {self.endpoint.display()}",
                                hint="name it with --store-url (Oxigraph: http://HOST:PORT/store, "
                                     "Fuseki: http://HOST:PORT/DATASET/data)")
        sep = "&" if "?" in base else "?"
        return base + sep + ("default" if graph is None else "graph=" + quote(graph, safe=""))

    def graph_get(self, graph: str | None, accept: str = "text/turtle", *,
                  timeout: float | None = None, should_cancel: ShouldCancel | None = None) -> Response:
        return self._request("GET", self.graph_url(graph), accept=accept,
                             timeout=timeout or TRANSFER_TIMEOUT, should_cancel=should_cancel, what="download")

    def graph_send(self, graph: str | None, data: BinaryIO, length: int, content_type: str, *,
                   replace: bool, timeout: float | None = None) -> Response:
        """PUT (replace the graph) or POST (merge into it) ``length`` bytes read from ``data``."""
        return self._request("PUT" if replace else "POST", self.graph_url(graph), body=data, length=length,
                             content_type=content_type, accept="*/*",
                             timeout=timeout or TRANSFER_TIMEOUT, should_cancel=None, what="upload")

    # ------------------------------------------------------------------ cancel

    def cancel(self) -> None:
        """Abort every request now in flight (from any thread); each raises :class:`Cancelled`."""
        with self._lock:
            calls = list(self._calls)
        for call in calls:
            call.cancelled = True
            sock = call.connection.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        """Close the connections kept open for the next queries (a later query opens a new one)."""
        with self._lock:
            idle = [c for connections in self._idle.values() for c in connections]
            self._idle = {}
        for connection in idle:
            connection.close()

    # ------------------------------------------------------------------ kept-open connections

    def _idle_connection(self, key: tuple[str, str, int | None]) -> http.client.HTTPConnection | None:
        """A connection kept open to ``key`` that the server has not closed meanwhile, or None."""
        with self._lock:
            connections = self._idle.get(key)
            while connections:
                connection = connections.pop()
                sock = connection.sock
                try:  # readable while idle: the server closed it (or sent something unasked)
                    alive = sock is not None and not select.select([sock], [], [], 0)[0]
                except (OSError, ValueError):
                    alive = False
                if alive:
                    return connection
                connection.close()
        return None

    def _keep(self, key: tuple[str, str, int | None], connection: http.client.HTTPConnection) -> None:
        with self._lock:
            connections = self._idle.setdefault(key, [])
            if len(connections) < _MAX_IDLE:
                connections.append(connection)
                return
        connection.close()

    # ------------------------------------------------------------------ transport

    def _authorization(self, method: str, target: str) -> str | None:
        """The Authorization header for a request: none until the server has asked (its 401 names the scheme
        it wants, so a password never goes as Basic to a server that asks for Digest), then the scheme it
        asked for."""
        credentials = self.endpoint.credentials
        if credentials is None:
            return None
        with self._lock:
            scheme, challenge = self._scheme, self._digest
            if scheme is None:
                return None
            if scheme == "basic" or challenge is None:
                return credentials.header()
            self._digest_count += 1
            count = self._digest_count
        import secrets

        return digest_header(credentials, challenge, method, target, count, secrets.token_hex(8))

    def _request(self, method: str, url: str, *, body: bytes | BinaryIO | None = None, length: int | None = None,
                 content_type: str | None = None, accept: str, timeout: float | None,
                 should_cancel: ShouldCancel | None, what: str, attempt: str = "first") -> Response:
        """One request and its answer (``attempt``: "first"; "again", once a 401 has said which scheme the
        server wants: Basic, or Digest with the challenge it sent)."""
        import http.client

        limit = timeout if timeout is not None else self.endpoint.timeout
        deadline = time.monotonic() + limit
        parts = urlsplit(url)
        shown = _strip_userinfo(url.split("?", 1)[0])
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        # Queries only read, so one sent on a kept-open connection that the server had just closed can
        # safely be sent again on a new one; updates and uploads always get a connection of their own.
        key = (parts.scheme, parts.hostname or "", parts.port)
        reusable = what == "query" and isinstance(body, bytes)
        connection = self._idle_connection(key) if reusable else None
        reused = connection is not None
        if connection is None:
            connection = cls(parts.hostname or "", parts.port, timeout=limit)
        call = _Call(connection)
        headers = {"Accept": accept, "User-Agent": "explorer"}
        if content_type:
            headers["Content-Type"] = content_type
        if isinstance(body, bytes):
            headers["Content-Length"] = str(len(body))
        elif body is not None and length is not None:
            headers["Content-Length"] = str(length)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        authorization = self._authorization(method, target)
        if authorization is not None:
            headers["Authorization"] = authorization
        start = body.tell() if body is not None and not isinstance(body, bytes) and body.seekable() else None
        with self._lock:
            self._calls.add(call)
            self.requests += 1
        started = time.monotonic()
        self._tell("start", what)
        keep = False
        try:
            try:
                answer, data = self._exchange(call, method, target, body, headers, deadline, should_cancel)
            except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, http.client.BadStatusLine):
                if not reused or call.cancelled:
                    raise
                connection.close()  # closed by the server while it was idle: once more, on a new one
                connection = call.connection = cls(parts.hostname or "", parts.port, timeout=limit)
                answer, data = self._exchange(call, method, target, body, headers, deadline, should_cancel)
            keep = reusable and answer.isclosed() and not answer.will_close and not call.cancelled
        except Cancelled:
            raise
        except TimeoutError:
            if call.cancelled:
                raise Cancelled() from None
            raise _timeout(what, shown, limit) from None
        except ConnectionRefusedError:
            if call.cancelled:
                raise Cancelled() from None
            raise ExplorerError(f"cannot reach {shown}: connection refused",
                                hint="is the server running, and is the port right?") from None
        except socket.gaierror as exc:
            raise ExplorerError(f"cannot reach {shown}: unknown host ({exc.strerror})",
                                hint="check the host name in the URL") from None
        except (http.client.HTTPException, OSError) as exc:
            if call.cancelled:
                raise Cancelled() from None
            if isinstance(exc, ConnectionResetError | BrokenPipeError | http.client.RemoteDisconnected):
                reason = "the server closed the connection"
            else:
                reason = getattr(exc, "strerror", None) or type(exc).__name__
            raise ExplorerError(f"the connection to {shown} failed during the {what}: {reason}",
                                hint="the server may have stopped or restarted; check it and try again") from None
        finally:
            with self._lock:
                self._calls.discard(call)
                self.seconds += time.monotonic() - started
            if keep:
                self._keep(key, connection)
            else:
                connection.close()
            self._tell("end", what)
        if call.cancelled:
            raise Cancelled()
        content = answer.getheader("Content-Type", "") or ""
        rewindable = body is None or isinstance(body, bytes) or start is not None
        if answer.status == 401 and self.endpoint.credentials is not None and attempt == "first" and rewindable:
            challenge = digest_challenge(answer.getheader("WWW-Authenticate"))
            with self._lock:  # the scheme the server asks for, now and from now on
                if challenge is not None:
                    self._scheme, self._digest, self._digest_count = "digest", challenge, 0
                else:
                    self._scheme = "basic"
            if start is not None and body is not None and not isinstance(body, bytes):
                body.seek(start)
            return self._request(method, url, body=body, length=length, content_type=content_type,
                                 accept=accept, timeout=timeout, should_cancel=should_cancel, what=what,
                                 attempt="again")
        if answer.status >= 300:
            raise _http_error(answer.status, answer.reason, shown, data, answer.getheader("Location"),
                              content, default_graph=what in ("upload", "download") and _names_default(url))
        return Response(answer.status, content.split(";", 1)[0].strip().lower(), data)

    def _exchange(self, call: _Call, method: str, target: str, body: bytes | BinaryIO | None,
                  headers: dict[str, str], deadline: float,
                  should_cancel: ShouldCancel | None) -> tuple[http.client.HTTPResponse, bytes]:
        """Send one request on ``call.connection`` (connecting it first when it is new) and read the answer."""
        connection = call.connection
        if connection.sock is None:
            connection.connect()
        else:
            connection.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        connection.request(method, target, body=body, headers=headers)
        self._wait_for_answer(connection, deadline, should_cancel, call)
        answer = connection.getresponse()
        return answer, self._read(answer, deadline, should_cancel, call)

    def _wait_for_answer(self, connection: http.client.HTTPConnection, deadline: float,
                         should_cancel: ShouldCancel | None, call: _Call) -> None:
        """Wait until the server starts answering, watching the deadline and the cancel flag."""
        sock = connection.sock
        if sock is None:
            return
        while True:
            if call.cancelled or (should_cancel is not None and should_cancel()):
                call.cancelled = True
                raise Cancelled()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError()
            try:
                ready, _, _ = select.select([sock], [], [], min(_POLL, remaining))
            except (OSError, ValueError):
                return  # the socket was shut down by cancel(): getresponse() will fail and say so
            if ready:
                sock.settimeout(max(deadline - time.monotonic(), 0.001))
                return

    def _read(self, answer: http.client.HTTPResponse, deadline: float, should_cancel: ShouldCancel | None,
              call: _Call) -> bytes:
        chunks: list[bytes] = []
        while True:
            if call.cancelled or (should_cancel is not None and should_cancel()):
                call.cancelled = True
                raise Cancelled()
            if time.monotonic() > deadline:
                raise TimeoutError()
            chunk = answer.read1(_CHUNK) if hasattr(answer, "read1") else answer.read(_CHUNK)
            if not chunk:
                if answer.length == 0:  # a whole Content-Length body: done with, so its connection can be kept
                    answer.close()
                return b"".join(chunks)
            chunks.append(chunk)

    def _tell(self, event: str, what: str) -> None:
        for listener in list(self.listeners):
            try:
                listener(event, what)
            except Exception:
                continue


# ---------------------------------------------------------------- answers


def parse_select(body: bytes, url: str) -> list[Row]:
    """SPARQL 1.1 JSON results as rows: IRIs and literals by their text, blank nodes as ``_:id``."""
    return _select_json(body, url)[1]


def _select_json(body: bytes, url: str) -> tuple[list[str], list[Row]]:
    """The variables and rows (each with every variable) of SPARQL 1.1 JSON results."""
    doc = _json(body, url)
    try:
        names = doc["head"]["vars"]
        bindings = doc["results"]["bindings"]
        if not isinstance(names, list) or not isinstance(bindings, list):
            raise TypeError
        empty = dict.fromkeys(names)
        rows: list[Row] = []
        for binding in bindings:
            row: Row = empty.copy()
            for name, term in binding.items():
                value = term["value"]
                if value.__class__ is not str:
                    raise TypeError
                row[name] = "_:" + value if term.get("type") == "bnode" else value
            rows.append(row)
        return names, rows
    except (KeyError, TypeError, AttributeError):
        raise _malformed(url, "the JSON lacks head.vars or results.bindings") from None


_TSV_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_TSV_CHARS = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _tsv_unescape(match: re.Match[str]) -> str:
    short, long, char = match.groups()
    if short or long:
        return chr(int(short or long, 16))
    if char not in _TSV_CHARS:
        raise ValueError(f"unknown escape \\{char}")
    return _TSV_CHARS[char]


_BARE_TERM = re.compile(r"^(_:\S+|[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|true|false)$")


class _BrokenOffError(ValueError):
    """A cell that is no RDF term: a store's message written into the answer when it gave up part-way."""


def _tsv_term(cell: str) -> str | None:
    """The text of one TSV cell: an IRI, a literal's lexical form, ``_:id``, or None when unbound."""
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        if cell[-1] != ">":
            raise ValueError(f"unterminated IRI {cell[:40]!r}")
        return cell[1:-1]
    if first == '"' or first == "'":
        end = cell.rfind(first)
        if end <= 0:
            raise ValueError(f"unterminated literal {cell[:40]!r}")
        body = cell[1:end]
        return _TSV_ESCAPE.sub(_tsv_unescape, body) if "\\" in body else body
    if _BARE_TERM.match(cell):
        return cell  # a blank node (_:id), or a number or boolean written bare
    raise _BrokenOffError(cell)


_TSV_VARIABLE = re.compile(r"^[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+$")
#: A SPARQL 1.1 TSV cell: an IRI, a literal (with its language or datatype), a blank node, a bare number or
#: boolean, or nothing (unbound).
_TSV_CELL = re.compile(r"""^(?:<[^<>"{}|^`\\\x00-\x20]*>"""
                       r"""|"(?:[^"\\\n\r]|\\.)*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^<[^<>\x00-\x20]*>)?"""
                       r"""|_:\S+|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|true|false|)$""")
#: Rows of an answer checked when judging a server's TSV (its first answer decides for every later one).
_TSV_CHECKED_ROWS = 50


def tsv_is_conformant(body: bytes) -> bool:
    """Whether an answer is SPARQL 1.1 TSV: a header of ``?name`` variables, then rows of as many cells,
    each an RDF term written as in Turtle (``<iri>``, ``"text"@lang``, ``"1"^^<type>``, ``_:b``, a bare
    number or boolean) or empty. Virtuoso's ``text/tab-separated-values`` fails it on its first line
    (``"s"`` for ``?s``); an IRI written as a string would be read as a literal, a tab inside a literal would
    shift the columns, so such an answer is not read at all. A row of the wrong width is left to the
    parser, which reports it (a store that gave up part-way writes its message into the answer)."""
    text = body[:1 << 20].decode("utf-8", "replace")
    lines = text.split("\n")
    header = lines[0].rstrip("\r").split("\t")
    if header != [""] and not all(_TSV_VARIABLE.match(name) for name in header):
        return False
    width = len(header) if header != [""] else 0
    for line in lines[1:_TSV_CHECKED_ROWS + 1]:
        line = line.rstrip("\r")
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) == width and not all(_TSV_CELL.match(cell) for cell in cells):
            return False
    return True


def parse_tsv(body: bytes, url: str) -> list[Row]:
    """SPARQL 1.1 TSV results as rows, the same as :func:`parse_select` gives for the JSON form."""
    columns = parse_tsv_columns(body, url)
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def parse_tsv_columns(body: bytes, url: str) -> Columns:
    """SPARQL 1.1 TSV results column by column (variable -> its values, row by row): the same values as
    :func:`parse_tsv`, without a dictionary per row (a first screen's claims are thousands of rows)."""
    try:
        text = body.decode("utf-8")
        lines = text.split("\n")
        if "\r" in text:  # a literal's own line breaks are escaped: a raw CR only ends a line
            lines = [line.rstrip("\r") for line in lines]
        header = lines[0].split("\t")
        if not all(name.startswith(("?", "$")) for name in header if name):
            raise ValueError("no variable names on the first line")
        names = [name[1:] for name in header] if header != [""] else []
        width = len(names)
        table = [line.split("\t") for line in lines[1:] if line]
        for cells in table:
            if len(cells) != width:
                raise ValueError(f"a row with {len(cells)} values for {width} variables")
        if not table:
            return {name: [] for name in names}
        # Column by column (zip transposes in C); most cells are IRIs or empty, read here, anything else
        # through _tsv_term.
        term = _tsv_term
        return {name: [cell[1:-1] if cell[:1] == "<" and cell[-1:] == ">" else term(cell) if cell else None
                       for cell in column]
                for name, column in zip(names, zip(*table, strict=True), strict=True)}
    except _BrokenOffError as exc:
        raise ExplorerError(f"the answer from {_strip_userinfo(url)} broke off: {str(exc)[:200]!r}",
                            hint="the store may have stopped the query at its own time limit: try again, "
                                 "or ask for less (fewer actors on the first screen)") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise _malformed(url, f"unreadable TSV ({exc})") from None


def parse_triples(body: bytes, content_type: str, url: str) -> list[ox.Triple]:
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_media_type(content_type) if content_type else None
    if fmt is None or fmt.supports_datasets:
        fmt = ox.RdfFormat.N_TRIPLES
    try:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, fmt)]
    except (SyntaxError, ValueError) as exc:
        raise _malformed(url, f"unreadable {fmt.name} ({exc})") from None


def _json(body: bytes, url: str) -> dict:
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        if body.lstrip().startswith(b'{"head"'):
            # Some stores (Oxigraph) stream the answer and, when they give up part-way, end it with a line
            # of plain text saying why.
            tail = body[-200:].decode("utf-8", "replace").rsplit("[", 1)[-1].strip()
            raise ExplorerError(f"the answer from {_strip_userinfo(url)} broke off: {tail!r}",
                                hint="the store may have stopped the query at its own time limit: try again, "
                                     "or ask for less (fewer actors on the first screen)") from None
        start = body[:60].decode("utf-8", "replace").strip()
        raise _malformed(url, f"not JSON (it starts with {start!r})") from None
    if not isinstance(doc, dict):
        raise _malformed(url, "not a JSON object")
    return doc


def _malformed(url: str, what: str) -> ExplorerError:
    return ExplorerError(f"malformed SPARQL results from {_strip_userinfo(url)}: {what}",
                         hint="is this URL a SPARQL 1.1 query endpoint?")


def _timeout(what: str, url: str, limit: float) -> ExplorerError:
    return ExplorerError(f"the {what} to {url} timed out after {limit:g} s",
                         hint="the store is slow or busy: try again, raise the timeout, or show fewer actors "
                              "on the first screen")


_HINTS = {
    400: "the store refused the request; it may not support this part of SPARQL 1.1",
    401: "the store wants a user name and password: check the credentials",
    403: "these credentials may not do this: check the user's rights on the store",
    404: "check the URL (Oxigraph answers queries at /query, updates at /update, graphs at /store)",
    405: "this URL does not accept this request: check which URL is the query, update or Graph Store one",
    413: "the request is too large for this store: publish the graph in smaller files",
    415: "the store does not accept this data format",
    503: "the store is busy or starting: try again in a moment",
}


def _names_default(url: str) -> bool:
    """Whether a Graph Store URL names the default graph (``?default``)."""
    return "default" in urlsplit(url).query.split("&")


_TAG = re.compile(r"<[^>]*>")
_HIDDEN = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_STATUS_LINE = re.compile(r"^(HTTP/\d(\.\d)?\s+)?\d{3}(\s|$)")
#: Lines of a body looked at for the server's message.
_LINES_LOOKED_AT = 6


def server_text(body: bytes, content_type: str = "") -> str:
    """The server's own words in an error body: the first meaningful line of a plain body; in an HTML page
    (Virtuoso's: ``<!DOCTYPE HTML PUBLIC ...>``, a title, ``<h1>HTTP/1.1 500 Request Failed</h1>``, then the
    message), its text without markup, head or status lines, the longest of its first lines."""
    import html

    text = body.decode("utf-8", "replace").strip()
    markup = "html" in content_type.lower() or text[:1] == "<"
    if markup:
        visible = _TAG.sub("\n", _HIDDEN.sub("\n", text))
        lines = [" ".join(html.unescape(line).split()) for line in visible.splitlines()]
        lines = [line for line in lines if line and not _STATUS_LINE.match(line)]
        if not lines:
            title = re.search(r"<title>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
            return " ".join(html.unescape(title.group(1)).split()) if title else ""
        first = max(lines[:_LINES_LOOKED_AT], key=len)
    else:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= 200 else first[:197] + "..."


def _http_error(status: int, reason: str, url: str, body: bytes, location: str | None, content_type: str = "",
                *, default_graph: bool = False) -> ExplorerError:
    first = server_text(body, content_type)
    message = f"HTTP {status} {reason} from {url}" + (f": {first}" if first else "")
    if 300 <= status < 400:
        moved = _strip_userinfo(location or "")[:_MAX_REDIRECT_NOTE]
        return ExplorerError(message, hint=f"the endpoint has moved{': use ' + moved if moved else ''}")
    if default_graph and (status >= 500 or status in (400, 405)):
        return ExplorerError(message, hint="this store's Graph Store refuses the default graph, as Virtuoso's does: "
                                           "name a graph with --graph IRI")
    hint = _HINTS.get(status) or ("the store failed while answering: try again, or look at its log"
                                  if status >= 500 else "check the URL and the request")
    return ExplorerError(message, hint=hint)
