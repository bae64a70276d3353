"""Answers a knowledge base's store would give, read ahead from the parsed files.

A first open through the cache of large files (explorer.core.cache) shows the graph while a child process
still writes its store; what the window asks right after (the PLOVER coding for the lenses, the articles'
recorded hashes for re-anchoring, who made each passage) is gathered from the parsed quads instead
(explorer.core.stream_index) and kept here, per knowledge base, so that nothing on the GUI thread waits for
the store. A knowledge base without a kept answer asks its store as before.
"""

from __future__ import annotations

import weakref
from typing import Any

#: The kept answers of each knowledge base, by name.
_KEPT: weakref.WeakKeyDictionary[object, dict[str, Any]] = weakref.WeakKeyDictionary()
#: Passage -> who made it (explorer.core.creators.passage_creators; also kept from a cache entry's snapshot).
PASSAGE_CREATORS = "passage-creators"
#: The store holding the few quads the PLOVER coding's queries read (explorer.core.analysis.coding).
CODING_QUADS = "coding-quads"
#: Every (subject, SHA-256) pair of ``schema:sha256`` (explorer.core.anchoring.stale_texts).
RECORDED_HASHES = "recorded-hashes"


def keep(kb: object, name: str, value: Any) -> None:
    """Keep ``value`` as ``kb``'s answer to ``name``."""
    _KEPT.setdefault(kb, {})[name] = value


def kept(kb: object, name: str) -> Any | None:
    """``kb``'s kept answer to ``name``, or None (ask its store)."""
    try:
        return _KEPT.get(kb, {}).get(name)
    except TypeError:  # (a stand-in that cannot be weakly referenced)
        return None
