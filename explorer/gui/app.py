"""Start the desktop explorer: ``run()`` creates the application, shows the window and runs the loop.

The window is shown and painted first (an empty graph view, the status bar saying what is loading);
only then does the work start: a curation autosaved by a session that crashed is offered for
restoring, else the graph is loaded in the background and appears when it is laid out.

Environment switches (for benchmarks and smoke tests):
- ``EXPLORER_EXIT_AFTER_FIRST_PAINT=1``: print ``first-paint <seconds since process start>`` when the
  window's first frame is drawn, then ``graph-painted <seconds>`` when the first frame with the graph
  is, and quit with exit code 0;
- ``EXPLORER_SCREENSHOT=path``: once the graph has been painted, save a picture of the window there.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.remote.endpoint import Endpoint
    from explorer.core.server_window import ServerWindow

_IMPORTED = time.monotonic()


def process_age() -> float:
    """Seconds since this process started (from /proc where there is one, else since this import)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(uptime - started, 0.0)
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED


def run(argv: list[str] | None = None, files: Sequence[Path] = (), *, endpoint: Endpoint | None = None,
        limit: int | None = None, text_folders: Sequence[Path] = (), time_window: ServerWindow | None = None) -> int:
    """The window on ``files`` (the bundled graph when none), or on the first screen of ``endpoint`` (only
    its claims in ``time_window`` when given): one start-up path for both."""
    # Start-up makes long-lived objects only (modules, classes, widgets): the cyclic garbage collector
    # would scan them again and again for nothing. It is paused until the window has been painted.
    collecting = gc.isenabled()
    gc.disable()

    # The session's Qt-free modules first: once PySide is imported, it reads the source of every module
    # imported after it (looking for its __feature__ switches), about 0.06 ms each
    import explorer.app.present  # noqa: F401

    # isort: split
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.gui.main_window import START_FALLBACK_MS, MainWindow
    from explorer.gui.settings import APPLICATION, ORGANISATION

    app = QApplication.instance() or QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("explorer")
    app.setDesktopFileName("explorer")
    from explorer.gui.theme import apply_theme, chosen_theme

    if chosen_theme() != "system":  # View › Theme, as the user left it
        apply_theme(chosen_theme())
    window = MainWindow()

    def resume_collection() -> None:
        if collecting:
            gc.enable()

    window.windowPainted.connect(resume_collection)
    QTimer.singleShot(START_FALLBACK_MS, resume_collection)  # a window never painted collects all the same
    exit_after = os.environ.get("EXPLORER_EXIT_AFTER_FIRST_PAINT") == "1"
    screenshot = os.environ.get("EXPLORER_SCREENSHOT")
    if exit_after:
        window.windowPainted.connect(lambda: print(f"first-paint {process_age():.3f}", flush=True))
    if exit_after or screenshot:

        def graph_painted() -> None:
            if exit_after:
                print(f"graph-painted {process_age():.3f}", flush=True)
            if screenshot:
                window.grab().save(screenshot)
            if exit_after:
                QTimer.singleShot(0, lambda: app.exit(0))

        window.graphPainted.connect(graph_painted)
    window.show()
    # A curation left unsaved by a crash is offered first (not in the unattended benchmark and screenshot runs).
    window.start(files, recover=not (exit_after or screenshot or endpoint), endpoint=endpoint, limit=limit,
                 text_folders=text_folders, time_window=time_window)
    code = app.exec()
    resume_collection()
    window.jobs.shutdown()
    return code
