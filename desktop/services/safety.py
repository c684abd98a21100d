"""Backups and restores as the user asks for them (Tệp › Sao lưu…, ``sonhiemvu backup``).

Also the command line's side of "one instance": the window holds a ``QLockFile`` in the
database's folder, and the command line's writing commands read that file (Qt-free) and
refuse politely while a living window holds it, instead of racing the window's writes.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from db import Database, DatabaseLockedError, DatabaseTooNewError, StorageError, open_database
from db.backup import (
    automatic_backup,
    backup_dir,
    backup_to,
    integrity_ok,
    is_app_database,
    restore_from,
    schema_revision,
)
from db.engine import data_dir, sqlite_file
from db.identity import ForeignDatabaseError, Owner, header_application_id, owner_of
from db.partial_backups import process_alive
from db.revisions import is_known_revision
from db.schema_check import SchemaMismatchError, verify_schema
from db.snapshot import replace_rows_from, snapshot_to_file

__all__ = [
    "LOCK_FILENAME",
    "backup_now",
    "ensure_not_held_by_window",
    "lock_path",
    "refuse_if_window_open",
    "looks_like_our_database",
    "restore_backup",
    "window_holder",
]

log = logging.getLogger(__name__)

# The window's QLockFile; it lives in the database's folder (the data folder by default).
LOCK_FILENAME = "sonhiemvu.lock"


def backup_now(database: Database, target: Path | None = None, *, force: bool = False) -> Path:
    """Back up to *target* (a file or a folder such as a USB stick), or to the backups folder.

    *target* never replaces the database itself, nor (unless *force*) a file that is not
    one of this app's databases (:mod:`desktop.services.output_paths`).
    """
    from desktop.services.output_paths import OutputKind, check_output_path

    name = f"sonhiemvu-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    if database.path is None:  # a shared server: a portable SQLite snapshot of it
        if target is None:
            target = data_dir() / "backups" / name
        elif target.is_dir():
            target = target / name
        check_output_path(target, OutputKind.BACKUP, database_path=None, force=force)
        return snapshot_to_file(database, target)
    path = database.path
    if target is None:
        target = backup_dir(path) / name
    elif target.is_dir():
        target = target / name
    check_output_path(target, OutputKind.BACKUP, database_path=path, force=force)
    return backup_to(path, target)


def looks_like_our_database(candidate: Path) -> bool:
    """A sound SQLite file holding this app's tables and a migration stamp."""
    return is_app_database(candidate)


def _not_a_backup(backup: Path, reason: str = "") -> StorageError:
    return StorageError(
        f"“{backup.name}” không phải bản sao lưu hợp lệ của Sổ nhiệm vụ"
        + (f" ({reason})" if reason else "")
        + ". Dữ liệu hiện tại không bị thay đổi."
    )


def check_backup_file(backup: Path) -> None:
    """Refuse, with the reason, a file that cannot safely replace the database.

    Quick checks from outside (sound, ours by id or tables, a known stamp); the schema
    itself is checked on a copy by :func:`verified_copy` before anything is replaced.
    """
    if not backup.is_file():
        raise StorageError(f"Không tìm thấy tệp sao lưu “{backup}”.")
    owner = owner_of(backup)
    if not looks_like_our_database(backup) or owner not in (Owner.OURS, Owner.OURS_NEWER):
        raise _not_a_backup(backup)
    revision = schema_revision(backup)
    if revision is None or not is_known_revision(revision):
        raise DatabaseTooNewError(
            f"“{backup.name}” được tạo bởi một phiên bản Sổ nhiệm vụ mới hơn. Hãy cài phiên bản "
            "mới nhất để khôi phục nó. Dữ liệu hiện tại không bị thay đổi."
        )


@contextmanager
def verified_copy(backup: Path) -> Iterator[Path]:
    """A copy of *backup*, brought to the current schema and checked in full; then removed.

    The copy is migrated like any database this app opens, then every table must have
    every column the models name and every row must read back (:mod:`db.schema_check`).
    Only this copy ever replaces the user's data, so a forged file (right table names and
    stamp, no real columns) is refused before anything is touched.
    """
    check_backup_file(backup)
    with tempfile.TemporaryDirectory(
        prefix="sonhiemvu-khoi-phuc-", ignore_cleanup_errors=True
    ) as folder:
        copy = Path(folder) / "kiem-tra.sqlite3"
        restore_from(backup, copy)
        try:
            database = open_database(copy)
        except DatabaseTooNewError:
            raise
        except Exception as error:
            log.warning("Backup %s could not be brought up to date: %s", backup, error)
            raise _not_a_backup(backup, "không đọc được cấu trúc dữ liệu") from error
        try:
            verify_schema(database)
        except SchemaMismatchError as error:
            raise _not_a_backup(backup, str(error)) from error
        except Exception as error:
            log.warning("Backup %s failed its schema check: %s", backup, error)
            raise _not_a_backup(backup, "không đọc được dữ liệu") from error
        finally:
            database.dispose()
        yield copy


