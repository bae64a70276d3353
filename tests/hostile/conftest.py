"""Fixtures for the hostile-input corpus: the files, a sentinel web server and a blocked network.

Files in ``files/`` that name ``http://sentinel.invalid/`` are copied with that address replaced by
the sentinel server's, so any fetch the loader made would show up as a request the sentinel counts.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_helpers import FILES, Sentinel, SentinelServer


@pytest.fixture()
def hostile_files() -> Path:
    return FILES


@pytest.fixture()
def sentinel() -> Iterator[Sentinel]:
    server = SentinelServer()
    try:
        yield server.sentinel
    finally:
        server.stop()


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every outgoing connection from Python fails, and is recorded so the test can assert there was none."""
    attempts: list[object] = []

    def refuse(_sock: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("networking is blocked in this test")

    def refuse_ex(sock: socket.socket, address: object) -> int:
        refuse(sock, address)
        return 1

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse_ex)
    return attempts
