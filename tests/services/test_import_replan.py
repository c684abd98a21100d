"""The plan re-made from the import preview's edits (importer.replan), and what it writes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest

from db import Database
from desktop.services.importer import (
    EditedTask,
    ImportPlan,
    ImportRefusedError,
    PlanAction,
    apply_import,
    plan_import,
    replan,
)
from desktop.services.progress import CancelledError, WorkProgress
from desktop.services.queries import TaskFilter, TaskRow, list_tasks
from desktop.services.task_editing import draft_of, edit_task, edited_fields
from desktop.services.task_json import TaskData, TaskFile, parse_task_json
from tests.conftest import task_json

TODAY = date(2021, 7, 1)
NOW = datetime(2021, 7, 1, 9, 0)

TASKS = [
    {"id": "1", "title": "Quán triệt Nghị quyết", "lead_unit": "Ban Tuyên giáo",
     "deadline_text": "Quý II năm 2021"},
    {"id": "2", "title": "Kiểm tra việc thực hiện", "lead_unit": "Ủy ban Kiểm tra",
     "deadline_text": "Quý IV năm 2021"},
    {"id": "3", "title": "Mục lục", "lead_unit": "Văn phòng"},
]  # fmt: skip


def parsed(tasks: list[dict[str, str]]) -> TaskFile:
    return parse_task_json(json.dumps(task_json(tasks), ensure_ascii=False))


def rows(database: Database) -> dict[str, TaskRow]:
    flt = TaskFilter(today=TODAY, include_hidden=True)
    return {r.ext_id: r for r in list_tasks(database, flt)}


def edited(plan: ImportPlan, **changes: tuple[TaskData, frozenset[str]]) -> list[EditedTask]:
    """The plan's tasks as rows, with the given ones replaced (by ext_id)."""
    result = []
    for task in plan.tasks:
        if task.data.ext_id in changes:
            data, marks = changes[task.data.ext_id]
            result.append(EditedTask(data, corrected=marks))
        else:
            result.append(EditedTask(task.data))
    return result


def test_edits_are_imported_and_kept_on_re_import(database: Database) -> None:
    task_file = parsed(TASKS)
    plan = plan_import(database, task_file)
    first, second, _third = (t.data for t in plan.tasks)
    preview = edited(
        plan,
        **{
            "1": (
                replace(first, title="Quán triệt và triển khai Nghị quyết"),
                frozenset({"title"}),
            ),
            "2": (
                replace(
                    second,
                    lead_unit="Ủy ban Kiểm tra Đảng ủy Khối",
                    deadline_text="Quý III năm 2021",
                ),
                frozenset({"lead_unit", "deadline"}),
            ),
        },
    )
    preview = preview[:2]  # row 3 ("Mục lục") is not a task: left out
    preview.append(EditedTask(TaskData("", "Sơ kết 6 tháng", lead_unit="Văn phòng"), added=True))
    final = replan(database, plan, preview)
    assert [t.data.ext_id for t in final.tasks] == ["1", "2", "TM.1"]
    assert final.tasks[1].due == date(2021, 9, 30)
    apply_import(database, final, backup=False, now=NOW)

    found = rows(database)
    assert set(found) == {"1", "2", "TM.1"}
    assert found["1"].title == "Quán triệt và triển khai Nghị quyết"
    assert found["2"].lead_unit == "Ủy ban Kiểm tra Đảng ủy Khối"
    assert found["2"].due == date(2021, 9, 30)
    assert edited_fields(database, found["1"].id) == {"title"}
    assert edited_fields(database, found["2"].id) == {"lead_unit", "deadline"}

    again = plan_import(database, parsed(TASKS))
    actions = {t.data.ext_id: t.action for t in again.tasks}
    # The corrections are kept: nothing to update on 1 and 2; 3 is offered again as new.
    assert actions == {"1": PlanAction.SAME, "2": PlanAction.SAME, "3": PlanAction.NEW}
    assert again.vanished_ids == ()  # the added task is the user's, never "gone"
    assert set({t.data.ext_id: t.conflicts for t in again.tasks}["2"]) == {"lead_unit", "deadline"}


