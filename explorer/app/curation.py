"""The rules of curation, without Qt: which files an edit rewrites, the commands a dialog's form makes and
the names of their undo steps, when Save must ask for a name and where it may not write, one validation at
a time, what the crash-recovery and unsaved-changes questions say, and where new actors are drawn.

The GUI (``explorer.gui.editing``) runs the dialogs, the undo stack and the message boxes; it asks this
module what to do. The curation engine (``explorer.core.curation``) and rdflib are imported inside the
functions that need them: the window imports this module before its first frame, the engine is read on
the first edit.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.core.api import Expandable

if TYPE_CHECKING:
    from explorer.core.api import Knowledge
    from explorer.core.curation import Command, Document, Recovery
    from explorer.core.validate import Report

Position = tuple[float, float]

#: What pushes one command as an undoable step and returns what to show (None: it changed nothing).
Pusher = Callable[["Command"], "str | None"]

DEFAULT_SAVE_NAME = "curated-claims"
TURTLE = ".ttl"
NOT_EDITABLE = "This graph cannot be edited here: it is not read from files."
NOTHING_TO_SAVE = "Nothing to save: no file has changed."
NO_PROBLEMS = "Validation found no problems."
INSTALLED_BUNDLE = ("Cannot save here", "These are the data files of the installed program: choose another folder.")
RECOVERY_TITLE = "Restore Unsaved Curation?"
RESTORED = "Restored the unsaved curation: save it to keep it."
UNSAVED_TITLE = "Unsaved Changes"
CLAIM_DELETED = "Claim deleted (Edit > Undo brings it back)."
#: How far from its neighbours' centre a new actor is drawn.
NEW_ACTOR_DISTANCE = 110.0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# ============================================================================ what is curated


def curation_source(kb: Knowledge, sources: Sequence[Path]) -> tuple[list[Path] | None, bool]:
    """The files an edit of ``kb`` rewrites, and whether they are the bundled data; None when ``kb`` is not
    read from files (a remote source, whose actors expand page by page, or a graph made in memory), so it
    cannot be curated here."""
    from explorer.resources import bundled_files

    if isinstance(kb, Expandable):
        return None, False
    if sources:
        return [Path(p) for p in sources], False
    loaded = [Path(p).resolve() for p in kb.sources]
    if loaded and loaded == [p.resolve() for p in bundled_files()]:
        return [], True
    return (loaded or None), False


# ============================================================================ forms and commands


@dataclass(frozen=True)
class ActorSpec:
    """An actor the user described in a dialog, to be created along with the claim that needs it."""

    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    description: str | None = None


ActorChoice = str | ActorSpec  # an existing actor's IRI, or one to create


@dataclass(frozen=True)
class ClaimForm:
    """What the claim dialog answers: the claim's ends (existing or to create), relation, date, speaker."""

    subject: ActorChoice
    predicate: str
    object: ActorChoice
    event_date: str | None = None
    asserted_by: str | None = None
    factuality: str | None = None  # a cx:Factuality concept; None: stated as fact


def is_new(choice: str | ActorSpec) -> bool:
    """Whether a dialog's choice describes an actor to create (else it is an existing actor's IRI)."""
    return not isinstance(choice, str)


def new_actor_command(spec: ActorSpec) -> Command:
    from explorer.core import curation as core

    return core.NewActor(spec.label, spec.kind, tuple(spec.aliases), spec.role, spec.description)


def form_text(kb: Knowledge, form: ClaimForm) -> str:
    """'Türkiye supports Ukraine': a claim form in words (a new actor by the name typed), for the undo step."""

    def name(choice: str | ActorSpec) -> str:
        return choice.label if not isinstance(choice, str) else kb.label(choice)

    return f"{name(form.subject)} {kb.label(form.predicate)} {name(form.object)}"


