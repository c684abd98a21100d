"""The four report categories of Vietnamese task-tracking reports (deadlines.md)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Category(StrEnum):
    DONE_ON_TIME = "Hoàn thành đúng hạn"
    DONE_LATE = "Hoàn thành quá hạn"
    OPEN_ON_TIME = "Đang thực hiện trong hạn"
    OPEN_OVERDUE = "Đang thực hiện quá hạn"
    NO_DEADLINE = "Không thời hạn"


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
    return Category.OPEN_ON_TIME if today <= due else Category.OPEN_OVERDUE


def is_overdue(due: date | None, done: bool, today: date) -> bool:
    return due is not None and not done and today > due


def is_due_soon(due: date | None, done: bool, today: date, window_days: int = 14) -> bool:
    """Not done, not yet overdue, due within *window_days* of today."""
    return due is not None and not done and 0 <= (due - today).days <= window_days
