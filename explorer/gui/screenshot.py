"""Save a picture of the window with an actor selected (the README's screenshot).

    python -m explorer.gui.screenshot docs/screenshot.png --actor Russia --size 1600x1000
    python -m explorer.gui.screenshot docs/screenshot-dark.png --theme dark

Run it on a display (or under Xvfb with QT_QPA_PLATFORM=xcb); settings are not read or written.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--actor", default="Russia", help="actor to select (label or alias)")
    parser.add_argument("--claim", help="claim IRI to select in the evidence panel")
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--theme", choices=("system", "light", "dark"), default="system",
                        help="View › Theme for the picture")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="explorer-")
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from explorer.gui.main_window import MainWindow
    from explorer.gui.theme import apply_theme

    apply_theme(args.theme)

    window = MainWindow()
    window.resize(width, height)
    window.show()
    code = {"value": 1}

    def shoot() -> None:
        if window.grab().save(str(args.output)):
            code["value"] = 0
            print(f"wrote {args.output}")
        app.quit()

    def ready() -> None:
        window.find_actor(args.actor)
        window.view.fit()
        if args.claim:
            window.evidence.select_claim(args.claim)
        QTimer.singleShot(300, shoot)

    window.graphShown.connect(lambda: QTimer.singleShot(200, ready))
    window.load_bundled()
    app.exec()
    window.jobs.shutdown()
    return code["value"]


if __name__ == "__main__":
    raise SystemExit(main())