@dataclass(frozen=True)
class FormCommands:
    """The commands one dialog form makes: a :class:`NewActor` for each actor it described (in order, each
    once), then the command that needs them, made by ``make`` from the subject's and object's IRIs once
    those actors exist. ``text`` names the whole as one undo step."""

    text: str
    subject: str | ActorSpec
    object: str | ActorSpec
    make: Callable[[str, str], Command]
    new_actors: tuple[ActorSpec, ...]

    def actor_commands(self) -> list[Command]:
        return [new_actor_command(spec) for spec in self.new_actors]

    def command(self, made: Mapping[ActorSpec, str]) -> Command:
        """The command that needs the new actors, ``made`` being the IRI each of them was given."""

        def iri(choice: str | ActorSpec) -> str:
            return choice if isinstance(choice, str) else made.get(choice, "")

        return self.make(iri(self.subject), iri(self.object))

    def run(self, push: Pusher) -> str | None:
        """Push the new actors, then the command built from their IRIs; what the last push returns.

        A failing push raises (ExplorerError) and stops here: the caller takes back what was pushed."""
        made: dict[ActorSpec, str] = {}
        for spec in self.new_actors:
            made[spec] = push(new_actor_command(spec)) or ""
        return push(self.command(made))


def commands_for_form(subject: str | ActorSpec, obj: str | ActorSpec, text: str,
                      make: Callable[[str, str], Command]) -> FormCommands:
    """The commands of a form whose subject and object may be actors to create (see :class:`FormCommands`)."""
    specs = tuple(dict.fromkeys(x for x in (subject, obj) if not isinstance(x, str)))
    return FormCommands(text, subject, obj, make, specs)


def new_claim_commands(kb: Knowledge, form: ClaimForm, article: str, start: int, end: int) -> FormCommands:
    """The New Claim dialog's form for text[start:end] of ``article``: the passage records how surely it
    states the claim, and who made it (the user) and when."""
    from explorer.app.weighing import analyst
    from explorer.core import curation as core
    from explorer.core.weight import ASSERTED

    return commands_for_form(
        form.subject, form.object, f"New Claim “{form_text(kb, form)}”",
        lambda s, o: core.NewClaim(s, form.predicate, o, article, start, end, form.event_date, form.asserted_by,
                                   factuality=form.factuality or ASSERTED, creator=analyst()),
    )


def edit_claim_commands(kb: Knowledge, form: ClaimForm, claim: str) -> FormCommands:
    """The Edit Claim dialog's form for ``claim`` (an empty date clears the claim's date)."""
    from explorer.core import curation as core

    return commands_for_form(
        form.subject, form.object, f"Edit Claim “{form_text(kb, form)}”",
        lambda s, o: core.EditClaim(claim, s, form.predicate, o, form.event_date or ""),
    )


def step_title(text: str) -> str:
    """The title of the error box of an undo step named ``text``: 'New Claim' for 'New Claim “…”'."""
    return text.split(" “")[0] or "Cannot edit"


def undo_hint(text: str) -> str:
    """The status line after an undo step named ``text``."""
    return f"{text} (Edit > Undo takes it back)"


def actor_deleted(claims: int) -> str:
    """The status line after deleting an actor that had ``claims`` claims."""
    return f"Actor deleted with {_plural(claims, 'claim')} (Edit > Undo brings them back)."


# ============================================================================ saving


def nothing_to_save(modified: bool, doc: Document | None, bundled: bool) -> bool:
    """Save has nothing to write: nothing changed and the files were never even read (the bundled data is
    still offered a new name)."""
    return not modified and doc is None and not bundled


def needs_name(doc: Document | None, bundled: bool) -> bool:
    """Whether Save must ask where to write (Save As): the bundled data, or a changed file that cannot be
    rewritten in place (a quads format, the installed program's data)."""
    if doc is None:
        return bundled
    changed = doc.changed_files()
    return any(not doc.writable_in_place(f) for f in changed) or (doc.bundled and not changed)