def test_an_empty_title_or_a_too_long_unit_is_refused_with_the_files_words(
    database: Database,
) -> None:
    plan = plan_import(database, parsed(TASKS))
    first = plan.tasks[0].data
    with pytest.raises(ImportRefusedError) as refused:
        replan(
            database, plan, [EditedTask(replace(first, title="  "), corrected=frozenset({"title"}))]
        )
    assert "trống" in str(refused.value)
    with pytest.raises(ImportRefusedError):
        long_name = replace(first, lead_unit="x" * 30_000)
        replan(database, plan, [EditedTask(long_name, corrected=frozenset({"lead_unit"}))])


def test_a_task_left_out_of_a_re_import_stays_as_it_is(database: Database) -> None:
    apply_import(database, plan_import(database, parsed(TASKS)), backup=False)
    changed = [dict(t) for t in TASKS]
    changed[2]["title"] = "Mục lục mới"
    plan = plan_import(database, parsed(changed))
    assert plan.tasks[2].action is PlanAction.UPDATE
    final = replan(database, plan, edited(plan)[:2], left_alone=("3",))
    assert final.vanished_ids == () and final.left_alone == ("3",)
    apply_import(database, final, backup=False)
    assert rows(database)["3"].title == "Mục lục"
    assert not rows(database)["3"].missing_from_source


def test_a_conflict_settled_for_the_file_gives_the_field_back_to_the_file(
    database: Database,
) -> None:
    apply_import(database, plan_import(database, parsed(TASKS)), backup=False)
    task_id = rows(database)["1"].id
    draft = draft_of(database, task_id)
    edit_task(database, task_id, replace(draft, title="Tên do tôi sửa"), now=NOW)
    newer = [dict(t) for t in TASKS]
    newer[0]["title"] = "Tên trong tệp mới"
    plan = plan_import(database, parsed(newer))
    conflict = plan.tasks[0]
    assert conflict.conflicts == ("title",) and conflict.action is PlanAction.SAME
    assert conflict.mine == (("title", "Tên do tôi sửa"),)
    assert conflict.file_value("title") == "Tên trong tệp mới"

    taken = [EditedTask(t.data, take_file=frozenset({"title"})) if i == 0 else EditedTask(t.data)
             for i, t in enumerate(plan.tasks)]  # fmt: skip
    final = replan(database, plan, taken)
    assert final.tasks[0].action is PlanAction.UPDATE and final.tasks[0].conflicts == ()
    apply_import(database, final, backup=False)
    assert rows(database)["1"].title == "Tên trong tệp mới"
    assert edited_fields(database, task_id) == frozenset()
    assert draft_of(database, task_id).title == "Tên trong tệp mới"
    # The field is the file's again: the next version of the file updates it.
    newest = [dict(t) for t in newer]
    newest[0]["title"] = "Tên trong tệp thứ ba"
    assert plan_import(database, parsed(newest)).tasks[0].action is PlanAction.UPDATE


def test_planning_reports_progress_and_stops_when_cancelled(database: Database) -> None:
    many = [{"id": str(i), "title": f"Việc {i}"} for i in range(4_500)]
    steps: list[tuple[int, int]] = []
    plan_import(database, parsed(many), progress=WorkProgress(lambda d, t: steps.append((d, t))))
    assert steps[0] == (0, 4_500) and steps[-1] == (4_500, 4_500) and len(steps) >= 3
    stopped = WorkProgress()
    stopped.cancel()
    with pytest.raises(CancelledError):
        plan_import(database, parsed(many), progress=stopped)


def test_a_split_row_and_an_added_row_never_take_an_id_in_use(database: Database) -> None:
    tasks = [*TASKS, {"id": "TM.1", "title": "Một id trông như của người dùng"}]
    plan = plan_import(database, parsed(tasks))
    rows_ = [EditedTask(t.data) for t in plan.tasks]
    rows_.insert(1, EditedTask(TaskData("", "Nửa sau của nhiệm vụ 1"), added=True))
    rows_.append(EditedTask(TaskData("", "Việc bỏ sót"), added=True))
    final = replan(database, plan, rows_)
    assert [t.data.ext_id for t in final.tasks] == ["1", "TM.2", "2", "3", "TM.1", "TM.3"]
    assert [t.added for t in final.tasks] == [False, True, False, False, False, True]
    apply_import(database, final, backup=False)
    assert len(rows(database)) == 6
