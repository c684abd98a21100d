"""A task's (or an occurrence's) progress status: the words the database stores, and labels.

The database keeps the strings ("todo", "doing", "done"); the code compares against these
members, never against bare strings, so a typo is a name error rather than a silent miss.
"""

from __future__ import annotations

from enum import StrEnum


class TaskStatus(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


STATUSES: tuple[TaskStatus, ...] = tuple(TaskStatus)
"""In the order the status box lists them."""

STATUS_LABELS: dict[str, str] = {
    TaskStatus.TODO: "Chưa thực hiện",
    TaskStatus.DOING: "Đang thực hiện",
    TaskStatus.DONE: "Hoàn thành",
}


def overall_status(occurrence_statuses: list[str]) -> TaskStatus:
    """A recurring task's own status from its occurrences': done when all are, begun when one is."""
    if all(s == TaskStatus.DONE for s in occurrence_statuses):
        return TaskStatus.DONE
    if TaskStatus.DONE in occurrence_statuses:
        return TaskStatus.DOING
    return TaskStatus.TODO
