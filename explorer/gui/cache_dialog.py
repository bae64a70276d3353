"""File > Cache of Large Files: how much the cache of large files holds, and emptying it.

The cache (explorer.core.cache) keeps each file of 16 MB or more ready on disk so it opens again at once.
The box names the folder and its size; Clear empties it on a worker (deleting hundreds of megabytes is
disk work) and says how much was freed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtWidgets import QMessageBox

from explorer.cache_cli import human

#: The window (typed loosely: this module must not import the window module that imports it).
Window = Any
TITLE = "Cache of Large Files"


def cache_folders(sources: list[Path]) -> list[Path]:
    """The user's cache folder, and the open workspace's when the graph comes from one."""
    from explorer.core import cache  # not before the first frame: it brings the RDF libraries

    folders = [cache.user_cache_folder()]
    if sources:
        own = cache.cache_folder(sources)
        if own not in folders:
            folders.append(own)
    return folders


def describe(folders: list[Path]) -> str:
    from explorer.core import cache

    lines = [f"Files of {human(cache.THRESHOLD)} or more are kept ready on disk, so that they open again "
             "at once (a changed file is read afresh)."]
    for folder in folders:
        used = cache.usage(folder)
        lines.append(f"\n{folder}\n{human(used.bytes)} in {used.entries} "
                     f"entr{'y' if used.entries == 1 else 'ies'}")
    return "\n".join(lines)


def show_cache_box(window: Window) -> None:
    """The box with the folders and sizes, and a Clear button."""
    from explorer.core import cache

    folders = cache_folders(list(window.session.sources))
    box = QMessageBox(QMessageBox.Icon.Information, TITLE, describe(folders), QMessageBox.StandardButton.Close,
                      window)
    clear = box.addButton("&Clear Cache", QMessageBox.ButtonRole.DestructiveRole)
    clear.setToolTip("Delete every entry: large files are read afresh the next time they open")
    clear.setEnabled(any(cache.usage(f).bytes for f in folders))
    box.exec()
    if box.clickedButton() is clear:
        clear_in_background(window, folders)


def clear_in_background(window: Window, folders: list[Path]) -> None:
    from explorer.core import cache

    def work(progress: Any, _cancel: Any) -> tuple[int, int]:
        freed = busy = 0
        for i, folder in enumerate(folders):
            progress(i / len(folders), f"clearing {folder}")
            one, other = cache.clear(folder)
            freed, busy = freed + one, busy + other
        return freed, busy

    def done(result: object) -> None:
        freed, busy = cast(tuple[int, int], result)
        window.statusBar().showMessage(f"Cache cleared: {human(freed)} freed"
                                       + (f" ({busy} being built by another window left alone)" if busy else ""),
                                       6000)
    window.jobs.start("clearing the cache", work, on_done=done)
