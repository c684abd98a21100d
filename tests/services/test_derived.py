"""The derived columns and the history have one home: services/derived.py."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from db import Database
from db.models import HistoryEntry, Task
from desktop.services.derived import HistoryValue, history_text, history_value, refresh_task
from desktop.services.tasks import Progress, extend_deadline, record_progress
from desktop.services.units import find_unit, rename_unit
from tests.conftest import import_payload, task_json

DERIVED = ("open_due", "due_quarter", "search_key", "title_sort")
TASKS = [
    {"id": "1", "title": "Tuyên truyền", "lead_unit": "Ban Tuyên giáo",
     "support_units": ["Văn phòng"], "deadline_text": "Quý II năm 2021", "section": "I"},
    {"id": "2", "title": "Báo cáo năm", "lead_unit": "Ban Tổ chức",
     "deadline_text": "Quý IV hằng năm"},
    {"id": "3", "title": "Không hạn", "lead_unit": "Văn phòng"},
]  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("due", date(2021, 6, 30)),
        ("completed_on", date(2021, 1, 2)),
        ("hidden", True),
        ("missing_from_source", False),
        ("status", "done"),
        ("title", "2021-01-01 là ngày đầu năm"),  # a date-like text is still text
        ("result_ref", None),
    ],
)
def test_history_text_and_value_are_inverse(field: str, value: object) -> None:
    assert history_value(field, history_text(value)) == HistoryValue(value)


def test_extension_reason_is_read_back_structured() -> None:
    text = history_text(date(2021, 12, 31), "theo Công văn (số 5)")
    assert text == "2021-12-31 (gia hạn: theo Công văn (số 5))"
    assert history_value("due", text) == HistoryValue(date(2021, 12, 31), "theo Công văn (số 5)")
    assert history_value("due", "không phải ngày") == HistoryValue("không phải ngày")


def _derived(database: Database) -> dict[str, tuple[object, ...]]:
    with database.session() as session:
        return {
            t.ext_id: tuple(getattr(t, name) for name in DERIVED)
            for t in session.scalars(select(Task))
        }


def test_import_bulk_rows_and_refresh_agree(database: Database) -> None:
    """The importer's bulk insert and an editor's refresh compute the same columns."""
    import_payload(database, task_json(TASKS))
    before = _derived(database)
    with database.session() as session:
        for task in session.scalars(select(Task)):
            refresh_task(session, task)
    assert _derived(database) == before
    assert before["2"][0] == date(2021, 12, 31)  # the open occurrence's due date


def test_every_writer_keeps_the_columns_and_history(database: Database) -> None:
    import_payload(database, task_json(TASKS))
    ids = {t: i for i, t in _ids(database).items()}
    stamp = datetime(2021, 7, 1, 9, 0)
    record_progress(database, ids["1"], Progress("done", notes="đã xong"), today=date(2021, 7, 1))
    extend_deadline(database, ids["3"], date(2021, 9, 30), "mới giao", now=stamp)
    unit = find_unit(database, "Văn phòng")
    assert unit is not None
    rename_unit(database, unit.id, "Văn phòng Đảng ủy")
    with database.session() as session:
        tasks = {t.ext_id: t for t in session.scalars(select(Task))}
        assert tasks["1"].open_due is None and "da xong" in tasks["1"].search_key
        assert tasks["3"].due_quarter == 20213 and tasks["3"].open_due == date(2021, 9, 30)
        assert "van phong dang uy" in tasks["1"].search_key  # a support unit, renamed
        entries = {
            (h.field, h.new_value)
            for h in session.scalars(select(HistoryEntry).where(HistoryEntry.task_id == ids["3"]))
        }
    assert ("due", "2021-09-30 (gia hạn: mới giao)") in entries


def _ids(database: Database) -> dict[int, str]:
    with database.session() as session:
        return {
            task_id: ext_id for task_id, ext_id in session.execute(select(Task.id, Task.ext_id))
        }
