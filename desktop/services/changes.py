"""What a write changed, so each view refreshes only when the change concerns it (Anki)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    tasks: bool = False
    units: bool = False
    documents: bool = False
    task_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def any(self) -> bool:
        return self.tasks or self.units or self.documents

    def __or__(self, other: Change) -> Change:
        return Change(
            tasks=self.tasks or other.tasks,
            units=self.units or other.units,
            documents=self.documents or other.documents,
            task_ids=self.task_ids | other.task_ids,
        )


NO_CHANGE = Change()
