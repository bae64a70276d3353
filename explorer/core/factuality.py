"""The factualities a passage gives its claim (cx:Asserted … cx:Negated), in a module of their own: the
filters panel offers them in the window's first frame, before the weighing rules (explorer.core.weight)
are needed."""

from __future__ import annotations

from explorer.core.vocab import CX

ASSERTED = CX + "Asserted"
PROBABLE = CX + "Probable"
POSSIBLE = CX + "Possible"
PLANNED = CX + "Planned"
CONDITIONAL = CX + "Conditional"
NEGATED = CX + "Negated"
#: Factualities from the surest to the least sure; a negated passage is evidence against.
FACTUALITIES = (ASSERTED, PROBABLE, POSSIBLE, PLANNED, CONDITIONAL, NEGATED)
