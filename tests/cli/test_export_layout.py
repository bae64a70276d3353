"""`explorer export --layout NAME [--centre ACTOR]`: GEXF positions by the chosen layout; misuse is exit 2."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explorer.cli import main

VIZ = "{http://www.gexf.net/1.2draft/viz}"


def _positions(path: Path) -> dict[str, tuple[float, float]]:
    out = {}
    for node in ET.parse(path).getroot().iter():
        if node.tag.endswith("}node"):
            viz = node.find(VIZ + "position")
            assert viz is not None
            out[node.get("label") or node.get("id")] = (float(viz.get("x")), -float(viz.get("y")))
    return out


def test_radial_export_puts_the_centre_in_the_middle(tmp_path: Path) -> None:
    radial, default = tmp_path / "radial.gexf", tmp_path / "default.gexf"
    assert main(["export", "-o", str(radial), "--layout", "radial", "--centre", "Russia"]) == 0
    assert main(["export", "-o", str(default)]) == 0
    at = _positions(radial)
    assert at["Russia"] == (0.0, 0.0)
    assert math.hypot(*at["Georgia"]) < math.hypot(*at["Kazakhstan"])  # a neighbour; two ties away
    assert at != _positions(default)


@pytest.mark.parametrize("argv", [["--layout", "radial"], ["--centre", "Russia"],
                                  ["--layout", "forceatlas2", "-f", "turtle"], ["--layout", "spiral"]])
def test_layout_misuse_is_a_usage_error(tmp_path: Path, capsys, argv: list[str]) -> None:
    try:
        code = main(["export", "-o", str(tmp_path / "out.gexf"), *argv])
    except SystemExit as stop:  # argparse's own refusals
        code = stop.code
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("explorer: error:")
    assert not (tmp_path / "out.gexf").exists()
