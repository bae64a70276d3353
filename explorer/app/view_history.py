"""Back and forward through what the user did to the view (moves and pins, hides, filters, focus), apart
from the data's undo stack: going back over a view change never touches a claim, and undoing an edit
never moves an actor.

A :class:`ViewStep` is the whole view after one change (not a diff), so going back is putting a step on
screen again; the history is a list of them with a cursor, as a browser's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from explorer.core.filters import FilterState

Position = tuple[float, float]
#: Steps kept: the oldest go first.
LIMIT = 200


@dataclass(frozen=True)
class ViewStep:
    """The view after one change: the filters, focus, hidden actors, and where the actors are."""

    controls: FilterState = field(default_factory=FilterState)
    focus_mode: bool = False
    focus_actor: str | None = None
    hidden: frozenset[str] = frozenset()
    show_unlinked: bool = False
    positions: Mapping[str, Position] = field(default_factory=dict)
    pinned: frozenset[str] = frozenset()
    collapsed_blocs: bool = False  # the blocs shown as group nodes (explorer.app.collapse)


class ViewHistory:
    """The view's steps and the one on screen; see the module docstring."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.steps: list[ViewStep] = []
        self.at = -1

    def reset(self, step: ViewStep | None = None) -> None:
        """A new graph: its history starts (with ``step``, the view as first drawn)."""
        self.steps = [step] if step is not None else []
        self.at = len(self.steps) - 1

    def record(self, step: ViewStep) -> bool:
        """The view changed to ``step``: it becomes the latest (the steps ahead of the cursor are dropped,
        as a browser drops them); False when nothing changed."""
        if self.steps and self.steps[self.at] == step:
            return False
        del self.steps[self.at + 1:]
        self.steps.append(step)
        if len(self.steps) > self.limit:
            del self.steps[:len(self.steps) - self.limit]
        self.at = len(self.steps) - 1
        return True

    @property
    def can_go_back(self) -> bool:
        return self.at > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self.at < len(self.steps) - 1

    def back(self) -> ViewStep | None:
        """The step before the one on screen (the cursor moves to it), or None at the start."""
        if not self.can_go_back:
            return None
        self.at -= 1
        return self.steps[self.at]

    def forward(self) -> ViewStep | None:
        """The step after the one on screen, or None at the latest."""
        if not self.can_go_forward:
            return None
        self.at += 1
        return self.steps[self.at]
