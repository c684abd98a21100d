"""Backups of a shared database: a SQLite snapshot, checked, restored all or nothing."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from db import open_database
from desktop.cli import main
from desktop.services.safety import backup_now, restore_backup
from desktop.services.tasks import Progress, get_task, record_progress
from tests.conftest import count_rows, import_payload, task_json

TODAY = date(2021, 7, 1)
TASKS = [
    {"id": "1", "title": "Tuyên truyền", "lead_unit": "Văn phòng"},
    {"id": "2", "title": "Báo cáo năm", "deadline_text": "Quý IV hằng năm"},
]


def test_backup_of_a_shared_database_is_a_checked_sqlite_file(
    shared_url: str, tmp_path: Path
) -> None:
    shared = open_database(shared_url)
    try:
        import_payload(shared, task_json(TASKS))
        (tmp_path / "usb").mkdir()
        path = backup_now(shared, tmp_path / "usb")
    finally:
        shared.dispose()
    assert path.parent == tmp_path / "usb" and path.suffix == ".sqlite3"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, no part
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM tasks").fetchone() == (2,)
    # The snapshot opens as an ordinary database of this app, on this PC.
    local = open_database(path)
    try:
        assert get_task(local, 1).title == "Tuyên truyền"
    finally:
        local.dispose()


def test_restore_brings_a_snapshot_back_into_the_server_whole(
    shared_url: str, tmp_path: Path
) -> None:
    shared = open_database(shared_url)
    try:
        import_payload(shared, task_json(TASKS))
        snapshot = backup_now(shared, tmp_path / "before.sqlite3")
        record_progress(shared, 1, Progress("done"), today=TODAY)
        import_payload(shared, task_json([{"id": "9", "title": "Sau"}], number="9-KH/ĐU"))
        safety_copy = restore_backup(shared, snapshot)
        assert safety_copy is not None and safety_copy.is_file()
        assert count_rows(shared, "tasks") == 2 and get_task(shared, 1).status == "todo"
        # New rows after a restore get fresh ids.
        import_payload(shared, task_json([{"id": "9", "title": "Sau"}], number="9-KH/ĐU"))
        assert count_rows(shared, "tasks") == 3
    finally:
        shared.dispose()


def test_a_bad_file_restores_nothing_into_the_server(shared_url: str, tmp_path: Path) -> None:
    shared = open_database(shared_url)
    import_payload(shared, task_json(TASKS))
    shared.dispose()
    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    assert main(["restore", str(bad), "--db", shared_url]) == 1
    shared = open_database(shared_url)
    try:
        assert count_rows(shared, "tasks") == 2
    finally:
        shared.dispose()


def test_cli_backup_and_restore_of_a_shared_database(shared_url: str, tmp_path: Path) -> None:
    shared = open_database(shared_url)
    import_payload(shared, task_json(TASKS))
    shared.dispose()
    target = tmp_path / "sao-luu.sqlite3"
    assert main(["backup", "-o", str(target), "--db", shared_url]) == 0
    shared = open_database(shared_url)
    record_progress(shared, 2, Progress("doing"), today=TODAY)
    shared.dispose()
    assert main(["restore", str(target), "--db", shared_url]) == 0
    shared = open_database(shared_url)
    try:
        assert get_task(shared, 2).status == "todo"
    finally:
        shared.dispose()
