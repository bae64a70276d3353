"""Measurements that need a process of their own, run by the harness as ``python -m benchmarks.probes NAME ...``.

Each probe prints one JSON object on its last line of standard output:

    bare-window                    a bare PySide6 QMainWindow to its first paint (the first-paint reference)
    memory TURTLE [--reference]    peak memory of loading TURTLE into the knowledge base (or, with
                                   --reference, into a bare pyoxigraph Store; with --cache DIR, through
                                   the cache of large files kept in DIR)
    pan-zoom TURTLE                frame times of the explorer's graph view while panning and zooming
    click-gui TURTLE               time from a click on the busiest actor to the evidence panel filled
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: The graph view's size on screen in the GUI probes.
VIEW_SIZE = (1280, 800)


def peak_rss_bytes() -> int:
    """Peak resident memory of this process: VmHWM where /proc has it, else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def bare_window() -> dict[str, object]:
    """The reference for the explorer's first paint: the least a PySide6 window can do."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    class Window(QMainWindow):
        def paintEvent(self, event) -> None:
            super().paintEvent(event)
            if not getattr(self, "_painted", False):
                self._painted = True
                print("first-paint", flush=True)
                QTimer.singleShot(0, app.quit)

    window = Window()
    window.resize(*VIEW_SIZE)
    window.show()
    app.exec()
    return {"painted": True}


def _rss_bytes(pid: str) -> int:
    """The resident memory of process ``pid`` now (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children() -> list[str]:
    found: list[str] = []
    for task in Path("/proc/self/task").iterdir():
        with contextlib.suppress(OSError):
            found += (task / "children").read_text().split()
    return found


class TotalMemory:
    """This process's memory plus its children's (the cache's store-writing child), sampled every 5 ms:
    the largest total at any moment (the sum of the two peaks overstates it when they come apart)."""

    def __init__(self) -> None:
        import threading

        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss_bytes("self") + sum(_rss_bytes(pid) for pid in _children()))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def memory(turtle: Path, reference: bool, cache: Path | None = None) -> dict[str, object]:
    """Peak memory of opening ``turtle``: in memory, or through the cache of large files in ``cache`` (then
    with the child process that writes the store behind: the largest total of both at any moment, and
    each one's own peak)."""
    total = TotalMemory()
    if reference:
        import pyoxigraph as ox

        store = ox.Store()
        store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
        counts: dict[str, object] = {"triples": len(store)}
    else:
        from explorer.core.loading import load_knowledge

        if cache is None:
            kb = load_knowledge([turtle], cache=False)
        else:
            from explorer.core.cache import open_knowledge, settle

            kb = open_knowledge([turtle], folder=cache)
            settle()  # (a first open's store is written behind, by a child process)
        counts = dict(kb.summary())
    together = total.stop()
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    own = peak_rss_bytes()
    return {"peak_bytes": max(together, own), "process_bytes": own, "child_bytes": child,
            "sum_of_peaks": own + child, "file_bytes": turtle.stat().st_size, **counts}


def _gui_app():  # -> QApplication
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """(processor seconds, wall seconds) of ``action``.

    Figures compared with a fixed frame budget use processor time: on a machine shared with other
    processes, wall time also counts the moments this one waited for a core, which is noise.
    """
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return time.process_time() - cpu, time.perf_counter() - wall


def _timed(action: Callable[[], object]) -> float:
    return timed(action)[1]


def _drawn_view(app: Any, turtle: Path) -> tuple[Any, Any, Any, float]:
    """The graph of ``turtle`` in a real scene and view, fitted and painted once (the first paint builds
    caches: not a frame of what is measured): (knowledge, scene, view, seconds to build the scene)."""
    from explorer.app.opening import compute_layout
    from explorer.core.loading import load_knowledge
    from explorer.gui.graph.scene import GraphScene
    from explorer.gui.graph.view import GraphView

    kb = load_knowledge([turtle])
    positions = compute_layout(kb)
    scene = GraphScene()
    view = GraphView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    built = _timed(lambda: scene.set_graph(kb, positions))
    view.fit()
    app.processEvents()
    view.viewport().repaint()
    while not view.is_drawn():  # (a large scene's picture is drawn over a few turns)
        app.processEvents()
    from explorer.gui.main_window import STEPPED_DRAWING

    if len(kb.claims) + len(kb.actors) >= STEPPED_DRAWING:
        from explorer.core.jobs import settle_large_heap

        settle_large_heap()  # as the window does once it has drawn a large graph (MainWindow._drawn)
    return kb, scene, view, built


