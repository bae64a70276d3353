"""The knowledge base's indexes as plain columns, written once and read back fast (the cache's second open).

pickle restores a frozen record by setting each field through ``object.__setattr__``: 2.2 s for the records of
100 000 claims. Here each kind of record is a list of rows of plain values (strings, numbers, None, tuples),
written with :mod:`marshal` (which keeps one copy of a string named many times over); reading makes each
record through a draft class with the same slots whose ``__init__`` assigns plainly, then gives it the
frozen class (as :func:`explorer.core.model.evidence_context` does). The indexes over the records (claims
of an actor, passages of a claim) are rebuilt from them, in the order the knowledge base had.
"""

from __future__ import annotations

import dataclasses
import marshal
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from explorer.core.evidence import ArticleTexts
from explorer.core.knowledge import KnowledgeBase, KnowledgeRecords
from explorer.core.model import Actor, Agent, Article, Category, Claim, Evidence, Relation
from explorer.core.store import Store

#: Bump when what is written changes: an older snapshot is then rebuilt, never read.
SNAPSHOT_FORMAT = 1
#: The record tables of a knowledge base and the class of their records.
TABLES: dict[str, type] = {"actors": Actor, "relations": Relation, "categories": Category, "claims": Claim,
                           "evidence": Evidence, "articles": Article, "agents": Agent}


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _maker(cls: type) -> Callable[..., Any]:
    """A function making a ``cls`` record from its field values in order, with plain assignments."""
    names = _fields(cls)
    draft = dataclasses.make_dataclass(f"_{cls.__name__}Draft", names, slots=True)
    set_class = object.__setattr__

    def make(*values: Any) -> Any:
        record = draft(*values)
        set_class(record, "__class__", cls)
        return record
    return make


def dumps(kb: KnowledgeBase) -> bytes:
    """The records of ``kb`` and the order of its indexes, as bytes."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for name, cls in TABLES.items():
        names = _fields(cls)
        tables[name] = [tuple(getattr(record, f) for f in names) for record in getattr(kb, name).values()]
    return marshal.dumps({"format": SNAPSHOT_FORMAT, "tables": tables, "claims_of": dict(kb._claims_of),
                          "search": kb._search}, 4)


def loads(data: bytes, store: Store, texts: ArticleTexts | None = None, sources: Iterable[Path] = ()
          ) -> KnowledgeBase:
    """A knowledge base over ``store`` with the records of ``data`` (from :func:`dumps`); ValueError when
    ``data`` is not a snapshot of this format (truncated, corrupt or older)."""
    try:
        state = marshal.loads(data)
        if not isinstance(state, dict) or state.get("format") != SNAPSHOT_FORMAT:
            raise ValueError("not a knowledge-base snapshot of this format")
        kb = KnowledgeBase.__new__(KnowledgeBase)
        KnowledgeRecords.__init__(kb, store, texts, sources)
        for name, cls in TABLES.items():
            make = _maker(cls)
            table: dict[str, Any] = getattr(kb, name)
            for row in state["tables"][name]:
                table[row[0]] = make(*row)
        claims = kb.claims
        kb._claims_of = defaultdict(list, state["claims_of"])
        kb._claim_records_of = defaultdict(list, {a: [claims[c] for c in iris]
                                                  for a, iris in kb._claims_of.items()})
        evidence = kb.evidence
        kb._evidence_records = {c.iri: tuple([evidence[e] for e in c.evidence])
                                for c in claims.values() if c.evidence}
        kb._search = [tuple(pair) for pair in state["search"]]
        kb._progress = kb._should_cancel = None
    except (EOFError, TypeError, KeyError, IndexError) as exc:
        raise ValueError(f"not a readable knowledge-base snapshot: {exc}") from None
    return kb
