"""Backups of a shared (PostgreSQL) database: a portable SQLite snapshot, and its restore.

A server's data is backed up as a SQLite file of the same schema (the same kind of file as
a SQLite user's backups), so any copy of the app can open, check and restore it, into a
server or into a file. Written to a partial file, checked (``integrity_check`` and the
row count of every table) and only then renamed into place. A restore replaces every row
of the server database in one transaction: all or nothing. An administrator may also run
``pg_dump`` on the server (README); this is the backup the app itself can make and check.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, text

from db.backup import integrity_ok
from db.database import Database
from db.engine import open_database
from db.errors import DatabaseDamagedError, StorageError, translate
from db.partial_backups import partial_path, remove_stale_parts
from db.transfer import copy_rows, data_tables, row_counts


def snapshot_to_file(database: Database, target: Path) -> Path:
    """Write every row of *database* into a new SQLite file at *target*, checked."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target.parent)
    partial = partial_path(target)
    partial.unlink(missing_ok=True)
    try:
        snapshot = open_database(partial)  # the schema at this version's head
        try:
            with database.engine.connect() as read, snapshot.engine.begin() as write:
                expected = row_counts(read)
                copy_rows(read, write)
            with snapshot.engine.connect() as connection:
                written = row_counts(connection)
            snapshot.engine.dispose()
            with snapshot.engine.begin() as connection:  # one file, no -wal beside it
                connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
        finally:
            snapshot.dispose()
        if written != expected or not integrity_ok(partial):
            raise DatabaseDamagedError(
                "Bản sao lưu vừa tạo không khớp với dữ liệu trên máy chủ; đã huỷ bản sao này."
            )
        partial.replace(target)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        for extra in ("-wal", "-shm"):
            Path(f"{partial}{extra}").unlink(missing_ok=True)
        known = translate(error)
        if known is not None and known is not error:
            raise known from error
        raise
    return target


def replace_rows_from(database: Database, checked_copy: Path) -> dict[str, int]:
    """Make *database* hold exactly the rows of *checked_copy*, in one transaction.

    *checked_copy* is a verified copy of a backup, migrated to this version's schema. A
    failure part way changes nothing.
    """
    source = Database(f"sqlite:///{checked_copy}")
    try:
        with source.engine.connect() as read, database.engine.begin() as write:
            for table in reversed(data_tables(write)):
                write.execute(delete(table))
            written = copy_rows(read, write)
            if written != row_counts(read):
                raise StorageError("Khôi phục không chép đủ dữ liệu; không có gì bị thay đổi.")
            write.execute(text("UPDATE data_version SET counter = counter + 1 WHERE id = 1"))
    finally:
        source.dispose()
    return written
