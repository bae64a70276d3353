"""Data shared by the curation-policy tests (a module of its own, never imported from a conftest: collecting
several test folders together would find two modules called conftest)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Spec:
    """An actor described in a dialog (the shape of the dialogs' ActorSpec, without Qt)."""

    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Form:
    """A claim dialog's answer (the shape of the dialogs' ClaimForm, without Qt)."""

    subject: str | Spec
    predicate: str
    object: str | Spec
    event_date: str | None = None
    asserted_by: str | None = None
