"""`explorer export -o graph.png|graph.svg`: the picture File › Export › Picture draws, from the shell.

The graph is laid out as the window lays it out at first (the seeded default layout) and drawn by the
window's own scene, offscreen (no display needed), with the legend beside it unless ``--no-legend``, in
the light theme unless ``--theme dark``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

#: Output formats drawn as pictures rather than serialized: name -> (label, extension).
PICTURE_FORMATS = {"png": ("PNG picture", ".png"), "svg": ("SVG picture", ".svg")}


def picture_format(args: argparse.Namespace) -> str | None:
    """'png' or 'svg' when the command asks for a picture (by --format, or the output's extension)."""
    if getattr(args, "format", None):
        return args.format if args.format in PICTURE_FORMATS else None
    suffix = Path(args.output).suffix.lower() if getattr(args, "output", None) else ""
    return next((name for name, (_label, ext) in PICTURE_FORMATS.items() if ext == suffix), None)


def add_picture_options(export: argparse.ArgumentParser) -> None:
    export.add_argument("--no-legend", dest="legend", action="store_false",
                        help="PNG/SVG: leave out the legend beside the graph")
    export.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="PNG/SVG: the colours to draw in (default: light)")


def cmd_export_picture(args: argparse.Namespace, fmt: str, kb: Any, claims: list[str] | None) -> int:
    """Draw ``claims`` of ``kb`` (all when None) into ``args.output`` (given) as ``fmt``; an
    ExplorerError (exit 1) when it cannot be written."""
    from explorer.core.errors import ExplorerError

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed (nor used when there is one)
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication(sys.argv[:1])  # (kept by Qt until the process ends)
    from explorer.app.opening import compute_layout
    from explorer.core.filters import Visible
    from explorer.core.palette import THEMES
    from explorer.gui.graph.legend import LegendWidget
    from explorer.gui.graph.picture import write_picture
    from explorer.gui.graph.scene import GraphScene
    from explorer.gui.theme import apply_theme

    apply_theme(args.theme)
    try:
        chosen = list(kb.claims) if claims is None else list(claims)
        actors = frozenset(a for c in chosen for a in (kb.claims[c].subject, kb.claims[c].object))
        visible = Visible(actors if claims is not None else frozenset(kb.actors), tuple(chosen))
        scene = GraphScene()
        scene.set_graph(kb, compute_layout(kb), visible)
        legend = None
        if args.legend:
            legend = LegendWidget(None, header=False)  # (the whole legend, whatever the window chose)
            categories = sorted({kb.relations[kb.claims[c].predicate].category for c in chosen}, key=kb.label)
            from explorer.gui.style import category_colour

            legend.set_entries(sorted({kb.actors[a].kind for a in visible.actors if a in kb.actors}),
                               [(kb.label(c), category_colour(c)) for c in categories])
        path = Path(args.output)
        title = ", ".join(p.name for p in args.files) or "explorer: the bundled graph"
        # written whole or not at all: drawn beside the target (a new file: the umask's mode), then moved
        # over it (a replaced file keeps its own mode)
        if not path.parent.is_dir():
            raise ExplorerError(f"no such folder: {path.parent}", path=path)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        try:
            ok = write_picture(scene, partial, fmt, QColor(THEMES[args.theme].base), title, legend=legend)
            if not ok:
                raise ExplorerError("nothing to draw" if not chosen else "the picture could not be written",
                                    path=path)
            if path.exists():
                shutil.copymode(path, partial)
            os.replace(partial, path)
        except OSError as exc:
            raise ExplorerError(f"cannot write the picture: {exc.strerror or exc}", path=path) from None
        finally:
            partial.unlink(missing_ok=True)
    finally:
        apply_theme("system")  # (the process's application, as it was: tests share theirs)
    print(f"wrote {path} ({PICTURE_FORMATS[fmt][0]}, {path.stat().st_size:,} bytes"
          + (f", {len(chosen)} claims" if claims is not None else "") + ")", file=sys.stderr)
    return 0
