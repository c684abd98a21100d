"""``sonhiemvu copy-to URL``: a SQLite file's data into an empty shared database, whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from db import StorageError, open_database
from desktop.cli import main
from desktop.services.queries import TaskFilter, list_tasks
from desktop.services.shared import copy_to_shared
from desktop.services.tasks import Progress, get_task, record_progress
from tests.conftest import count_rows, import_payload, task_json

TODAY = date(2021, 7, 1)
TASKS = [
    {
        "id": "1",
        "title": "Tuyên truyền",
        "lead_unit": "Văn phòng",
        "support_units": ["Ban Tổ chức"],
    },
    {"id": "2", "title": "Báo cáo năm", "deadline_text": "Quý IV hằng năm"},
]


def test_copy_to_an_empty_shared_database_keeps_everything(
    db_path: Path, shared_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    local = open_database(db_path)
    import_payload(local, task_json(TASKS))
    record_progress(local, 1, Progress("done", notes="Xong"), today=TODAY)
    before = [
        (r.ext_id, r.title, r.status, r.support_units)
        for r in list_tasks(local, TaskFilter(today=TODAY))
    ]
    local.dispose()
    assert main(["copy-to", shared_url, "--db", str(db_path)]) == 0
    assert "Đã chép 2 nhiệm vụ" in capsys.readouterr().out
    shared = open_database(shared_url)
    try:
        after = [
            (r.ext_id, r.title, r.status, r.support_units)
            for r in list_tasks(shared, TaskFilter(today=TODAY))
        ]
        assert after == before
        assert get_task(shared, 1).progress_notes == "Xong"
        # The server's id sequences start past the copied ids: new rows insert fine.
        import_payload(shared, task_json([{"id": "9", "title": "Mới"}], number="99-KH/ĐU"))
        assert count_rows(shared, "tasks") == 3
    finally:
        shared.dispose()


def test_copy_into_a_database_that_has_data_writes_nothing(db_path: Path, shared_url: str) -> None:
    local = open_database(db_path)
    import_payload(local, task_json(TASKS))
    shared = open_database(shared_url)
    import_payload(shared, task_json([{"id": "X", "title": "Đã có"}], number="1-KH/ĐU"))
    try:
        with pytest.raises(StorageError, match="đã có dữ liệu"):
            copy_to_shared(local, shared_url)
        assert count_rows(shared, "tasks") == 1
    finally:
        shared.dispose()
        local.dispose()


def test_a_failure_part_way_leaves_the_shared_database_empty(
    db_path: Path, shared_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = open_database(db_path)
    import_payload(local, task_json(TASKS))
    from db import transfer

    real = transfer.copy_rows

    def failing(read, write, progress=None):  # type: ignore[no-untyped-def]
        def on_table(table: str, rows: int) -> None:
            if table == "occurrences":  # after documents, units and tasks
                raise OSError("mất kết nối giữa chừng")

        return real(read, write, on_table)

    monkeypatch.setattr("desktop.services.shared.copy_rows", failing)
    with pytest.raises(OSError, match="giữa chừng"):
        copy_to_shared(local, shared_url)
    local.dispose()
    shared = open_database(shared_url)
    try:
        for table in ("documents", "tasks", "units", "history"):
            assert count_rows(shared, table) == 0
    finally:
        shared.dispose()


def test_a_file_is_not_a_shared_database(db_path: Path, tmp_path: Path) -> None:
    local = open_database(db_path)
    try:
        with pytest.raises(StorageError, match="postgresql://"):
            copy_to_shared(local, str(tmp_path / "khac.sqlite3"))
    finally:
        local.dispose()
