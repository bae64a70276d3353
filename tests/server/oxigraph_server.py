"""Start and stop a real ``oxigraph serve`` on a free loopback port: used by the endpoint tests and by
``benchmarks/remote_bench.py`` (one way to run a server for both)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from explorer.core.remote.endpoint import Endpoint

LOOPBACK = "127.0.0.1"
#: Seconds a server may take to start answering.
START_TIMEOUT = 30.0


def oxigraph_binary() -> Path | None:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    return Path(found) if found else None


def stop_process(process: subprocess.Popen[bytes] | None, grace: float) -> None:
    """Ask a server to stop, and kill it when it has not after ``grace`` seconds (nothing if it has ended)."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


class OxigraphServer:
    """One ``oxigraph serve`` process on a free loopback port, with its data in ``location``."""

    def __init__(self, binary: Path, location: Path, *options: str) -> None:
        self.binary = binary
        self.location = location
        self.options = options
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = location.parent / f"{location.name}.log"

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> OxigraphServer:
        for _attempt in range(3):  # another process may take the free port before the server binds it
            self.port = free_port()
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(
                    [str(self.binary), "serve", "--location", str(self.location),
                     "--bind", f"{LOOPBACK}:{self.port}", *self.options],
                    stdout=log, stderr=subprocess.STDOUT)
            if self._wait_until_answering():
                return self
        raise RuntimeError(f"oxigraph did not start: {self.log_path.read_text(errors='replace')[-2000:]}")

    def _wait_until_answering(self) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with socket.create_connection((LOOPBACK, self.port), timeout=0.2):
                    return True
            except OSError:
                with contextlib.suppress(subprocess.TimeoutExpired):  # a pause that notices an exit
                    self.process.wait(timeout=0.05)
        self.stop()
        return False

    def stop(self) -> None:
        stop_process(self.process, grace=10)

    def endpoint(self, **options: object) -> Endpoint:
        return Endpoint.from_url(self.url, **options)  # type: ignore[arg-type]
