"""Backups with SQLite's online backup API, never a file copy.

A file copy of a WAL database taken while it is open can miss committed pages (Vorta's
mistake); ``sqlite3.Connection.backup`` copies a consistent snapshot.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from db.database import Database
from db.errors import DatabaseDamagedError, StorageError, translate
from db.partial_backups import partial_path, remove_stale_parts

BACKUP_DIRNAME = "backups"
KEEP_LAST = 10
EXIT_REASON = "khi-thoat"
DAMAGED_MARK = "damaged"
SIDE_FILES = ("-wal", "-shm", "-journal")
# Backup names carry their moment: ``…-YYYYMMDD-HHMMSS[-ffffff][-reason].sqlite3``.
_STAMP = re.compile(r"(?<!\d)(\d{8})-(\d{6})(?:-(\d{6}))?(?!\d)")


def readonly_uri(path: Path) -> str:
    """A ``file:`` URI opening *path* read-only.

    Characters such as ``?``, ``#`` and ``%`` are legal in folder names (“Sao lưu #1” on a
    USB stick) but mean something in a URI, so the path is percent-encoded.
    """
    posix = path.absolute().as_posix()
    if not posix.startswith("/"):
        posix = "/" + posix  # Windows: file:///C:/…
    return f"file:{quote(posix, safe='/:')}?mode=ro"


def backup_dir(database_path: Path) -> Path:
    return database_path.parent / BACKUP_DIRNAME


def _read_only(path: Path, sql: str) -> list[tuple[object, ...]] | None:
    """Rows of *sql* on a file opened read-only; None when it is not a readable database."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def integrity_ok(path: Path) -> bool:
    """``PRAGMA integrity_check`` on a file, without creating it if it is missing."""
    return _read_only(path, "PRAGMA integrity_check") == [("ok",)]


def _copy(source: Path, target: Path, *, journal_mode: str | None = None) -> None:
    """Copy *source* (opened read-only) into *target* with SQLite's online backup API.

    The one place a database is copied, for backups and restores alike: the API copies a
    consistent snapshot even while the window has the source open.
    """
    with (
        closing(sqlite3.connect(readonly_uri(source), uri=True)) as reader,
        closing(sqlite3.connect(target)) as writer,
    ):
        reader.backup(writer)
        if journal_mode is not None:
            writer.execute(f"PRAGMA journal_mode={journal_mode}")


BACKUP_OF = "backup.database_path"
"""The settings row, inside a backup, naming the database it was taken from."""


def _label(backup: Path, database_path: Path) -> None:
    """Write into *backup* which database it is a copy of (its absolute path).

    Backups of every database in a folder share its ``backups/`` folder: the label is
    what keeps one database from being offered another's backup.
    """
    with closing(sqlite3.connect(backup)) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(settings)")}
        if {"key", "value"} <= columns:  # a schema from before settings has no label
            connection.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                (BACKUP_OF, str(database_path.resolve())),
            )
            connection.commit()


def backup_source(backup: Path) -> str | None:
    """The database *backup* was taken from, as recorded in it (``None``: not recorded)."""
    rows = _read_only(backup, f"SELECT value FROM settings WHERE key = '{BACKUP_OF}'")
    return str(rows[0][0]) if rows else None


def belongs_to(backup: Path, database_path: Path) -> bool:
    """Whether *backup* is a copy of the database at *database_path*.

    The label inside the backup decides; a backup from before labels were written is
    matched by its name (``<database name>-<moment>-<reason>.sqlite3``).
    """
    source = backup_source(backup)
    if source is not None:
        return source == str(database_path.resolve())
    return backup.stem.startswith(f"{database_path.stem}-")


