"""Positions for a network: seeded, stable between runs, and fast (igraph's compiled
Fruchterman-Reingold, about 45x faster than networkx's spring_layout at 1k nodes).

igraph holds Python's GIL for the whole computation, so a large layout runs in a process of its
own: in a thread it would stop the window's thread too, for seconds on ten thousand actors.

At every size the layout is igraph's Fruchterman-Reingold (its grid variant from 1,000 nodes): at 40k
actors / 200k relations it took 3.4 s where igraph's DrL took 698 s (``python -m benchmarks.layout40``).
igraph reports no progress from inside its Fruchterman-Reingold, and a run cut into pieces is much slower
(a laid-out start makes its grid's cells crowded: 50 more iterations cost 75x the first 50), so the child
times a few iterations first and the parent shows the fraction of that estimate that has passed.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import igraph

    from explorer.core.jobs import ShouldCancel

Position = tuple[float, float]
Progress = Callable[[float, str], None]

#: Iterations the child times before the real run, to estimate how long it takes (for the progress bar).
PROBE_ITERATIONS = 10
#: The later iterations of a run take about this share of the first ones' time each (measured at 40k actors:
#: without it the bar stood at 0.73-0.75 of the estimate when the positions came back, load average 5).
PROBE_SHARE = 0.75
#: The progress bar never claims more than this before the positions are back (the estimate may be short).
PROGRESS_CAP = 0.95
PROGRESS_TEXT = "laying out (force-directed)"

#: From this many nodes the layout runs in a child process (see the module's docstring). Measured here:
#: in a thread igraph holds the GIL 0.08 s at 300 nodes, 0.22 s at 500, 0.84 s at 1,000 (5 links per node,
#: 500 iterations), which the window feels; a child costs about 0.13 s more and never stops the window.
PROCESS_MIN_NODES = 300


def force_layout(nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]], *, seed: int = 7,
                 iterations: int = 500, scale: float | None = None,
                 should_cancel: ShouldCancel | None = None,
                 progress: Progress | None = None) -> dict[Hashable, Position]:
    """Fruchterman-Reingold positions, centred on the origin.

    ``scale`` is the mean distance between neighbours in scene units (default grows with sqrt(n)).
    ``progress`` hears the fraction done while a child process works (an estimate, see the module's docstring).
    """
    import numpy as np

    nodes = sorted(nodes, key=str)  # the same graph gives the same picture, whatever the input order
    index = {node: i for i, node in enumerate(nodes)}
    n = len(index)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if progress is not None:
        progress(0.0, PROGRESS_TEXT)
    ends = np.array([(index[a], index[b]) for a, b in edges if a != b and a in index and b in index],
                    dtype=np.int64).reshape(-1, 2)
    keys = np.unique(ends.min(axis=1) * n + ends.max(axis=1))  # each tie once, (low, high), in order
    links_array = np.stack([keys // n, keys % n], axis=1)
    links = [(int(a), int(b)) for a, b in links_array.tolist()]
    rng = random.Random(seed)
    # A start box of side sqrt(n), as igraph draws its own: a wider one makes its grid variant 4x slower.
    half = 0.5 * math.sqrt(n)
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(n)]
    if should_cancel is not None and should_cancel():
        return {}
    job = (n, links, start, iterations, seed)
    coords = (_in_child_process(job, should_cancel, progress) if n >= PROCESS_MIN_NODES
              else fruchterman_reingold(*job))
    if coords is None:  # cancelled
        return {}
    cx, cy = (float(v) for v in np.asarray(coords, dtype=float).mean(axis=0))
    placed = np.asarray(pull_in_outliers(coords, (cx, cy)), dtype=float)
    lengths = np.hypot(*(placed[links_array[:, 0]] - placed[links_array[:, 1]]).T) if links else np.ones(1)
    mean_edge = float(lengths.mean())
    target = scale if scale is not None else 120.0
    factor = target / mean_edge if mean_edge > 0 else 1.0
    shifted = ((placed - (cx, cy)) * factor).tolist()
    return {node: (shifted[i][0], shifted[i][1]) for node, i in index.items()}


#: Nodes beyond this many times the radius holding most of the graph are pulled in (see pull_in_outliers).
OUTLIER_REACH = 1.25
CORE_SHARE = 0.9


def pull_in_outliers(coords: Sequence[Sequence[float]], centre: tuple[float, float]) -> list[list[float]]:
    """Bring far-flung nodes (actors with no claims, small separate groups) close to the rest.

    Fruchterman-Reingold pushes what is not connected far away: on a large graph the connected part
    then fills a few pixels of a window fitted to everything. Distances from the centre beyond the
    radius that holds most nodes are squeezed into a thin ring (directions kept, order kept).
    """
    cx, cy = centre
    radii = sorted(math.hypot(x - cx, y - cy) for x, y in coords)
    core = radii[min(len(radii) - 1, int(CORE_SHARE * len(radii)))]
    far = radii[-1]
    if core <= 0 or far <= OUTLIER_REACH * core:
        return [list(c) for c in coords]
    squeeze = (OUTLIER_REACH - 1) * core / (far - core)
    out = []
    for x, y in coords:
        r = math.hypot(x - cx, y - cy)
        if r <= core:
            out.append([x, y])
        else:
            k = (core + (r - core) * squeeze) / r
            out.append([cx + (x - cx) * k, cy + (y - cy) * k])
    return out


def fruchterman_reingold(n: int, links: list[tuple[int, int]], start: list[list[float]], iterations: int,
                         seed: int) -> list[list[float]]:
    """igraph's layout from ``start`` (seeded: the same input gives the same positions)."""
    return _run(_graph(n, links), start, iterations, seed)


def _graph(n: int, links: list[tuple[int, int]]) -> igraph.Graph:
    import igraph  # here, not at the top: a window shows before any layout is needed

    return igraph.Graph(n=n, edges=links)


def _run(graph: igraph.Graph, start: list[list[float]], iterations: int, seed: int) -> list[list[float]]:
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords: list[list[float]] = graph.layout_fruchterman_reingold(seed=start, niter=iterations, grid="auto").coords
        return coords
    finally:
        igraph.set_random_number_generator(random)


def _in_child_process(job: tuple, should_cancel: ShouldCancel | None,
                      progress: Progress | None = None) -> list[list[float]] | None:
    """fruchterman_reingold(*job) in a fresh interpreter; None when cancelled (the child is killed).

    A plain ``python -c`` child, not multiprocessing: that would import the parent's main script again
    in the child, and a script without a ``__main__`` guard would run twice. The job goes as packed
    numbers (see :func:`_pack_job`): JSON-encoding 50k links held the GIL, and so the window, for 50 ms.
    The child answers with frames (see :func:`layout_child`): its estimate of the run's seconds, then the
    positions; ``progress`` hears the share of the estimate that has passed, every 50 ms.
    """
    command = [sys.executable, "-c", "from explorer.core.layout import layout_child; layout_child()"]
    try:
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": _package_root()})
    except OSError:  # no processes here (a sandbox): the same work in this one
        return fruchterman_reingold(*job)
    try:
        heard: dict[str, object] = {}
        threading.Thread(target=_feed, args=(child, _pack_job(*job)), daemon=True).start()
        reader = threading.Thread(target=_read_answer, args=(child, heard), daemon=True)
        reader.start()
        if progress is not None:
            progress(0.0, PROGRESS_TEXT)
        while reader.is_alive():
            reader.join(0.05)
            if reader.is_alive() and should_cancel is not None and should_cancel():
                return None
            estimate, began = heard.get("estimate"), heard.get("began")
            if progress is not None and isinstance(estimate, float) and isinstance(began, float) and estimate > 0:
                progress(min(PROGRESS_CAP, (time.monotonic() - began) / estimate), PROGRESS_TEXT)
        child.wait()
        result = heard.get("result")
        if child.returncode != 0 or not isinstance(result, bytes) or len(result) != 16 * job[0]:
            return fruchterman_reingold(*job)  # the child failed (an odd interpreter): do it here
        flat = array("d")
        flat.frombytes(result)
        return [[flat[i], flat[i + 1]] for i in range(0, len(flat), 2)]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _feed(child: subprocess.Popen[bytes], data: bytes) -> None:
    """Write the job to the child's input and close it (a child killed meanwhile is no error)."""
    assert child.stdin is not None
    try:
        child.stdin.write(data)
        child.stdin.close()
    except OSError:
        pass


def _read_answer(child: subprocess.Popen[bytes], heard: dict[str, object]) -> None:
    """Read the child's frames into ``heard``: "estimate" (seconds) with "began", then "result" (bytes)."""
    assert child.stdout is not None
    while tag := child.stdout.read(1):
        if tag == b"E":
            number = child.stdout.read(8)
            if len(number) != 8:  # the child was stopped mid-frame
                return
            (heard["estimate"],) = array("d", number)
            heard["began"] = time.monotonic()
        elif tag == b"R":
            heard["result"] = child.stdout.read()
        else:
            return


def _pack_job(n: int, links: list[tuple[int, int]], start: list[list[float]], iterations: int, seed: int) -> bytes:
    """A header line (JSON: n, iterations, seed, link count), then the links as int64 pairs and the
    start positions as float64 pairs, in this machine's byte order (the child is on the same machine)."""
    header = json.dumps([n, iterations, seed, len(links)]).encode() + b"\n"
    return header + array("q", (i for link in links for i in link)).tobytes() + array(
        "d", (v for xy in start for v in xy)).tobytes()


def layout_child() -> None:
    """The child's side: a packed job on stdin; on stdout ``E`` and the estimated seconds of the run (float64,
    from :data:`PROBE_ITERATIONS` timed iterations), then ``R`` and the positions as float64 pairs."""
    data = sys.stdin.buffer.read()
    line, _, rest = data.partition(b"\n")
    n, iterations, seed, count = json.loads(line)
    ints, floats = array("q"), array("d")
    ints.frombytes(rest[:16 * count])
    floats.frombytes(rest[16 * count:])
    links = [(ints[i], ints[i + 1]) for i in range(0, len(ints), 2)]
    start = [[floats[i], floats[i + 1]] for i in range(0, len(floats), 2)]
    out = sys.stdout.buffer
    graph = _graph(n, links)
    began = time.perf_counter()
    probe = min(PROBE_ITERATIONS, iterations)
    _run(graph, start, probe, seed)  # timed only: a run's iterations take about as long each
    took = time.perf_counter() - began
    out.write(b"E" + array("d", [PROBE_SHARE * took * iterations / max(probe, 1)]).tobytes())
    out.flush()
    coords = _run(graph, start, iterations, seed)
    out.write(b"R" + array("d", (v for xy in coords for v in xy)).tobytes())
    out.flush()


def _package_root() -> str:
    """The folder holding the ``explorer`` package, first on the child's path (an unzipped checkout works too)."""
    root = str(Path(__file__).resolve().parents[2])
    rest = os.environ.get("PYTHONPATH")
    return root + (os.pathsep + rest if rest else "")
