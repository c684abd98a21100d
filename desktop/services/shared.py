"""Moving to a shared database: the SQLite file's data copied into an empty server database.

``sonhiemvu copy-to URL`` and the menu item both call :func:`copy_to_shared`. It is all or
nothing: the target is refused unless it holds no data, every row is written in one
transaction on the server, and the counts are compared afterwards; a failure part way
leaves the server database as empty as it was, and the SQLite file is only read.
"""

from __future__ import annotations

from sqlalchemy import text

from db import Database, StorageError, open_database
from db.engine import is_server_url
from db.transfer import copy_rows, row_counts
from desktop.services.progress import WorkProgress

NOT_A_SERVER = (
    "Địa chỉ đích phải là một cơ sở dữ liệu dùng chung, dạng "
    "postgresql://người-dùng@máy-chủ:5432/tên-cơ-sở-dữ-liệu."
)


def copy_to_shared(
    source: Database, target_url: str, progress: WorkProgress | None = None
) -> dict[str, int]:
    """Copy every row of *source* into the empty database at *target_url*.

    Returns the rows copied per table. The target's schema is created (or brought to this
    version) first, as opening any database does.
    """
    if not is_server_url(target_url):
        raise StorageError(NOT_A_SERVER)
    with source.engine.connect() as read:
        expected = row_counts(read)
    total = sum(expected.values())
    target = open_database(target_url)
    try:
        with target.engine.connect() as connection:
            if any(row_counts(connection).values()):
                raise StorageError(
                    "Cơ sở dữ liệu dùng chung này đã có dữ liệu; chỉ chép vào một cơ sở dữ "
                    "liệu trống. Không có gì được ghi."
                )
        done = 0

        def report(_table: str, _rows: int) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress.step(min(done * 2000, total), total)

        with source.engine.connect() as read, target.engine.begin() as write:
            written = copy_rows(read, write, report)
            if written != expected:
                raise StorageError("Số dòng chép được không khớp; không có gì được ghi.")
            # Other windows already on the server see the new data at their next poll.
            write.execute(text("UPDATE data_version SET counter = counter + 1 WHERE id = 1"))
        with target.engine.connect() as connection:
            if row_counts(connection) != expected:
                raise StorageError("Kiểm tra sau khi chép không khớp số dòng.")
    finally:
        target.dispose()
    return written
