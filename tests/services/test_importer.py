"""Import of task JSON with the rules of shared/spec/task-json.md."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db import Database
from db.backup import list_backups
from desktop.services.importer import (
    ImportRefusedError,
    apply_import,
    import_path,
    plan_from_path,
    plan_import,
)
from desktop.services.queries import TaskFilter, View, list_tasks
from desktop.services.task_json import TaskFileError, parse_task_json
from desktop.services.tasks import Progress, get_task, record_progress
from desktop.services.units import list_units, merge_units
from tests.conftest import count_rows, import_payload, task_json

TODAY = date(2021, 7, 1)

TASKS: list[dict[str, Any]] = [
    {
        "id": "PL.1",
        "title": "Kế hoạch quán triệt, tuyên truyền nội dung, kết quả thực hiện Nghị quyết",
        "section": "Phụ lục / I",
        "lead_unit": "Ban Tuyên giáo",
        "support_units": ["Văn phòng Đảng ủy Khối", "Ủy ban kiểm tra"],
        "deadline_text": "Quý II năm 2021",
        "due": "2021-06-30",
        "output_form": "Kế hoạch",
        "notes": "Trình Ban Thường vụ ĐUK",
    },
    {
        "id": "PL.2",
        "title": "Báo cáo kết quả thực hiện Nghị quyết",
        "lead_unit": "Ban Tuyên giáo Đảng ủy Khối",
        "deadline_text": "Quý IV hằng năm",
    },
    {
        "id": "PL.3",
        "title": "Kiểm tra, giám sát việc thực hiện",
        "lead_unit": "BAN TUYÊN GIÁO",
        "deadline_text": "thực hiện thường xuyên",
    },
    {
        "id": "PL.4",
        "title": "Xây dựng đề án",
        "lead_unit": "Ủy ban kiểm tra Đảng ủy Khối",
        "deadline_text": "trước ngày 15/4/2021",
        "extractor_confidence": 0.9,
    },
]


def rows_in(database: Database) -> dict[str, int]:
    return {
        table: count_rows(database, table)
        for table in ("documents", "tasks", "units", "occurrences", "history")
    }


def test_valid_import_writes_tasks_units_and_occurrences(database: Database) -> None:
    result = import_payload(database, task_json(TASKS))
    assert result.plan.counted("new") == 4
    rows = {r.ext_id: r for r in list_tasks(database, TaskFilter(today=TODAY))}
    assert rows["PL.1"].due == date(2021, 6, 30)
    assert rows["PL.1"].support_units == ("Văn phòng Đảng ủy Khối", "Ủy ban kiểm tra")
    assert rows["PL.4"].due == date(2021, 4, 14)
    assert rows["PL.3"].due is None and rows["PL.3"].kind == "ongoing"
    # A yearly task is tracked once per year up to the program's horizon (2025).
    detail = get_task(database, rows["PL.2"].id)
    assert [o.due for o in detail.occurrences] == [date(y, 12, 31) for y in range(2021, 2026)]
    # Two spellings of one unit are one unit; a longer name is another unit, only suggested
    # (task-json.md: no prefix matching).
    names = [u.name for u in list_units(database)]
    assert names.count("Ban Tuyên giáo") == 1 and "BAN TUYÊN GIÁO" not in names
    assert "Ban Tuyên giáo Đảng ủy Khối" in names
    assert {rows[i].lead_unit for i in ("PL.1", "PL.3")} == {"Ban Tuyên giáo"}
    assert rows["PL.2"].lead_unit == "Ban Tuyên giáo Đảng ủy Khối"
    assert ("Ban Tuyên giáo Đảng ủy Khối", "Ban Tuyên giáo") in result.plan.unit_suggestions
    assert any("có thể là đơn vị đã có" in w for w in result.plan.warnings)
    # Unknown fields are kept and shown in the details.
    assert get_task(database, rows["PL.4"].id).extra == {"extractor_confidence": 0.9}


def test_overdue_and_due_soon_as_of_a_given_day(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    overdue = list_tasks(database, TaskFilter(today=TODAY, view=View.OVERDUE))
    assert {r.ext_id for r in overdue} == {"PL.1", "PL.4"}
    assert all(r.category.value == "Đang thực hiện quá hạn" for r in overdue)
    soon = list_tasks(database, TaskFilter(today=date(2021, 6, 20), view=View.DUE_SOON))
    assert {r.ext_id for r in soon} == {"PL.1"}
    # The due day itself is still on time.
    on_due_day = list_tasks(database, TaskFilter(today=date(2021, 6, 30), view=View.OVERDUE))
    assert {r.ext_id for r in on_due_day} == {"PL.4"}


def test_every_problem_is_reported_and_nothing_is_written(database: Database) -> None:
    import_payload(database, task_json(TASKS[:1]))
    before = rows_in(database)
    bad = task_json(
        [
            {"id": "A", "title": "   "},
            {"id": "B", "title": "Hạn sai", "due": "2021-02-31"},
            {"id": "C", "title": 42},
            {"title": "Thiếu mã"},
            {"id": "E", "title": "Đơn vị sai kiểu", "support_units": "Văn phòng"},
            {"id": "A", "title": "Trùng mã"},
            {"id": "G", "title": "Hợp lệ", "deadline_text": "Quý III năm 2021"},
        ]
    )
    task_file = parse_task_json(json.dumps(bad, ensure_ascii=False))
    assert not task_file.valid
    messages = [str(p) for p in task_file.problems]
    assert len(messages) == 6
    assert messages[0].startswith("Nhiệm vụ thứ 1 (id “A”)") and "trống" in messages[0]
    assert "Nhiệm vụ thứ 2 (id “B”)" in messages[1] and "2021-02-31" in messages[1]
    assert "Nhiệm vụ thứ 3" in messages[2] and "chuỗi" in messages[2]
    assert "Nhiệm vụ thứ 4" in messages[3] and "id" in messages[3]
    assert "Nhiệm vụ thứ 5" in messages[4] and "support_units" in messages[4]
    assert "Nhiệm vụ thứ 6" in messages[5] and "trùng" in messages[5]
    with pytest.raises(ImportRefusedError) as refused:
        plan_import(database, task_file)
    assert len(refused.value.problems) == 6
    assert rows_in(database) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "không phải JSON hợp lệ"),
        (b"[]", "phải là một đối tượng"),
        (b'{"format": "other", "version": 1, "tasks": []}', "không phải định dạng nhiệm vụ"),
        (b'{"format": "nhiemvu", "version": 3, "tasks": []}', "Phiên bản định dạng 3"),
        (b'{"format": "nhiemvu", "version": 1, "tasks": {}}', "phải là một danh sách"),
        # "Chương trình" as the TCVN3 (.VnTime) fonts store it: not UTF-8.
        (b'{"x": "Ch\xad\xacng tr\xd7nh"}', "không ở mã UTF-8"),
        (b"[" * 100_000, "lồng nhau quá sâu"),
    ],
)
def test_unreadable_files_are_refused_with_a_vietnamese_message(
    tmp_path: Path, database: Database, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(TaskFileError, match=expected):
        import_path(database, path)
    assert rows_in(database)["tasks"] == 0


def test_bom_and_utf16_files_are_read(tmp_path: Path, database: Database) -> None:
    text = json.dumps(task_json(TASKS), ensure_ascii=False)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert import_path(database, path).plan.count == 4
    path16 = tmp_path / "utf16.json"
    path16.write_text(text, encoding="utf-16")
    assert import_path(database, path16).plan.counted("same") == 4


def test_identical_reimport_changes_nothing(database: Database, _isolated_data_dir: Path) -> None:
    import_payload(database, task_json(TASKS))
    before = rows_in(database)
    backups = _isolated_data_dir / "backups"
    if database.path is not None:
        backups = database.path.parent / "backups"
    backups_before = list_backups(backups)
    result = import_payload(database, task_json(TASKS))
    assert result.plan.counted("same") == 4 and not result.plan.writes_anything
    assert not result.change.any and result.backup is None
    assert rows_in(database) == before
    assert list_backups(backups) == backups_before


def test_changed_reimport_updates_text_and_keeps_user_fields(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    rows = {r.ext_id: r for r in list_tasks(database, TaskFilter(today=TODAY))}
    record_progress(
        database,
        rows["PL.1"].id,
        Progress("done", date(2021, 6, 25), "Báo cáo số 191-BC/ĐUK", "Đã trình"),
        today=TODAY,
    )
    changed = [dict(t) for t in TASKS if t["id"] != "PL.4"]
    changed[0]["title"] = "Kế hoạch quán triệt Nghị quyết (sửa đổi)"
    changed[0]["deadline_text"] = "Quý III năm 2021"
    changed[0].pop("due")
    result = import_payload(database, task_json(changed))
    assert result.plan.counted("update") == 1
    assert result.plan.vanished_ids == ("PL.4",)
    detail = get_task(database, rows["PL.1"].id)
    assert detail.title == "Kế hoạch quán triệt Nghị quyết (sửa đổi)"
    assert detail.due == date(2021, 9, 30)
    assert (detail.status, detail.completed_on) == ("done", date(2021, 6, 25))
    assert (detail.result_ref, detail.progress_notes) == ("Báo cáo số 191-BC/ĐUK", "Đã trình")
    fields = [h.field for h in detail.history]
    assert "title" in fields and "status" in fields and "due" in fields
    vanished = get_task(database, rows["PL.4"].id)
    assert vanished.missing_from_source and vanished.title == "Xây dựng đề án"
    # Importing the vanished task again brings it back.
    import_payload(database, task_json(TASKS))
    assert not get_task(database, rows["PL.4"].id).missing_from_source


def test_merged_units_stay_merged_after_reimport(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    units = {u.name: u.id for u in list_units(database)}
    merge_units(database, units["Ủy ban kiểm tra"], units["Ban Tuyên giáo"])
    changed = [dict(t) for t in TASKS]
    changed[3]["title"] = "Xây dựng đề án (bản mới)"
    import_payload(database, task_json(changed))
    names = [u.name for u in list_units(database)]
    assert "Ủy ban kiểm tra" not in names
    rows = {r.ext_id: r for r in list_tasks(database, TaskFilter(today=TODAY))}
    # "Ủy ban kiểm tra Đảng ủy Khối" is another name: the merge did not take it along.
    assert rows["PL.4"].lead_unit == "Ủy ban kiểm tra Đảng ủy Khối"
    assert rows["PL.1"].support_units == ("Văn phòng Đảng ủy Khối", "Ban Tuyên giáo")


def test_due_that_disagrees_with_the_phrase_is_used_and_listed(database: Database) -> None:
    tasks = [dict(TASKS[0], due="2021-05-15")]
    result = import_payload(database, task_json(tasks))
    assert len(result.plan.warnings) == 1 and "15/05/2021" in result.plan.warnings[0]
    row = list_tasks(database, TaskFilter(today=TODAY))[0]
    assert row.deadline_text == "Quý II năm 2021" and row.due == date(2021, 5, 15)


@pytest.mark.sqlite_only  # a shared database's backups: db/backup.py's snapshot
def test_import_backs_up_first(database: Database) -> None:
    import_payload(database, task_json(TASKS[:1]))
    result = import_payload(database, task_json(TASKS))
    assert result.backup is not None and result.backup.is_file()
    connection = sqlite3.connect(result.backup)
    assert connection.execute("SELECT count(*) FROM tasks").fetchone()[0] == 1
    connection.close()


def test_phrase_without_year_needs_the_issue_date(database: Database) -> None:
    tasks = [{"id": "1", "title": "Sơ kết", "deadline_text": "trong Quý III"}]
    payload = task_json(tasks, issued=None)
    task_file = parse_task_json(json.dumps(payload, ensure_ascii=False))
    plan = plan_import(database, task_file)
    assert plan.needs_issue_date and plan.understood == 0
    plan = plan_import(database, task_file, issued=date(2021, 8, 1))
    assert plan.tasks[0].due == date(2021, 9, 30)
    apply_import(database, plan)
    assert list_tasks(database, TaskFilter(today=TODAY))[0].due == date(2021, 9, 30)


def test_plan_from_a_file_writes_nothing_until_applied(tmp_path: Path, database: Database) -> None:
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(task_json(TASKS), ensure_ascii=False), encoding="utf-8")
    plan = plan_from_path(database, path)
    assert plan.count == 4 and rows_in(database)["tasks"] == 0
    assert import_path(database, path, dry_run=True).plan.count == 4
    assert rows_in(database)["tasks"] == 0
