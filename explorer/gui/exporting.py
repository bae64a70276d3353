"""File > Export: the whole or shown graph as RDF, GraphML or GEXF (written in the background), and the
picture as PNG or SVG. Which claims an export holds is the session's: the shown ones, or all."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QFileDialog

from explorer.core.errors import ExplorerError
from explorer.gui.settings import app_settings, last_folder, remember_folder

if TYPE_CHECKING:
    from explorer.gui.host import WindowHost

NETWORK_FORMATS = {"graphml": ("GraphML (*.graphml)", ".graphml"), "gexf": ("GEXF (*.gexf)", ".gexf")}


class Exporting(QObject):
    """The export flows of one window."""

    done = Signal(str)  # the file written
    failed = Signal(str)  # what went wrong

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        #: File › Export's options for pictures, remembered: the legend beside the graph (on by default),
        #: and the selection's highlights (off: a picture shows the graph, not where the user clicked).
        self.legend_option = self._option("Picture with &Legend", "export/pictureLegend", True,
                                          "PNG and SVG pictures have the legend beside the graph")
        self.highlights_option = self._option("Picture with Selection &Highlights", "export/pictureHighlights",
                                              False, "PNG and SVG pictures keep the selection's dimming and halos")

    def _option(self, text: str, key: str, default: bool, tip: str) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setChecked(str(app_settings().value(key, default)).lower() not in ("false", "0"))
        action.setStatusTip(tip)
        action.toggled.connect(lambda on: app_settings().setValue(key, on))
        return action

    @property
    def window(self) -> WindowHost:
        """The window these flows belong to: their Qt parent (no Python reference, so no cycle)."""
        return cast("WindowHost", self.parent())

    def ask_path(self, title: str, name: str, file_filter: str) -> Path | None:
        """A save dialog in the last folder used (tests replace this: a dialog waits for the user)."""
        path, _chosen = QFileDialog.getSaveFileName(self.window, title, str(Path(last_folder()) / name), file_filter)
        if not path:
            return None
        remember_folder(Path(path).parent)
        return Path(path)

    def base_name(self) -> str:
        sources = self.window.session.sources
        return "caucasus-explorer" if not sources else sources[0].stem

    def ask_turtle(self, shown: bool) -> None:
        session = self.window.session
        if session.kb is None:
            return
        name = self.base_name() + ("-shown.ttl" if shown else ".ttl")
        path = self.ask_path("Export Shown Graph as Turtle" if shown else "Export Graph as Turtle", name,
                             "Turtle (*.ttl)")
        if path is not None:
            self.export(path, "turtle", list(session.visible.claims) if shown else None)

    def ask_network(self, fmt: str) -> None:
        session = self.window.session
        if session.kb is None:
            return
        label, ext = NETWORK_FORMATS[fmt]
        path = self.ask_path(f"Export as {fmt.upper()}", self.base_name() + ext, label)
        if path is not None:
            self.export(path, fmt, list(session.visible.claims) if session.filters.active else None)

    def export(self, path: Path, fmt: str, claims: list[str] | None) -> None:
        """Write ``claims`` (all when None) with their evidence, in the background."""
        from explorer.core.export import export_to

        kb = self.window.session.kb
        assert kb is not None
        # GEXF and GraphML carry the picture: the actors where the window draws them (read here, on the GUI
        # thread; the export runs off it)
        positions = ({iri: (node.scenePos().x(), node.scenePos().y()) for iri, node in self.window.scene.nodes.items()}
                     if fmt in NETWORK_FORMATS else None)
        self.window.jobs.start(
            "exporting",
            lambda progress, _c: (export_to(kb, path, fmt, claims, progress=progress,  # type: ignore[arg-type]
                                            positions=positions), path)[1],
            on_done=self._exported,
            on_failed=self._failed,
        )

    def _exported(self, path: Path) -> None:
        self.window.statusBar().showMessage(f"Wrote {path}", 6000)
        self.done.emit(str(path))

    def _failed(self, error: ExplorerError) -> None:
        self.window.show_error("Cannot export", str(error))
        self.failed.emit(str(error))

    def ask_picture(self, fmt: str) -> None:
        if self.window.session.kb is None:
            return
        label = "PNG image (*.png)" if fmt == "png" else "SVG drawing (*.svg)"
        path = self.ask_path(f"Export Picture as {fmt.upper()}", f"{self.base_name()}.{fmt}", label)
        if path is not None:
            self.picture(path, fmt)

    def picture(self, path: Path, fmt: str) -> bool:
        """Draw the graph as shown (filters; the highlights and legend as the options say) into a PNG or
        SVG file."""
        from explorer.gui.graph.picture import write_picture

        window = self.window
        background = window.view.palette().color(QPalette.ColorRole.Base)
        if window.scene.graph_rect().isEmpty():
            return False
        ok = write_picture(window.scene, path, fmt, background, window.windowTitle(),
                           legend=window.view.legend.for_picture() if self.legend_option.isChecked() else None,
                           highlights=self.highlights_option.isChecked())
        window.view.plan_labels()
        if not ok or not path.exists():
            window.show_error("Cannot export", f"{path}: the picture could not be written")
            self.failed.emit(str(path))
            return False
        window.statusBar().showMessage(f"Wrote {path}", 6000)
        self.done.emit(str(path))
        return True
