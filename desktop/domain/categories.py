"""Overdue, due soon, and the report categories: the one rule (deadlines.md).

Everything that marks a task red or orange, or counts it in a report column, asks here:

- :func:`is_overdue` / :func:`is_due_soon` — the rule itself, on one due date;
- :func:`flag_for` — the mark of a row in the lists (built on the two above);
- :func:`categorize` — the column of a quarterly report (built on :func:`is_overdue`);
- :func:`overdue_before` / :func:`due_soon_until` — the same rule as date bounds, for the
  SQL that counts and filters 100,000 tasks without loading them (services/queries.py);
- :func:`current_occurrence` — which occurrence of a recurring task the row, the details
  pane and the task's ``open_due`` column speak for.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar

from desktop.domain.status import TaskStatus

DUE_SOON_DAYS = 14
"""An open task due within this many days from today (today included) is "sắp đến hạn"."""


class Category(StrEnum):
    DONE_ON_TIME = "Hoàn thành đúng hạn"
    DONE_LATE = "Hoàn thành quá hạn"
    OPEN_ON_TIME = "Đang thực hiện trong hạn"
    OPEN_OVERDUE = "Đang thực hiện quá hạn"
    NO_DEADLINE = "Không thời hạn"


class Flag(StrEnum):
    """How a row is marked in lists: never by colour alone (the UI adds text and icon)."""

    OVERDUE = "overdue"
    DUE_SOON = "soon"
    DONE = "done"
    OPEN = "open"
    NO_DEADLINE = "none"


def overdue_before(today: date) -> date:
    """An open task due before this day is overdue: it is overdue from the day after its due."""
    return today


def due_soon_until(today: date, window_days: int = DUE_SOON_DAYS) -> date:
    """The last due date that is still "due soon" (the first is :func:`overdue_before`)."""
    return today + timedelta(days=window_days)


def is_overdue(due: date | None, done: bool, today: date) -> bool:
    return due is not None and not done and due < overdue_before(today)


def is_due_soon(
    due: date | None, done: bool, today: date, window_days: int = DUE_SOON_DAYS
) -> bool:
    """Not done, not yet overdue, due within *window_days* of today."""
    return (
        due is not None
        and not done
        and overdue_before(today) <= due <= due_soon_until(today, window_days)
    )


def flag_for(due: date | None, done: bool, today: date, soon_days: int = DUE_SOON_DAYS) -> Flag:
    """The list's mark for a task, or for the occurrence :func:`current_occurrence` picks."""
    if done:
        return Flag.DONE
    if due is None:
        return Flag.NO_DEADLINE
    if is_overdue(due, done, today):
        return Flag.OVERDUE
    if is_due_soon(due, done, today, soon_days):
        return Flag.DUE_SOON
    return Flag.OPEN


def categorize(due: date | None, completed_on: date | None, done: bool, today: date) -> Category:
    """Classify one task or occurrence as of *today*.

    A task marked done without a completion date is counted on time: the secretary closed
    it and did not record when, and calling it late would be a guess against them.
    """
    if due is None:
        return Category.NO_DEADLINE
    if done:
        if completed_on is None or completed_on <= due:
            return Category.DONE_ON_TIME
        return Category.DONE_LATE
    return Category.OPEN_OVERDUE if is_overdue(due, done, today) else Category.OPEN_ON_TIME


class Dated(Protocol):
    """An occurrence as any layer holds it: a database row, a detail record, a pair."""

    @property
    def due(self) -> date: ...

    @property
    def status(self) -> str: ...


OccurrenceT = TypeVar("OccurrenceT", bound=Dated)


def current_occurrence(occurrences: Iterable[OccurrenceT]) -> OccurrenceT | None:
    """The occurrence a recurring task's row reports: the earliest still open, else the last.

    The earliest open one is what the secretary must act on next; once all are done, the
    last one stands for the task. ``None`` when the task has no occurrences.
    """
    ordered = sorted(occurrences, key=lambda o: o.due)
    if not ordered:
        return None
    return next((o for o in ordered if o.status != TaskStatus.DONE), ordered[-1])
