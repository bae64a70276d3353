"""The knowledge base's indexes as plain columns, written once and read back fast (the cache's second open).

pickle restores a frozen record by setting each field through ``object.__setattr__``: 2.2 s for the records of
100 000 claims. Here each kind of record is a list of rows of plain values (strings, numbers, None, tuples),
written with :mod:`marshal` (which keeps one copy of a string named many times over); reading makes each
record through a draft class with the same slots whose ``__init__`` assigns plainly, then gives it the
frozen class (as :func:`explorer.core.model.evidence_context` does). The indexes over the records (claims
of an actor, passages of a claim) are rebuilt from them, in the order the knowledge base had.

The rows are written in frames of :data:`CHUNK_ROWS`, each its own ``marshal`` object behind its length:
one ``marshal.loads`` of the whole snapshot holds Python's lock for about 100 ms at 50 000 claims (a C call
the interpreter cannot interrupt), which froze the window opening the graph in its loading thread; a frame
loads in a millisecond or two, so the GUI thread gets its turns between them. The first frame names the
format, the last counts the frames: a snapshot cut short or garbled is refused (ValueError), never half read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import struct
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from explorer.core.creators import keep_passage_creators, passage_creators
from explorer.core.evidence import ArticleTexts
from explorer.core.knowledge import KnowledgeBase, KnowledgeRecords
from explorer.core.model import Actor, Agent, Article, Category, Claim, Evidence, Relation
from explorer.core.store import Store

#: Bump when what is written changes: an older snapshot is then rebuilt, never read.
SNAPSHOT_FORMAT = 2
#: Rows per frame: a frame of 2 000 claims loads in about a millisecond.
CHUNK_ROWS = 2_000
_LENGTH = struct.Struct("<I")
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


def _frame(value: Any) -> bytes:
    data = marshal.dumps(value, 4)
    return _LENGTH.pack(len(data)) + data


def _chunks(rows: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(rows), CHUNK_ROWS):
        yield rows[start:start + CHUNK_ROWS]


def _frames_of(kb: KnowledgeBase) -> Iterator[bytes]:
    """The frames of ``kb``'s snapshot: a header frame, frames of rows (``(part, rows)``: a table's name,
    ``search`` or ``creators``, who made each passage, read by a query that would otherwise run over the
    on-disk store when the window opens the graph), an end frame counting them. The claims of each actor
    are not written: they are the claims in order, as the knowledge base listed them (a busy actor's list
    would make one frame of megabytes)."""
    count = 1
    yield _frame({"format": SNAPSHOT_FORMAT})
    for name, cls in TABLES.items():  # (a frame's rows made as it is written: never a table's at once)
        names = _fields(cls)
        for chunk in _chunks(list(getattr(kb, name).values())):
            count += 1
            yield _frame((name, [tuple(getattr(record, f) for f in names) for record in chunk]))
    for name, rows in (("search", kb._search), ("creators", list(passage_creators(kb).items()))):
        for chunk in _chunks(rows):
            count += 1
            yield _frame((name, chunk))
    yield _frame({"end": count + 1})


def dumps(kb: KnowledgeBase) -> bytes:
    """The records of ``kb`` and the order of its indexes, as bytes (see :func:`_frames_of`)."""
    return b"".join(_frames_of(kb))


def dump(kb: KnowledgeBase, out: BinaryIO) -> tuple[int, str]:
    """Write :func:`dumps` of ``kb`` to ``out`` a frame at a time (never the whole snapshot in memory):
    its size in bytes and SHA-256."""
    digest = hashlib.sha256()
    size = 0
    for frame in _frames_of(kb):
        out.write(frame)
        digest.update(frame)
        size += len(frame)
    return size, digest.hexdigest()


def _frames(data: bytes | memoryview) -> Iterable[Any]:
    """The objects of ``data``'s frames, one ``marshal.loads`` each (ValueError: cut short or garbled)."""
    view = memoryview(data)
    at = 0
    while at < len(view):
        if at + _LENGTH.size > len(view):
            raise ValueError("the snapshot is cut short")
        (length,) = _LENGTH.unpack_from(view, at)
        at += _LENGTH.size
        if at + length > len(view):
            raise ValueError("the snapshot is cut short")
        yield marshal.loads(view[at:at + length])
        at += length


def _claims_of(claims: Iterable[Claim]) -> tuple[dict[str, list[str]], dict[str, list[Claim]]]:
    """The claims each actor takes part in (IRIs, records), in the order of ``claims``: as
    :meth:`KnowledgeBase._build` lists them."""
    iris: dict[str, list[str]] = defaultdict(list)
    records: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        iris[claim.subject].append(claim.iri)
        records[claim.subject].append(claim)
        if claim.object != claim.subject:
            iris[claim.object].append(claim.iri)
            records[claim.object].append(claim)
    return iris, records


def loads(data: bytes | memoryview, store: Store, texts: ArticleTexts | None = None, sources: Iterable[Path] = ()
          ) -> KnowledgeBase:
    """A knowledge base over ``store`` with the records of ``data`` (from :func:`dumps`); ValueError when
    ``data`` is not a whole snapshot of this format (cut short, corrupt or older)."""
    try:
        frames = iter(_frames(data))
        header = next(frames, None)
        if not isinstance(header, dict) or header.get("format") != SNAPSHOT_FORMAT:
            raise ValueError("not a knowledge-base snapshot of this format")
        kb = KnowledgeBase.__new__(KnowledgeBase)
        KnowledgeRecords.__init__(kb, store, texts, sources)
        makers = {name: _maker(cls) for name, cls in TABLES.items()}
        search: list[tuple[str, str]] = []
        made_by: dict[str, str] = {}
        count, end = 1, None
        for frame in frames:
            count += 1
            if isinstance(frame, dict):
                end = frame.get("end")
                break
            part, rows = frame
            if part == "search":
                search.extend(tuple(pair) for pair in rows)
            elif part == "creators":
                made_by.update(rows)
            else:
                make = makers[part]
                table: dict[str, Any] = getattr(kb, part)
                for row in rows:
                    table[row[0]] = make(*row)
        if end != count or next(frames, None) is not None:
            raise ValueError("the snapshot is cut short or has frames past its end")
        kb._claims_of, kb._claim_records_of = _claims_of(kb.claims.values())
        evidence = kb.evidence
        kb._evidence_records = {c.iri: tuple([evidence[e] for e in c.evidence])
                                for c in kb.claims.values() if c.evidence}
        kb._search = search
        kb._progress = kb._should_cancel = None
        keep_passage_creators(kb, made_by)
    except (EOFError, TypeError, KeyError, IndexError) as exc:
        raise ValueError(f"not a readable knowledge-base snapshot: {exc}") from None
    return kb
