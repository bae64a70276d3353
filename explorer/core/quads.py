"""The names of CAMEO/PLOVER's four quad classes, in a module of their own: the Dyad dock's legend shows
them in the window's first frame, before the analysis package (explorer.core.analysis) is needed."""

from __future__ import annotations

#: Quad classes by their IRI's local name: CAMEO/PLOVER's codes 1-4.
QUAD_CODES = {"VerbalCooperation": 1, "MaterialCooperation": 2, "VerbalConflict": 3, "MaterialConflict": 4}
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
