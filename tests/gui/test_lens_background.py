"""On a large graph the lens analysis runs on the job runner, not the GUI thread; the lens follows when done."""

from __future__ import annotations

import threading

import pytest

import explorer.app.lenses as lenses
import explorer.core.analysis as analysis  # the lens work imports `analyze` from here when it runs
from explorer.app.lens import Lens
from explorer.gui.main_window import MainWindow

ACTOR = "https://w3id.org/caucasus-explorer/actor/"


def test_a_large_graph_is_analysed_off_the_gui_thread(window: MainWindow, qtbot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lenses, "BACKGROUND_CLAIMS", 10)  # the bundled graph counts as large
    threads: list[threading.Thread] = []
    real = analysis.analyze

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "analyze", watched)
    window.session.__dict__.pop("_lens_analysis", None)
    window.session.set_lens(Lens(node_colour="community"))
    azerbaijan = window.scene.nodes[ACTOR + "Azerbaijan"]
    qtbot.waitUntil(lambda: azerbaijan.lens_coloured, timeout=20000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert lenses.kept_analysis(window.session) is not None
    window.session.set_lens(Lens(node_colour="bloc"))  # same claims, same method: the kept analysis serves
    qtbot.waitUntil(lambda: window.session.lens.node_colour == "bloc" and "bloc" in window.lenses.panel.legend.text())
    assert len(threads) == 1


def test_a_stale_background_analysis_is_dropped(window: MainWindow) -> None:
    work = lenses.analysis_work(window.session)
    found = work(lambda _f, _w: None, lambda: False)
    window.session.set_lens(Lens(method="leiden"))  # another method: another analysis
    assert not lenses.keep_analysis(window.session, found)
    window.session.set_lens(Lens())
    assert lenses.keep_analysis(window.session, found) and lenses.kept_analysis(window.session) is found[1]
