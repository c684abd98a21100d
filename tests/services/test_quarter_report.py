"""The quarter's report rows and counts: one row per task and per occurrence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from db import Database
from desktop.domain.categories import Category
from desktop.domain.quarters import Quarter
from desktop.services.quarter_report import CATEGORIES, NO_UNIT, quarter_report
from desktop.services.queries import TaskFilter, list_tasks
from desktop.services.tasks import Progress, get_task, record_progress
from desktop.services.units import find_unit
from tests.conftest import DATA, import_payload, task_json

TODAY = date(2021, 7, 5)
Q2 = Quarter(2021, 2)
SEED: Path = DATA / "golden" / "quarter_seed.json"


def seed_quarter(database: Database) -> None:
    """Import the seed program and record its progress, the way a user would."""
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    import_payload(database, task_json(seed["tasks"]))
    ids = {row.ext_id: row.id for row in list_tasks(database, TaskFilter(today=TODAY))}
    for entry in seed["progress"]:
        task_id = ids[entry["id"]]
        occurrence_id = None
        if "occurrence_due" in entry:
            due = date.fromisoformat(entry["occurrence_due"])
            occurrence_id = next(
                o.id for o in get_task(database, task_id).occurrences if o.due == due
            )
        completed = entry.get("completed_on")
        record_progress(
            database,
            task_id,
            Progress(
                status=entry["status"],
                completed_on=date.fromisoformat(completed) if completed else None,
                result_ref=entry.get("result_ref"),
                notes=entry.get("notes"),
            ),
            occurrence_id=occurrence_id,
            today=TODAY,
        )


def test_rows_one_per_task_and_occurrence_in_document_order(database: Database) -> None:
    seed_quarter(database)
    report = quarter_report(database, Q2, TODAY)
    assert [(r.task.ext_id, r.due) for r in report.rows] == [
        ("PL.1", date(2021, 6, 30)),
        ("PL.2", date(2021, 4, 14)),
        ("PL.3", date(2021, 6, 30)),
        ("PL.4", date(2021, 6, 30)),
        ("PL.5", date(2021, 4, 30)),
        ("PL.5", date(2021, 5, 31)),
        ("PL.5", date(2021, 6, 30)),
        ("PL.6", None),
        ("PL.7", date(2025, 12, 31)),
        ("PL.9", date(2021, 6, 30)),
    ]


def test_each_occurrence_keeps_its_own_status_result_and_category(database: Database) -> None:
    seed_quarter(database)
    monthly = [r for r in quarter_report(database, Q2, TODAY).rows if r.task.ext_id == "PL.5"]
    assert [r.category for r in monthly] == [
        Category.DONE_ON_TIME,
        Category.DONE_LATE,
        Category.OPEN_OVERDUE,
    ]
    assert [r.result_ref for r in monthly] == ["Báo cáo số 20-BC/VP", "Báo cáo số 25-BC/VP", None]
    assert len({r.occurrence_id for r in monthly}) == 3


def test_categories_notes_and_units(database: Database) -> None:
    seed_quarter(database)
    rows = {r.task.ext_id: r for r in quarter_report(database, Q2, TODAY).rows}
    assert rows["PL.1"].category is Category.DONE_ON_TIME
    assert rows["PL.1"].notes == "Đã triển khai đến 100% chi bộ"
    assert rows["PL.1"].task.support_units == ("Văn phòng",)
    assert rows["PL.2"].category is Category.DONE_LATE
    assert rows["PL.3"].category is Category.OPEN_OVERDUE
    assert rows["PL.4"].status_label == "Đang thực hiện"
    assert rows["PL.6"].category is Category.NO_DEADLINE
    assert rows["PL.7"].category is Category.OPEN_ON_TIME
    assert rows["PL.9"].notes == "@Thường trực: đã xem"
    assert rows["PL.1"].task.document_number == "10-CTr/ĐUK"


def test_category_depends_on_today(database: Database) -> None:
    seed_quarter(database)
    rows = {r.task.ext_id: r for r in quarter_report(database, Q2, date(2021, 6, 1)).rows}
    assert rows["PL.3"].category is Category.OPEN_ON_TIME


def test_summary_per_unit_in_vietnamese_order_with_total(database: Database) -> None:
    seed_quarter(database)
    report = quarter_report(database, Q2, TODAY)
    summary = {s.unit: s for s in report.by_unit}
    assert [s.unit for s in report.by_unit] == [
        "Ban Tuyên giáo",
        "Chi bộ Phòng Tài nguyên khoáng sản",
        "Ủy ban kiểm tra",
        "Văn phòng",
    ]
    assert summary["Văn phòng"].counts == (1, 2, 0, 1, 0)
    assert summary["Ban Tuyên giáo"].count(Category.NO_DEADLINE) == 1
    assert report.total.total == len(report.rows) == 10
    assert report.total.counts == tuple(
        sum(1 for r in report.rows if r.category is c) for c in CATEGORIES
    )


def test_grouped_puts_overdue_first_within_each_unit(database: Database) -> None:
    seed_quarter(database)
    groups = dict(quarter_report(database, Q2, TODAY).grouped())
    office = groups["Văn phòng"]
    # The monthly PL.5 is one entry (its three occurrences folded), first: one is overdue.
    assert [e.task.ext_id for e in office] == ["PL.5", "PL.2"]
    assert office[0].overdue and not office[1].overdue
    assert [r.category for r in office[0].rows] == [
        Category.DONE_ON_TIME,
        Category.DONE_LATE,
        Category.OPEN_OVERDUE,
    ]


def test_limited_to_one_unit(database: Database) -> None:
    seed_quarter(database)
    unit = find_unit(database, "uy ban kiem tra")
    assert unit is not None
    report = quarter_report(database, Q2, TODAY, unit.id)
    assert report.unit == "Ủy ban kiểm tra"
    assert [r.task.ext_id for r in report.rows] == ["PL.3", "PL.9"]


def test_empty_quarter_and_tasks_without_a_unit(database: Database) -> None:
    seed_quarter(database)
    assert quarter_report(database, Quarter(2019, 1), TODAY).rows == ()
    import_payload(
        database,
        task_json(
            [{"id": "X.1", "title": "Việc chưa giao", "deadline_text": "Quý II/2021"}],
            number="11-CTr/ĐUK",
            source_file="khac.txt",
        ),
    )
    report = quarter_report(database, Q2, TODAY)
    assert report.by_unit[-1].unit == NO_UNIT
