"""The four report categories (deadlines.md, "Report categories")."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.categories import Category, categorize, is_due_soon, is_overdue

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
