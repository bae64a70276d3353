"""A PDF's pages made one running text: the lines a PDF repeats on every page (running headers and
footers, page numbers) are not the article, and a paragraph that runs on past a page break is one
paragraph, not two with the page furniture between them.

A line is a running line when it is among the first or last :data:`EDGE_LINES` lines of a page and the
same short line (digits aside, so "Page 3" matches "Page 4") stands at that edge of at least half the
pages (and of two); a longer line, which is more likely a sentence of the text, only when it stands there
on every page of three or more; a bare page number ("7", "Page 7", "7 of 12", "- 7 -") at a page's edge
always is.
"""

from __future__ import annotations

import math
import re
from collections import Counter

#: How many lines at the top and at the bottom of a page may be a running header or footer.
EDGE_LINES = 3

PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
#: How a paragraph that is finished ends; one that ends otherwise, before a page that starts with a
#: lower-case word, runs on to that page.
FINISHED = re.compile(r"[.!?:;\"”’)\]]$")


#: Lines up to this long are compared digits aside ("Page 3", "Brief 7/2024, p. 4"); longer ones, which
#: are sentences of the text more likely than furniture, only when they are the very same.
SHORT_LINE = 60


def _key(line: str) -> str:
    line = re.sub(r"\s+", " ", line).strip()
    return (re.sub(r"\d+", "#", line) if len(line) <= SHORT_LINE else line).casefold()


def _edges(lines: list[str]) -> tuple[list[int], list[int]]:
    """The indexes of a page's first and last few non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:EDGE_LINES], filled[-EDGE_LINES:]


def drop_running_lines(pages: list[str]) -> list[str]:
    """The pages' texts without their running headers, footers and page numbers (blank lines kept, so
    the paragraphs still part where they did)."""
    split = [page.splitlines() for page in pages]
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in split:
        head, tail = _edges(lines)
        top.update({_key(lines[i]) for i in head})
        bottom.update({_key(lines[i]) for i in tail})
    least = max(2, math.ceil(len(pages) / 2))

    def running(line: str, seen: Counter[str]) -> bool:
        n = seen[_key(line)]
        return n >= least if len(line.strip()) <= SHORT_LINE else n == len(pages) >= 3

    out = []
    for lines in split:
        head, tail = _edges(lines)
        gone = {i for i in head if running(lines[i], top)} | {i for i in tail if running(lines[i], bottom)}
        gone |= {i for i in head + tail if PAGE_NUMBER.match(lines[i].strip())}
        out.append("\n".join("" if i in gone else line for i, line in enumerate(lines)))
    return out


def join_pages(pages: list[list[str]]) -> list[str]:
    """The pages' paragraphs in one list, a paragraph cut by a page break joined again (a word hyphenated
    over the break too)."""
    out: list[str] = []
    for paragraphs in pages:
        rest = list(paragraphs)
        if out and rest and not FINISHED.search(out[-1]) and rest[0][:1].islower():
            first = rest.pop(0)
            out[-1] = out[-1][:-1] + first if out[-1].endswith("-") else f"{out[-1]} {first}"
        out.extend(rest)
    return out


__all__ = ["EDGE_LINES", "drop_running_lines", "join_pages"]
