"""Fixtures for the curation core: documents on private copies of the curated data (never resources/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.core.curation import Document
from explorer.resources import curated_files


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """A copy of resources/data/ that tests may save over."""
    folder = tmp_path / "data"
    folder.mkdir()
    for path in curated_files():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture()
def doc(data_dir: Path) -> Document:
    files = sorted(data_dir.glob("*.ttl"), key=lambda p: (not p.name.startswith("articles"),
                                                          not p.name.startswith("actors"), p.name))
    return Document.from_files(files)
