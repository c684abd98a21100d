"""Statuses, plan actions and deadline kinds are enums in the code; the database keeps strings."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import text

from db import Database
from desktop.domain.deadline_spec import DeadlineKind
from desktop.domain.status import TaskStatus, overall_status
from desktop.services.importer import PlanAction, plan_import
from desktop.services.task_json import parse_task_json
from desktop.services.tasks import Progress, get_task, record_progress
from tests.conftest import import_payload, task_json

TASKS = [
    {"id": "1", "title": "Tuyên truyền", "deadline_text": "Quý II năm 2021"},
    {"id": "2", "title": "Báo cáo năm", "deadline_text": "Quý IV hằng năm"},
]


def test_plan_actions_and_kinds_are_enum_members(database: Database) -> None:
    payload = task_json(TASKS)
    first = plan_import(database, parse_task_json(json.dumps(payload, ensure_ascii=False)))
    assert [t.action for t in first.tasks] == [PlanAction.NEW, PlanAction.NEW]
    assert [t.kind for t in first.tasks] == [DeadlineKind.DATED, DeadlineKind.RECURRING]
    import_payload(database, payload)
    payload["tasks"][0]["title"] = "Tuyên truyền sâu rộng"
    again = plan_import(database, parse_task_json(json.dumps(payload, ensure_ascii=False)))
    assert [t.action for t in again.tasks] == [PlanAction.UPDATE, PlanAction.SAME]
    assert again.counted(PlanAction.UPDATE) == 1


def test_database_keeps_plain_strings(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    with database.engine.connect() as connection:
        rows = {tuple(r) for r in connection.execute(text("SELECT kind, status FROM tasks"))}
        occurrences = {tuple(r) for r in connection.execute(text("SELECT status FROM occurrences"))}
    assert rows == {("dated", "todo"), ("recurring", "todo")}
    assert occurrences == {("todo",)}


def test_a_recurring_tasks_status_follows_its_occurrences(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    detail = next(get_task(database, i) for i in range(1, 3) if get_task(database, i).occurrences)
    first = detail.occurrences[0]
    record_progress(
        database, detail.id, Progress("done"), occurrence_id=first.id, today=date(2022, 1, 5)
    )
    after = get_task(database, detail.id)
    assert after.status == TaskStatus.DOING
    assert after.progress_of(first.id).status == TaskStatus.DONE
    assert overall_status(["done", "done"]) is TaskStatus.DONE
    assert overall_status(["todo", "doing"]) is TaskStatus.TODO
