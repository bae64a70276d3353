"""Start and stop a real OpenLink Virtuoso (``virtuoso-t``, Debian's ``virtuoso-opensource``) on free
loopback ports, with a fresh database in a folder of its own: the second store the endpoint tests run
against (Virtuoso's answers differ from Oxigraph's in ways the explorer must handle: its TSV, its
booleans, its result cap).

The configuration is the stock one where it matters to the explorer (``ResultSetMaxRows = 10000``),
with every file in the given folder and both ports (SQL and HTTP) chosen here, so that it runs beside a
system Virtuoso the package may have started. SPARQL Update and the Graph Store are opened to the
anonymous ``SPARQL`` user through ``isql`` on the SQL port (``GRANT SPARQL_UPDATE``: all the stock build needs).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from pathlib import Path

from oxigraph_server import LOOPBACK, free_port, stop_process

from explorer.core.remote.endpoint import Endpoint

#: Seconds a fresh database may take to be created and to start answering.
START_TIMEOUT = 120.0
#: The stock cap on the rows of one SPARQL answer (Debian's virtuoso.ini).
RESULT_CAP = 10_000
#: The default password of the dba account of a fresh database.
DBA_PASSWORD = "dba"

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}, /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 512M
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {dir}/vsp
MaxClientConnections = 10
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {cap}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
DeferInferenceRulesInit = 0
"""

#: What a fresh database of Debian's 7.2.5 needs for the anonymous SPARQL user to write, through SPARQL Update
#: and the Graph Store (measured: without it, a PUT is "SQ110:SECURITY: Permission denied for delete from
#: DB.DBA.RDF_QUAD" and an update "SR186:SECURITY: No permission to execute procedure"; with it, both work,
#: and DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7) is not needed).
_GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL";',)


def virtuoso_binary() -> Path | None:
    found = shutil.which("virtuoso-t") or (Path("/usr/bin/virtuoso-t").is_file() and "/usr/bin/virtuoso-t")
    return Path(found) if found else None


def isql_binary() -> Path | None:
    found = shutil.which("isql-vt") or shutil.which("isql")
    return Path(found) if found else None


class VirtuosoServer:
    """One ``virtuoso-t`` process on free loopback ports, with its database in ``folder``."""

    def __init__(self, binary: Path, isql: Path, folder: Path, *, cap: int = RESULT_CAP) -> None:
        self.binary = binary
        self.isql = isql
        self.folder = folder
        self.cap = cap
        self.http_port = 0
        self.sql_port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = folder / "virtuoso.log"

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.http_port}"

    def start(self) -> VirtuosoServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "vsp").mkdir(exist_ok=True)
        for _attempt in range(3):  # another process may take a free port before the server binds it
            self.http_port, self.sql_port = free_port(), free_port()
            ini = self.folder / "virtuoso.ini"
            ini.write_text(_INI.format(dir=self.folder, host=LOOPBACK, sql_port=self.sql_port,
                                       http_port=self.http_port, cap=self.cap))
            with (self.folder / "stdout.log").open("ab") as log:
                # -f: stay in the foreground (a child of the tests, stopped by them).
                self.process = subprocess.Popen([str(self.binary), "-f", "-c", str(ini)], cwd=self.folder,
                                                stdout=log, stderr=subprocess.STDOUT)
            if self._wait_until_answering():
                self.sql(*_GRANTS)
                return self
        raise RuntimeError(f"virtuoso did not start: {self.log()[-2000:]}")

    def log(self) -> str:
        parts = [p.read_text(errors="replace") for p in (self.log_path, self.folder / "stdout.log") if p.exists()]
        return "\n".join(parts)

    def _wait_until_answering(self) -> bool:
        """Poll the HTTP port until the server answers a SPARQL request (it opens the port before its
        SPARQL service is ready on a fresh database)."""
        import http.client

        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                connection = http.client.HTTPConnection(LOOPBACK, self.http_port, timeout=5)
                try:
                    connection.request("GET", "/sparql?query=ASK%7B%7D",
                                       headers={"Accept": "application/sparql-results+json"})
                    if connection.getresponse().status == 200:
                        return True
                finally:
                    connection.close()
            except (OSError, http.client.HTTPException):
                pass
            with contextlib.suppress(subprocess.TimeoutExpired):  # a pause that notices an exit
                self.process.wait(timeout=0.2)
        self.stop()
        return False

    def sql(self, *statements: str) -> str:
        """Run SQL statements as dba through ``isql`` on the SQL port; their output."""
        script = "\n".join(statements) + "\n"
        done = subprocess.run([str(self.isql), f"{LOOPBACK}:{self.sql_port}", "dba", DBA_PASSWORD,
                               "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT"],
                              input=script.encode(), capture_output=True, timeout=60, check=False)
        out = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        if done.returncode != 0 or "*** Error" in out:
            raise RuntimeError(f"isql failed: {out[-2000:]}")
        return out

    def stop(self) -> None:
        stop_process(self.process, grace=30)  # (a checkpoint on the way out takes Virtuoso a while)

    def endpoint(self, graph: str | None = None, **options: object) -> Endpoint:
        """The SPARQL endpoint (``/sparql``) with its Graph Store (``/sparql-graph-crud``); updates go to
        ``/sparql`` too."""
        return Endpoint.from_url(self.url + "/sparql", update_url=self.url + "/sparql",
                                 store_url=self.url + "/sparql-graph-crud", graph=graph,
                                 **options)  # type: ignore[arg-type]


def port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), timeout=0.2):
        return True
    return False
