"""Helpers shared by the hostile-input tests: the corpus folder, the sentinel web server, and a way
to run a load in a separate, memory-limited process (for inputs that could crash or hang one)."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = "http://sentinel.invalid/"
ACTOR = "https://w3id.org/caucasus-explorer/actor/"


@dataclass
class Sentinel:
    """A web server on 127.0.0.1 that must receive no request while the explorer opens files."""

    url: str
    requests: list[str] = field(default_factory=list)

    def bind(self, name: str, folder: Path) -> Path:
        """A copy of ``files/name`` in ``folder`` that points at this server instead of the placeholder."""
        data = (FILES / name).read_bytes().replace(PLACEHOLDER.encode(), self.url.encode())
        target = folder / name
        target.write_bytes(data)
        return target


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.sentinel.requests.append(self.path)  # type: ignore[attr-defined]
        body = b'{"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *_args: object) -> None:
        pass


class SentinelServer:
    """Runs a :class:`Sentinel` in a thread until stopped."""

    def __init__(self) -> None:
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        host, port = self.server.server_address[:2]
        self.sentinel = Sentinel(f"http://{host}:{port}/")
        self.server.sentinel = self.sentinel  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, name="sentinel", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def run_isolated(code: str, *, address_space_mb: int | None = None, timeout: float = 60) -> Outcome:
    """Run ``code`` in a fresh Python, optionally under ``ulimit -v`` of this many MB above its start.

    An input that crashed the parser (stack overflow, abort) or hung it would end that process, not
    the test run; the test then sees the return code and output.
    """
    prelude = "import resource\n"
    if address_space_mb is not None:
        prelude += (
            "def _vm():\n"
            "    for line in open('/proc/self/status'):\n"
            "        if line.startswith('VmSize:'):\n"
            "            return int(line.split()[1]) * 1024\n"
            f"resource.setrlimit(resource.RLIMIT_AS, (_vm() + ({address_space_mb} << 20), "
            "resource.RLIM_INFINITY))\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           "RUST_BACKTRACE": "0"}
    done = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=env, check=False)
    return Outcome(done.returncode, done.stdout, done.stderr)