def default_save_name(sources: Sequence[Path]) -> str:
    """The name Save As offers: the first of the user's files, as Turtle (not the bundled data's, which a
    graph with files added to it holds too), else 'curated-claims.ttl'."""
    from explorer.core.curation import is_bundled_data
    from explorer.resources import vocabulary_file

    vocabulary = vocabulary_file().resolve()
    own = [Path(p) for p in sources if Path(p).resolve() != vocabulary and not is_bundled_data(Path(p))]
    return (own[0].stem if own else DEFAULT_SAVE_NAME) + TURTLE


def save_as_path(chosen: Path) -> Path:
    """The file Save As writes for the name chosen: '.ttl' added when it has no extension."""
    chosen = Path(chosen)
    return chosen if chosen.suffix else chosen.with_suffix(TURTLE)


def save_refusal(path: Path) -> tuple[str, str] | None:
    """Why Save As may not write ``path`` (an error box's title and text), or None when it may: the data
    carried inside the installed program is never saved over."""
    from explorer.core import curation as core

    return INSTALLED_BUNDLE if core.is_installed_bundle(path) else None


def saved_message(written: Sequence[Path]) -> str:
    names = ", ".join(Path(p).name for p in written)
    return f"Saved {names}" if written else NOTHING_TO_SAVE


def validation_message(report: Report) -> str:
    n = len(report.problems)
    return f"Validation found {_plural(n, 'problem')}: see the list below." if n else NO_PROBLEMS


# ============================================================================ unsaved changes and recovery


def unsaved_question(changed: Sequence[Path], when: str) -> str:
    """What Save/Discard/Cancel asks before ``when`` ('closing', 'opening another graph')."""
    names = ", ".join(Path(p).name for p in changed)
    return f"The curation has unsaved changes ({names or 'new claims'}). Save them before {when}?"


def recovery_question(recovery: Recovery) -> str:
    """What the start-up question says of an autosave left by a crash: its files, claims and when."""
    when = time.strftime("%d %b %Y %H:%M", time.localtime(recovery.written))
    files = ", ".join(Path(p).name for p in recovery.changed) or "the bundled graph"
    return (f"explorer did not close properly last time. Its curation of {files} "
            f"({recovery.claims} claims, autosaved {when}) was not saved.\n\nRestore it?")


# ============================================================================ drawing the result


def positions_for_new_actors(kb: Knowledge, old_positions: Mapping[str, Position],
                             centre: Position) -> dict[str, Position]:
    """``old_positions`` with a place for each actor of ``kb`` that has none: near the middle of its placed
    neighbours (around ``centre``, the middle of the view, when it has none), spread round a circle so that
    several new actors do not overlap."""
    positions = dict(old_positions)
    fresh = [a for a in kb.actors if a not in old_positions]
    for i, actor in enumerate(fresh):
        near = []
        for claim in kb.claims_of(actor):
            other = claim.object if claim.subject == actor else claim.subject
            if other in old_positions:
                near.append(old_positions[other])
        x, y = ((sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)) if near
                else (centre[0], centre[1]))
        angle = 2 * math.pi * (i + 1) / (len(fresh) + 1)
        positions[actor] = _free_spot(positions.values(), (x, y), angle)
    return positions


def _free_spot(taken: Iterable[Position], middle: Position, angle: float) -> Position:
    """The spot NEW_ACTOR_DISTANCE from ``middle`` at ``angle``, turned on by twelfths of a circle while
    an actor already stands there (new actors made one edit after another all start at the same angle)."""
    others = list(taken)
    spots = [(middle[0] + NEW_ACTOR_DISTANCE * math.cos(angle + k * math.pi / 6),
              middle[1] + NEW_ACTOR_DISTANCE * math.sin(angle + k * math.pi / 6)) for k in range(12)]
    for spot in spots:
        if all(math.dist(spot, other) >= NEW_ACTOR_DISTANCE / 2 for other in others):
            return spot
    return spots[0]
