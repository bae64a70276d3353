"""The on-disk store of a cache entry, written by a child process behind the graph shown.

Writing RocksDB is most of a first open's work (about 15 s of processor time for 100 000 claims against 6 s
for pyoxigraph's whole in-memory load, benchmarks/RESULTS.md), and pyoxigraph's ``bulk_extend`` holds
Python's lock while it writes, so in the same process it stalls the parsing thread (and the window) batch
after batch. Here a child process parses the same files through the same checks
(:func:`explorer.core.cache._fill`) and writes the store at a lower priority while the parent indexes the
files and shows the graph. The child's blank nodes get names of their own; explorer.core.cache uses it only
for a graph whose records name no blank node (the store then holds the same graph, up to those names).

The child speaks one JSON line on stdout: ``{"before": [n, ...]}`` (the quads the store held before each file)
or ``{"error": text}``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from explorer.core.errors import ExplorerError
from explorer.core.formats import RdfFormat

#: Quads per batch in the child: 10,000 takes about 50 MB less than 50,000 (measured 62 against 110 MB writing
#: the 100k-claim file alone) for about 3 s more of writing, which runs behind the graph shown.
BATCH = 10_000
#: How much lower the child runs than the parent (``nice``): the parent's indexing and the window come first.
NICENESS = 10


class StoreWriter:
    """A child process writing the store of ``files`` into ``folder``."""

    def __init__(self, folder: Path, files: Sequence[Path], fmt: RdfFormat | None, sha256: Sequence[str]) -> None:
        """``sha256``: each file's as the parent read it; a file that changed meanwhile fails the write."""
        import explorer

        spec = {"folder": str(folder), "files": [str(f) for f in files], "format": fmt.name if fmt else None,
                "sha256": list(sha256)}
        env = dict(os.environ)
        root = str(Path(explorer.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "explorer.core.cache_writer", json.dumps(spec)], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def wait(self) -> list[int]:
        """How many quads the store held before each file, once the child is done (ExplorerError if it
        failed). The total is left to the caller: counting with ``len`` would take the child's memory up by a
        third at its very end, and in the parent ``len`` holds Python's lock (:func:`count_quads` does not)."""
        out, err = self.process.communicate()
        lines = out.decode("utf-8", "replace").strip().splitlines()
        try:
            answer = json.loads(lines[-1]) if lines else {}
        except ValueError:
            answer = {}
        if self.process.returncode != 0 or "error" in answer or "before" not in answer:
            why = answer.get("error") or err.decode("utf-8", "replace").strip().splitlines()[-1:] or \
                [f"exit status {self.process.returncode}"]
            raise ExplorerError(f"cannot write the cache's store: {why if isinstance(why, str) else why[0]}")
        return [int(n) for n in answer["before"]]

    def stop(self) -> None:
        """End the child now: :meth:`wait` (in the thread that waits for it) then raises. Its half-written
        store is the caller's to remove."""
        if self.process.poll() is None:
            self.process.kill()


def _write(spec: dict[str, Any]) -> dict[str, Any]:
    """Read the files into the store as explorer.core.cache._fill does, in smaller batches (the child's
    memory adds to the parent's), imports kept to the store's (no rdflib)."""
    from explorer.core import store as stores
    from explorer.core.formats import FORMATS
    from explorer.resources import vocabulary_file

    stores.DISK_BATCH = BATCH  # (parse_file's batches)
    name = spec.get("format")
    fmt = FORMATS[str(name)] if name else None
    files = [Path(f) for f in spec["files"]]
    vocabulary = vocabulary_file().resolve()
    store = stores.OxigraphStore(Path(spec["folder"]))
    before: list[int] = []
    for path in files:  # (one batch at a time: a writer thread would gain nothing, bulk_extend holds the GIL)
        before.append(len(store) if before else 0)  # (cheap: the files before this one are the small ones)
        stores.parse_file(path, fmt if path.resolve() != vocabulary else None, store.oxigraph.bulk_extend)
    store.oxigraph.flush()
    store.close()
    for path, digest in zip(files, spec["sha256"], strict=True):
        with open(path, "rb") as handle:
            if hashlib.file_digest(handle, "sha256").hexdigest() != digest:
                raise ExplorerError("the file changed while it was opened: open it again", path=path)
    return {"before": before}


def count_quads(store: Any) -> int:
    """How many quads a pyoxigraph store holds, as ``len`` says, by a query (which lets go of Python's lock
    while it counts: ``len`` does not, 0.8 s at 4.5M quads with the window waiting)."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    return int(next(iter(store.query(query)))["n"].value)


def main(argv: Sequence[str]) -> int:
    """The child: write the store named by the JSON spec in ``argv[0]``, answer on stdout."""
    with contextlib.suppress(AttributeError, OSError):  # (no nice here: the child merely competes as an equal)
        os.nice(NICENESS)
    try:
        answer = _write(json.loads(argv[0]))
    except ExplorerError as exc:
        print(json.dumps({"error": str(exc)}), flush=True)
        return 1
    except Exception as exc:  # (told to the parent, which raises it as the cache's failure)
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
        return 1
    print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
