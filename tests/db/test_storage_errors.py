"""Known storage troubles become a Vietnamese message and change nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from db import DatabaseDamagedError, DatabaseLockedError, open_database
from desktop.services.importer import import_path
from tests.conftest import task_json


def test_a_locked_database_gives_a_clear_error_and_writes_nothing(
    tmp_path: Path, db_path: Path
) -> None:
    open_database(db_path).dispose()
    source = tmp_path / "tasks.json"
    payload = task_json([{"id": "1", "title": "Nhiệm vụ", "deadline_text": "Quý II năm 2021"}])
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    database = open_database(db_path, busy_timeout_ms=200)
    holder = sqlite3.connect(db_path, timeout=0.1)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseLockedError) as error:
            import_path(database, source)
        assert "đang bị một chương trình khác sử dụng" in str(error.value)
    finally:
        holder.rollback()
        holder.close()
        database.dispose()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT count(*) FROM tasks").fetchone() == (0,)


def test_a_damaged_file_is_reported_not_overwritten(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4096)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError, match="bị hỏng"):
        open_database(db_path)
    assert db_path.read_bytes() == before
