"""Data shared by the curation-policy tests (a module of its own, never imported from a conftest: collecting
several test folders together would find two modules called conftest)."""

from __future__ import annotations

import shutil
from pathlib import Path

from explorer.resources import curated_files

NS = "https://w3id.org/caucasus-explorer/"
ACTOR, CX, ARTICLE, CLAIM = NS + "actor/", NS + "vocab#", NS + "article/", NS + "claim/"
A003 = ARTICLE + "a003"


def copy_curated(folder: Path) -> list[Path]:
    """A private copy of resources/data/ (articles, actors, then claims), which a test may save over."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in curated_files():
        shutil.copy(path, folder / path.name)
    return [folder / p.name for p in curated_files()]
