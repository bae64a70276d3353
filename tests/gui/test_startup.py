"""Start-up: the window is painted before any data is read, then the bundled graph appears.

The window's module imports Qt and the light core only (rdflib, networkx, igraph, pyoxigraph and the
curation engine wait for their first use), the first frame shows an empty graph view and says what
is loading, and the graph is loaded in the background once that frame is on screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from explorer.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("rdflib", "networkx", "igraph", "pyoxigraph", "pyshacl", "explorer.core.curation",
         "explorer.core.export", "explorer.core.validate", "explorer.core.loading", "explorer.gui.curation_dialogs",
         # the knowledge base, Find's records, the model and the parts of the window that show a graph wait for one
         "explorer.core.knowledge", "explorer.core.model", "explorer.core.store", "explorer.app.finding",
         "explorer.app.timestacks", "explorer.core.analysis", "explorer.core.anchoring", "explorer.app.wording",
         "explorer.core.suggest", "explorer.core.weight",
         # hidden in the first frame, made after it: the lenses' and the suggestions' docks, the reader, dialogs
         "explorer.gui.lens_view", "explorer.gui.metrics_panel", "explorer.gui.bloc_panel", "explorer.app.lenses",
         "explorer.gui.reader", "explorer.gui.reader_parts", "explorer.gui.find_delegate", "explorer.gui.judging",
         "explorer.gui.theme_style", "explorer.gui.suggestions_panel", "explorer.gui.import_dialog",
         "explorer.gui.row_text", "explorer.app.views", "explorer.app.curation", "explorer.core.creators",
         "explorer.gui.briefing_export",
         # also made after it: the Problems and Re-anchoring docks, Back and Forward, the canvas menus and
         # options, View › Layout's entries; and what opening, paths and an endpoint's time window need
         "explorer.gui.problems_panel", "explorer.gui.reanchoring", "explorer.gui.view_history",
         "explorer.app.view_history", "explorer.gui.canvas_menus", "explorer.app.canvas_menu",
         "explorer.gui.layout_menu", "explorer.app.layouts", "explorer.core.layouts", "explorer.app.opening",
         "explorer.core.network", "explorer.core.server_window",
         # stdlib the first frame does without
         "calendar", "importlib.resources")

#: Builds and shows the window as `explorer` does, looks for recovered curations, and reports which of
#: the heavy modules were imported by the time the first frame was drawn.
PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
import explorer.gui.main_window as mw
app = QApplication(sys.argv[:1])
window = mw.MainWindow()
window.curation.recoveries()
def painted():
    print(json.dumps(sorted(m for m in HEAVY if m in sys.modules)), flush=True)
    app.exit(0)
window.windowPainted.connect(painted)
window.show()
app.exec()
"""


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "EXPLORER_"))}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_RUNTIME_DIR=str(tmp_path),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return env


def test_the_first_frame_needs_none_of_the_heavy_libraries(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", f"HEAVY = {HEAVY!r}\n" + PROBE], env=_environment(tmp_path),
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_window_is_painted_empty_then_the_graph_appears(qtbot, kb) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.start()
    assert "Loading the bundled graph" in win.statusBar().currentMessage()
    seen: list[str] = []
    win.windowPainted.connect(lambda: seen.append(f"window painted, graph loaded: {win.session.kb is not None}"))
    win.graphShown.connect(lambda: seen.append("graph shown"))
    win.graphPainted.connect(lambda: seen.append("graph painted"))
    with qtbot.waitSignal(win.graphPainted, timeout=60000):
        win.show()
    assert seen == ["window painted, graph loaded: False", "graph shown", "graph painted"]
    assert win.painted
    assert len(win.scene.nodes) == len(kb.actors)
    assert "bundled graph" in win.windowTitle()


def test_the_load_waits_for_the_first_frame(qtbot) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.start(recover=False)
    QApplication.processEvents()  # pending events run, but the window is not shown: nothing is read yet
    assert not win.painted and not win.jobs.busy and win.session.kb is None
    with qtbot.waitSignal(win.graphShown, timeout=60000):
        win.show()


def test_a_window_that_is_never_painted_loads_all_the_same(qtbot) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.graphShown, timeout=60000):
        win.start(recover=False)
    assert not win.painted and win.session.kb is not None


def test_explorer_prints_its_first_paint_then_its_graph_and_pictures_the_graph(tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    env = _environment(tmp_path)
    env.update(EXPLORER_EXIT_AFTER_FIRST_PAINT="1", EXPLORER_SCREENSHOT=str(shot))
    done = subprocess.run([sys.executable, "-m", "explorer"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line.split() for line in done.stdout.splitlines() if line.strip()]
    assert [words[0] for words in lines] == ["first-paint", "graph-painted"], done.stdout
    first, graph = (float(words[1]) for words in lines)
    assert 0 < first <= graph
    picture = QImage(str(shot))
    assert not picture.isNull() and picture.width() > 400
