"""Folding names for search, case and accents aside: a module of its own so that Find's list can be
built without importing the knowledge base (the window's first frame does not need it)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search: 'Türkiye' matches 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
