"""The four report categories (deadlines.md, "Report categories")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from desktop.domain.categories import (
    DUE_SOON_DAYS,
    Category,
    Flag,
    categorize,
    current_occurrence,
    due_soon_until,
    flag_for,
    is_due_soon,
    is_overdue,
    overdue_before,
)

DUE = date(2021, 6, 30)


@pytest.mark.parametrize(
    ("completed_on", "done", "today", "category"),
    [
        (date(2021, 6, 29), True, date(2021, 8, 1), Category.DONE_ON_TIME),
        (DUE, True, date(2021, 8, 1), Category.DONE_ON_TIME),
        (date(2021, 7, 1), True, date(2021, 8, 1), Category.DONE_LATE),
        (None, True, date(2021, 8, 1), Category.DONE_ON_TIME),
        (None, False, date(2021, 6, 1), Category.OPEN_ON_TIME),
        (None, False, DUE, Category.OPEN_ON_TIME),
        (None, False, date(2021, 7, 1), Category.OPEN_OVERDUE),
        # a completion date on an unfinished task does not count
        (date(2021, 6, 1), False, date(2021, 7, 1), Category.OPEN_OVERDUE),
    ],
)
def test_categorize(completed_on: date | None, done: bool, today: date, category: Category) -> None:
    assert categorize(DUE, completed_on, done, today) is category


@pytest.mark.parametrize("done", [True, False])
def test_no_due_date_has_its_own_heading(done: bool) -> None:
    assert categorize(None, None, done, date(2021, 1, 1)) is Category.NO_DEADLINE


def test_category_labels_are_the_report_headings() -> None:
    assert Category.DONE_ON_TIME == "Hoàn thành đúng hạn"
    assert Category.DONE_LATE == "Hoàn thành quá hạn"
    assert Category.OPEN_ON_TIME == "Đang thực hiện trong hạn"
    assert Category.OPEN_OVERDUE == "Đang thực hiện quá hạn"


def test_overdue_from_the_day_after_due() -> None:
    assert not is_overdue(DUE, False, DUE)
    assert is_overdue(DUE, False, date(2021, 7, 1))
    assert not is_overdue(DUE, True, date(2021, 7, 1))
    assert not is_overdue(None, False, date(2030, 1, 1))


def test_overdue_agrees_with_categorize() -> None:
    for offset in range(-3, 4):
        today = date.fromordinal(DUE.toordinal() + offset)
        overdue = categorize(DUE, None, False, today) is Category.OPEN_OVERDUE
        assert overdue == is_overdue(DUE, False, today)


@pytest.mark.parametrize(
    ("today", "done", "window", "soon"),
    [
        (date(2021, 6, 16), False, 14, True),
        (date(2021, 6, 15), False, 14, False),
        (DUE, False, 14, True),
        (date(2021, 7, 1), False, 14, False),  # overdue, not "soon"
        (date(2021, 6, 20), True, 14, False),
        (date(2021, 6, 25), False, 3, False),
        (date(2021, 6, 27), False, 3, True),
    ],
)
def test_due_soon(today: date, done: bool, window: int, soon: bool) -> None:
    assert is_due_soon(DUE, done, today, window) is soon


def test_due_soon_without_due_date() -> None:
    assert not is_due_soon(None, False, date(2021, 1, 1))


# --- the one rule: flag, category and the SQL bounds agree ------------------------------

OFFSETS = range(-20, 21)


@pytest.mark.parametrize("done", [True, False])
def test_flag_category_and_bounds_are_one_rule(done: bool) -> None:
    """For every day around a due date, the list flag, the report category and the date
    bounds the SQL views filter on all say the same thing."""
    for offset in OFFSETS:
        today = DUE + timedelta(days=offset)
        flag = flag_for(DUE, done, today)
        category = categorize(DUE, None, done, today)
        overdue_in_sql = not done and overdue_before(today) > DUE
        soon_in_sql = not done and overdue_before(today) <= DUE <= due_soon_until(today)
        assert (flag is Flag.OVERDUE) == overdue_in_sql == (category is Category.OPEN_OVERDUE)
        assert (flag is Flag.DUE_SOON) == soon_in_sql
        assert (flag is Flag.DONE) == done
        # overdue from the day after due; "soon" from 14 days before through the due day
        assert overdue_in_sql == (not done and offset >= 1)
        assert soon_in_sql == (not done and -DUE_SOON_DAYS <= offset <= 0)
        assert (flag is Flag.OPEN) == (not done and not overdue_in_sql and not soon_in_sql)


def test_due_soon_window_is_defined_once() -> None:
    today = date(2021, 6, 1)
    assert due_soon_until(today) == today + timedelta(days=DUE_SOON_DAYS)
    assert flag_for(today + timedelta(days=DUE_SOON_DAYS), False, today) is Flag.DUE_SOON
    assert flag_for(today + timedelta(days=DUE_SOON_DAYS + 1), False, today) is Flag.OPEN


def test_no_due_date_is_flagged_as_such() -> None:
    assert flag_for(None, False, DUE) is Flag.NO_DEADLINE
    assert flag_for(None, True, DUE) is Flag.DONE


@dataclass(frozen=True)
class Occ:
    due: date
    status: str


def test_current_occurrence_is_the_earliest_open_else_the_last() -> None:
    q1, q2, q3 = (
        Occ(date(2021, 3, 31), "done"),
        Occ(date(2021, 6, 30), "todo"),
        Occ(date(2021, 9, 30), "doing"),
    )
    assert current_occurrence([q3, q1, q2]) is q2  # order given does not matter
    done = [Occ(d.due, "done") for d in (q1, q2, q3)]
    assert current_occurrence(reversed(done)) is done[-1]
    assert current_occurrence([]) is None
