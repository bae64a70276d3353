"""`explorer export -o graph.png|svg`: the window's picture from the shell (the legend beside the graph
unless --no-legend), byte-identical from run to run, with the user's permissions."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtGui import QImage

from explorer.cli import main
from explorer.gui.graph.picture import LEGEND_GAP, PNG_PIXEL_RATIO

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_a_png_of_the_graph_with_its_legend_beside_it(qtbot, tmp_path: Path, capsys) -> None:
    with_legend, bare = tmp_path / "graph.png", tmp_path / "bare.png"
    assert main(["export", "-o", str(with_legend)]) == 0
    assert "wrote" in capsys.readouterr().err
    assert main(["export", "-o", str(bare), "--no-legend"]) == 0
    shown, plain = QImage(str(with_legend)), QImage(str(bare))
    assert not shown.isNull() and not plain.isNull()
    extra = (shown.width() - plain.width()) / PNG_PIXEL_RATIO - 2 * LEGEND_GAP
    assert 150 < extra < 600  # the legend's width
    assert shown.copy(0, 0, plain.width(), plain.height()) == plain  # the graph itself as without it
    again = tmp_path / "again.png"
    assert main(["export", "-o", str(again)]) == 0
    assert again.read_bytes() == with_legend.read_bytes()


def test_an_svg_of_one_actor_s_claims_in_the_dark_theme(qtbot, tmp_path: Path) -> None:
    out = tmp_path / "csto.svg"
    assert main(["export", "--actor", "CSTO", "-o", str(out), "--theme", "dark"]) == 0
    text = out.read_text()
    assert "CSTO" in text and "Armenia" in text and "Nabucco" not in text
    assert "organisation" in text  # the legend
    assert "#1e1e1e" in text.lower()  # the dark canvas
    assert main(["export", "--actor", "CSTO", "--format", "svg", "-o", str(tmp_path / "x.drawing")]) == 0


def test_pictures_get_the_users_permissions(qtbot, tmp_path: Path, umask: int) -> None:
    out = tmp_path / "graph.png"
    assert main(["export", str(FIXTURES / "valid.ttl"), "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o604)
    assert main(["export", str(FIXTURES / "valid.ttl"), "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o604  # a replaced file keeps its own
    assert [p.name for p in tmp_path.iterdir()] == ["graph.png"]  # nothing half-written left beside it


def test_picture_user_errors(qtbot, tmp_path: Path, capsys) -> None:
    assert main(["export", "--format", "png"]) == 2  # a picture needs a file
    assert "needs an output file" in capsys.readouterr().err
    missing = tmp_path / "missing" / "graph.png"
    assert main(["export", "-o", str(missing)]) == 1
    err = capsys.readouterr().err
    assert str(missing) in err and "no such folder" in err and len(err.strip().splitlines()) == 1
    assert main(["export", "-o", str(tmp_path / "graph.xyz")]) == 2
    assert ".png, .svg" in capsys.readouterr().err
