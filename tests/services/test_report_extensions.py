"""An extended task stays in the quarter it was due, marked, and counted on its new date."""

from __future__ import annotations

import csv
import io
from datetime import date

from db import Database
from desktop.domain.categories import Category
from desktop.domain.quarters import Quarter
from desktop.services.csv_export import COLUMNS, csv_bytes
from desktop.services.quarter_report import quarter_report
from desktop.services.queries import TaskFilter, list_tasks
from desktop.services.tasks import extend_deadline, get_task, undo_extension
from tests.services.test_quarter_report import Q2, TODAY, seed_quarter

Q3, Q4 = Quarter(2021, 3), Quarter(2021, 4)
NEW_DUE = date(2021, 12, 31)
REASON = "chờ số liệu quyết toán"


def _task_id(database: Database, ext_id: str) -> int:
    rows = list_tasks(database, TaskFilter(today=TODAY))
    return next(r.id for r in rows if r.ext_id == ext_id)


def _rows(database: Database, quarter: Quarter, ext_id: str) -> list:  # type: ignore[type-arg]
    return [r for r in quarter_report(database, quarter, TODAY).rows if r.task.ext_id == ext_id]


def test_extended_task_stays_in_the_quarter_it_was_due(database: Database) -> None:
    seed_quarter(database)
    task_id = _task_id(database, "PL.3")
    before = _rows(database, Q2, "PL.3")[0]
    assert before.category is Category.OPEN_OVERDUE and before.extension is None
    overdue_before = quarter_report(database, Q2, TODAY).total.count(Category.OPEN_OVERDUE)
    extend_deadline(database, task_id, NEW_DUE, REASON)

    (row,) = _rows(database, Q2, "PL.3")
    assert row.extension is not None
    assert row.extension.text == f"đã gia hạn đến 31/12/2021 (lý do: {REASON})"
    assert row.original_due == date(2021, 6, 30)
    assert row.due == NEW_DUE
    # Counted on the deadline in force: within its extension, not overdue.
    assert row.category is Category.OPEN_ON_TIME
    report = quarter_report(database, Q2, TODAY)
    assert report.total.total == 10
    assert report.total.count(Category.OPEN_OVERDUE) == overdue_before - 1
    # The quarter of the new date shows it too, with the same words; the one between not.
    (later,) = _rows(database, Q4, "PL.3")
    assert later.extension == row.extension
    assert _rows(database, Q3, "PL.3") == []


def test_extended_occurrence_stays_with_its_quarter(database: Database) -> None:
    seed_quarter(database)
    task_id = _task_id(database, "PL.5")
    june = next(o for o in get_task(database, task_id).occurrences if o.due == date(2021, 6, 30))
    extend_deadline(database, task_id, date(2021, 7, 15), "đợi số liệu", occurrence_id=june.id)
    rows = _rows(database, Q2, "PL.5")
    assert [r.original_due for r in rows] == [date(2021, 4, 30), date(2021, 5, 31), june.due]
    assert rows[-1].due == date(2021, 7, 15)
    assert rows[-1].extension is not None
    assert rows[-1].category is Category.OPEN_ON_TIME
    assert [r.occurrence_id for r in _rows(database, Q3, "PL.5")].count(june.id) == 1


def test_undone_extension_is_no_extension(database: Database) -> None:
    seed_quarter(database)
    task_id = _task_id(database, "PL.3")
    extend_deadline(database, task_id, NEW_DUE, REASON)
    undo_extension(database, task_id, NEW_DUE)
    (row,) = _rows(database, Q2, "PL.3")
    assert row.extension is None and row.due == date(2021, 6, 30)
    assert row.category is Category.OPEN_OVERDUE
    detail = get_task(database, task_id)
    assert detail.extensions == ()
    assert detail.due == date(2021, 6, 30)
    assert _rows(database, Q4, "PL.3") == []


def test_csv_has_code_document_original_deadline_and_extension(database: Database) -> None:
    seed_quarter(database)
    extend_deadline(database, _task_id(database, "PL.3"), NEW_DUE, REASON)
    data = csv_bytes(quarter_report(database, Q2, TODAY).rows, ",")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header = table[0]
    for name in ("Mã nhiệm vụ", "Văn bản giao", "Hạn ban đầu", "Gia hạn"):
        assert name in header
    row = next(r for r in table[1:] if r[header.index("Mã nhiệm vụ")] == "PL.3")
    assert row[header.index("Văn bản giao")] == "10-CTr/ĐUK"
    assert row[header.index("Hạn ban đầu")] == "30/06/2021"
    assert row[header.index("Hạn")] == "31/12/2021"
    assert row[header.index("Gia hạn")] == f"đã gia hạn đến 31/12/2021 (lý do: {REASON})"
    assert tuple(header) == COLUMNS


def test_status_and_category_columns_say_what_they_are() -> None:
    # "Chưa thực hiện" beside "Đang thực hiện quá hạn" read as a contradiction: the two
    # columns are named for what each is (the record, the report's category).
    assert "Trạng thái" not in COLUMNS and "Phân loại" not in COLUMNS
    assert "Tiến độ ghi nhận" in COLUMNS
    assert "Phân loại báo cáo (theo hạn)" in COLUMNS
