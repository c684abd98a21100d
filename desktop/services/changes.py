"""What a write changed, so each view refreshes only when the change concerns it (Anki).

``initiator`` names the widget whose action made the change (Anki's ``handler``): that
widget already shows the result, so it need not reload itself; every other view does.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Change:
    tasks: bool = False
    units: bool = False
    documents: bool = False
    task_ids: frozenset[int] = field(default_factory=frozenset)
    targets: bool = False  # a document's targets or their achieved values
    initiator: object | None = field(default=None, compare=False)

    @property
    def any(self) -> bool:
        return self.tasks or self.units or self.documents or self.targets

    def by(self, initiator: object | None) -> Change:
        """The same change, made by *initiator*."""
        return replace(self, initiator=initiator)

    def __or__(self, other: Change) -> Change:
        return Change(
            tasks=self.tasks or other.tasks,
            units=self.units or other.units,
            documents=self.documents or other.documents,
            task_ids=self.task_ids | other.task_ids,
            targets=self.targets or other.targets,
            initiator=self.initiator or other.initiator,
        )


NO_CHANGE = Change()
