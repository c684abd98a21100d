"""What a write changed, so each view refreshes only when the change concerns it (Anki).

``initiator`` names the widget whose action made the change (Anki's ``handler``): that
widget already shows the result, so it need not reload itself; every other view does.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from db import Database


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

# The initiator of a change another window, process or person made to the same database
# (seen through the change counter, :func:`changed_elsewhere`): a form with unsaved typing
# keeps it; saving it is then checked against the task's version.
ELSEWHERE = "elsewhere"


def changed_elsewhere(database: Database, last_seen: int | None) -> tuple[int, Change]:
    """The change counter now, and the change to broadcast if someone else wrote.

    Called every few seconds from the window's read worker. The counter moves in the same
    transaction as every write (db/database.py); a single step this process made itself
    (its ``last_written_version``) is not news: the window already broadcast that change.
    Anything else, even a mix of ours and theirs, reloads: a spare refresh costs little.
    """
    now = database.data_version()
    ours = now == database.last_written_version and now - (last_seen or 0) == 1
    if last_seen is None or now == last_seen or ours:
        return now, NO_CHANGE
    return now, Change(tasks=True, units=True, documents=True, initiator=ELSEWHERE)
