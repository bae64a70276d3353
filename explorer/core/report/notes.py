"""The analyst's notes for a briefing, from a Markdown file: text before the first ``## NAME`` heading
opens the briefing; the text under ``## NAME`` follows the figure of the view (or actor) called NAME.
A small Markdown subset is rendered (paragraphs, ``-`` lists, ``**bold**``, ``*italic*``, ``###`` headings):
no library, and nothing the HTML could fetch."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from explorer.core.errors import ExplorerError


@dataclass(frozen=True)
class Notes:
    intro: str = ""
    sections: dict[str, str] = field(default_factory=dict)

    def for_section(self, title: str) -> str:
        return self.sections.get(title, "")


def parse_notes(text: str) -> Notes:
    intro: list[str] = []
    sections: dict[str, list[str]] = {}
    current = intro
    for line in text.splitlines():
        heading = re.match(r"^##\s+(.+?)\s*#*\s*$", line)
        if heading and not line.startswith("###"):
            current = sections.setdefault(heading.group(1), [])
            continue
        current.append(line)
    return Notes("\n".join(intro).strip(), {k: "\n".join(v).strip() for k, v in sections.items()})


def read_notes(path: Path) -> Notes:
    try:
        return parse_notes(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExplorerError("no such file", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExplorerError(f"cannot read the notes: {exc}", path=path) from None


def _inline(text: str) -> str:
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", out)


def markdown_html(text: str) -> str:
    """The notes as HTML (escaped: the notes cannot inject markup or links that load anything)."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append("<p>" + _inline(" ".join(paragraph)) + "</p>")
            paragraph.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            level = min(len(line) - len(line.lstrip("#")) + 2, 6)
            blocks.append(f"<h{level}>{_inline(line.lstrip('#').strip())}</h{level}>")
        elif line.startswith(("- ", "* ")):
            if paragraph:
                blocks.append("<p>" + _inline(" ".join(paragraph)) + "</p>")
                paragraph.clear()
            items.append(line[2:])
        else:
            paragraph.append(line)
    flush()
    return "\n".join(blocks)


def markdown_plain(text: str) -> list[tuple[str, str]]:
    """The notes as (style, text) lines for the PDF: 'h' headings, 'li' list items, 'p' paragraphs."""
    out: list[tuple[str, str]] = []
    paragraph: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        plain = re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), line.lstrip("#").strip())
        if not line or line.startswith("#") or line.startswith(("- ", "* ")):
            if paragraph:
                out.append(("p", " ".join(paragraph)))
                paragraph = []
            if line.startswith("#"):
                out.append(("h", plain))
            elif line.startswith(("- ", "* ")):
                out.append(("li", re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), line[2:])))
        else:
            paragraph.append(plain)
    return out
