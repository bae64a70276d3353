"""The one error type users see: it names the file, the line and what is wrong."""

from __future__ import annotations

from pathlib import Path


class ExplorerError(Exception):
    """A problem with the user's input or environment, worded for the user."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None,
                 column: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def location(self) -> str:
        parts = [self.path] if self.path else []
        if self.line is not None:
            parts.append(f"line {self.line}")
            if self.column is not None:
                parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class Cancelled(Exception):  # noqa: N818 - a signal, not an error the user made
    """Raised inside long work when the user pressed cancel."""
