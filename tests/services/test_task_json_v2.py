"""Task JSON version 2: the horizon, guessed fields and repaired text travel with the tasks.

Also issue 12's honest summary: a phrase lacking its year in a document without an issue
date is counted as not read, never shown as "không có hạn".
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db import Database
from desktop.cli import main
from desktop.services.importer import ImportRefusedError, PlanAction, import_path, plan_import
from desktop.services.task_json import TaskFileError, parse_task_json
from desktop.services.tasks import Progress, get_task, record_progress
from tests.conftest import count_rows, import_payload, task_json

YEARLY = {"id": "II.1.2", "title": "Sơ kết việc thực hiện", "lead_unit": "Văn phòng",
          "deadline_text": "hằng năm"}  # fmt: skip
# A title that names no programme term: only the file's horizon can bound the task.
PLAIN_TITLE = "Kế hoạch thực hiện Nghị quyết"


def v2(tasks: list[dict[str, Any]], **document: Any) -> dict[str, Any]:
    payload = task_json(tasks, title=PLAIN_TITLE, **document)
    payload["version"] = 2
    return payload


def plan_of(database: Database, payload: dict[str, Any]) -> Any:
    return plan_import(database, parse_task_json(json.dumps(payload, ensure_ascii=False)))


def occurrence_years(database: Database) -> list[int]:
    return [o.due.year for o in get_task(database, 1).occurrences]


def test_v2_horizon_bounds_a_yearly_task(database: Database) -> None:
    payload = v2([YEARLY], horizon={"start": 2021, "end": 2025})
    plan = plan_of(database, payload)
    assert plan.horizon == date(2025, 12, 31)
    import_payload(database, payload)
    assert occurrence_years(database) == [2021, 2022, 2023, 2024, 2025]


def test_without_a_horizon_the_same_task_runs_on(tmp_path: Path) -> None:
    """The contrast: a version-1 file of the same document still imports, unbounded."""
    from db import open_database

    database = open_database(tmp_path / "v1.sqlite3")
    try:
        import_payload(database, task_json([YEARLY], title=PLAIN_TITLE))
        years = occurrence_years(database)
    finally:
        database.dispose()
    assert years[0] == 2021 and years[-1] > 2025


def test_the_files_horizon_wins_over_the_title(database: Database) -> None:
    payload = v2([YEARLY], horizon={"start": 2021, "end": 2023})
    payload["document"]["title"] = "Chương trình hành động giai đoạn 2021 - 2025"
    import_payload(database, payload)
    assert occurrence_years(database) == [2021, 2022, 2023]


def test_guessed_and_repaired_are_carried_in_the_plan(database: Database) -> None:
    tasks = [
        {**YEARLY, "guessed": ["lead_unit", "deadline_text"], "repaired": True},
        {"id": "2", "title": "Tuyên truyền", "deadline_text": "Quý II năm 2021"},
    ]
    plan = plan_of(database, v2(tasks))
    first, second = plan.tasks
    assert first.guessed == ("lead_unit", "deadline_text") and first.repaired
    assert second.guessed == () and not second.repaired
    assert plan.guessed == (first,) and plan.repaired == (first,)
    assert first.data.extra == {}  # known fields in version 2, not extras


def test_a_v1_file_keeps_such_names_as_extras(database: Database) -> None:
    plan = plan_of(database, task_json([{**YEARLY, "guessed": "anything"}]))
    assert plan.tasks[0].guessed == ()
    assert plan.tasks[0].data.extra == {"guessed": "anything"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"horizon": {"start": 2025, "end": 2021}}, "bắt đầu (2025) sau khi kết thúc (2021)"),
        ({"horizon": "2021-2025"}, "“horizon” (thời kỳ của chương trình) phải có dạng"),
        ({"horizon": {"start": 2021, "end": "2025"}}, "“horizon”"),
        ({"horizon": {"start": True, "end": 2025}}, "“horizon”"),
        ({"guessed": "lead_unit"}, "“guessed” (các trường đoán ra) phải là danh sách"),
        ({"guessed": ["don_vi"]}, "“guessed” nêu trường không có trong nhiệm vụ"),
        ({"repaired": "có"}, "“repaired” (đã sửa chữ) phải là true hoặc false"),
        ({"targets": {}}, "“targets” (các chỉ tiêu) phải là một danh sách"),
    ],
)
def test_bad_v2_fields_are_refused_and_nothing_is_written(
    database: Database, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    payload = v2([dict(YEARLY), {"id": "2", "title": "Khác"}])
    if "horizon" in change:
        payload["document"].update(change)
    elif "targets" in change:
        payload.update(change)
    else:
        payload["tasks"][0].update(change)
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportRefusedError) as refused:
        import_path(database, path)
    assert message in str(refused.value)
    assert count_rows(database, "tasks") == 0
    assert count_rows(database, "documents") == 0


def test_version_3_is_refused_naming_the_supported_ones() -> None:
    payload = v2([YEARLY])
    payload["version"] = 3
    with pytest.raises(TaskFileError, match="chỉ hỗ trợ 1, 2"):
        parse_task_json(json.dumps(payload))


# --- issue 12: no issue date, a phrase without its year -------------------------------

UNDATED = [
    {"id": "1", "title": "Tổng kết", "deadline_text": "hoàn thành trong Quý IV hằng năm"},
    {"id": "2", "title": "Tuyên truyền", "deadline_text": "Quý II năm 2021"},
    {"id": "3", "title": "Theo dõi", "deadline_text": "thường xuyên"},
]


def test_a_yearly_phrase_without_issue_date_is_not_counted_as_read(database: Database) -> None:
    plan = plan_of(database, task_json(UNDATED, issued=None))
    undated = plan.tasks[0]
    assert undated.due is None and undated.needs_issue_date and undated.unread
    assert plan.understood == 2  # of 3, not 3
    assert [t.data.ext_id for t in plan.unread] == ["1"]
    assert plan.needs_issue_date
    # With the issue date the user supplies, the same phrase is read.
    with_date = plan_import(
        database,
        parse_task_json(json.dumps(task_json(UNDATED, issued=None), ensure_ascii=False)),
        issued=date(2021, 4, 7),
    )
    assert with_date.understood == 3 and not with_date.unread
    assert with_date.tasks[0].due == date(2021, 12, 31)


def test_the_import_summary_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "undated.json"
    path.write_text(json.dumps(task_json(UNDATED, issued=None), ensure_ascii=False), "utf-8")
    code = main(["import", str(path), "--db", str(tmp_path / "x.sqlite3"), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Thời hạn đọc được: 2/3" in out
    assert "cần xem lại: 1 — “hoàn thành trong Quý IV hằng năm”" in out
    assert "--issued" in out


def test_reimporting_with_a_horizon_moves_the_occurrences(database: Database) -> None:
    """A document first imported without its horizon, then as version 2 with it: the
    yearly task's untouched occurrences past 2025 go, the one with progress stays."""
    import_payload(database, task_json([YEARLY], title=PLAIN_TITLE))
    detail = get_task(database, 1)
    late = detail.occurrences[-1]
    assert late.due.year > 2025
    record_progress(
        database, 1, Progress("doing", notes="đã giao"), occurrence_id=late.id, today=late.due
    )
    payload = v2([YEARLY], horizon={"start": 2021, "end": 2025})
    plan = plan_of(database, payload)
    assert plan.tasks[0].action is PlanAction.UPDATE
    assert "occurrences" in plan.tasks[0].changed_fields
    import_payload(database, payload)
    assert occurrence_years(database) == [2021, 2022, 2023, 2024, 2025, late.due.year]
    # The identical file again changes nothing.
    assert not plan_of(database, payload).writes_anything
