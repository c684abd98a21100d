"""Lists as the window shows them, and recording progress on tasks and occurrences."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db import Database
from desktop.domain.quarters import Quarter
from desktop.services.queries import (
    Flag,
    SortKey,
    TaskFilter,
    View,
    list_tasks,
    navigation_counts,
    task_ids,
)
from desktop.services.tasks import (
    Progress,
    TaskEditError,
    extend_deadline,
    get_task,
    record_progress,
    set_hidden,
)
from desktop.services.units import find_unit, rename_unit
from tests.conftest import import_payload, task_json

TODAY = date(2021, 10, 1)
TASKS = [
    {"id": "1", "title": "Tuyên truyền Nghị quyết", "lead_unit": "Ban Tuyên giáo",
     "deadline_text": "Quý II năm 2021"},
    {"id": "2", "title": "Ôn tập chính trị", "lead_unit": "Văn phòng",
     "deadline_text": "trước ngày 10/10/2021"},
    {"id": "3", "title": "Báo cáo năm", "lead_unit": "Ban Tổ chức",
     "deadline_text": "Quý IV hằng năm"},
    {"id": "4", "title": "Đánh giá thường xuyên", "lead_unit": "Ban Tổ chức",
     "deadline_text": "thường xuyên"},
    {"id": "5", "title": "Áp dụng hướng dẫn", "lead_unit": "Ủy ban kiểm tra",
     "deadline_text": "sau khi có hướng dẫn của tỉnh"},
    {"id": "6", "title": "Đề án nhân sự", "lead_unit": "Ban Tổ chức",
     "deadline_text": "Quý IV năm 2021"},
]  # fmt: skip


@pytest.fixture
def seeded(database: Database) -> Database:
    import_payload(database, task_json(TASKS))
    return database


def ids_of(database: Database, flt: TaskFilter, sort: SortKey = SortKey.POSITION) -> list[str]:
    return [r.ext_id for r in list_tasks(database, flt, sort)]


def test_search_is_accent_and_case_insensitive(seeded: Database) -> None:
    assert ids_of(seeded, TaskFilter(today=TODAY, search="tuyen giao")) == ["1"]
    assert ids_of(seeded, TaskFilter(today=TODAY, search="quy ii")) == ["1"]
    # "Quý IV" finds the phrases and also the task due 09/10/2021, which falls in Quý IV/2021.
    assert ids_of(seeded, TaskFilter(today=TODAY, search="QUÝ IV")) == ["2", "3", "6"]
    assert ids_of(seeded, TaskFilter(today=TODAY, search="to chuc bao cao")) == ["3"]
    assert ids_of(seeded, TaskFilter(today=TODAY, search="100%_")) == []


def test_quarter_filter_covers_dated_recurring_and_ongoing(seeded: Database) -> None:
    q4 = Quarter.parse("Quý IV/2021")
    assert ids_of(seeded, TaskFilter(today=TODAY, quarter=q4)) == ["2", "3", "4", "6"]
    assert ids_of(seeded, TaskFilter(today=TODAY, quarter=Quarter(2023, 4))) == ["3", "4"]
    assert ids_of(seeded, TaskFilter(today=TODAY, quarter=Quarter(2021, 2))) == ["1", "4"]


def test_views_and_flags(seeded: Database) -> None:
    assert ids_of(seeded, TaskFilter(today=TODAY, view=View.OVERDUE)) == ["1"]
    assert ids_of(seeded, TaskFilter(today=TODAY, view=View.DUE_SOON)) == ["2"]
    assert ids_of(seeded, TaskFilter(today=TODAY, view=View.NO_DEADLINE)) == ["4", "5"]
    flags = {r.ext_id: r.flag for r in list_tasks(seeded, TaskFilter(today=TODAY))}
    assert flags == {
        "1": Flag.OVERDUE,
        "2": Flag.DUE_SOON,
        "3": Flag.OPEN,
        "4": Flag.NO_DEADLINE,
        "5": Flag.NO_DEADLINE,
        "6": Flag.OPEN,
    }


def test_unit_filter_and_vietnamese_sort(seeded: Database) -> None:
    unit = find_unit(seeded, "ban to chuc")
    assert unit is not None and unit.name == "Ban Tổ chức"
    assert ids_of(seeded, TaskFilter(today=TODAY, unit_id=unit.id)) == ["3", "4", "6"]
    by_unit = list_tasks(seeded, TaskFilter(today=TODAY), SortKey.UNIT)
    assert [r.lead_unit for r in by_unit] == [
        "Ban Tổ chức", "Ban Tổ chức", "Ban Tổ chức", "Ban Tuyên giáo", "Ủy ban kiểm tra",
        "Văn phòng",
    ]  # fmt: skip
    titles = [r.title for r in list_tasks(seeded, TaskFilter(today=TODAY), SortKey.TITLE)]
    assert titles == sorted(titles, key=__import__("desktop.domain.text").domain.text.sort_key)
    assert titles[0] == "Áp dụng hướng dẫn" and titles[-1] == "Tuyên truyền Nghị quyết"
    due_order = ids_of(seeded, TaskFilter(today=TODAY), SortKey.DUE)
    assert due_order[:4] == ["1", "2", "3", "6"] and set(due_order[4:]) == {"4", "5"}


def test_navigation_counts(seeded: Database) -> None:
    counts = navigation_counts(seeded, TODAY)
    assert (counts.total, counts.overdue, counts.due_soon, counts.no_deadline) == (6, 1, 1, 2)
    assert [(name, n) for _, name, n in counts.units] == [
        ("Ban Tổ chức", 3), ("Ban Tuyên giáo", 1), ("Ủy ban kiểm tra", 1), ("Văn phòng", 1)
    ]  # fmt: skip
    quarters = dict(counts.quarters)
    assert quarters[Quarter(2021, 4)] == 4 and quarters[Quarter(2025, 4)] == 2


def test_progress_is_saved_with_history(seeded: Database) -> None:
    task_id = task_ids(seeded, TaskFilter(today=TODAY, search="tuyen truyen"))[0]
    change = record_progress(
        seeded,
        task_id,
        Progress("done", date(2021, 7, 5), "Báo cáo số 191-BC/ĐUK", "Trễ do dịch"),
        today=TODAY,
        now=datetime(2021, 7, 5, 9, 0),
    )
    assert change.tasks and change.task_ids == {task_id}
    row = list_tasks(seeded, TaskFilter(today=TODAY, search="tuyen truyen"))[0]
    assert row.category.value == "Hoàn thành quá hạn" and row.flag is Flag.DONE
    assert ids_of(seeded, TaskFilter(today=TODAY, view=View.OVERDUE)) == []
    detail = get_task(seeded, task_id)
    assert {h.field for h in detail.history} == {
        "status",
        "completed_on",
        "result_ref",
        "progress_notes",
    }
    assert not record_progress(
        seeded, task_id, Progress("done", date(2021, 7, 5), "Báo cáo số 191-BC/ĐUK", "Trễ do dịch")
    ).any
    with pytest.raises(TaskEditError, match="sau ngày hôm nay"):
        record_progress(seeded, task_id, Progress("done", date(2021, 12, 1)), today=TODAY)


def test_each_occurrence_of_a_recurring_task_is_tracked_on_its_own(seeded: Database) -> None:
    task_id = task_ids(seeded, TaskFilter(today=TODAY, search="bao cao nam"))[0]
    first, second = get_task(seeded, task_id).occurrences[:2]
    record_progress(
        seeded,
        task_id,
        Progress("done", date(2021, 12, 20), "BC 2021"),
        occurrence_id=first.id,
        today=date(2022, 1, 5),
    )
    row = list_tasks(seeded, TaskFilter(today=date(2022, 1, 5), search="bao cao nam"))[0]
    assert row.due == second.due == date(2022, 12, 31) and row.status == "todo"
    q4_2021 = list_tasks(seeded, TaskFilter(today=date(2022, 1, 5), quarter=Quarter(2021, 4)))
    in_2021 = next(r for r in q4_2021 if r.ext_id == "3")
    assert in_2021.status == "done" and in_2021.category.value == "Hoàn thành đúng hạn"


def test_extension_moves_the_due_date_and_keeps_the_reason(seeded: Database) -> None:
    task_id = task_ids(seeded, TaskFilter(today=TODAY, search="tuyen truyen"))[0]
    with pytest.raises(TaskEditError, match="lý do"):
        extend_deadline(seeded, task_id, date(2021, 12, 31), "  ")
    extend_deadline(seeded, task_id, date(2021, 12, 31), "Chờ hướng dẫn của Tỉnh ủy")
    detail = get_task(seeded, task_id)
    assert detail.due == date(2021, 12, 31) and detail.deadline_text == "Quý II năm 2021"
    assert detail.extensions[0].old_due == date(2021, 6, 30)
    assert detail.extensions[0].reason == "Chờ hướng dẫn của Tỉnh ủy"
    assert "gia hạn" in (detail.history[0].new_value or "")
    assert ids_of(seeded, TaskFilter(today=TODAY, view=View.OVERDUE)) == []
    assert "1" in ids_of(seeded, TaskFilter(today=TODAY, quarter=Quarter(2021, 4)))


def test_hidden_tasks_leave_every_list(seeded: Database) -> None:
    task_id = task_ids(seeded, TaskFilter(today=TODAY, search="tuyen truyen"))[0]
    set_hidden(seeded, task_id, True)
    assert "1" not in ids_of(seeded, TaskFilter(today=TODAY))
    assert navigation_counts(seeded, TODAY).overdue == 0
    assert ids_of(seeded, TaskFilter(today=TODAY, include_hidden=True))[0] == "1"


def test_renamed_unit_is_found_by_its_new_name(seeded: Database) -> None:
    unit = find_unit(seeded, "Văn phòng")
    assert unit is not None
    rename_unit(seeded, unit.id, "Văn phòng Đảng ủy")
    assert ids_of(seeded, TaskFilter(today=TODAY, search="van phong dang uy")) == ["2"]


def test_quarter_row_of_a_monthly_task_shows_its_open_occurrence(database: Database) -> None:
    tasks = [
        {"id": "M", "title": "Giao ban", "lead_unit": "Văn phòng", "deadline_text": "hằng tháng"}
    ]
    import_payload(database, task_json(tasks))
    task_id = task_ids(database, TaskFilter(today=TODAY))[0]
    april = next(o for o in get_task(database, task_id).occurrences if o.due == date(2021, 4, 30))
    record_progress(
        database, task_id, Progress("done", date(2021, 4, 28)), occurrence_id=april.id, today=TODAY
    )
    rows = list_tasks(database, TaskFilter(today=date(2021, 7, 2), quarter=Quarter(2021, 2)))
    assert rows[0].due == date(2021, 5, 31) and rows[0].flag is Flag.OVERDUE


@pytest.mark.parametrize("sort", list(SortKey))
def test_every_sort_works_both_ways_with_empty_values_last(seeded: Database, sort: SortKey):
    ascending = ids_of(seeded, TaskFilter(today=TODAY), sort)
    descending = [r.ext_id for r in list_tasks(seeded, TaskFilter(today=TODAY), sort, True)]
    assert sorted(ascending) == sorted(descending) == ["1", "2", "3", "4", "5", "6"]
    if sort is SortKey.DUE:
        assert ascending[-2:] == ["4", "5"] and set(descending[-2:]) == {"4", "5"}
        assert descending[:4] == ["6", "3", "2", "1"]
