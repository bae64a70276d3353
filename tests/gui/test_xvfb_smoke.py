"""The real thing: the app on a real X server (Xvfb) with Qt's xcb platform, until its first paint."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAUNCH = "from explorer.gui.app import run; raise SystemExit(run())"


@pytest.fixture()
def x_display() -> Iterator[str]:
    """A private Xvfb; it picks a free display number itself and reports it once it is ready."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (Debian package: xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as ready:
            number = ready.readline().strip()  # blocks until the server accepts connections
        if not number:
            server.kill()
            pytest.skip(
                "Xvfb did not start: " + server.communicate(timeout=10)[1].decode(errors="replace")[-300:]
            )
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.mark.xvfb
def test_the_app_paints_its_first_frame_on_a_real_x_server(x_display: str, tmp_path: Path) -> None:
    shot = tmp_path / "first-paint.png"
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(
        DISPLAY=x_display,
        QT_QPA_PLATFORM="xcb",
        EXPLORER_EXIT_AFTER_FIRST_PAINT="1",
        EXPLORER_SCREENSHOT=str(shot),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_RUNTIME_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("first-paint")]
    assert len(lines) == 1 and re.fullmatch(r"first-paint \d+\.\d{3}", lines[0]), done.stdout
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