def pan_zoom(turtle: Path, frames: int) -> dict[str, object]:
    """Frame times (seconds) of the real graph view: zooming in from the whole graph, panning at each
    zoom level, zooming back out. A frame is the move plus a synchronous repaint of the viewport; the
    labels, planned once a move has stopped, are timed once apart ("labels"), and so is the full
    drawing after the view settles ("settle": labels and a full repaint, for a scene drawn from
    snapshots while it moves)."""
    app = _gui_app()
    from explorer.gui.graph.view import SETTLE_MS

    kb, scene, view, built = _drawn_view(app, turtle)

    def frame(move: Callable[[], None]) -> float:
        """The move and one synchronous repaint; the update the move queued is flushed untimed."""
        def step() -> None:
            move()
            view.viewport().repaint()
        cpu, wall = timed(step)
        walls.append(wall)
        app.processEvents()
        return cpu

    times: list[float] = []
    walls: list[float] = []
    bar = view.horizontalScrollBar
    per_level = max(1, frames // 12)
    for factor in (1.25,) * 6 + (0.8,) * 6:
        times.append(frame(lambda f=factor: view.zoom_by(f)))
        for _ in range(per_level):
            times.append(frame(lambda: bar().setValue(bar().value() + 40)))
    times.sort()
    labels = _timed(view.plan_labels)
    view.zoom_by(1.25)

    def settle() -> None:  # once the motion stops: labels planned again, the scene drawn in full
        view.settle()
        view.viewport().repaint()
    settled = _timed(settle) if view.is_moving() else 0.0
    drawing: list[float] = []  # a large scene's picture is then drawn over a few turns
    while not view.is_drawn():
        drawing.append(_timed(app.processEvents))
    return {
        "frames": len(times),
        "median": statistics.median(times),
        "wall_median": statistics.median(walls),
        "p90": times[int(0.9 * (len(times) - 1))],
        "worst": times[-1],
        "nodes": len(scene.nodes),
        "edges": len(scene.bundles),
        "claims": len(kb.claims),
        "set_graph": built,
        "labels": labels,
        "settle": settled,
        "settle_turns": len(drawing),
        "settle_longest_turn": max(drawing, default=0.0),
        "settle_drawing": sum(drawing),
        "snapshots": view.uses_snapshots(),
        "settle_after_ms": SETTLE_MS,
    }


def click_gui(turtle: Path, repeats: int) -> dict[str, object]:
    """A click on the busiest actor as the window handles it: the session selects it and announces the
    change, the evidence panel is filled from what explorer.app.present says, then the events and the
    repaint that put it on screen."""
    app = _gui_app()
    from explorer.app import present
    from explorer.app.session import Session
    from explorer.core.loading import load_knowledge
    from explorer.gui.evidence_panel import EvidencePanel

    kb = load_knowledge([turtle])
    panel = EvidencePanel()
    panel.resize(480, 900)
    panel.show()
    session = Session()
    session.set_knowledge(kb)
    session.changed.connect(lambda _change: panel.show_view(present.evidence_view(session), kb))
    app.processEvents()
    by_degree = sorted(kb.actors, key=kb.degree, reverse=True)
    busiest, other = by_degree[0], by_degree[1]

    def click(iri: str) -> tuple[float, float]:
        def step() -> None:
            session.select([iri])
            app.processEvents()
            panel.repaint()
        return timed(step)

    click(busiest)  # the first click reads the articles' texts from disk
    times, walls = [], []
    for _ in range(repeats):
        click(other)
        cpu, wall = click(busiest)
        times.append(cpu)
        walls.append(wall)
    model = panel.model
    return {"median": statistics.median(times), "wall_median": statistics.median(walls), "clicks": len(times),
            "claims": kb.degree(busiest), "actor": busiest,
            "revealed": sum(model.shown(group) for group in range(model.group_count()))}


def open_gui(turtle: Path) -> dict[str, object]:
    """File > Open of a large graph in the real main window: the time until the graph is shown, and
    the longest the event loop went without turning meanwhile and in the 1.5 s after, while the graph
    is painted (a 5 ms timer counts the turns)."""
    app = _gui_app()
    from PySide6.QtCore import QElapsedTimer, QTimer

    from explorer.gui.main_window import MainWindow

    window = MainWindow()
    window.resize(*VIEW_SIZE)
    window.show()
    app.processEvents()
    clock = QElapsedTimer()
    gaps: list[int] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    shown: list[float] = []
    window.graphShown.connect(lambda: shown.append(clock.elapsed() / 1000))
    window.loadFailed.connect(lambda message: shown.append(-1.0))
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    window.open_files([turtle])
    while not shown:
        app.processEvents()
    settled = clock.elapsed() + 1500  # and the first paints of the graph after it is shown
    while clock.elapsed() < settled:
        app.processEvents()
    timer.stop()
    tick()
    gaps.sort()
    window.jobs.shutdown()
    return {"shown": shown[0], "worst_gap": gaps[-1] / 1000, "p99_gap": gaps[int(0.99 * (len(gaps) - 1))] / 1000,
            "turns": len(gaps), "actors": len(window.scene.nodes), "edges": len(window.scene.bundles)}


def time_step_gui(turtle: Path, steps: int) -> dict[str, object]:
    """Play steps of the Time bar as the window handles them: the session filters with the moved window
    (a one-year event-time window moved by a month, the bin Play steps by), the scene shows the new set,
    then a synchronous repaint of the view. The steps are spread over the whole span; each is timed from
    the window a month before (reached untimed)."""
    app = _gui_app()
    from datetime import date

    from explorer.app.session import Session
    from explorer.core.filters import FilterState, time_index
    from explorer.core.timeline import bin_edges, next_bin

    kb, scene, view, _built = _drawn_view(app, turtle)
    session = Session()
    session.set_knowledge(kb)
    session.changed.connect(lambda _change: scene.set_visible(session.visible))
    span = time_index(kb).span
    assert span is not None
    months = bin_edges(span, "month")
    windows = [(m, next_bin(months[min(i + 12, len(months) - 1)], "month") - 1) for i, m in enumerate(months[:-1])]
    samples = range(1, len(windows), max(len(windows) // steps, 1))  # spread over the span

    def step(lo: int, hi: int) -> None:
        session.set_filters(FilterState(date_from=date.fromordinal(lo).isoformat(),
                                         date_to=date.fromordinal(hi).isoformat()))
        view.viewport().repaint()

    times, walls, shown, drawn = [], [], [], []
    for i in samples:  # each a step of Play: from one month's window to the next (the first untimed)
        step(*windows[i - 1])
        app.processEvents()
        lo, hi = windows[i]
        cpu, wall = timed(lambda lo=lo, hi=hi: step(lo, hi))
        times.append(cpu)
        walls.append(wall)
        shown.append(len(session.visible.claims))
        # a large (batched) scene's new picture is drawn over the next turns of the event loop, the old one
        # shown meanwhile: how long until it is all there
        drawn.append(timed(lambda: _until_drawn(app, view))[0])
    return {"median": statistics.median(times), "wall_median": statistics.median(walls), "steps": len(times),
            "worst": max(times), "claims": len(kb.claims), "shown_min": min(shown), "shown_max": max(shown),
            "edges": len(scene.bundles), "batched": scene.batched, "drawn_median": statistics.median(drawn)}


def _until_drawn(app, view) -> None:  # type: ignore[no-untyped-def]
    app.processEvents()
    while not view.is_drawn():
        app.processEvents()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probes")
    sub = parser.add_subparsers(dest="probe", required=True)
    sub.add_parser("bare-window")
    mem = sub.add_parser("memory")
    mem.add_argument("turtle", type=Path)
    mem.add_argument("--reference", action="store_true")
    mem.add_argument("--cache", type=Path, help="open through the cache of large files kept in this folder")
    pan = sub.add_parser("pan-zoom")
    pan.add_argument("turtle", type=Path)
    pan.add_argument("--frames", type=int, default=48)
    click = sub.add_parser("click-gui")
    click.add_argument("turtle", type=Path)
    click.add_argument("--repeats", type=int, default=5)
    opening = sub.add_parser("open-gui")
    opening.add_argument("turtle", type=Path)
    playing = sub.add_parser("time-step-gui")
    playing.add_argument("turtle", type=Path)
    playing.add_argument("--steps", type=int, default=30)
    args = parser.parse_args(argv)
    if args.probe == "bare-window":
        result = bare_window()
    elif args.probe == "memory":
        result = memory(args.turtle, args.reference, args.cache)
    elif args.probe == "pan-zoom":
        result = pan_zoom(args.turtle, args.frames)
    elif args.probe == "open-gui":
        result = open_gui(args.turtle)
    elif args.probe == "time-step-gui":
        result = time_step_gui(args.turtle, args.steps)
    else:
        result = click_gui(args.turtle, args.repeats)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
