"""Backups and restores as the user asks for them (Tệp › Sao lưu…, ``sonhiemvu backup``)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from db import Database, StorageError
from db.backup import automatic_backup, backup_dir, backup_to, integrity_ok, restore_from


def _sqlite_path(database: Database) -> Path:
    if database.path is None:
        raise StorageError("Sao lưu bằng tệp chỉ dùng được với cơ sở dữ liệu SQLite.")
    return database.path


def backup_now(database: Database, target: Path | None = None) -> Path:
    """Back up to *target* (a file or a folder such as a USB stick), or to the backups folder."""
    path = _sqlite_path(database)
    name = f"sonhiemvu-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    if target is None:
        target = backup_dir(path) / name
    elif target.is_dir():
        target = target / name
    return backup_to(path, target)


def looks_like_our_database(candidate: Path) -> bool:
    """A valid SQLite file holding this app's tables and a migration stamp."""
    if not integrity_ok(candidate):
        return False
    try:
        connection = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False
    return {"alembic_version", "tasks", "documents", "units"} <= tables


def restore_backup(database: Database, backup: Path) -> Path | None:
    """Replace the database with *backup*, after backing up the current one.

    Returns the path of the safety copy of the data that was replaced.
    """
    path = _sqlite_path(database)
    if not backup.is_file():
        raise StorageError(f"Không tìm thấy tệp sao lưu “{backup}”.")
    if not looks_like_our_database(backup):
        raise StorageError(
            f"“{backup.name}” không phải bản sao lưu hợp lệ của Sổ nhiệm vụ. "
            "Dữ liệu hiện tại không bị thay đổi."
        )
    safety_copy = automatic_backup(path, "truoc-khi-khoi-phuc")
    database.dispose()
    restore_from(backup, path)
    return safety_copy