def check_restore_target(path: Path) -> None:
    """Restore writes only onto this app's own database, a damaged one of it, or a new file.

    ``restore --db ~/Documents`` renamed the Documents folder aside; a Word file or another
    program's healthy database given as ``--db`` was renamed aside or overwritten.
    """
    if path.is_dir():
        raise StorageError(
            f"“{path}” là một thư mục, không phải tệp cơ sở dữ liệu; khôi phục không ghi vào "
            "đó. Không có gì bị thay đổi."
        )
    if not path.exists() or path.stat().st_size == 0:
        return
    if header_application_id(path) is None:
        raise StorageError(
            f"“{path.name}” không phải tệp cơ sở dữ liệu SQLite; khôi phục không ghi đè lên "
            "nó. Hãy chỉ đúng tệp dữ liệu của Sổ nhiệm vụ (hoặc một tên tệp mới). Nếu đây là "
            "cơ sở dữ liệu hỏng nặng, hãy tự đổi tên nó trước. Không có gì bị thay đổi."
        )
    if owner_of(path) is Owner.FOREIGN:
        raise ForeignDatabaseError()


def restore_backup(database: Database, backup: Path) -> Path | None:
    """Replace the database with *backup*, after backing up the current one.

    The file is checked first (sound, ours, not from a newer version), so a wrong file on a
    USB stick never replaces good data. Returns the path of the safety copy of the data that
    was replaced.
    """
    if database.path is None:
        return _restore_into_server(database, backup)
    path = database.path
    if path.exists() and backup.resolve() == path.resolve():
        raise StorageError("Tệp được chọn chính là cơ sở dữ liệu đang dùng.")
    with verified_copy(backup) as checked:
        safety_copy = automatic_backup(path, "truoc-khi-khoi-phuc")
        database.dispose()
        restore_from(checked, path)
    return safety_copy


def _restore_into_server(database: Database, backup: Path) -> Path:
    """A shared database takes a backup's rows in one transaction.

    A snapshot of what it held is written first (and returned), so the restore itself
    can be undone.
    """
    with verified_copy(backup) as checked:
        safety_copy = backup_now(database)
        replace_rows_from(database, checked)
    return safety_copy


def lock_path(folder: Path) -> Path:
    """Where the window's lock file lives for databases in *folder*."""
    return folder / LOCK_FILENAME


def window_holder(folder: Path) -> int | None:
    """The pid of a living window holding the lock in *folder*, else ``None``.

    Reads the ``QLockFile`` format (pid, application name, host name, one per line). A lock
    left by a killed window is stale and does not count; a lock written on another computer
    (a shared folder) cannot be checked, so it counts as held — refusing is the safe side.
    """
    try:
        lines = lock_path(folder).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if not lines:
        return None
    try:
        pid = int(lines[0].strip())
    except ValueError:
        return None
    host = lines[2].strip() if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return pid
    if pid == os.getpid() or not process_alive(pid):
        return None
    return pid


def ensure_not_held_by_window(database: Database) -> None:
    """Refuse a writing command while the window has this database open.

    Two writers would not corrupt SQLite, but the window would keep showing data that the
    command line had changed or replaced underneath it.
    """
    if database.path is None:
        return
    holder = window_holder(database.path.parent)
    if holder is not None:
        raise DatabaseLockedError(_held_message(holder))


def refuse_if_window_open(url_or_path: str | os.PathLike[str] | None) -> None:
    """:func:`ensure_not_held_by_window` for a database not opened yet (the command line).

    Checked before opening, because opening may itself write (a migration).
    """
    path = sqlite_file(url_or_path)
    if path is None:
        return
    holder = window_holder(path.parent)
    if holder is not None:
        raise DatabaseLockedError(_held_message(holder))


def _held_message(holder: int) -> str:
    return (
        f"Cửa sổ Sổ nhiệm vụ đang mở cơ sở dữ liệu này (tiến trình {holder}). Hãy đóng cửa sổ "
        "rồi chạy lại lệnh, hoặc làm việc này ngay trong cửa sổ. Không có gì bị thay đổi."
    )


def restore_into(url_or_path: str | os.PathLike[str] | None, backup: Path) -> Path | None:
    """Restore *backup* as the database at *url_or_path*, even when that one is damaged.

    ``sonhiemvu restore`` is the way back when the window cannot open a damaged database,
    so it must not need to open it: a sound current database is backed up first, a damaged
    one is renamed aside (never overwritten). Returns the safety copy or the aside file.
    """
    from db.backup import move_aside

    path = sqlite_file(url_or_path)
    if path is None:
        server = open_database(url_or_path)
        try:
            return _restore_into_server(server, backup)
        finally:
            server.dispose()
    if path.exists() and backup.resolve() == path.resolve():
        raise StorageError("Tệp được chọn chính là cơ sở dữ liệu đang dùng.")
    check_restore_target(path)
    kept: Path | None = None
    with verified_copy(backup) as checked:
        if path.exists():
            if integrity_ok(path):
                kept = automatic_backup(path, "truoc-khi-khoi-phuc")
            else:
                kept = move_aside(path)
        restore_from(checked, path)
    open_database(path).dispose()  # checks it and brings an older backup's schema up to date
    return kept
