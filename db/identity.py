"""Whose SQLite file is this? Decided before anything writes to it.

Opening a file read-write is not neutral: the engine switches it to WAL, a migration
stamps it. Another application's database (a browser's history, an accounting program's
``.db``) given as ``--db`` used to be switched to WAL — changed — while the message said
it was not; a database of another Alembic-based program was called "a newer Sổ nhiệm vụ".

So this app marks its databases with ``PRAGMA application_id`` (set when a database is
created and by migration 0005), and a file is recognised from the header bytes and a
read-only look before it is opened for writing:

* our id: ours;
* id 0 with this app's tables and a migration stamp of ours: ours, from before 0005;
* id 0 with our tables but a stamp we do not know: ours, from a newer version;
* an empty SQLite file (no tables): a new database may be created there;
* anything else: another program's file, refused untouched.

A file that is not SQLite at all is not decided here: the start-up check calls it damaged
and keeps it aside, never deleting it.
"""

from __future__ import annotations

import enum
import sqlite3
from pathlib import Path

from db.backup import readonly_uri
from db.errors import StorageError
from db.revisions import HEAD, is_known_revision

APPLICATION_ID = 0x534E4D56  # "SNMV": Sổ NhiệM Vụ, in the header at offset 68
SQLITE_MAGIC = b"SQLite format 3\x00"
APP_TABLES = frozenset({"alembic_version", "tasks", "documents", "units"})


class Owner(enum.Enum):
    OURS = "ours"
    OURS_NEWER = "ours, newer version"
    EMPTY = "empty"  # missing, zero bytes or a SQLite file without tables
    FOREIGN = "another program's database"
    NOT_SQLITE = "not SQLite (damaged or another kind of file)"


class ForeignDatabaseError(StorageError):
    message = (
        "Tệp này không phải cơ sở dữ liệu của Sổ nhiệm vụ mà của một chương trình khác. "
        "Sổ nhiệm vụ không mở và không thay đổi nó; hãy chọn đúng tệp dữ liệu."
    )


def header_application_id(path: Path) -> int | None:
    """The application id in a SQLite header, or None when *path* is not SQLite."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 72 or not header.startswith(SQLITE_MAGIC):
        return None
    return int.from_bytes(header[68:72], "big")


def owner_of(path: Path) -> Owner:
    """Who *path* belongs to, read without writing a byte (header, then ``mode=ro``)."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return Owner.EMPTY
    app_id = header_application_id(path)
    if app_id is None:
        return Owner.NOT_SQLITE
    try:
        connection = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            tables = {
                r[0]
                for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else None
        finally:
            connection.close()
    except sqlite3.Error:
        return Owner.NOT_SQLITE  # unreadable: the start-up check decides (damaged)
    if app_id not in (0, APPLICATION_ID):
        return Owner.FOREIGN
    if not tables:
        return Owner.EMPTY
    if app_id == 0 and not tables >= APP_TABLES:
        return Owner.FOREIGN
    if revision is not None and revision != HEAD and not is_known_revision(revision):
        return Owner.OURS_NEWER
    return Owner.OURS


def refuse_foreign(path: Path) -> None:
    """Raise :class:`ForeignDatabaseError` when *path* is another program's database."""
    if owner_of(path) is Owner.FOREIGN:
        raise ForeignDatabaseError()
