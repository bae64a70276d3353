"""Positions for a network: seeded, stable between runs, and fast (igraph's compiled
Fruchterman-Reingold, about 45x faster than networkx's spring_layout at 1k nodes).

igraph holds Python's GIL for the whole computation, so a large layout runs in a process of its
own: in a thread it would stop the window's thread too, for seconds on ten thousand actors.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
import threading
from array import array
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.jobs import ShouldCancel

Position = tuple[float, float]

#: From this many nodes the layout runs in a child process (see the module's docstring). Measured here:
#: in a thread igraph holds the GIL 0.08 s at 300 nodes, 0.22 s at 500, 0.84 s at 1,000 (5 links per node,
#: 500 iterations), which the window feels; a child costs about 0.13 s more and never stops the window.
PROCESS_MIN_NODES = 300


def force_layout(nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]], *, seed: int = 7,
                 iterations: int = 500, scale: float | None = None,
                 should_cancel: ShouldCancel | None = None) -> dict[Hashable, Position]:
    """Fruchterman-Reingold positions, centred on the origin.

    ``scale`` is the mean distance between neighbours in scene units (default grows with sqrt(n)).
    """
    nodes = sorted(nodes, key=str)  # the same graph gives the same picture, whatever the input order
    index = {node: i for i, node in enumerate(nodes)}
    n = len(index)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    pairs = {(index[a], index[b]) for a, b in edges if a in index and b in index and a != b}
    links = sorted({(min(p), max(p)) for p in pairs})
    rng = random.Random(seed)
    # A start box of side sqrt(n), as igraph draws its own: a wider one makes its grid variant 4x slower.
    half = 0.5 * math.sqrt(n)
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(n)]
    if should_cancel is not None and should_cancel():
        return {}
    job = (n, links, start, iterations, seed)
    coords = _in_child_process(job, should_cancel) if n >= PROCESS_MIN_NODES else fruchterman_reingold(*job)
    if coords is None:  # cancelled
        return {}
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = sum(xs) / n, sum(ys) / n
    coords = pull_in_outliers(coords, (cx, cy))
    mean_edge = sum(math.dist(coords[a], coords[b]) for a, b in links) / len(links) if links else 1.0
    target = scale if scale is not None else 120.0
    factor = target / mean_edge if mean_edge > 0 else 1.0
    return {node: ((coords[i][0] - cx) * factor, (coords[i][1] - cy) * factor) for node, i in index.items()}


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
    import igraph  # here, not at the top: a window shows before any layout is needed

    graph = igraph.Graph(n=n, edges=links)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        return graph.layout_fruchterman_reingold(seed=start, niter=iterations, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)


def _in_child_process(job: tuple, should_cancel: ShouldCancel | None) -> list[list[float]] | None:
    """fruchterman_reingold(*job) in a fresh interpreter; None when cancelled (the child is killed).

    A plain ``python -c`` child, not multiprocessing: that would import the parent's main script again
    in the child, and a script without a ``__main__`` guard would run twice. The job goes as packed
    numbers (see :func:`_pack_job`): JSON-encoding 50k links held the GIL, and so the window, for 50 ms.
    """
    command = [sys.executable, "-c", "from explorer.core.layout import layout_child; layout_child()"]
    try:
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": _package_root()})
    except OSError:  # no processes here (a sandbox): the same work in this one
        return fruchterman_reingold(*job)
    try:
        out: list[bytes] = []
        feeder = threading.Thread(target=lambda: out.append(child.communicate(_pack_job(*job))[0]), daemon=True)
        feeder.start()
        while feeder.is_alive():
            feeder.join(0.05)
            if feeder.is_alive() and should_cancel is not None and should_cancel():
                return None
        if child.returncode != 0 or not out or len(out[0]) != 16 * job[0]:
            return fruchterman_reingold(*job)  # the child failed (an odd interpreter): do it here
        flat = array("d")
        flat.frombytes(out[0])
        return [[flat[i], flat[i + 1]] for i in range(0, len(flat), 2)]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _pack_job(n: int, links: list[tuple[int, int]], start: list[list[float]], iterations: int, seed: int) -> bytes:
    """A header line (JSON: n, iterations, seed, link count), then the links as int64 pairs and the
    start positions as float64 pairs, in this machine's byte order (the child is on the same machine)."""
    header = json.dumps([n, iterations, seed, len(links)]).encode() + b"\n"
    return header + array("q", (i for link in links for i in link)).tobytes() + array(
        "d", (v for xy in start for v in xy)).tobytes()


def layout_child() -> None:
    """The child's side: a packed job on stdin, the positions as float64 pairs on stdout."""
    data = sys.stdin.buffer.read()
    line, _, rest = data.partition(b"\n")
    n, iterations, seed, count = json.loads(line)
    ints, floats = array("q"), array("d")
    ints.frombytes(rest[:16 * count])
    floats.frombytes(rest[16 * count:])
    links = [(ints[i], ints[i + 1]) for i in range(0, len(ints), 2)]
    start = [[floats[i], floats[i + 1]] for i in range(0, len(floats), 2)]
    coords = fruchterman_reingold(n, links, start, iterations, seed)
    sys.stdout.buffer.write(array("d", (v for xy in coords for v in xy)).tobytes())


def _package_root() -> str:
    """The folder holding the ``explorer`` package, first on the child's path (an unzipped checkout works too)."""
    root = str(Path(__file__).resolve().parents[2])
    rest = os.environ.get("PYTHONPATH")
    return root + (os.pathsep + rest if rest else "")
