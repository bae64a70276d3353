"""The installed console script finds its bundled data from anywhere (run from a temporary folder).

In CI the package is installed non-editable into a fresh venv (see .ci/run), so this also proves
that the wheel carries seeds/ and resources/ and that explorer.resources finds them there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import rdflib


def _console_script() -> str:
    beside = Path(sys.executable).with_name("explorer")
    found = str(beside) if beside.exists() else shutil.which("explorer")
    assert found, "the explorer console script is installed"
    return found


def test_installed_copy_exports_and_validates_the_bundled_graph(tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    export = subprocess.run([_console_script(), "export", "-o", str(out)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert export.returncode == 0, export.stderr
    assert len(rdflib.Graph().parse(out, format="turtle")) > 5000
    check = subprocess.run([_console_script(), "validate"], cwd=tmp_path, capture_output=True, text=True,
                           timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no problems" in check.stdout


def test_bundle_is_found_where_the_package_lives(tmp_path: Path) -> None:
    code = "import explorer, explorer.resources as r; print(explorer.__file__); print(r.bundle_root())"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    package_file, bundle = result.stdout.split()
    package_dir = Path(package_file).parent
    if "site-packages" in package_file:  # a real (non-editable) install: data travels inside the package
        assert Path(bundle) == package_dir / "_bundled"
    else:  # a checkout or editable install: data sits beside the package
        assert Path(bundle) == package_dir.parent
    assert (Path(bundle) / "seeds" / "000_604db0fb33f42b23.txt").is_file()
    assert (Path(bundle) / "resources" / "vocab.ttl").is_file()
