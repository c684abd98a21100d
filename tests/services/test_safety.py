"""Backup and restore as the user asks for them, and the command line's lock check."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db import Database, DatabaseLockedError, DatabaseTooNewError, StorageError, open_database
from db.backup import backup_dir, list_backups
from desktop.cli import main
from desktop.services.safety import (
    backup_now,
    ensure_not_held_by_window,
    lock_path,
    looks_like_our_database,
    refuse_if_window_open,
    restore_backup,
    restore_into,
    window_holder,
)
from tests.conftest import import_payload, task_json

# Backups and the window lock of a SQLite file only.
pytestmark = pytest.mark.sqlite_only

ONE = [{"id": "1", "title": "Nhiệm vụ một", "deadline_text": "Quý II năm 2021"}]
TWO = ONE + [{"id": "2", "title": "Nhiệm vụ hai"}]


def _count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM tasks").fetchone()[0])


def test_backup_to_a_usb_folder_then_restore(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    import_payload(database, task_json(ONE))
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = backup_now(database, usb)
    assert copy.parent == usb and looks_like_our_database(copy)
    import_payload(database, task_json(TWO))
    assert _count(db_path) == 2
    safety_copy = restore_backup(database, copy)
    assert _count(db_path) == 1
    assert safety_copy is not None and _count(safety_copy) == 2  # nothing is lost by a restore


def test_restore_refuses_a_file_that_is_not_ours(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    import_payload(database, task_json(ONE))
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE x (y)")
    for candidate in (other, tmp_path / "missing.sqlite3"):
        with pytest.raises(StorageError):
            restore_backup(database, candidate)
    text = tmp_path / "notes.sqlite3"
    text.write_text("Sổ tay", encoding="utf-8")
    with pytest.raises(StorageError, match="không phải bản sao lưu hợp lệ"):
        restore_backup(database, text)
    assert _count(db_path) == 1


def test_restore_refuses_a_backup_from_a_newer_app(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    import_payload(database, task_json(ONE))
    newer = backup_now(database, tmp_path / "newer.sqlite3")
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num='9999_future'")
    with pytest.raises(DatabaseTooNewError, match="mới hơn"):
        restore_backup(database, newer)
    assert _count(db_path) == 1


def test_restore_into_a_damaged_database_moves_it_aside(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    import_payload(database, task_json(ONE))
    copy = backup_now(database, tmp_path / "copy.sqlite3")
    database.dispose()
    for side in ("-wal", "-shm"):
        Path(str(db_path) + side).unlink(missing_ok=True)
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8192)
    kept = restore_into(db_path, copy)
    assert kept is not None and kept.read_bytes().startswith(b"SQLite format 3\x00\x13")
    assert _count(db_path) == 1


def test_cli_backup_and_restore(
    database: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_payload(database, task_json(ONE))
    database.dispose()
    out = tmp_path / "usb" / "sao-luu.sqlite3"
    assert main(["backup", "--db", str(db_path), "-o", str(out)]) == 0
    assert "Đã sao lưu" in capsys.readouterr().out
    db = open_database(db_path)
    import_payload(db, task_json(TWO))
    db.dispose()
    assert main(["restore", "--db", str(db_path), str(out)]) == 0
    assert _count(db_path) == 1
    assert any("truoc-khi-khoi-phuc" in p.name for p in list_backups(backup_dir(db_path)))


def _write_lock(folder: Path, pid: int, host: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    host = socket.gethostname() if host is None else host
    lock_path(folder).write_text(f"{pid}\npython3\n{host}\nid\nboot\n", encoding="utf-8")


def test_a_living_window_holds_the_database(tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_lock(tmp_path, sleeper.pid)
        assert window_holder(tmp_path) == sleeper.pid
    finally:
        sleeper.kill()
        sleeper.wait()
    assert window_holder(tmp_path) is None  # the lock of a killed window is stale
    _write_lock(tmp_path, os.getpid(), host="another-pc")
    assert window_holder(tmp_path) == os.getpid()  # cannot check another PC: held
    lock_path(tmp_path).write_text("garbage", encoding="utf-8")
    assert window_holder(tmp_path) is None


def test_cli_writing_commands_refuse_while_the_window_is_open(
    database: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_payload(database, task_json(ONE))
    copy = backup_now(database, tmp_path / "copy.sqlite3")
    database.dispose()
    source = tmp_path / "tasks.json"
    import json

    source.write_text(json.dumps(task_json(TWO), ensure_ascii=False), encoding="utf-8")
    window = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _write_lock(db_path.parent, window.pid)
        with pytest.raises(DatabaseLockedError):
            refuse_if_window_open(str(db_path))
        with pytest.raises(DatabaseLockedError, match="Cửa sổ Sổ nhiệm vụ đang mở"):
            ensure_not_held_by_window(Database(f"sqlite:///{db_path}"))
        capsys.readouterr()
        assert main(["import", "--db", str(db_path), str(source)]) == 1
        assert "Cửa sổ Sổ nhiệm vụ đang mở" in capsys.readouterr().err
        assert main(["restore", "--db", str(db_path), str(copy)]) == 1
        assert main(["import", "--db", str(db_path), "--dry-run", str(source)]) == 0
        assert main(["backup", "--db", str(db_path), "-o", str(tmp_path / "b.sqlite3")]) == 0
    finally:
        window.kill()
        window.wait()
    assert _count(db_path) == 1
    assert main(["import", "--db", str(db_path), str(source)]) == 0
    assert _count(db_path) == 2
