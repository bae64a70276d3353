"""Curation: the files a user edits and every edit as an undoable change of triples.

A package because the engine has distinct parts, each a module of its own:

- :mod:`~explorer.core.curation.document`: the :class:`Document` (each opened file's triples kept apart,
  the vocabulary as read-only context, the knowledge base built from them) and the :class:`Change` an
  edit makes: the exact triples it adds to and removes from each file. Undo applies the inverse change,
  so a document returns to the very triples it had.
- :mod:`~explorer.core.curation.commands`: the edits (:class:`NewClaim`, :class:`AddPassage`,
  :class:`EditClaim`, :class:`DeleteClaim`, :class:`RemovePassage`, :class:`NewActor`,
  :class:`EditActor`, :class:`DeleteActor`, :class:`MergeActors`), each planned against the document
  into a change.
- :mod:`~explorer.core.curation.passages`: what the user types or selects (event dates, names,
  selections, text positions) and the selectors and annotation of a passage.
- :mod:`~explorer.core.curation.choices`: the relations and attributions the front end offers.
- :mod:`~explorer.core.curation.recovery`: autosaved recovery files, written and found again.
- :mod:`~explorer.core.curation.turtle_writer`: Save rewrites each changed file as readable Turtle in the
  shape of the hand-written files: the claim's plain triple, its rdf:Statement, and one oa:Annotation
  per passage with a TextQuoteSelector and a TextPositionSelector, nested as blank nodes.

The front end wraps each change in its own undo command (Qt's QUndoStack in the desktop app); nothing
here imports Qt. The names below are the package's interface: import them from here.
"""

from explorer.core.curation.assessments import DeprecateClaim, GradeSource, OverrideCredibility, Withdraw
from explorer.core.curation.choices import attribution_choices, curation_relations
from explorer.core.curation.commands import (
    KIND_CLASSES,
    AddPassage,
    Command,
    DeleteActor,
    DeleteClaim,
    EditActor,
    EditClaim,
    MergeActors,
    NewActor,
    NewClaim,
    RemovePassage,
)
from explorer.core.curation.document import (
    Change,
    Document,
    FileTriple,
    Triple,
    is_bundled_data,
    is_installed_bundle,
    read_triples,
)
from explorer.core.curation.passages import TextPositions, name_part, parse_event_date, trim_selection
from explorer.core.curation.recovery import RECOVERY_VERSION, Recovery, find_recoveries, write_recovery

__all__ = [
    "KIND_CLASSES",
    "RECOVERY_VERSION",
    "AddPassage",
    "Change",
    "Command",
    "DeleteActor",
    "DeleteClaim",
    "DeprecateClaim",
    "Document",
    "EditActor",
    "EditClaim",
    "FileTriple",
    "GradeSource",
    "MergeActors",
    "NewActor",
    "NewClaim",
    "OverrideCredibility",
    "Recovery",
    "RemovePassage",
    "TextPositions",
    "Triple",
    "Withdraw",
    "attribution_choices",
    "curation_relations",
    "find_recoveries",
    "is_bundled_data",
    "is_installed_bundle",
    "name_part",
    "parse_event_date",
    "read_triples",
    "trim_selection",
    "write_recovery",
]
