"""Opening the database for the window: damaged, missing, too new, network share."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from db import Database, open_database
from db.backup import automatic_backup, backup_dir, list_backups
from desktop.services import startup
from desktop.services.startup import (
    StartupState,
    backup_on_exit,
    network_share_reason,
    open_for_app,
    restore_newest,
    start_empty,
)
from tests.conftest import import_payload, task_json

# A SQLite file's start-up checks only (damaged, missing, daily backup).
pytestmark = pytest.mark.sqlite_only

ONE = [{"id": "1", "title": "Nhiệm vụ một", "deadline_text": "Quý II năm 2021"}]
TWO = ONE + [{"id": "2", "title": "Nhiệm vụ hai"}]


def _count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM tasks").fetchone()[0])


def _damage(path: Path) -> bytes:
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)
    raw = bytearray(path.read_bytes())
    # Overwrite the pages after the schema page: the tables' b-trees become garbage.
    for offset in range(4096 * 2, len(raw)):
        raw[offset] = 0x55
    path.write_bytes(bytes(raw))
    return bytes(raw)


def test_a_sound_database_opens(db_path: Path) -> None:
    result = open_for_app(db_path)
    assert result.state is StartupState.READY and result.database is not None
    result.database.dispose()


def test_a_damaged_database_is_kept_aside_and_the_newest_good_backup_offered(
    database: Database, db_path: Path
) -> None:
    import_payload(database, task_json(ONE))
    import_payload(database, task_json(TWO))  # backs up the one-task state first
    database.dispose()
    damaged = _damage(db_path)
    # A newer backup that is itself broken must be skipped.
    broken = backup_dir(db_path) / "sonhiemvu-20990101-000000-000000-x.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    result = open_for_app(db_path, now=datetime(2024, 5, 1, 9, 0))
    assert result.state is StartupState.DAMAGED
    assert result.damaged_aside is not None and result.damaged_aside.read_bytes() == damaged
    assert result.damaged_aside.name == "sonhiemvu.sqlite3.damaged-20240501-090000"
    assert "bị hỏng" in result.message and "Bản sao lưu tốt gần nhất" in result.message
    assert result.good_backup is not None and result.good_backup != broken
    assert not db_path.exists()  # nothing was written in its place yet
    restored = restore_newest(result)
    try:
        assert _count(db_path) == 1
    finally:
        restored.dispose()


def test_a_damaged_database_without_backups_can_start_empty(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4096)
    result = open_for_app(db_path)
    assert result.state is StartupState.DAMAGED and not result.can_restore
    assert "Không tìm thấy bản sao lưu" in result.message
    fresh = start_empty(result)
    try:
        assert _count(db_path) == 0
        assert result.damaged_aside is not None and result.damaged_aside.exists()
    finally:
        fresh.dispose()


def test_a_missing_database_with_backups_offers_them(database: Database, db_path: Path) -> None:
    import_payload(database, task_json(ONE))
    automatic_backup(db_path, "x")
    database.dispose()
    for side in ("", "-wal", "-shm"):
        Path(str(db_path) + side).unlink(missing_ok=True)
    result = open_for_app(db_path)
    assert result.state is StartupState.MISSING and result.can_restore
    restored = restore_newest(result)
    try:
        assert _count(db_path) == 1
    finally:
        restored.dispose()


def test_a_database_from_a_newer_app_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num='9999_future'")
    before = db_path.read_bytes()
    result = open_for_app(db_path)
    assert result.state is StartupState.REFUSED and "mới hơn" in result.message
    assert db_path.read_bytes() == before
    assert list_backups(backup_dir(db_path)) == []


def test_network_shares_are_recognised(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert network_share_reason(Path(r"\\server\chung\sonhiemvu.sqlite3")) is not None
    assert network_share_reason(tmp_path / "a.sqlite3") is None
    monkeypatch.setattr(startup, "_mount_table", lambda: [("/", "ext4"), ("/mnt/chung", "cifs")])
    assert network_share_reason(Path("/mnt/chung/sonhiemvu.sqlite3")) is not None
    assert network_share_reason(Path("/mnt/chungkhac/x.sqlite3")) is None
    result = open_for_app(Path("/mnt/chung/sonhiemvu.sqlite3"))
    assert result.state is StartupState.REFUSED and "ổ mạng" in result.message
    assert not Path("/mnt/chung/sonhiemvu.sqlite3").exists()


def test_exit_backup_once_a_day(database: Database, db_path: Path) -> None:
    import_payload(database, task_json(ONE))
    assert backup_on_exit(database, datetime(2024, 5, 1, 17, 0)) is not None
    assert backup_on_exit(database, datetime(2024, 5, 1, 17, 5)) is None
    assert _count(db_path) == 1  # the database still works after the closing backup


def test_backups_are_offered_only_to_their_own_database(database: Database, db_path: Path) -> None:
    from db.backup import backup_source

    import_payload(database, task_json(ONE))
    taken = automatic_backup(db_path, "x")
    database.dispose()
    assert taken is not None and backup_source(taken) == str(db_path.resolve())
    # A new database beside it, sharing the backups folder: starts empty, no offer.
    neighbour = db_path.with_name("khac.sqlite3")
    result = open_for_app(neighbour)
    assert result.state is not StartupState.MISSING and result.good_backup is None
    assert result.database is not None
    result.database.dispose()
    # Named like this database but taken from another place: not this one's either.
    moved = backup_dir(db_path) / f"{db_path.stem}-20991231-000000-000000-x.sqlite3"
    other = db_path.parent / "elsewhere" / db_path.name
    other.parent.mkdir()
    open_database(other).dispose()
    automatic_backup(other, "x")
    list_backups(backup_dir(other))[0].rename(moved)
    for side in ("", "-wal", "-shm"):
        Path(str(db_path) + side).unlink(missing_ok=True)
    result = open_for_app(db_path)
    assert result.state is StartupState.MISSING and result.good_backup == taken


def test_a_read_only_database_is_said_at_start(
    database: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    database.dispose()
    real_access = os.access

    def access(path: object, mode: int) -> bool:
        # What the OS answers for a file on a read-only share (root may write anything
        # here, so the answer is the OS's, simulated).
        if mode == os.W_OK and Path(str(path)) in (db_path, db_path.parent):
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    result = open_for_app(db_path)
    assert result.state is StartupState.READY and result.database is not None
    assert "chỉ cho phép đọc" in result.message and "thư mục khác" not in result.message
    result.database.dispose()
