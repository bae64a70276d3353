"""The desktop window's entry, for the command line (explorer.cli) and the window's own start (explorer.start)."""

from __future__ import annotations

from collections.abc import Callable

from explorer.core.errors import ExplorerError


def window_runner() -> Callable[..., int]:
    """explorer.gui.app.run, or the error that says the window cannot be had here (PySide6 missing)."""
    try:
        from explorer.gui.app import run
    except ImportError as exc:
        raise ExplorerError(f"the desktop window is not available: {exc}",
                            hint="install PySide6, or use `explorer export|validate|stats`") from None
    return run
