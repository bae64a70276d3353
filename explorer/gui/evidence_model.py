"""The evidence panel's model: groups of claims, each claim with its passages, made as they are shown.

The busiest actor of a large graph takes part in thousands of claims. The model keeps them in plain
lists and answers Qt's questions from those lists: a claim's line and a passage's paragraph
(``kb.context``) are worked out the first time a view asks for them, and a group hands its claims to
the views a screenful at a time (:meth:`EvidenceModel.reveal`) behind a last "more" row. So a click
costs building the lists, then only the rows on screen, whatever the number of claims.

Rows: groups at the top level (a relation, or a step of a path); under a group its claims shown so far,
then one "more" row while some are not shown yet; under a claim its passages, supporting ones first. A
claim with passages against it (its own negating ones, and those of contrary claims: explorer.app.weighing
.passage_sides) gets a "side" row heading each of its two groups, "Supporting: …" and "Against: …".

With a knowledge base that fetches passages over the network (:class:`~explorer.core.api.LazyEvidence`)
the model never waits on it: a claim whose passages are not in memory shows none and says they are on
their way, until :meth:`EvidenceModel.refresh_pending` (once the panel's background fetch has ended) adds
them; :meth:`EvidenceModel.missing` tells the panel which claims to fetch before revealing them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from explorer.app import weighing
from explorer.app.known import weights_known
from explorer.app.present import citation, excerpt
from explorer.core.api import LazyEvidence
from explorer.core.timeline import when
from explorer.gui.models import Role
from explorer.gui.style import plain_tooltip

if TYPE_CHECKING:  # (names for annotations only)
    from explorer.core.api import Knowledge
    from explorer.core.model import Claim, Evidence, EvidenceContext

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()  # the default 'parent' argument of Qt's model methods
GROUP_ID = 0  # the internal id of group rows; claim and "more" rows carry 1 + their group's number,
# passage rows 1 + the number of groups + their claim's number counted over all groups
DISPLAY = Qt.ItemDataRole.DisplayRole
MORE = "more claims …"
#: The child rows heading a claim's supporting and against passages (numbers no passage has).
SUPPORTING, AGAINST = -1, -2
#: Marks the drawing key of a passage shown against another claim (explorer.app.weighing.passage_sides).
AGAINST_MARK = "against"
SIDE_TIPS = {
    SUPPORTING: "The passages that state this claim as fact or hedge it.",
    AGAINST: "The passages that deny this claim, and those that state a contrary claim "
             "between the same actors at an overlapping or unknown time.",
}
PENDING = "fetching passages …"
NOT_FETCHED = "passages not fetched"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


class EvidenceModel(QAbstractItemModel):
    """Groups > claims (revealed page by page, then a "more" row) > supporting passages."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._kb: Knowledge | None = None
        self._articles: frozenset[str] | None = None
        #: Whether the knowledge base fetches passages on request (LazyEvidence): then the model asks
        #: it, from memory, whether a claim's passages are there before showing them.
        self.lazy = False
        #: Bumped by every set_groups: a fetch started for older groups sees that they are gone.
        self.generation = 0
        #: Set once a fetch failed: claims whose passages are not in memory show none (until new groups).
        self.fetch_failed = False
        self._pending: set[int] = set()  # claim numbers shown without their passages, still to come
        self._not_fetched: set[int] = set()  # claim numbers shown without passages for good (a failed fetch)
        self._titles: list[str] = []
        self._groups: list[list[Claim]] = []
        self._starts: list[int] = [0]  # the number of the first claim of each group, then the total
        self._shown: list[int] = []  # claims handed to the views, per group
        self._more: list[bool] = []  # whether the group ends with a "more" row
        self._evidence: dict[int, list[Evidence]] = {}  # claim number -> its passages (on first use)
        #: claim number -> how many of its passages support it (the rest are against it)
        self._supporting: dict[int, int] = {}
        #: claim number -> its child rows: a passage's number, or SUPPORTING / AGAINST for a side's heading
        self._layouts: dict[int, list[int]] = {}
        self._contexts: dict[tuple[int, int], EvidenceContext] = {}  # (claim number, row) -> passage
        self._lines: dict[int, str] = {}  # claim number -> its line
        self._numbers: dict[str, int] | None = None  # claim IRI -> first claim number (on first use)
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # ---------------------------------------------------------------- filling

    def set_groups(self, kb: Knowledge | None, groups: Iterable[tuple[str, Sequence[Claim]]],
                   articles: frozenset[str] | None = None) -> None:
        """Show ``groups`` of claims, none revealed yet (see :meth:`reveal`); only the passages from
        ``articles`` when given (those the filters let through: known by the time window's end)."""
        self.beginResetModel()
        self._kb = kb
        self._articles = articles
        self.lazy = kb is not None and isinstance(kb, LazyEvidence)
        self.generation += 1
        self.fetch_failed = False
        self._pending, self._not_fetched = set(), set()
        self._titles, self._groups = [], []
        if kb is not None:
            for title, claims in groups:
                self._titles.append(title)
                self._groups.append(list(claims))
        starts = [0]
        for claims in self._groups:
            starts.append(starts[-1] + len(claims))
        self._starts = starts
        self._shown = [0] * len(self._groups)
        self._more = [bool(claims) for claims in self._groups]
        self._evidence, self._contexts, self._lines = {}, {}, {}
        self._supporting, self._layouts = {}, {}
        self._numbers = None
        self.endResetModel()

    def clear(self) -> None:
        self.set_groups(None, ())

    def reveal(self, group: int, count: int) -> int:
        """Hand the next ``count`` claims of ``group`` to the views; returns how many there were."""
        if not 0 <= group < len(self._groups):
            return 0
        shown, total = self._shown[group], len(self._groups[group])
        count = min(count, total - shown)
        if count <= 0:
            return 0
        parent = self.createIndex(group, 0, GROUP_ID)
        if shown + count == total:  # the "more" row goes: every claim is shown
            self.beginRemoveRows(parent, shown, shown)
            self._more[group] = False
            self.endRemoveRows()
            self.beginInsertRows(parent, shown, total - 1)
            self._shown[group] = total
            self.endInsertRows()
        else:
            self.beginInsertRows(parent, shown, shown + count - 1)
            self._shown[group] = shown + count
            self.endInsertRows()
            more = self.createIndex(shown + count, 0, 1 + group)
            self.dataChanged.emit(more, more, [Qt.ItemDataRole.ToolTipRole])  # fewer left
        return count

    def missing(self, group: int, start: int, count: int) -> list[str]:
        """Those of claims ``start`` to ``start + count`` of ``group`` whose passages are not in memory (a
        LazyEvidence knowledge base; none for one that holds them all). Answered from memory."""
        if not self.lazy or not 0 <= group < len(self._groups):
            return []
        kb = cast("LazyEvidence", self._kb)  # (self.lazy says so)
        return kb.missing_evidence([c.iri for c in self._groups[group][start:start + count]])

    def missing_shown(self) -> list[str]:
        """The claims handed to the views whose passages are not in memory (shown without them, or soon)."""
        if not self.lazy:
            return []
        return [iri for group in range(len(self._groups)) for iri in self.missing(group, 0, self._shown[group])]

    def refresh_pending(self) -> list[str]:
        """Add the passages that arrived for the claims shown without them (call it on the GUI thread once
        a fetch has ended: the rows change with the model's signals, never behind the views' backs).
        Returns the claims changed."""
        changed: list[str] = []
        if not self.lazy or not self._pending:
            return changed
        kb = self._kb
        assert kb is not None
        lazy = cast("LazyEvidence", kb)
        for number in sorted(self._pending):
            claim = self._claim(number)
            if lazy.missing_evidence([claim.iri]):
                continue  # still to come
            self._pending.discard(number)
            self._lines.pop(number, None)
            group = bisect_right(self._starts, number) - 1
            row = number - self._starts[group]
            if row >= self._shown[group]:
                continue  # not in the views: read when it is revealed
            parent = self.createIndex(row, 0, 1 + group)
            self._evidence[number] = self._read_passages(number, claim)  # (in memory now)
            layout = self._layout(number)
            if layout:
                self._layouts[number] = []  # (no rows until their insertion is announced)
                self.beginInsertRows(parent, 0, len(layout) - 1)
                self._layouts[number] = layout
                self.endInsertRows()
            self.dataChanged.emit(parent, parent)
            changed.append(claim.iri)
        return changed

    def give_up_pending(self) -> list[str]:
        """A fetch failed: the claims waiting for their passages, and those shown from now on without them
        in memory, say that they were not fetched (until the next :meth:`set_groups`). Returns the claims
        changed."""
        self.fetch_failed = True
        changed: list[str] = []
        for number in sorted(self._pending):
            self._evidence[number] = []
            self._layouts.pop(number, None)
            self._not_fetched.add(number)
            self._lines.pop(number, None)
            group = bisect_right(self._starts, number) - 1
            row = number - self._starts[group]
            if row < self._shown[group]:
                index = self.createIndex(row, 0, 1 + group)
                self.dataChanged.emit(index, index)
            changed.append(self._claim(number).iri)
        self._pending = set()
        return changed

    # ---------------------------------------------------------------- reading (no indexes needed)

    def group_count(self) -> int:
        return len(self._groups)

    def group_size(self, group: int) -> int:
        return len(self._groups[group])

    def shown(self, group: int) -> int:
        return self._shown[group]

    def claims(self) -> list[str]:
        """Every claim listed, shown yet or not."""
        return [c.iri for claims in self._groups for c in claims]

    def claim_at(self, group: int, row: int) -> Claim:
        return self._groups[group][row]

    def claim_line(self, group: int, row: int) -> str:
        """'Armenia member of CSTO · 2 passages', the claim's row."""
        number = self._starts[group] + row
        line = self._lines.get(number)
        if line is None:
            assert self._kb is not None
            n = len(self._passages(number))
            claim = self._groups[group][row]
            title = f"{self._kb.describe(claim)} · {when(claim)}"
            if number in self._pending:
                return f"{title} · {PENDING}"  # (not kept: it changes when they arrive)
            if n:
                claim = self._groups[group][row]
                line = weighing.claim_line(title, weights_known(self._kb, self._articles).get(claim.iri))
            else:
                line = f"{title} · {NOT_FETCHED if number in self._not_fetched else 'no passage recorded'}"
            self._lines[number] = line
        return line

    def passage_count(self, group: int, row: int) -> int:
        return len(self._passages(self._starts[group] + row))

    def supporting_count(self, group: int, row: int) -> int:
        """How many of the claim's passages support it: passages from that number on are against it."""
        number = self._starts[group] + row
        self._passages(number)
        return self._supporting.get(number, 0)

    def passage_key(self, group: int, row: int, passage: int) -> str:
        """What the panel keeps a passage row's drawing under: the passage's IRI, or, for a passage of a
        contrary claim shown against this one, its IRI with the claim's (its note differs)."""
        number = self._starts[group] + row
        ev = self._passages(number)[passage]
        claim = self._claim(number).iri
        return ev.iri if ev.claim == claim else f"{ev.iri} {AGAINST_MARK} {claim}"

    def passage_at(self, group: int, row: int, passage: int) -> EvidenceContext:
        return self._context(self._starts[group] + row, passage)

    def _claim(self, number: int) -> Claim:
        group = bisect_right(self._starts, number) - 1
        return self._groups[group][number - self._starts[group]]

    def _passages(self, number: int) -> list[Evidence]:
        found = self._evidence.get(number)
        if found is None:
            kb = self._kb
            assert kb is not None
            claim = self._claim(number)
            if self.lazy and self._waiting(number, claim.iri):
                return []
            found = self._evidence[number] = self._read_passages(number, claim)
        return found

    def _read_passages(self, number: int, claim: Claim) -> list[Evidence]:
        """The claim's passages from memory, supporting ones first, then those against it (its own
        negating ones, then those of the contrary claims whose passages are in memory)."""
        kb = self._kb
        assert kb is not None
        w = weights_known(kb, self._articles)  # by report time: only the passages known then
        weight = w.get(claim.iri)
        contrary: dict[str, list[Evidence]] = {}
        for other in weight.contested_by if weight is not None else ():
            if not self.lazy or not cast("LazyEvidence", kb).missing_evidence([other]):
                contrary[other] = kb.evidence_of(other)
        own = kb.evidence_of(claim.iri)
        if self._articles is not None:
            articles = self._articles
            own = [ev for ev in own if ev.article in articles]
            contrary = {c: [ev for ev in found if ev.article in articles] for c, found in contrary.items()}
        supporting, against = weighing.passage_sides(w, claim.iri, own, contrary)
        self._supporting[number] = len(supporting)
        self._layouts.pop(number, None)
        return supporting + against

    def _layout(self, number: int) -> list[int]:
        """The claim's child rows: its passages' numbers, each side headed by a SUPPORTING or AGAINST row
        when some passage is against it (a claim with none lists its passages alone, as it always has)."""
        layout = self._layouts.get(number)
        if layout is None:
            passages = self._passages(number)
            if number in self._pending:
                return []  # (none until they arrive: not kept)
            split = self._supporting.get(number, len(passages))
            if split == len(passages):
                layout = list(range(len(passages)))
            else:
                layout = ([SUPPORTING] if split else []) + list(range(split))
                layout += [AGAINST, *range(split, len(passages))]
            self._layouts[number] = layout
        return layout

    def passage_note(self, ctx: EvidenceContext, key: str = "") -> str:
        """'supports · asserted · source graded B' under a passage (explorer.app.weighing.passage_note);
        ``key``: the row's :meth:`passage_key`, which says whether it states a contrary claim."""
        kb = self._kb
        if kb is None:
            return ""
        contrary = None
        if f" {AGAINST_MARK} " in key and ctx.evidence.claim in kb.claims:
            contrary = kb.describe(kb.claims[ctx.evidence.claim])
        return weighing.passage_note(weights_known(kb, self._articles), ctx, getattr(kb, "articles", {}), contrary)

    def side_line(self, group: int, row: int, side: int) -> str:
        """'Supporting: 2 passages, 2 independent sources' (or 'Against: …'), a side's heading."""
        kb = self._kb
        assert kb is not None
        number = self._starts[group] + row
        passages = self._passages(number)
        split = self._supporting.get(number, len(passages))
        chosen = passages[:split] if side == SUPPORTING else passages[split:]
        return weighing.side_heading(side == SUPPORTING, chosen, weights_known(kb, self._articles),
                                     getattr(kb, "articles", {}))

    def _waiting(self, number: int, claim: str) -> bool:
        """Whether the claim's passages are not in memory (a LazyEvidence knowledge base): then it shows
        none, and stays so until :meth:`refresh_pending` (its row count changes only with a signal), or
        for good once a fetch failed. Never asks the network."""
        if number in self._pending:
            return True
        kb = cast("LazyEvidence", self._kb)  # (self.lazy says so)
        if not kb.missing_evidence([claim]):
            return False
        if self.fetch_failed:
            self._evidence[number] = []
            self._layouts.pop(number, None)
            self._not_fetched.add(number)
        else:
            self._pending.add(number)
        return True

    def _context(self, number: int, passage: int) -> EvidenceContext:
        ctx = self._contexts.get((number, passage))
        if ctx is None:
            assert self._kb is not None
            ctx = self._contexts[(number, passage)] = self._kb.context(self._passages(number)[passage])
        return ctx

    # ---------------------------------------------------------------- finding rows

    def index_of_claim(self, claim: str) -> QModelIndex:
        """The claim's row, revealing its group's claims up to it if need be."""
        if self._numbers is None:
            numbers: dict[str, int] = {}
            for number, c in enumerate(c for claims in self._groups for c in claims):
                numbers.setdefault(c.iri, number)
            self._numbers = numbers
        number = self._numbers.get(claim)
        if number is None:
            return QModelIndex()
        group = bisect_right(self._starts, number) - 1
        row = number - self._starts[group]
        self.reveal(group, row + 1 - self._shown[group])
        return self.createIndex(row, 0, 1 + group)

    def index_of_evidence(self, evidence: str) -> QModelIndex:
        """The passage's row (under the first claim it supports), revealed if need be."""
        kb = self._kb
        ev = kb.evidence.get(evidence) if kb is not None else None
        if ev is None:
            return QModelIndex()
        claim = self.index_of_claim(ev.claim)
        if not claim.isValid():
            return QModelIndex()
        number = self._starts[claim.internalId() - 1] + claim.row()
        for passage, found in enumerate(self._passages(number)):
            if found.iri == evidence:
                row = self._layout(number).index(passage)
                return self.createIndex(row, 0, 1 + len(self._groups) + number)
        return QModelIndex()

    def more_index(self, group: int) -> QModelIndex:
        """The group's "more" row, or an invalid index when every claim of it is shown."""
        if not 0 <= group < len(self._groups) or not self._more[group]:
            return QModelIndex()
        return self.createIndex(self._shown[group], 0, 1 + group)

    def locate(self, index: Index) -> tuple[str, int, int, int]:
        """(kind, group, row, passage) of a row: what the delegate and the panel need to draw it or
        act on it, without going through :meth:`data` (kind is "group", "claim", "more", "side" or
        "passage"; numbers that do not apply are -1; a side row's last number is SUPPORTING or AGAINST)."""
        ident = index.internalId()
        if ident == GROUP_ID:
            return "group", index.row(), -1, -1
        groups = len(self._groups)
        if ident <= groups:
            group = ident - 1
            row = index.row()
            return ("claim" if row < self._shown[group] else "more"), group, row, -1
        number = ident - 1 - groups
        group = bisect_right(self._starts, number) - 1
        layout = self._layout(number)
        passage = layout[index.row()] if index.row() < len(layout) else -1
        return ("side" if passage < 0 else "passage"), group, number - self._starts[group], passage

    # ---------------------------------------------------------------- QAbstractItemModel

    def index(self, row: int, column: int, parent: Index = NO_PARENT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, GROUP_ID) if row < len(self._groups) else QModelIndex()
        ident = parent.internalId()
        groups = len(self._groups)
        if ident == GROUP_ID:
            group = parent.row()
            if row < self._shown[group] + self._more[group]:
                return self.createIndex(row, 0, 1 + group)
            return QModelIndex()
        if ident <= groups:
            group = ident - 1
            if parent.row() < self._shown[group]:
                number = self._starts[group] + parent.row()
                if row < len(self._layout(number)):
                    return self.createIndex(row, 0, 1 + groups + number)
        return QModelIndex()

    def parent(self, index: Index = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        ident = index.internalId()  # (0 for an invalid index too)
        if ident == GROUP_ID:
            return QModelIndex()
        groups = len(self._groups)
        if ident <= groups:
            return self.createIndex(ident - 1, 0, GROUP_ID)
        number = ident - 1 - groups
        group = bisect_right(self._starts, number) - 1
        return self.createIndex(number - self._starts[group], 0, 1 + group)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        if not parent.isValid():
            return len(self._groups)
        ident = parent.internalId()  # (index() makes rows of column 0 only)
        if ident == GROUP_ID:
            group = parent.row()
            return self._shown[group] + self._more[group]
        if ident <= len(self._groups):
            group = ident - 1
            if parent.row() < self._shown[group]:
                return len(self._layout(self._starts[group] + parent.row()))
        return 0

    def hasChildren(self, parent: Index = NO_PARENT) -> bool:
        return self.rowCount(parent) > 0

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 1

    # flags(): Qt's own (enabled and selectable), which the views ask for without calling Python.

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        kind, group, row, passage = self.locate(index)
        if role == Role.KIND:
            return kind
        if kind == "group":
            if role == DISPLAY:
                return f"{self._titles[group]} ({len(self._groups[group]):,})"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        if kind == "more":  # (its text stays the same as claims are revealed before it)
            if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
                return MORE
            if role == Qt.ItemDataRole.FontRole:
                return self._italic
            if role == Qt.ItemDataRole.ToolTipRole:
                left = len(self._groups[group]) - self._shown[group]
                return plain_tooltip(f"{_plural(left, 'claim')} of this group not shown yet: scroll down, "
                                     "click or press Enter to show them.")
            return None
        if role == Role.CLAIM:
            return self._groups[group][row].iri
        if kind == "claim":
            if role == DISPLAY:
                return self.claim_line(group, row)
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(self._claim_tooltip(self._groups[group][row]))
            return None
        if kind == "side":
            if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
                return self.side_line(group, row, passage)
            if role == Qt.ItemDataRole.FontRole:
                return self._italic
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(SIDE_TIPS[passage])
            return None
        ctx = self.passage_at(group, row, passage)
        if role == DISPLAY:
            return excerpt(ctx)[0]
        if role == Role.CONTEXT:
            return ctx
        if role == Role.EVIDENCE:
            return ctx.evidence.iri
        if role == Role.QUOTE:
            return ctx.paragraph[ctx.quote_start : ctx.quote_end]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(citation(ctx) + "\nClick to read the whole article.")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{ctx.paragraph[ctx.quote_start : ctx.quote_end]} ({citation(ctx)})"
        return None

    def _claim_tooltip(self, claim: Claim) -> str:
        assert self._kb is not None
        relation = self._kb.relations[claim.predicate]
        lines = [self._kb.describe(claim), f"category: {self._kb.category_of(claim).label}"]
        if relation.comment:
            lines.append(relation.comment)
        lines.append(f"when: {when(claim)}")
        return "\n".join(lines)
