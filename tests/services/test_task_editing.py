"""Adding, correcting and deleting tasks; the corrections survive a re-import."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from db import Database
from desktop.extract import extract_document
from desktop.services.importer import apply_import, plan_from_path
from desktop.services.queries import TaskFilter, list_tasks
from desktop.services.task_editing import (
    TaskDraft,
    add_task,
    delete_task,
    draft_of,
    edit_task,
    edited_fields,
    find_document,
    list_documents,
    read_phrase,
    restore_task,
)
from desktop.services.tasks import TaskEditError, get_task
from desktop.services.unit_admin import merge_units, restore_unit, unit_rows
from tests.conftest import SEEDS, import_payload, task_json
from tests.services.test_unit_admin import unit_named

TODAY = date(2021, 7, 1)
NOW = datetime(2021, 7, 1, 9, 0)
SEED_000 = next(SEEDS.glob("000_*.txt"))


def rows(database: Database) -> dict[str, object]:
    return {r.ext_id: r for r in list_tasks(database, TaskFilter(today=TODAY))}


def test_a_phrase_is_read_as_the_import_reads_it() -> None:
    reading = read_phrase("Quý III năm 2024", None, None)
    assert reading.understood and reading.due == date(2024, 9, 30)
    assert reading.quarter == "Quý III/2024" and "hạn 30/09/2024" in reading.summary
    yearly = read_phrase("hằng năm", date(2021, 4, 7), date(2025, 12, 31))
    assert yearly.kind == "recurring" and yearly.occurrences == 5
    unread = read_phrase("khi có chỉ đạo của cấp trên xyz", None, None)
    assert unread.summary.startswith("Chưa đọc được") or unread.kind == "conditional"
    assert not read_phrase("ngày 45 tháng 13", None, None).understood


def test_add_a_task_without_a_document(database: Database) -> None:
    draft = TaskDraft(
        title="Tổng kết 5 năm thực hiện Nghị quyết",
        lead_unit="Ban Tuyên giáo",
        support_units=("Văn phòng", "Văn phòng", "Ban Tuyên giáo"),
        deadline_text="Quý III năm 2024",
    )
    task_id, change = add_task(database, draft, now=NOW)
    assert change.tasks and task_id in change.task_ids
    detail = get_task(database, task_id)
    assert detail.title == draft.title and detail.lead_unit == "Ban Tuyên giáo"
    # The lead is not also a support unit; a repeated name counts once.
    assert detail.support_units == ("Văn phòng",)
    assert detail.due == date(2024, 9, 30) and detail.kind == "dated"
    assert detail.document_title == "Nhiệm vụ thêm ngoài văn bản" and detail.ext_id == "TM.1"
    assert [h.field for h in detail.history] == ["created"]
    second, _ = add_task(database, TaskDraft(title="Việc thứ hai"), now=NOW)
    assert get_task(database, second).ext_id == "TM.2"
    # The holder document is not offered as a document to add to.
    assert list_documents(database) == []
    with pytest.raises(TaskEditError, match="không được để trống"):
        add_task(database, TaskDraft(title="   "))


def test_add_to_a_document_reads_the_deadline_against_its_issue_date(database: Database) -> None:
    import_payload(database, task_json([{"id": "PL.1", "title": "Một"}]))
    document = find_document(database, "10-ctr/đuk")
    task_id, _ = add_task(
        database, TaskDraft(title="Hai", deadline_text="hằng năm"), document_id=document.id
    )
    detail = get_task(database, task_id)
    assert detail.document_number == "10-CTr/ĐUK"
    # Yearly within the programme 2021-2025, from the document's issue date.
    assert [o.due.year for o in detail.occurrences] == [2021, 2022, 2023, 2024, 2025]
    with pytest.raises(TaskEditError, match="Không tìm thấy văn bản"):
        find_document(database, "99-CTr/XYZ")
    # A re-import of the document does not call the added task "gone from the document".
    plan = import_payload(database, task_json([{"id": "PL.1", "title": "Một (sửa)"}])).plan
    assert plan.vanished_ids == () and not get_task(database, task_id).missing_from_source


def test_edit_records_each_field_and_rederives_the_deadline(database: Database) -> None:
    task_id, _ = add_task(
        database, TaskDraft(title="Một", deadline_text="Quý II năm 2021"), today=TODAY
    )
    before = draft_of(database, task_id)
    edit_task(
        database,
        task_id,
        replace(before, title="Một (sửa)", lead_unit="Ban Tổ chức", deadline_text="hằng quý"),
        now=NOW,
    )
    detail = get_task(database, task_id)
    assert detail.title == "Một (sửa)" and detail.lead_unit == "Ban Tổ chức"
    assert detail.kind == "recurring" and detail.occurrences
    fields = {h.field for h in detail.history}
    assert {"title", "lead_unit", "deadline_text"} <= fields
    assert edited_fields(database, task_id) == {"title", "lead_unit", "deadline"}
    # Editing back (what undo does) restores the values and the set of corrected fields.
    edit_task(database, task_id, before, user_edited=frozenset())
    again = get_task(database, task_id)
    assert (again.title, again.lead_unit, again.due) == ("Một", None, date(2021, 6, 30))
    assert not again.occurrences and edited_fields(database, task_id) == frozenset()
    # Nothing changed: nothing written.
    assert not edit_task(database, task_id, before, user_edited=frozenset()).any


def test_delete_is_soft_recorded_and_restorable(database: Database) -> None:
    import_payload(
        database, task_json([{"id": "PL.1", "title": "Một"}, {"id": "PL.2", "title": "Hai"}])
    )
    task_id = rows(database)["PL.1"].id  # type: ignore[attr-defined]
    delete_task(database, task_id, now=NOW)
    assert list(rows(database)) == ["PL.2"]
    with pytest.raises(TaskEditError, match="đã bị xoá"):
        edit_task(database, task_id, TaskDraft(title="x"))
    # A re-import of the document leaves the deleted task deleted.
    import_payload(
        database, task_json([{"id": "PL.1", "title": "Một"}, {"id": "PL.2", "title": "Hai"}])
    )
    assert list(rows(database)) == ["PL.2"]
    restore_task(database, task_id, now=NOW)
    assert list(rows(database)) == ["PL.1", "PL.2"]
    history = [(h.field, h.old_value, h.new_value) for h in get_task(database, task_id).history]
    assert ("deleted", "0", "1") in history and ("deleted", "1", "0") in history
    with pytest.raises(TaskEditError, match="chưa bị xoá"):
        restore_task(database, task_id)


def _seed_000_json(path: Path, edit: dict[str, tuple[str, str]] | None = None) -> Path:
    """Seed 000 as the extractor reads it, with a document number (the seed's first page
    has none, and a numberless file that changed is by the rules another document)."""
    payload = extract_document(SEED_000)
    payload["document"]["number"] = "11-CTr/ĐU"
    for task in payload["tasks"]:
        old, new = (edit or {}).get(task["id"], ("", ""))
        if old:
            assert old in task["title"]
            task["title"] = task["title"].replace(old, new)
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def test_corrections_and_merges_survive_reimporting_seed_000(
    database: Database, tmp_path: Path
) -> None:
    """The acceptance test of issue 13 (without the preview's conflict chooser)."""
    original = _seed_000_json(tmp_path / "000.json")
    apply_import(database, plan_from_path(database, original))
    listed = list(rows(database).values())
    count = len(listed)
    first, second, third = listed[0], listed[1], listed[2]
    first_id, second_id, third_id = first.id, second.id, third.id  # type: ignore[attr-defined]
    # Three corrections: a title, a lead unit, a deadline.
    edit_task(
        database,
        first_id,
        replace(draft_of(database, first_id), title="Quán triệt Nghị quyết 58 (đã sửa)"),
    )
    edit_task(
        database, second_id, replace(draft_of(database, second_id), lead_unit="Văn phòng Đảng ủy")
    )
    edit_task(
        database, third_id, replace(draft_of(database, third_id), deadline_text="Quý IV năm 2022")
    )
    # Two spellings of one unit merged.
    source = unit_named(database, "Trung tâm CNTT").id
    target = unit_named(database, "Trung tâm Công nghệ thông tin").id
    snapshot, _ = merge_units(database, source, target)

    def check() -> None:
        now = {r.id: r for r in rows(database).values()}  # type: ignore[attr-defined]
        assert len(now) == count
        assert now[first_id].title == "Quán triệt Nghị quyết 58 (đã sửa)"
        assert now[second_id].lead_unit == "Văn phòng Đảng ủy"
        assert now[third_id].due == date(2022, 12, 31)
        names = {u.name for u in unit_rows(database)}
        assert "Trung tâm CNTT" not in names and "Trung tâm Công nghệ thông tin" in names

    check()
    same = plan_from_path(database, original)
    assert not same.writes_anything
    apply_import(database, same)
    check()
    # A changed copy: the first task's text changes in the file too (the user's text stays
    # and the plan says so); the second task's text change goes through.
    changed = _seed_000_json(
        tmp_path / "000-changed.json",
        {
            first.ext_id: ("kế hoạch cụ thể", "kế hoạch chi tiết"),  # type: ignore[attr-defined]
            second.ext_id: ("đăng tải", "đăng tải kịp thời"),  # type: ignore[attr-defined]
        },
    )
    plan = plan_from_path(database, changed)
    assert plan.existing_document_id is not None
    apply_import(database, plan)
    check()
    by_id = {t.data.ext_id: t for t in plan.tasks}
    assert by_id[first.ext_id].user_kept == ("title",)  # type: ignore[attr-defined]
    assert by_id[second.ext_id].action == "update"  # type: ignore[attr-defined]
    assert "kịp thời" in get_task(database, second_id).title
    # Progress, history: the corrections are in the history, nothing was dropped.
    assert {"title"} <= {h.field for h in get_task(database, first_id).history}
    # Undo of the merge brings the unit back with its tasks.
    restore_unit(database, snapshot)
    assert "Trung tâm CNTT" in {u.name for u in unit_rows(database)}
