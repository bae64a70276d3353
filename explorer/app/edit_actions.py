"""Which Edit-menu actions apply to what the window shows (the window asks at start and on every
change; the rest of the curation rules, explorer.app.curation, wait for the first edit or graph)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.api import Knowledge


@dataclass(frozen=True)
class EditActions:
    """Which Edit-menu actions apply (their shortcuts work exactly when they do)."""

    new_claim: bool = False
    add_passage: bool = False
    edit_claim: bool = False
    delete_claim: bool = False
    remove_passage: bool = False
    new_actor: bool = False
    actor: bool = False  # edit, delete and merge the current actor
    save: bool = False  # save and save as
    validate: bool = False


def edit_actions(kb: Knowledge | None, enabled: bool, *, text_selected: bool, claim: str | None,
                 evidence: str | None, actor: str | None) -> EditActions:
    """The actions that apply to a graph (``enabled``: read from files, so curated here), the words selected in
    the reader, the current claim, passage and actor."""
    can = kb is not None and enabled
    with_statement = kb is not None and claim is not None and claim in kb.claims and kb.claims[claim].has_statement
    return EditActions(
        new_claim=can and text_selected,
        add_passage=can and text_selected,
        edit_claim=can and with_statement,
        delete_claim=can and claim is not None,
        remove_passage=can and evidence is not None,
        new_actor=can,
        actor=can and actor is not None,
        save=can,
        validate=kb is not None,
    )
