"""The explorer's settings: where QSettings live, the recent files, the last folder used, the window's
geometry and docks. Tests point QSettings' default format at a temporary folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "explorer"
APPLICATION = "explorer"
MAX_RECENT = 8


def app_settings() -> QSettings:
    """The explorer's settings (tests point the default format's path at a temporary folder)."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def last_folder() -> str:
    """The folder of the last file opened or saved (the home folder at first)."""
    return str(app_settings().value("lastDirectory", str(Path.home())))


def remember_folder(path: Path) -> None:
    app_settings().setValue("lastDirectory", str(path))


def recent_files() -> list[list[str]]:
    """The graphs opened lately, newest first, each as its list of file paths."""
    value = app_settings().value("recentFiles", [])
    entries = [value] if isinstance(value, str) else list(value or [])
    return [str(e).split("\n") for e in entries if e]


def remember_recent(paths: Sequence[Path]) -> None:
    entry = "\n".join(str(p.resolve()) for p in paths)
    entries = ["\n".join(e) for e in recent_files()]
    entries = [entry] + [e for e in entries if e != entry]
    app_settings().setValue("recentFiles", entries[:MAX_RECENT])


def clear_recent() -> None:
    app_settings().setValue("recentFiles", [])


def size_class(width: int, height: int) -> str:
    """The class of a screen of ``width`` × ``height`` (its available pixels): the window keeps its
    geometry and docks per class, so a layout made on a wide monitor does not squeeze a laptop's canvas."""
    if width < 1280 or height < 800:
        return "small"
    return "large" if width >= 1920 and height >= 1080 else "medium"


def restore_last_view() -> bool:
    """Whether a graph opened again comes back as the window left it (on by default)."""
    return str(app_settings().value("views/restoreLast", True)).lower() not in ("false", "0")


def set_restore_last_view(on: bool) -> None:
    app_settings().setValue("views/restoreLast", on)
