"""A section of benchmarks/RESULTS.md written by a benchmark of its own (not the harness of run.py)."""

from __future__ import annotations

import datetime
import platform
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def heading(header: str, command: str) -> str:
    """A section's first line: its header, when (UTC), the machine and the command that wrote it."""
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"{header} ({when}, {platform.machine()}, `{command}`)"


def write_section(header: str, section: str, results: Path = RESULTS) -> None:
    """Put ``section`` in place of the one starting with ``header``, or first when there is none: a new
    run replaces its own figures and leaves the others."""
    text = results.read_text(encoding="utf-8")
    start = text.find(header)
    if start >= 0:
        end = text.find("\n### ", start + 1)
        text = text[:start] + section + (text[end + 1:] if end >= 0 else "")
    else:
        first = text.find("\n### ")
        text = text[:first + 1] + "\n" + section + text[first:] if first >= 0 else text + "\n" + section
    results.write_text(text, encoding="utf-8")
