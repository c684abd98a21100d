"""The list's flag, the SQL views, the CSV category and the report category: one rule.

Every kind of deadline (dated, period, ongoing, conditional, recurring, unknown, none) is
imported, some progress recorded, and then for several "today"s each place that marks or
counts a task is compared with :mod:`desktop.domain.categories`.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from db import Database
from desktop.domain.categories import Category, Flag, categorize, flag_for
from desktop.domain.deadline_spec import DeadlineKind
from desktop.domain.quarters import Quarter
from desktop.domain.status import TaskStatus
from desktop.services.csv_export import COLUMNS, csv_bytes
from desktop.services.quarter_report import quarter_report
from desktop.services.queries import TaskFilter, TaskRow, View, list_tasks
from desktop.services.tasks import Progress, get_task, record_progress
from tests.conftest import import_payload, task_json

TASKS = [
    {"id": "dated", "title": "Tuyên truyền", "deadline_text": "Quý II năm 2021"},
    {"id": "dated-soon", "title": "Ôn tập", "deadline_text": "trước ngày 10/10/2021"},
    {"id": "dated-late", "title": "Đề án", "deadline_text": "Quý II năm 2021"},
    {"id": "period", "title": "Thực hiện", "deadline_text": "Giai đoạn 2021 - 2025"},
    {"id": "ongoing", "title": "Theo dõi", "deadline_text": "thường xuyên"},
    {"id": "conditional", "title": "Áp dụng", "deadline_text": "sau khi có hướng dẫn"},
    {"id": "recurring", "title": "Báo cáo năm", "deadline_text": "Quý IV hằng năm"},
    {"id": "unknown", "title": "Rà soát", "deadline_text": "tùy tình hình"},
    {"id": "none", "title": "Không ghi hạn"},
]  # fmt: skip
KINDS = {
    "dated": DeadlineKind.DATED,
    "period": DeadlineKind.PERIOD,
    "ongoing": DeadlineKind.ONGOING,
    "conditional": DeadlineKind.CONDITIONAL,
    "recurring": DeadlineKind.RECURRING,
    "unknown": DeadlineKind.UNKNOWN,
    "none": DeadlineKind.UNKNOWN,
}
TODAYS = [
    date(2021, 6, 20),
    date(2021, 7, 1),
    date(2021, 9, 26),
    date(2021, 10, 11),
    date(2021, 12, 31),
    date(2022, 1, 1),
    date(2022, 12, 20),
    date(2026, 1, 1),
]
QUARTERS = [Quarter(2021, 2), Quarter(2021, 4), Quarter(2022, 4), Quarter(2025, 4)]


@pytest.fixture
def seeded(database: Database) -> Database:
    import_payload(database, task_json(TASKS))
    ids = {r.ext_id: r.id for r in list_tasks(database, TaskFilter(today=TODAYS[0]))}
    # Done late; and the first occurrence of the recurring task done, the rest open.
    record_progress(
        database, ids["dated-late"], Progress("done", date(2021, 7, 15)), today=date(2021, 8, 1)
    )
    occurrence = get_task(database, ids["recurring"]).occurrences[0]
    record_progress(
        database,
        ids["recurring"],
        Progress("done", date(2021, 12, 20)),
        occurrence_id=occurrence.id,
        today=date(2021, 12, 20),
    )
    return database


def _csv_categories(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    column = list(COLUMNS).index("Phân loại báo cáo (theo hạn)")
    return [row[column] for row in rows[1:]]


def _view(database: Database, view: View, today: date) -> set[str]:
    return {r.ext_id for r in list_tasks(database, TaskFilter(today=today, view=view))}


def _check_row(row: TaskRow, today: date) -> None:
    done = row.status == TaskStatus.DONE
    assert row.flag is flag_for(row.due, done, today), (row.ext_id, today)
    assert row.category is categorize(row.due, row.completed_on, done, today), (row.ext_id, today)


def test_every_kind_is_imported(seeded: Database) -> None:
    kinds = {r.ext_id: r.kind for r in list_tasks(seeded, TaskFilter(today=TODAYS[0]))}
    for ext_id, kind in KINDS.items():
        assert kinds[ext_id] == kind


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_list_flag_views_report_and_csv_follow_the_one_rule(seeded: Database, today: date) -> None:
    rows = list_tasks(seeded, TaskFilter(today=today))
    assert {r.ext_id for r in rows} == {t["id"] for t in TASKS}
    for row in rows:
        _check_row(row, today)
    # The SQL views select exactly the rows the rule flags.
    assert _view(seeded, View.OVERDUE, today) == {r.ext_id for r in rows if r.flag is Flag.OVERDUE}
    assert _view(seeded, View.DUE_SOON, today) == {
        r.ext_id for r in rows if r.flag is Flag.DUE_SOON
    }
    # Tasks with no due date at all are flagged and categorised as such, whatever the day.
    by_id = {r.ext_id: r for r in rows}
    for ext_id in ("ongoing", "conditional", "unknown", "none"):
        assert by_id[ext_id].flag is Flag.NO_DEADLINE
        assert by_id[ext_id].category is Category.NO_DEADLINE

    for quarter in QUARTERS:
        report = quarter_report(seeded, quarter, today)
        for report_row in report.rows:
            done = report_row.status == TaskStatus.DONE
            expected = categorize(report_row.due, report_row.completed_on, done, today)
            assert report_row.category is expected, (report_row.task.ext_id, quarter, today)
            assert report_row.overdue == (flag_for(report_row.due, done, today) is Flag.OVERDUE)
            if report_row.task.kind != DeadlineKind.RECURRING:
                assert report_row.category is by_id[report_row.task.ext_id].category
        assert _csv_categories(csv_bytes(report.rows)) == [r.category for r in report.rows]
        # Deadlines that name no quarter stay out of every quarter's report.
        assert not {r.task.ext_id for r in report.rows} & {"conditional", "unknown", "none"}


def test_the_recurring_task_counts_its_open_occurrence(seeded: Database) -> None:
    """The list row, the overdue view and the report speak for the same occurrence."""
    today = date(2023, 1, 2)
    row = next(r for r in list_tasks(seeded, TaskFilter(today=today)) if r.ext_id == "recurring")
    assert row.due == date(2022, 12, 31) and row.flag is Flag.OVERDUE
    assert "recurring" in _view(seeded, View.OVERDUE, today)
    report = quarter_report(seeded, Quarter(2021, 4), today)
    done_2021 = next(r for r in report.rows if r.task.ext_id == "recurring")
    assert done_2021.category is Category.DONE_ON_TIME
    report = quarter_report(seeded, Quarter(2022, 4), today)
    open_2022 = next(r for r in report.rows if r.task.ext_id == "recurring")
    assert open_2022.category is Category.OPEN_OVERDUE
