"""Opening the database for the window: check it, and have a way back when it is damaged.

Qt-free, so it is tested without a window and the window only shows what it returns.

On open, ``PRAGMA quick_check`` runs before anything else (:func:`db.open_database`). A
damaged file is never written to: it is renamed aside (with its -wal/-shm) and the newest
backup that passes ``PRAGMA integrity_check`` is offered. A database from a newer app, a
locked or read-only one, or one on a network share is refused with a message and left as
it is.
"""

from __future__ import annotations

import enum
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db import Database, DatabaseDamagedError, StorageError, open_database
from db.backup import (
    backup_dir,
    belongs_to,
    daily_backup,
    list_backups,
    move_aside,
    restore_from,
)
from db.engine import data_dir, is_server_url, resolve_url, sqlite_file
from db.partial_backups import remove_stale_parts
from desktop.services.safety import check_backup_file, looks_like_our_database

log = logging.getLogger(__name__)

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.glusterfs",
    }
)


class StartupState(enum.Enum):
    READY = "ready"  # the database is open
    DAMAGED = "damaged"  # moved aside; offer a backup or an empty database
    MISSING = "missing"  # no database file, but backups exist: offer the newest
    REFUSED = "refused"  # too new, locked, read-only, network share…: message only


class NetworkShareError(StorageError):
    message = (
        "Cơ sở dữ liệu nằm trên ổ mạng dùng chung. SQLite trên ổ mạng có thể làm hỏng dữ liệu, "
        "nên Sổ nhiệm vụ không mở trực tiếp tệp này. Hãy chép tệp về máy này (hoặc dùng "
        "Tệp › Khôi phục… để lấy dữ liệu từ tệp đó). Tệp không bị thay đổi."
    )


@dataclass(frozen=True)
class StartupResult:
    """What the window shows at start: an open database, or a message and maybe an offer."""

    state: StartupState
    database: Database | None
    database_path: Path | None
    message: str = ""
    damaged_aside: Path | None = None
    good_backup: Path | None = None

    @property
    def can_restore(self) -> bool:
        return self.good_backup is not None and self.database_path is not None


DAMAGED_MESSAGE = (
    "Tệp cơ sở dữ liệu bị hỏng. Sổ nhiệm vụ không ghi gì vào tệp này; tệp đã được đổi tên "
    "thành “{aside}” và giữ nguyên để có thể cứu dữ liệu sau."
)
OFFER_MESSAGE = " Bản sao lưu tốt gần nhất: “{backup}” (lúc {when})."
NO_BACKUP_MESSAGE = " Không tìm thấy bản sao lưu nào còn tốt; có thể bắt đầu với dữ liệu trống."
MISSING_MESSAGE = (
    "Không tìm thấy tệp cơ sở dữ liệu “{path}”, nhưng còn bản sao lưu. "
    "Bản sao lưu tốt gần nhất: “{backup}” (lúc {when})."
)


def lock_folder(url_or_path: str | os.PathLike[str] | None = None) -> Path | None:
    """Where the window's single-instance lock lives: beside the SQLite file it guards.

    The command line looks there too before it writes (:mod:`desktop.services.safety`).
    None for a shared (server) database: several windows and people may work on it at
    once, kept apart by the tasks' versions and the change counter instead.
    """
    if is_server_url(url_or_path):
        return None
    path = sqlite_file(url_or_path)
    return path.parent if path is not None else data_dir()


def _mount_table() -> list[tuple[str, str]]:
    """(mount point, filesystem type) pairs from /proc/self/mountinfo, Linux only."""
    try:
        text = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    mounts = []
    for line in text.splitlines():
        left, _, right = line.partition(" - ")
        fields = left.split()
        kinds = right.split()
        if len(fields) >= 5 and kinds:
            point = fields[4].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
            mounts.append((point, kinds[0]))
    return mounts


def network_share_reason(path: Path) -> str | None:
    """Why *path* is on a network share (UNC path, network drive, NFS/SMB mount), or None.

    SQLite's locking is unreliable over network file systems and WAL does not work there
    at all; that is the classic way SQLite databases get corrupted.
    """
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return "đường dẫn mạng (UNC)"
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4:  # DRIVE_REMOTE
            return f"ổ mạng {drive}"
        return None
    target = os.path.abspath(text)
    best = ("", "")
    for point, kind in _mount_table():
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best[0]):
            best = (point, kind)
    if best[1] in NETWORK_FILESYSTEMS:
        return f"ổ mạng {best[1]} tại {best[0]}"
    return None


def _when(backup: Path) -> str:
    try:
        moment = datetime.fromtimestamp(backup.stat().st_mtime)
    except OSError:
        return "?"
    return moment.strftime("%H:%M %d/%m/%Y")


