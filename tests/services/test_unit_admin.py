"""Putting units right: merge and undo, move tasks, not-a-unit, the one-time review list."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db import Database, open_database
from desktop.services.queries import TaskFilter, list_tasks
from desktop.services.task_editing import TaskDraft, edit_task
from desktop.services.tasks import TaskEditError, get_task
from desktop.services.unit_admin import (
    UnitError,
    mark_not_unit,
    mark_reviewed,
    merge_units,
    move_back,
    move_tasks,
    not_unit_names,
    restore_unit,
    suspect_merges,
    tasks_of_unit,
    unit_rows,
)
from desktop.services.units import UnitInfo, find_unit, rename_unit
from tests.conftest import DATA, import_payload, task_json

TODAY = date(2021, 7, 1)

TASKS: list[dict[str, Any]] = [
    {
        "id": "1",
        "title": "Một",
        "lead_unit": "Ủy ban Kiếm tra Đảng ủy",
        "support_units": ["Hoạt động", "Văn phòng"],
    },
    {"id": "2", "title": "Hai", "lead_unit": "Ủy ban Kiểm tra Đảng ủy Khối"},
    {"id": "3", "title": "Ba", "lead_unit": "Hoạt động", "support_units": ["Văn phòng"]},
    {"id": "4", "title": "Bốn", "lead_unit": "Văn phòng", "support_units": ["Hoạt động"]},
]


def unit_named(database: Database, name: str) -> UnitInfo:
    found = find_unit(database, name)
    assert found is not None, name
    return found


def leads(database: Database) -> dict[str, str | None]:
    return {r.ext_id: r.lead_unit for r in list_tasks(database, TaskFilter(today=TODAY))}


def supports(database: Database) -> dict[str, tuple[str, ...]]:
    return {r.ext_id: r.support_units for r in list_tasks(database, TaskFilter(today=TODAY))}


def test_a_typo_is_another_unit_and_only_suggested(database: Database) -> None:
    result = import_payload(database, task_json(TASKS))
    assert leads(database)["1"] == "Ủy ban Kiếm tra Đảng ủy"
    assert leads(database)["2"] == "Ủy ban Kiểm tra Đảng ủy Khối"
    assert ("Ủy ban Kiểm tra Đảng ủy Khối", "Ủy ban Kiếm tra Đảng ủy") in (
        result.plan.unit_suggestions
    )


def test_merge_moves_tasks_and_spellings_and_undo_puts_them_back(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    before_leads, before_supports = leads(database), supports(database)
    source = unit_named(database, "Hoạt động").id
    target = unit_named(database, "Văn phòng").id
    snapshot, change = merge_units(database, source, target)
    assert change.units and {1, 3, 4} <= set(change.task_ids)
    assert leads(database)["3"] == "Văn phòng"
    # Task 1 was supported by both: one support row remains; task 4's lead is its support.
    assert supports(database)["1"] == ("Văn phòng",)
    assert "Hoạt động" not in {u.name for u in unit_rows(database)}
    history = [(h.field, h.old_value, h.new_value) for h in get_task(database, 3).history]
    assert ("lead_unit", "Hoạt động", "Văn phòng") in history
    # The next import maps the merged spelling to the unit kept.
    import_payload(
        database, task_json([*TASKS, {"id": "5", "title": "Năm", "lead_unit": "hoạt động"}])
    )
    assert leads(database)["5"] == "Văn phòng"
    restore_unit(database, snapshot)
    after = leads(database)
    assert {k: after[k] for k in before_leads} == before_leads
    assert {k: supports(database)[k] for k in before_supports} == before_supports
    with pytest.raises(UnitError, match="vẫn còn"):
        restore_unit(database, snapshot)


def test_move_some_tasks_and_move_them_back(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    kiem_tra = unit_named(database, "Ủy ban Kiểm tra Đảng ủy Khối").id
    typo = unit_named(database, "Ủy ban Kiếm tra Đảng ủy").id
    assert [t.ext_id for t in tasks_of_unit(database, typo)] == ["1"]
    before, _ = move_tasks(database, [1], kiem_tra)
    assert before == {1: typo} and leads(database)["1"] == "Ủy ban Kiểm tra Đảng ủy Khối"
    # The move is a correction of the user's: a re-import keeps it.
    import_payload(database, task_json(TASKS))
    assert leads(database)["1"] == "Ủy ban Kiểm tra Đảng ủy Khối"
    move_back(database, before)
    assert leads(database)["1"] == "Ủy ban Kiếm tra Đảng ủy"
    with pytest.raises(UnitError, match="Không tìm thấy nhiệm vụ số 99"):
        move_tasks(database, [99], kiem_tra)


def test_not_a_unit_is_dropped_and_never_proposed_again(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    snapshot, _ = mark_not_unit(database, unit_named(database, "Hoạt động").id)
    assert leads(database)["3"] is None and supports(database)["4"] == ()
    assert not_unit_names(database) == ["Hoạt động"]
    plan_changed = import_payload(database, task_json(TASKS)).plan
    assert "Hoạt động" not in plan_changed.units and "Hoạt động" not in plan_changed.new_units
    assert plan_changed.counted("update") == 0
    assert "Hoạt động" not in {u.name for u in unit_rows(database)}
    with pytest.raises(TaskEditError, match="không phải đơn vị"):
        edit_task(database, 4, TaskDraft(title="Bốn", lead_unit="hoạt động"))
    history = [(h.field, h.old_value, h.new_value) for h in get_task(database, 4).history]
    assert ("support_units", "Hoạt động", None) in history
    restore_unit(database, snapshot)
    assert leads(database)["3"] == "Hoạt động" and not_unit_names(database) == []


def test_rename_keeps_the_tasks(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    rename_unit(database, unit_named(database, "Văn phòng").id, "Văn phòng Đảng ủy Khối")
    assert leads(database)["4"] == "Văn phòng Đảng ủy Khối"
    assert unit_named(database, "van phong dang uy khoi").name == "Văn phòng Đảng ủy Khối"
    assert find_unit(database, "Ban không có") is None


def old_database_with_a_shared_unit(tmp_path: Path) -> Database:
    """The 0004 fixture plus a second document whose task the old rule gave the same unit."""
    path = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "db" / "schema-0004.sqlite3", path)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO documents (id, number, content_hash, imported_at) "
            "VALUES (2, 'X-2', 'h2', '2021-07-01 00:00:00')"
        )
        connection.execute(
            "INSERT INTO tasks (document_id, ext_id, position, title, lead_unit_id, kind, "
            "status, hidden, missing_from_source, search_key, title_sort, created_at, "
            "updated_at) SELECT 2, 'B.1', 0, 'Khác', lead_unit_id, kind, 'todo', 0, 0, '', "
            "'', created_at, updated_at FROM tasks LIMIT 1"
        )
    return open_database(path)


def test_an_old_database_gets_a_one_time_review_list(tmp_path: Path) -> None:
    database = old_database_with_a_shared_unit(tmp_path)
    try:
        suspects = suspect_merges(database)
        assert [(s.name, len(s.documents)) for s in suspects] == [("Ban Tuyên giáo", 2)]
        mark_reviewed(database, [suspects[0].unit_id])
        assert suspect_merges(database) == []
        # The strict key was written for the old unit: its exact name still matches.
        assert unit_named(database, "BAN TUYÊN GIÁO").name == "Ban Tuyên giáo"
    finally:
        database.dispose()


def test_a_new_database_has_no_review_list(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    import_payload(database, task_json(TASKS, number="2-CTr", source_file="b.txt"))
    assert suspect_merges(database) == []
