"""How a changed quote's wording differs from the recorded one, word by word, so the two can be shown
side by side (the Re-anchoring dock) with what was removed and what was added marked."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html import escape

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    """One stretch of the comparison: ``kind`` is "same", "removed" (old only), "added" (new only)."""

    kind: str
    text: str


def compare(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """The old wording and the new, each cut into pieces the other shares or lacks (word level)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    left: list[Piece] = []
    right: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(Piece("same", "".join(a[i1:i2])))
            right.append(Piece("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(Piece("added", "".join(b[j1:j2])))
    return left, right


#: How each kind of piece is marked in the HTML the dock shows.
STYLES = {"same": "", "removed": "background-color:rgba(220,60,60,0.28);text-decoration:line-through;",
          "added": "background-color:rgba(40,170,80,0.30);"}


def as_html(pieces: list[Piece]) -> str:
    """The pieces as HTML: text escaped, changed stretches marked (colour and, for removals, a strike)."""
    out = []
    for piece in pieces:
        text = escape(piece.text)
        out.append(f'<span style="{STYLES[piece.kind]}">{text}</span>' if STYLES[piece.kind] else text)
    return "".join(out)


__all__ = ["STYLES", "Piece", "as_html", "compare"]