def newest_usable_backup(database_path: Path) -> Path | None:
    """The newest backup of *this* database that is sound, ours and not from a newer app.

    A backup of another database in the same folder is never offered (issue 15: a new
    database was offered its neighbour's data).
    """
    for candidate in list_backups(backup_dir(database_path)):
        if not looks_like_our_database(candidate) or not belongs_to(candidate, database_path):
            log.warning("Skipping unusable backup %s", candidate)
            continue
        try:
            check_backup_file(candidate)
        except StorageError:
            continue
        return candidate
    return None


def open_for_app(
    url_or_path: str | os.PathLike[str] | None = None, *, now: datetime | None = None
) -> StartupResult:
    """Open the database the window will use, or say why not and what can be done."""
    url = resolve_url(url_or_path)
    path = sqlite_file(url)
    if path is not None:
        reason = network_share_reason(path)
        if reason is not None:
            log.warning("Refusing database on a network share (%s): %s", reason, path)
            return StartupResult(
                StartupState.REFUSED, None, path, f"{NetworkShareError.message} ({reason})"
            )
        if not path.exists():
            backup = newest_usable_backup(path)
            if backup is not None:
                return StartupResult(
                    StartupState.MISSING,
                    None,
                    path,
                    MISSING_MESSAGE.format(path=path, backup=backup.name, when=_when(backup)),
                    good_backup=backup,
                )
    try:
        database = open_database(url)
    except DatabaseDamagedError:
        log.exception("The database failed its start-up check: %s", path)
        if path is None:
            return StartupResult(StartupState.REFUSED, None, None, DatabaseDamagedError.message)
        return _damaged(path, now)
    except StorageError as error:
        log.warning("Cannot open the database %s: %s", path, error)
        return StartupResult(StartupState.REFUSED, None, path, str(error))
    if path is not None:
        if not writable(path):
            log.warning("The database is read-only: %s", path)
            return StartupResult(StartupState.READY, database, path, READ_ONLY_MESSAGE)
        remove_stale_parts(backup_dir(path))  # left by a backup killed half-way
    return StartupResult(StartupState.READY, database, path)


READ_ONLY_MESSAGE = (
    "Cơ sở dữ liệu chỉ cho phép đọc (tệp hoặc thư mục chứa nó không có quyền ghi). "
    "Có thể xem và in báo cáo, nhưng mọi thay đổi sẽ không lưu được. Hãy nhờ người quản "
    "trị máy cấp quyền ghi cho tệp và thư mục đó, rồi mở lại chương trình."
)


def writable(path: Path) -> bool:
    """Whether this program may write the database file and its folder (journal, WAL).

    Said at start: finding out at the first save, after the user typed her progress,
    is too late.
    """
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _damaged(path: Path, now: datetime | None) -> StartupResult:
    try:
        aside = move_aside(path, now)
    except StorageError as error:
        return StartupResult(
            StartupState.REFUSED,
            None,
            path,
            f"{DatabaseDamagedError.message} Không đổi tên được tệp hỏng: {error}",
        )
    message = DAMAGED_MESSAGE.format(aside=aside.name)
    backup = newest_usable_backup(path)
    if backup is not None:
        message += OFFER_MESSAGE.format(backup=backup.name, when=_when(backup))
    else:
        message += NO_BACKUP_MESSAGE
    return StartupResult(StartupState.DAMAGED, None, path, message, aside, backup)


def restore_newest(result: StartupResult) -> Database:
    """Put the offered backup in place of the missing/damaged database and open it."""
    if result.good_backup is None or result.database_path is None:
        raise StorageError("Không có bản sao lưu nào để khôi phục.")
    if result.database_path.exists():
        # Never overwrite a file here: the damaged one was moved aside, and a file that
        # appeared since belongs to someone; keep it aside too.
        move_aside(result.database_path)
    restore_from(result.good_backup, result.database_path)
    return open_database(result.database_path)


def start_empty(result: StartupResult) -> Database:
    """Create a new, empty database where the damaged one was (it stays aside)."""
    if result.database_path is None:
        raise StorageError("Không có đường dẫn cơ sở dữ liệu.")
    if result.database_path.exists():
        move_aside(result.database_path)
    return open_database(result.database_path)


def backup_on_exit(database: Database, now: datetime | None = None) -> Path | None:
    """The window's closing backup: at most one a day; ``None`` when none was needed."""
    if not database.is_sqlite or database.path is None:
        return None
    database.dispose()  # let the last connection checkpoint the WAL first
    return daily_backup(database.path, now)