def backup_to(database_path: Path, target: Path) -> Path:
    """Write a consistent copy of the database to *target*, labelled, and verify it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target.parent)
    partial = partial_path(target)
    try:
        # The copy inherits WAL mode; as a single self-contained file it must not grow
        # -wal/-shm companions that a rename would leave behind.
        _copy(database_path, partial, journal_mode="DELETE")
        _label(partial, database_path)
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


def backup_before_write(database: Database, reason: str) -> Path | None:
    """The automatic copy taken before a large write, for a SQLite file.

    None for a shared server: copying it whole before every import would take minutes and
    lock out the other users; its backups are the administrator's ``pg_dump`` and the
    snapshot ``sonhiemvu backup`` writes (README).
    """
    if not database.is_sqlite or database.path is None:
        return None
    return automatic_backup(database.path, reason)


def list_backups(folder: Path) -> list[Path]:
    """Backups in *folder*, newest first.

    Sorted by the moment written in the name, not by the name itself: automatic copies
    (``<database stem>-…``) and copies made from the menu (``sonhiemvu-…``) must interleave
    by time, and a file's mtime changes when it is copied to and from a USB stick.
    Unfinished copies (``*.part``) are never listed.
    """
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.glob("*.sqlite3") if p.is_file()),
        key=lambda p: (_stamp_of(p), p.name),
        reverse=True,
    )


def _stamp_of(path: Path) -> str:
    match = _STAMP.search(path.stem)
    if match is None:
        # A file someone dropped in by hand sorts by its modification time.
        try:
            moment = datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            return ""
        return moment.strftime("%Y%m%d%H%M%S000000")
    return match.group(1) + match.group(2) + (match.group(3) or "000000")


def newest_good_backup(folder: Path) -> Path | None:
    """The newest backup in *folder* that passes ``PRAGMA integrity_check``.

    A damaged database must be replaced by a copy that is itself sound, so each candidate
    is checked in full, newest first, and a broken one is skipped rather than offered.
    """
    for candidate in list_backups(folder):
        if integrity_ok(candidate):
            return candidate
    return None


def backed_up_on_exit(folder: Path, day: date) -> bool:
    """Whether an exit backup was already taken on *day* (at most one a day)."""
    wanted = day.strftime("%Y%m%d")
    for path in list_backups(folder):
        if path.stem.endswith("-" + EXIT_REASON) and _stamp_of(path).startswith(wanted):
            return True
    return False


def daily_backup(database_path: Path, now: datetime | None = None) -> Path | None:
    """The backup taken when the window closes: at most one a day, rotated like the others.

    Returns ``None`` when today's copy already exists or there is nothing to back up.
    """
    moment = now or datetime.now()
    if backed_up_on_exit(backup_dir(database_path), moment.date()):
        return None
    return automatic_backup(database_path, EXIT_REASON, now=moment)


def move_aside(database_path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way, never deleting it.

    The renamed set keeps SQLite's naming (``X.damaged-…`` with ``X.damaged-…-wal``) so that
    someone recovering data by hand can open the file together with its journal. Returns
    the new path of the main file.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = database_path.with_name(f"{database_path.name}.{DAMAGED_MARK}-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = database_path.with_name(f"{database_path.name}.{DAMAGED_MARK}-{stamp}-{counter}")
    try:
        for suffix in SIDE_FILES:
            side = Path(str(database_path) + suffix)
            if side.exists():
                os.replace(side, Path(str(aside) + suffix))
        if database_path.exists():
            os.replace(database_path, aside)
    except OSError as error:
        known = translate(error)
        raise (
            known or StorageError(f"Không đổi tên được tệp cơ sở dữ liệu bị hỏng: {error}")
        ) from error
    return aside


def rotate(folder: Path, keep_last: int = KEEP_LAST) -> list[Path]:
    """Keep the newest *keep_last* backups plus the newest one of each month; delete the rest.

    Unfinished copies left by a killed backup go too (:mod:`db.partial_backups`).
    """
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
    return [*removed, *remove_stale_parts(folder)]


def _month_of(path: Path) -> str:
    # Names end in -YYYYMMDD-HHMMSS-ffffff-reason; the date is the first 8-digit part.
    for part in path.stem.split("-"):
        if len(part) == 8 and part.isdigit():
            return part[:6]
    return path.stem


def schema_revision(path: Path) -> str | None:
    """The Alembic revision stamped in a database file, or ``None`` when it has none."""
    rows = _read_only(path, "SELECT version_num FROM alembic_version")
    return str(rows[0][0]) if rows else None


def restore_from(backup: Path, database_path: Path) -> None:
    """Replace the database with *backup* through the backup API (the target stays one file)."""
    if not integrity_ok(backup):
        raise DatabaseDamagedError("Tệp sao lưu bị hỏng hoặc không phải cơ sở dữ liệu SQLite.")
    try:
        _copy(backup, database_path)
    except (sqlite3.Error, OSError) as error:
        known = translate(error)
        raise (known or StorageError(f"Không khôi phục được: {error}")) from error
    if not integrity_ok(database_path):
        raise DatabaseDamagedError(
            "Dữ liệu vừa khôi phục không vượt qua kiểm tra toàn vẹn. "
            "Bản sao lưu dữ liệu trước khi khôi phục vẫn còn trong thư mục sao lưu."
        )


APP_TABLES = frozenset({"alembic_version", "tasks", "documents", "units"})


def is_app_database(candidate: Path) -> bool:
    """A sound SQLite file holding this app's tables and a migration stamp."""
    if not integrity_ok(candidate):
        return False
    rows = _read_only(candidate, "SELECT name FROM sqlite_master WHERE type='table'") or []
    return {row[0] for row in rows} >= APP_TABLES
