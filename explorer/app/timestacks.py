"""What the Time bar's histogram is stacked by: relation category, or the cooperation–conflict quad class.

Under a lens that colours edges by their PLOVER coding (quad class, intensity or event category, issue 15)
the bar answers "more cooperation or more conflict, when?": its stacks are the four quad classes (verbal
and material cooperation, verbal and material conflict) and the claims no PLOVER category codes
("structural": memberships, offices). Otherwise it is stacked by relation category. The legend says
which. No Qt here: the bar draws what this says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.app.lens import Lens
from explorer.core.analysis.coding import QUAD_LABELS, coding_of

if TYPE_CHECKING:
    from explorer.core.api import Knowledge

#: The edge lenses that read the PLOVER coding: the bar is stacked by quad class under them.
CODED_LENSES = ("quad", "intensity", "event")
#: The stack of claims no PLOVER category codes.
STRUCTURAL = "structural"


@dataclass(frozen=True)
class Stacking:
    """The histogram's stacks: each claim's stack, the stacks from the bottom up, and what they mean."""

    by: str  # "category" or "quad"
    keys: dict[str, str]  # claim IRI -> its stack
    order: tuple[str, ...]  # the stacks that hold claims, bottom first
    labels: dict[str, str]  # stack -> what the legend calls it
    title: str  # what the legend says the stacks are


def time_stacking(kb: Knowledge, lens: Lens | None = None) -> Stacking:
    """How the Time bar stacks ``kb``'s claims under ``lens`` (None: the plain lens)."""
    if lens is not None and lens.edge_colour in CODED_LENSES:
        coding = coding_of(kb)
        keys: dict[str, str] = {}
        for iri, claim in kb.claims.items():
            code = coding.code(claim)
            keys[iri] = str(code.category.quad) if code is not None else STRUCTURAL
        present = set(keys.values())
        order = tuple(k for k in (*map(str, sorted(QUAD_LABELS)), STRUCTURAL) if k in present)
        labels = {str(q): label for q, label in QUAD_LABELS.items()}
        labels[STRUCTURAL] = "structural (not coded)"
        return Stacking("quad", keys, order, labels, "by quad class (PLOVER)")
    keys = {iri: kb.relations[c.predicate].category for iri, c in kb.claims.items()}
    order = tuple(sorted(set(keys.values()), key=kb.label))
    return Stacking("category", keys, order, {k: kb.label(k) for k in order}, "by relation category")
