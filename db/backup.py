"""Backups with SQLite's online backup API, never a file copy.

A file copy of a WAL database taken while it is open can miss committed pages (Vorta's
mistake); ``sqlite3.Connection.backup`` copies a consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from db.errors import DatabaseDamagedError, StorageError, translate

BACKUP_DIRNAME = "backups"
KEEP_LAST = 10


def backup_dir(database_path: Path) -> Path:
    return database_path.parent / BACKUP_DIRNAME


def integrity_ok(path: Path) -> bool:
    """``PRAGMA integrity_check`` on a file, without creating it if it is missing."""
    if not path.is_file():
        return False
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def backup_to(database_path: Path, target: Path) -> Path:
    """Write a consistent copy of the database to *target* and verify it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        source = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
        try:
            destination = sqlite3.connect(partial)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
        if not integrity_ok(partial):
            raise DatabaseDamagedError(
                "Bản sao lưu vừa tạo không vượt qua kiểm tra toàn vẹn; "
                "cơ sở dữ liệu có thể đã hỏng."
            )
        partial.replace(target)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        known = translate(error)
        raise (known or StorageError(f"Không sao lưu được: {error}")) from error
    return target


def automatic_backup(database_path: Path, reason: str, now: datetime | None = None) -> Path | None:
    """Back up before a risky step (import, migration, restore) and rotate old copies.

    Returns ``None`` when there is nothing yet to back up.
    """
    if not database_path.is_file() or database_path.stat().st_size == 0:
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir(database_path) / f"{database_path.stem}-{stamp}-{reason}.sqlite3"
    backup_to(database_path, target)
    rotate(backup_dir(database_path))
    return target


def list_backups(folder: Path) -> list[Path]:
    """Backups in *folder*, newest first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.sqlite3"), key=lambda p: p.name, reverse=True)


def rotate(folder: Path, keep_last: int = KEEP_LAST) -> list[Path]:
    """Keep the newest *keep_last* backups plus the newest one of each month; delete the rest."""
    backups = list_backups(folder)
    keep = set(backups[:keep_last])
    months: set[str] = set()
    for path in backups:
        month = _month_of(path)
        if month not in months:
            months.add(month)
            keep.add(path)
    removed = [p for p in backups if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _month_of(path: Path) -> str:
    # Names end in -YYYYMMDD-HHMMSS-ffffff-reason; the date is the first 8-digit part.
    for part in path.stem.split("-"):
        if len(part) == 8 and part.isdigit():
            return part[:6]
    return path.stem


def restore_from(backup: Path, database_path: Path) -> None:
    """Replace the database with *backup* through the backup API (the target stays one file)."""
    if not integrity_ok(backup):
        raise DatabaseDamagedError("Tệp sao lưu bị hỏng hoặc không phải cơ sở dữ liệu SQLite.")
    try:
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            destination = sqlite3.connect(database_path)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
    except (sqlite3.Error, OSError) as error:
        known = translate(error)
        raise (known or StorageError(f"Không khôi phục được: {error}")) from error
