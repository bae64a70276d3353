"""The force layout's child process reports progress while it works, and a cancel stops it at once (issue 19)."""

from __future__ import annotations

import random
import time

from explorer.core import layout


def _network(n: int, links: int) -> tuple[list[str], list[tuple[str, str]]]:
    rng = random.Random(3)
    nodes = [f"n{i}" for i in range(n)]
    return nodes, [(rng.choice(nodes), rng.choice(nodes)) for _ in range(links)]


def test_progress_is_heard_while_the_child_works() -> None:
    nodes, edges = _network(400, 1200)
    heard: list[float] = []
    placed = layout.force_layout(nodes, edges, iterations=1500, progress=lambda done, _text: heard.append(done))
    assert set(placed) == set(nodes)
    during = {done for done in heard if 0.0 < done < 1.0}
    assert len(during) >= 2, "the fraction did not grow during the run"
    assert heard == sorted(heard) and max(heard) <= layout.PROGRESS_CAP


def test_a_cancel_stops_the_child_within_a_second() -> None:
    """The user's Cancel comes at any moment (here from a timer thread, as the window's button would)."""
    import threading

    nodes, edges = _network(400, 1200)
    asked: list[float] = []
    timer = threading.Timer(0.5, lambda: asked.append(time.perf_counter()))
    timer.start()
    try:
        placed = layout.force_layout(nodes, edges, iterations=10**7, should_cancel=lambda: bool(asked))
    finally:
        timer.cancel()
    assert placed == {} and asked, "the layout ran to its end"
    assert time.perf_counter() - asked[0] < 1.0


def test_the_child_estimate_comes_before_the_positions(monkeypatch) -> None:
    """The frames the child writes: first its estimate of the run (seconds), then the positions."""
    import io
    import sys
    from array import array

    job = layout._pack_job(3, [(0, 1), (1, 2)], [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]], 50, 7)
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", type("In", (), {"buffer": io.BytesIO(job)})())
    monkeypatch.setattr(sys, "stdout", type("Out", (), {"buffer": out})())
    layout.layout_child()
    data = out.getvalue()
    assert data[:1] == b"E" and data[9:10] == b"R" and len(data) == 10 + 16 * 3
    (estimate,) = array("d", data[1:9])
    assert estimate > 0
    positions = array("d", data[10:])
    expected = layout.fruchterman_reingold(3, [(0, 1), (1, 2)], [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]], 50, 7)
    assert list(positions) == [v for xy in expected for v in xy]


def test_the_window_s_layout_passes_its_progress_on(kb) -> None:
    """Open and View › Reset layout run compute_layout on the job runner: its progress reaches the force layout."""
    from explorer.app.opening import compute_layout

    heard: list[str] = []
    positions = compute_layout(kb, None, lambda _done, text: heard.append(text))
    assert set(positions) == set(kb.actors)
    assert layout.PROGRESS_TEXT in heard
