"""A stand-in for an actor in label planning tests (shared by tests/gui/test_hub_label_slots.py and
tests/gui/test_label_plan_large.py; a uniquely named module, not conftest)."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace


@dataclass(eq=False)
class Node:
    """What plan_labels reads of an actor, and the slot it was given."""

    iri: str
    major: bool
    degree: int
    emphasised: bool = False
    slot: str | None = None
    actor: SimpleNamespace = field(default_factory=lambda: SimpleNamespace(label=""))

    def set_label(self, visible: bool, slot: str = "below", scale: float | None = None) -> bool:
        self.slot = slot if visible else None
        return True
