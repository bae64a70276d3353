"""Shared fixtures. Qt runs offscreen for the whole suite unless a test starts its own X server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Large files open through the cache of large files (explorer.core.cache): never the user's own cache folder.
os.environ.setdefault("EXPLORER_CACHE_DIR", __import__("tempfile").mkdtemp(prefix="explorer-test-cache-"))

from explorer.core.knowledge import KnowledgeBase
from explorer.core.loading import load_bundled

ROOT = Path(__file__).resolve().parent.parent
ACTOR = "https://w3id.org/caucasus-explorer/actor/"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once (treat as read-only)."""
    return load_bundled()


@pytest.fixture()
def fresh_kb() -> KnowledgeBase:
    """A private copy of the bundled knowledge base that a test may change."""
    return load_bundled()


@pytest.fixture()
def settings_dir(tmp_path: Path) -> Path:
    """Empty Qt settings of the test's own (never the user's): the windows' and the curation's. The Qt
    test folders use it for every test (an autouse fixture there; hypothesis tests elsewhere refuse
    function-scoped fixtures)."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process umask set for one test, and restored after it."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)
